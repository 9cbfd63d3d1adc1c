#!/bin/sh
# bench/run.sh: speed and memory of every stage and of the whole pipeline, each
# next to a named baseline measured in the same run (make bench). Prints a Markdown
# table on stdout and keeps it in $WORK/bench.md.
#
# Knobs (environment):
#   BENCH_COPIES  copies of the corpus set in the inbox corpus (default 54: about
#                 2,000 documents / 50,000 pages with ../shared); each copy differs
#                 in its bytes, so deduplication cannot make the run trivial
#   BENCH_RUNS    runs per figure; the median is reported (default 3)
#   BENCH_E2E_RUNS  runs of the long end-to-end and linearity figures (default BENCH_RUNS)
#   BENCH_PAIR_RUNS runs of each side of ingest vs pdftotext, taken in turn (default
#                 2 x BENCH_RUNS: the two are close, and the machine's speed drifts)
#   BENCH_STORE_DOCS  documents in the synthetic store for the query figures (10000)
#   BENCH_WORK    scratch folder (default build-bench/work)
# Every figure is the median of BENCH_RUNS runs of the exact command shown in
# README.md; times come from GNU time (/usr/bin/time -f '%e %U %S %M').
set -eu
TOP=$(cd "$(dirname "$0")/.." && pwd)
BIN=${ATTEST_BIN:-$TOP/build-bench/bin}
SHARED=${SHARED:-$TOP/../shared}
COPIES=${BENCH_COPIES:-54}
RUNS=${BENCH_RUNS:-3}
E2E_RUNS=${BENCH_E2E_RUNS:-$RUNS}
PAIR_RUNS=${BENCH_PAIR_RUNS:-$((RUNS * 2))}
STORE_DOCS=${BENCH_STORE_DOCS:-10000}
WORK=${BENCH_WORK:-$TOP/build-bench/work}
export ATTEST_LEXICON=${ATTEST_LEXICON:-$TOP/lexicon}
export LC_ALL=C
PATH=$BIN:$PATH
[ -d "$SHARED/corpus" ] || { echo "bench: needs ../shared/corpus" >&2; exit 3; }
for t in pdftotext pdfinfo pdfunite sqlite3 python3 /usr/bin/time; do
	command -v "$t" >/dev/null || { echo "bench: needs $t (apt-get install poppler-utils sqlite3 time)" >&2; exit 3; }
done
mkdir -p "$WORK"
REPORT=$WORK/bench.md
: >"$REPORT"

say() { echo "$*" | tee -a "$REPORT"; }
note() { echo "bench: $*" >&2; }

# run_once TIMES CMD...: runs CMD once, appends "wall user sys maxrss_kb" to TIMES.
run_once() {
	_times=$1; shift
	# stdout goes to a file, not /dev/null: GNU grep (the baseline) notices
	# /dev/null and stops at its first match
	/usr/bin/time -f '%e %U %S %M' -o "$WORK/.t1" "$@" >"$WORK/.out" 2>"$WORK/.err" || {
		note "command failed: $*"; tail -3 "$WORK/.err" >&2; exit 3; }
	tail -1 "$WORK/.t1" >>"$_times"
}
# medians TIMES: "wall user sys maxrss_kb" (medians; maxrss is the largest over runs).
medians() {
	python3 - "$1" <<'PY'
import sys, statistics
rows = [list(map(float, l.split())) for l in open(sys.argv[1]) if l.strip()]
med = lambda i: statistics.median(r[i] for r in rows)
print(f"{med(0):.3f} {med(1):.3f} {med(2):.3f} {max(r[3] for r in rows):.0f}")
PY
}
# measure OUTVAR CMD...: runs CMD $RUNS times, sets OUTVAR to its medians; the
# runs stay in $WORK/.times_OUTVAR, as those of measure_turns do.
measure() {
	_var=$1; shift
	: >"$WORK/.times_$_var"
	_i=0
	while [ $_i -lt "$RUNS" ]; do
		run_once "$WORK/.times_$_var" "$@"
		_i=$((_i + 1))
	done
	_r=$(medians "$WORK/.times_$_var")
	eval "$_var=\"\$_r\""
}
# measure_turns N VAR SCRIPT [VAR SCRIPT ...]: runs the shell scripts in turn, N
# rounds, and sets each VAR to its script's medians; a machine that speeds up or
# slows down during the rounds then moves every figure of a ratio alike.
measure_turns() {
	_n=$1; shift
	_j=1
	while [ $_j -lt $# ]; do
		eval "_v=\${$_j}"
		: >"$WORK/.times_$_v"
		_j=$((_j + 2))
	done
	_i=0
	while [ $_i -lt "$_n" ]; do
		_j=1
		while [ $_j -lt $# ]; do
			eval "_v=\${$_j} _s=\${$((_j + 1))}"
			run_once "$WORK/.times_$_v" sh "$_s"
			_j=$((_j + 2))
		done
		_i=$((_i + 1))
	done
	_j=1
	while [ $_j -lt $# ]; do
		eval "_v=\${$_j}"
		_r=$(medians "$WORK/.times_$_v")
		eval "$_v=\"\$_r\""
		_j=$((_j + 2))
	done
}
# measure_pair AVAR BVAR SCRIPT_A SCRIPT_B: the two in turn, $PAIR_RUNS rounds.
measure_pair() {
	measure_turns "$PAIR_RUNS" "$1" "$3" "$2" "$4"
}
wall() { echo "$1" | cut -d' ' -f1; }
cpu() { echo "$1" | awk '{printf "%.2f", $2 + $3}'; }
busy() { echo "$1" | awk '{printf "%.2f", ($1 > 0 ? ($2 + $3) / $1 : 0)}'; }
rss() { echo "$1" | awk '{printf "%.0f", $4 / 1024}'; }
ratio() { python3 -c "a,b=float('$1'),float('$2'); print(f'{a/b:.2f}' if b else 'n/a')"; }
rate() { python3 -c "n,t=float('$1'),float('$2'); print(f'{n/t:,.0f}' if t else 'n/a')"; }
rate1() { python3 -c "n,t=float('$1'),float('$2'); print(f'{n/t:,.1f}' if t else 'n/a')"; }

# ---- corpus: the seeds and the real PDFs with a text layer, and the texts ----
SET=$WORK/set
if [ ! -d "$SET" ]; then
	mkdir -p "$SET"
	cp "$SHARED"/corpus/pdf/seeds/*.pdf "$SHARED"/corpus/text/*.txt "$SET"/
	for f in "$SHARED"/corpus/pdf/real/*.pdf; do
		case $(basename "$f") in SCANNED*) ;; *) cp "$f" "$SET"/ ;; esac
	done
fi
SET_PDF_PAGES=0
for f in "$SET"/*.pdf; do
	p=$(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ {print $2}')
	SET_PDF_PAGES=$((SET_PDF_PAGES + ${p:-0}))
done
SET_DOCS=$(ls "$SET" | wc -l)
SET_TXT_PAGES=0
for f in "$SET"/*.txt; do  # a text page is 3,000 characters, as a printed page
	SET_TXT_PAGES=$((SET_TXT_PAGES + ($(wc -c <"$f") + 2999) / 3000))
done
SET_PAGES=$((SET_PDF_PAGES + SET_TXT_PAGES))

# copies differ in their bytes (a PDF comment after %%EOF, a text line) so that
# every copy is a new document for the store
make_copies() {  # dest first last
	mkdir -p "$1"
	c=$2
	while [ "$c" -le "$3" ]; do
		d=$1/copy$c
		if [ ! -d "$d" ]; then
			mkdir -p "$d"
			for f in "$SET"/*; do
				case $f in
				*.pdf) { cat "$f"; printf '\n%% attest bench copy %d\n' "$c"; } >"$d/$(basename "$f")" ;;
				*) { cat "$f"; printf '\nBench copy %d.\n' "$c"; } >"$d/$(basename "$f")" ;;
				esac
			done
		fi
		c=$((c + 1))
	done
}
INBOX=$WORK/inbox
make_copies "$INBOX" 1 "$COPIES"
ALL_DOCS=$((SET_DOCS * COPIES))
ALL_PAGES=$((SET_PAGES * COPIES))

say "# attest bench"
say ""
say "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); $(uname -sr)."
say "Corpus set: $SET_DOCS documents ($SET_PDF_PAGES PDF pages, $SET_TXT_PAGES text pages); inbox corpus: $COPIES copies = $ALL_DOCS documents, $ALL_PAGES pages."
say "Each figure: median of $RUNS runs ($PAIR_RUNS for ingest and pdftotext; $E2E_RUNS for inbox end to end and linearity). The two sides of a ratio run in turn, round after round (extract with grep, load with sqlite3, -j 1 with -j 2). Ratios: attest ÷ baseline (throughput) — above 1 means attest is faster."
say ""
say "| what | attest | baseline | ratio | target |"
say "| --- | --- | --- | --- | --- |"

# ---- ingest vs pdftotext, one pass over the set's PDFs ----
note "ingest vs pdftotext"
cat >"$WORK/ingest.sh" <<SH
for f in "$SET"/*.pdf; do attest-ingest "\$f" >/dev/null 2>&1 || true; done
SH
cat >"$WORK/pdftotext.sh" <<SH
for f in "$SET"/*.pdf; do pdftotext "\$f" - >/dev/null 2>&1 || true; done
SH
measure_pair T_ING T_P2T "$WORK/ingest.sh" "$WORK/pdftotext.sh"
ING_PPS=$(rate "$SET_PDF_PAGES" "$(wall "$T_ING")")
P2T_PPS=$(rate "$SET_PDF_PAGES" "$(wall "$T_P2T")")
say "| ingest, PDF pages/s | $ING_PPS (cpu $(cpu "$T_ING") s, peak $(rss "$T_ING") MB) | pdftotext $P2T_PPS (cpu $(cpu "$T_P2T") s) | $(ratio "$(wall "$T_P2T")" "$(wall "$T_ING")") | ≥ 0.8 |"

# ---- start-up: where the per-file gap between the two comes from ----
# 200 starts each: attest-ingest printing its usage, pdftotext -v, and a program that
# only links poppler-glib (bench/poppler-start.c), the floor under attest-ingest
note "start-up"
cc -O2 -o "$WORK/poppler-start" "$TOP/bench/poppler-start.c" $(pkg-config --cflags --libs poppler-glib)
start_loop() { printf 'i=0; while [ $i -lt 200 ]; do %s >/dev/null 2>&1; i=$((i + 1)); done\n' "$1" >"$2"; }
start_loop attest-ingest "$WORK/start-ingest.sh"
start_loop "pdftotext -v" "$WORK/start-pdftotext.sh"
start_loop "$WORK/poppler-start" "$WORK/start-poppler.sh"
measure_pair T_SI T_SP "$WORK/start-ingest.sh" "$WORK/start-pdftotext.sh"
measure T_SG sh "$WORK/start-poppler.sh"
ms200() { python3 -c "print(f'{float(\"$1\") * 1000 / 200:.1f}')"; }
say "| start-up, ms per process | $(ms200 "$(wall "$T_SI")") (poppler-glib alone: $(ms200 "$(wall "$T_SG")")) | pdftotext $(ms200 "$(wall "$T_SP")") | $(ratio "$(wall "$T_SP")" "$(wall "$T_SI")") | — |"

# ---- extract: one large document of the set's text, then per document ----
note "extract vs grep -Eo"
XML=$WORK/xml
mkdir -p "$XML"
for f in "$SET"/*; do
	n=$(basename "$f")
	[ -s "$XML/$n.xml" ] || attest-ingest "$f" >"$XML/$n.xml" 2>/dev/null || rm -f "$XML/$n.xml"
done
python3 - "$XML" "$WORK/big.xml" "$WORK/big.txt" <<'PY'
# One large document made of the blocks of every set document, repeated to >= 24 MB
# of text, so that extract is measured at steady state (not process start-up).
import sys, glob, xml.etree.ElementTree as ET
src, out_xml, out_txt = sys.argv[1:4]
blocks = []
for p in sorted(glob.glob(src + "/*.xml")):
    for b in ET.parse(p).getroot().iter("block"):
        blocks.append(b)
size, reps, parts, texts = 0, 0, [], []
while size < 24 << 20:
    for b in blocks:
        t = "".join(b.itertext())
        size += len(t.encode())
        texts.append(t)
        parts.append(b)
    reps += 1
import hashlib
root = ET.Element("document", {"version": "1", "sha256": hashlib.sha256(b"attest bench big.xml").hexdigest(), "source": "big.xml",
                               "media-type": "text/plain", "pages": "0"})
page = ET.SubElement(root, "page")
for i, b in enumerate(parts, 1):
    nb = ET.SubElement(page, "block", dict(b.attrib))
    nb.set("id", str(i))
    nb.text, nb.tail = b.text, None
    for c in b:
        nb.append(c)
ET.ElementTree(root).write(out_xml, encoding="UTF-8", xml_declaration=True)
open(out_txt, "w").write("\n".join(texts))
PY
BIG_BYTES=$(wc -c <"$WORK/big.txt")
BIG_MB=$(python3 -c "print($BIG_BYTES / 1e6)")
GREP_RE='([0-3]?[0-9] (January|February|March|April|May|June|July|August|September|October|November|December) [12][0-9]{3})|((January|February|March|April|May|June|July|August|September|October|November|December) [12][0-9]{3})|([0-3]?[0-9][./][01]?[0-9][./][12][0-9]{3})|([0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?)|([0-9]+(\.[0-9]+)? ?(%|per cent|million|billion|thousand))|([0-9]+)'
cat >"$WORK/xdf.sh" <<SH
attest-extract --kinds date,figure --facts-only "$WORK/big.xml"
SH
cat >"$WORK/xall.sh" <<SH
attest-extract --facts-only "$WORK/big.xml"
SH
cat >"$WORK/grep.sh" <<SH
grep -Eo '$GREP_RE' "$WORK/big.txt"
SH
sync  # the documents just written are not flushed during the runs
measure_turns "$RUNS" T_XDF "$WORK/xdf.sh" T_XALL "$WORK/xall.sh" T_GREP "$WORK/grep.sh"
say "| extract dates+figures, MB/s (one core) | $(rate1 "$BIG_MB" "$(wall "$T_XDF")") (peak $(rss "$T_XDF") MB) | grep -Eo $(rate1 "$BIG_MB" "$(wall "$T_GREP")") | $(ratio "$(wall "$T_GREP")" "$(wall "$T_XDF")") | ≥ 20 MB/s |"
say "| extract all kinds, MB/s (one core) | $(rate1 "$BIG_MB" "$(wall "$T_XALL")") (peak $(rss "$T_XALL") MB) | grep -Eo $(rate1 "$BIG_MB" "$(wall "$T_GREP")") | $(ratio "$(wall "$T_GREP")" "$(wall "$T_XALL")") | |"

# ---- load vs sqlite3 .import of the same rows ----
note "load vs sqlite3 .import"
attest-extract "$WORK/big.xml" >"$WORK/big.facts"
NFACTS=$(grep -c '^[0-9]' "$WORK/big.facts" || true)
grep '^[0-9]' "$WORK/big.facts" | cut -f1-5 >"$WORK/big.rows"
cat >"$WORK/load.sh" <<SH
rm -f "$WORK/load.db" "$WORK/load.db-wal" "$WORK/load.db-shm"
attest-load --db "$WORK/load.db" --name big.xml <"$WORK/big.facts"
SH
cat >"$WORK/import.sh" <<SH
rm -f "$WORK/import.db"
sqlite3 "$WORK/import.db" "create table f(block int, start int, \"end\" int, kind text, quote text);" ".mode tabs" ".import '$WORK/big.rows' f"
SH
# SQLite's floor for the same store: a store made from store/schema.sql, to which
# sqlite3 copies the document, the blocks, their full-text index and the fact rows
# of the store load.sh has just made, in one transaction, with attest-load's pragmas.
# The WHERE keeps SQLite from its transfer optimisation: INSERT INTO t SELECT * FROM u
# into an empty t with the same indexes copies u's records and index entries as they
# are (the fact rows in 0.09-0.10 s instead of 0.33-0.34 s), which no load of new rows
# can do.
cat >"$WORK/floor.sh" <<SH
rm -f "$WORK/floor.db" "$WORK/floor.db-wal" "$WORK/floor.db-shm"
sqlite3 "$WORK/floor.db" "PRAGMA page_size = 16384" "PRAGMA journal_mode = WAL" ".read '$TOP/store/schema.sql'" >/dev/null
sqlite3 "$WORK/floor.db" "PRAGMA synchronous = NORMAL" "PRAGMA cache_size = -262144" "PRAGMA temp_store = MEMORY" \\
	"ATTACH '$WORK/load.db' AS src" "BEGIN IMMEDIATE" \\
	"INSERT INTO document SELECT * FROM src.document" "INSERT INTO block SELECT * FROM src.block WHERE 1" \\
	"INSERT INTO block_fts(rowid, text) SELECT block_id, text FROM src.block" \\
	"INSERT INTO fact SELECT * FROM src.fact WHERE 1" "COMMIT"
SH
measure_turns "$RUNS" T_LOAD "$WORK/load.sh" T_IMP "$WORK/import.sh" T_FLOOR "$WORK/floor.sh"
say "| load, facts/s ($NFACTS facts, one document) | $(rate "$NFACTS" "$(wall "$T_LOAD")") (cpu $(cpu "$T_LOAD") s, peak $(rss "$T_LOAD") MB) | sqlite3 .import $(rate "$NFACTS" "$(wall "$T_IMP")") | $(ratio "$(wall "$T_IMP")" "$(wall "$T_LOAD")") | ≥ 200,000 |"
say "| load, SQLite's floor: sqlite3 copying the same blocks, index and facts in one transaction, facts/s | $(rate "$NFACTS" "$(wall "$T_FLOOR")") (wall $(wall "$T_FLOOR") s) | attest-load $(rate "$NFACTS" "$(wall "$T_LOAD")") (wall $(wall "$T_LOAD") s) | | |"
# where one load's time goes (attest-load --timings, one more run)
rm -f "$WORK/load.db" "$WORK/load.db-wal" "$WORK/load.db-shm"
attest-load --timings --db "$WORK/load.db" --name big.xml <"$WORK/big.facts" 2>"$WORK/load.timings" >/dev/null
PHASES=$(sed -n 's/^attest-load: timing: \([a-z]*\) \([0-9.]*\) s$/\1 \2/p' "$WORK/load.timings" | paste -sd';' - | sed 's/;/ · /g')
say "| load, wall s by phase (one run, --timings) | $PHASES | | | |"

# ---- attest inbox end to end, -j 1 and -j 2 ----
note "inbox end to end ($ALL_DOCS documents)"
for j in 1 2; do
	cat >"$WORK/inbox$j.sh" <<SH
rm -f "$WORK/e2e$j.db" "$WORK/e2e$j.db-wal" "$WORK/e2e$j.db-shm"
attest inbox "$INBOX" --db "$WORK/e2e$j.db" -j $j || true
SH
done
measure_turns "$E2E_RUNS" T_E2E1 "$WORK/inbox1.sh" T_E2E2 "$WORK/inbox2.sh"
# cores busy = cpu / wall: -j 1 already runs ingest, extract and the previous
# file's load side by side, so on N cores -j 2 can gain at most N / (cores busy)
say "| inbox -j 1, docs/s · pages/s | $(rate1 "$ALL_DOCS" "$(wall "$T_E2E1")") · $(rate "$ALL_PAGES" "$(wall "$T_E2E1")") (wall $(wall "$T_E2E1") s, cpu $(cpu "$T_E2E1") s, cores busy $(busy "$T_E2E1")) | | | |"
say "| inbox -j 2, docs/s · pages/s | $(rate1 "$ALL_DOCS" "$(wall "$T_E2E2")") · $(rate "$ALL_PAGES" "$(wall "$T_E2E2")") (wall $(wall "$T_E2E2") s, cpu $(cpu "$T_E2E2") s, cores busy $(busy "$T_E2E2")) | inbox -j 1 | $(ratio "$(wall "$T_E2E1")" "$(wall "$T_E2E2")") | ≥ 1.6 |"

note "no-op rerun"
measure T_NOOP attest inbox "$INBOX" --db "$WORK/e2e2.db"
say "| no-op rerun over the $ALL_DOCS unchanged documents above, s | $(wall "$T_NOOP") | | | |"
# 1,000 documents exactly: 200 byte-different copies of each corpus text
NOOP=$WORK/noop
if [ ! -d "$NOOP" ]; then
	mkdir -p "$NOOP"
	c=1
	while [ $c -le 200 ]; do
		for f in "$SHARED"/corpus/text/*.txt; do
			{ cat "$f"; printf '\nCopy %d.\n' "$c"; } >"$NOOP/c$c-$(basename "$f")"
		done
		c=$((c + 1))
	done
fi
NOOP_DOCS=$(ls "$NOOP" | wc -l)
[ -s "$WORK/noop.db" ] || attest inbox "$NOOP" --db "$WORK/noop.db" -j 2 >/dev/null 2>&1 || true
measure T_NOOP1K attest inbox "$NOOP" --db "$WORK/noop.db"
say "| no-op rerun over $NOOP_DOCS unchanged documents, s | $(wall "$T_NOOP1K") | | | < 1 s |"

# ---- linearity: 1x, 2x, 4x ----
note "linearity"
BASE=$((COPIES / 4))
if [ "$BASE" -lt 1 ]; then
	say "| linearity | needs BENCH_COPIES ≥ 4 | | | |"
else
	for k in 1 2 4; do
		d=$WORK/lin$k
		rm -rf "$d"
		mkdir -p "$d"
		c=1
		while [ $c -le $((BASE * k)) ]; do ln -s "$INBOX/copy$c" "$d/copy$c"; c=$((c + 1)); done
		cat >"$WORK/lin$k.sh" <<SH
rm -f "$WORK/lin$k.db" "$WORK/lin$k.db-wal" "$WORK/lin$k.db-shm"
attest inbox "$d" --db "$WORK/lin$k.db" -j 2 || true
SH
	done
	# in turn, round after round, so that the machine's drift does not pass for growth
	measure_turns "$E2E_RUNS" T_LIN1 "$WORK/lin1.sh" T_LIN2 "$WORK/lin2.sh" T_LIN4 "$WORK/lin4.sh"
	for k in 1 2 4; do
		eval "t=\$T_LIN$k"
		n=$((SET_DOCS * BASE * k))
		per=$(python3 -c "print(f'{$(wall "$t") / $n * 1000:.1f}')")
		say "| linearity: $n documents, -j 2, s per 1,000 docs | $per (wall $(wall "$t") s) | | | flat |"
	done
fi

# ---- store of many documents: discrepancies and an analyst query ----
note "store of $STORE_DOCS documents"
SDB=$WORK/store$STORE_DOCS.db
# the store is kept between runs, and made again when the schema text has changed
SCHEMA_STAMP=$(cat "$TOP"/store/*.sql | sha256sum | cut -c1-64)
if [ "$(cat "$SDB.schema" 2>/dev/null)" != "$SCHEMA_STAMP" ]; then
	rm -rf "$SDB" "$SDB-wal" "$SDB-shm" "$WORK/streams"
fi
if [ ! -s "$SDB" ]; then
	for f in "$XML"/*.xml; do attest-extract "$f" >"$f.facts" 2>/dev/null || rm -f "$f.facts"; done
	python3 - "$XML" "$STORE_DOCS" "$WORK/streams" <<'PY'
# Distinct documents for the store: the set's facts streams with a fresh sha256 and
# name per copy (the store keys documents by sha256).
import sys, glob, hashlib, os
src, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
os.makedirs(out, exist_ok=True)
streams = [open(p, encoding="utf-8").read() for p in sorted(glob.glob(src + "/*.facts"))]
for i in range(n):
    s = streams[i % len(streams)]
    sha = hashlib.sha256(f"bench {i}".encode()).hexdigest()
    head, _, rest = s.partition('sha256="')
    old, _, tail = rest.partition('"')
    open(f"{out}/d{i:05d}.facts", "w", encoding="utf-8").write(head + 'sha256="' + sha + '"' + tail)
PY
	ls "$WORK/streams" | xargs -P 2 -I{} sh -c 'attest-load --db "$1" --name "$2" <"$3/$2" >/dev/null' _ "$SDB" {} "$WORK/streams"
	echo "$SCHEMA_STAMP" >"$SDB.schema"
fi
measure T_DISC sqlite3 "$SDB" "select count(*) from discrepancies"
measure T_QRY sqlite3 "$SDB" "select doc, page, para, value, period_from from facts where kind = 'figure' and measure is not null order by measure, period_from limit 200"
say "| select count(*) from discrepancies, $STORE_DOCS documents, s | $(wall "$T_DISC") | | | < 1 s |"
say "| analyst query (figures of a measure over time), s | $(wall "$T_QRY") | | | |"

# ---- peak memory: the largest PDF, and a 500-page PDF ----
note "peak RSS"
LARGEST=$(ls -S "$SET"/*.pdf | head -1)
measure T_BIG attest-ingest "$LARGEST"
P500=$WORK/500pages.pdf
if [ ! -s "$P500" ]; then
	set --
	n=0
	while [ $n -lt 500 ]; do
		for f in $(ls -S "$SET"/*.pdf | head -3); do
			set -- "$@" "$f"
			n=$((n + $(pdfinfo "$f" | awk '/^Pages:/ {print $2}')))
		done
	done
	pdfunite "$@" "$P500"
fi
P500_PAGES=$(pdfinfo "$P500" | awk '/^Pages:/ {print $2}')
measure T_500 attest-ingest "$P500"
measure T_500B pdftotext "$P500" -
say "| peak RSS, largest PDF ($(basename "$LARGEST")), MB | $(rss "$T_BIG") | | | |"
say "| peak RSS, $P500_PAGES-page PDF, MB | $(rss "$T_500") (wall $(wall "$T_500") s) | pdftotext $(rss "$T_500B") MB (wall $(wall "$T_500B") s) | | < 200 MB |"
say ""
say "Kept in $REPORT."
