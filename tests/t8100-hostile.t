#!/bin/sh
# t8100: hostile input. Every file of ../shared/corpus/pdf/hostile/ and inputs made
# here (bombs, entity tricks, a 2 GB sparse file, a FIFO, a symlink loop, a file that
# grows while read, hostile file names) is either ingested or rejected by attest-ingest
# within a time limit: exit 0 with well-formed XML, or exit 1 with one stderr line and
# nothing on stdout; never a signal, never a hang. External entities stay inert: a
# canary file they point at never shows in the output, and nobody connects to a
# listener they point at. Then, once `attest inbox` exists, all of them go into one
# inbox with good files: the run finishes, the good files load and every bad one is
# recorded in `rejects` with a reason.
#
# Known bugs are marked TODO (TAP): they are reported, and pass as soon as fixed.
. "$(dirname "$0")/lib.sh"
# a snapshot of the lexicon, so that runs compared with each other extract alike
if [ -d "$ATTEST_LEXICON" ]; then
	cp -R "$ATTEST_LEXICON" "$TMP/lexicon"
	ATTEST_LEXICON=$TMP/lexicon
	export ATTEST_LEXICON
fi

LIMIT=$((${HOSTILE_TIMEOUT:-30} * SLOW))   # seconds per file
# The PDF reader's own watchdog (a loop in poppler): short here, to keep the test fast.
ATTEST_PDF_TIMEOUT=${ATTEST_PDF_TIMEOUT:-5}
export ATTEST_PDF_TIMEOUT
H=$TMP/hostile
mkdir -p "$H"

# ingest_ok DESC FILE [TODO-REASON]: exit 0 or 1 within LIMIT; exit 0 → XML that
# xmllint accepts; exit 1 → one stderr line naming the program, empty stdout.
ingest_ok() {
	_todo=${3:-}
	timeout -k 5 "$LIMIT" attest-ingest "$2" >"$TMP/out" 2>"$TMP/err"
	_rc=$?
	_lines=$(wc -l <"$TMP/err" | tr -d ' ')
	_why=
	case $_rc in
	0) xmllint --noout "$TMP/out" 2>/dev/null || _why="exit 0 but the XML is not well-formed" ;;
	1) if [ -s "$TMP/out" ]; then _why="exit 1 but wrote to stdout"
	   elif [ "$_lines" != 1 ]; then _why="exit 1 with $_lines stderr lines"
	   elif ! grep -q '^attest-ingest: ' "$TMP/err"; then _why="stderr line does not name the program"
	   fi ;;
	124|137) _why="no answer within $LIMIT s" ;;
	*) _why="exit status $_rc" ;;
	esac
	if [ -z "$_why" ]; then
		_report 0 "$1 (exit $_rc${_lines:+, $(head -c 90 "$TMP/err" | tr '\n' ' ')})"
	elif [ -n "$_todo" ]; then
		_n=$((_n + 1)); echo "not ok $_n - $1: $_why # TODO $_todo"
	else
		_report 1 "$1: $_why"; sed 's/^/#   /' "$TMP/err" | head -5
	fi
	echo "$_rc" >"$TMP/rc"
}

# ---- the shared hostile PDFs ----
if have_shared && [ -d "$SHARED/corpus/pdf/hostile" ]; then
	for f in "$SHARED"/corpus/pdf/hostile/*.pdf; do
		b=$(basename "$f")
		todo=
		ingest_ok "shared hostile $b" "$f" "$todo"
		cp "$f" "$H/$b"
	done
else
	echo "# no $SHARED/corpus/pdf/hostile: shared hostile PDFs not tried"
fi

# ---- our own ----
GOOD="46. The Committee notes that, according to the State party, 1,245 migrant workers
were registered between 1 January 2019 and 31 March 2020."

# A gzip bomb (100 MB of zeros in ~100 KB) and a zip of it: not documents.
head -c 100000000 /dev/zero | gzip -1 >"$H/bomb.gz"
ingest_ok "gzip bomb" "$H/bomb.gz"
python3 - "$H/bomb.zip" <<'EOF'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("word/document.xml", b"<w:t>" + b"A" * 50_000_000 + b"</w:t>")
EOF
ingest_ok "zip bomb (a .docx-like zip)" "$H/bomb.zip"

# A PDF whose one content stream inflates to 64 MB.
python3 - "$H/flate-bomb.pdf" <<'EOF'
import sys, zlib
content = b"BT /F1 12 Tf 72 720 Td (Flate bomb page 1 of 1) Tj ET\n" + b" " * (64 << 20)
data = zlib.compress(content, 9)
objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
out, offs = b"%PDF-1.4\n", []
for i, o in enumerate(objs, 1):
    offs.append(len(out)); out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
x = len(out)
out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
out += b"".join(b"%010d 00000 n \n" % o for o in offs)
out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, x)
open(sys.argv[1], "wb").write(out)
EOF
ingest_ok "PDF with a 64 MB flate bomb stream" "$H/flate-bomb.pdf"

# Billion laughs, as XHTML (XML parser) and as HTML with a DOCTYPE subset.
python3 - "$H/billion-laughs.xhtml" <<'EOF'
import sys
ents = ['<!ENTITY a "ha ha ha ha ha ha ha ha ha ha">']
for p, c in zip("abcdefghi", "bcdefghij"):
    ents.append('<!ENTITY %s "%s">' % (c, ("&%s;" % p) * 10))
open(sys.argv[1], "w").write('<?xml version="1.0"?>\n<!DOCTYPE html [\n' + "\n".join(ents) +
    '\n]>\n<html xmlns="http://www.w3.org/1999/xhtml"><body><p>12. Laughs: &j;</p></body></html>\n')
EOF
ingest_ok "billion laughs (XHTML)" "$H/billion-laughs.xhtml"
test_ok "billion laughs: at most 1 MB of output" test "$(wc -c <"$TMP/out")" -lt 1000000
sed 's/^<?xml version="1.0"?>$//' "$H/billion-laughs.xhtml" >"$H/billion-laughs.html"
ingest_ok "billion laughs (HTML)" "$H/billion-laughs.html"
test_ok "billion laughs (HTML): at most 1 MB of output" test "$(wc -c <"$TMP/out")" -lt 1000000

# External entities: a canary file and a listener; neither may be reached.
CANARY="canary-$$-secret-text"
echo "$CANARY" >"$TMP/canary.txt"
PORT_FILE=$TMP/port
HIT_FILE=$TMP/hit
python3 - "$PORT_FILE" "$HIT_FILE" <<'EOF' &
import socket, sys
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(5); s.settimeout(60)
open(sys.argv[1], "w").write(str(s.getsockname()[1]))
try:
    c, _ = s.accept(); open(sys.argv[2], "w").write("connected\n")
except OSError:
    pass
EOF
LISTENER=$!
i=0; while [ ! -s "$PORT_FILE" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
PORT=$(cat "$PORT_FILE" 2>/dev/null || echo 9)
for kind in xhtml html; do
	f=$H/xxe.$kind
	{
		[ $kind = xhtml ] && echo '<?xml version="1.0"?>'
		echo '<!DOCTYPE html ['
		echo " <!ENTITY canary SYSTEM \"file://$TMP/canary.txt\">"
		echo " <!ENTITY remote SYSTEM \"http://127.0.0.1:$PORT/entity\">"
		echo " <!ENTITY % dtd SYSTEM \"http://127.0.0.1:$PORT/dtd\"> %dtd;"
		echo ']>'
		echo '<html><head><link rel="stylesheet" href="http://127.0.0.1:'"$PORT"'/css"/></head>'
		echo '<body><p>12. Before &canary; and &remote; after, in 2019.</p>'
		echo "<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"file://$TMP/canary.txt\" parse=\"text\"/>"
		echo "<img src=\"http://127.0.0.1:$PORT/img\"/></body></html>"
	} >"$f"
	ingest_ok "external entities ($kind)" "$f"
	test_fails "external entities ($kind): the canary file is not in the output" grep -q "$CANARY" "$TMP/out"
done
sleep 0.2
test_ok "external entities: nothing connected to the listener" test ! -e "$HIT_FILE"
kill "$LISTENER" 2>/dev/null; wait "$LISTENER" 2>/dev/null

# Deep nesting (parser recursion) and a long line without a break.
python3 -c 'import sys; sys.stdout.write("<html><body>" + "<div>" * 100000 + "<p>12. Deep in 2019.</p>" + "</div>" * 100000 + "</body></html>")' >"$H/deep.html"
ingest_ok "100 000 nested elements" "$H/deep.html"
python3 -c 'import sys; sys.stdout.write("12. " + "word 2019 " * 1000000 + "\n")' >"$H/long-line.txt"
ingest_ok "a 10 MB line without a break" "$H/long-line.txt"

# A 2 GB sparse file: refused on its size without reading it (it would take 2 GB).
truncate -s 2G "$H/sparse-2G.txt"
ingest_ok "2 GB sparse file" "$H/sparse-2G.txt"
test_ok "2 GB sparse file: rejected (exit 1)" test "$(cat "$TMP/rc")" = 1

# A FIFO with no writer, and one whose writer never stops.
mkfifo "$H/fifo.txt"
ingest_ok "FIFO without a writer" "$H/fifo.txt"
mkfifo "$TMP/fifo2"
(yes "12. Endless text from a pipe, 2019." >"$TMP/fifo2" 2>/dev/null) &
YES=$!
timeout -k 5 "$LIMIT" attest-ingest --max-bytes 1000000 "$TMP/fifo2" >"$TMP/out" 2>"$TMP/err"
rc=$?
test_eq "FIFO with an endless writer: refused at --max-bytes (exit 1)" "$rc" 1
kill "$YES" 2>/dev/null; wait "$YES" 2>/dev/null

# A symlink loop and a dangling link.
ln -s loop-b "$H/loop-a.txt"
ln -s loop-a.txt "$H/loop-b"
ingest_ok "symlink loop" "$H/loop-a.txt"
ln -s "$TMP/nowhere" "$H/dangling.txt"
ingest_ok "dangling symlink" "$H/dangling.txt"

# A file that grows and is rewritten while it is read.
python3 -c 'import sys; sys.stdout.write(("12. Text that changes while read, 3,000 persons in 2019.\n\n") * 200000)' >"$H/changing.txt"
( i=0; while [ $i -lt 200 ]; do echo "13. Appended in 2020." >>"$H/changing.txt"; i=$((i + 1)); done;
  python3 -c 'import sys; f = open(sys.argv[1], "r+b"); f.truncate(1000); f.close()' "$H/changing.txt" ) &
W=$!
ingest_ok "a file that changes while read" "$H/changing.txt"
wait "$W"

# Hostile names around a good text.
for n in "it's \"quoted\".txt" "$(printf 'new\nline.txt')" "$(printf 'bad-\377\376-utf8.txt')" \
	"-dash-first.txt" "tab	and space .txt" '$(touch pwned).txt'; do
	printf '%s\n' "$GOOD" >"$H/$n"
	ingest_ok "name '$(printf '%s' "$n" | tr -c '[:print:]' '?')'" "$H/$n"
	test_eq "  … ingested (exit 0)" "$(cat "$TMP/rc")" 0
done
test_ok "no command ran from a file name" test ! -e pwned -a ! -e "$H/pwned"

# Binary garbage and NUL-laden text.
head -c 65536 /dev/urandom >"$H/random.bin"
ingest_ok "random bytes" "$H/random.bin"
printf '12. Text\000with\000NULs\000in 2019.\n' >"$H/nuls.txt"
ingest_ok "text with NUL bytes" "$H/nuls.txt"

# ---- everything in one inbox ----
if ! attest inbox --help 2>&1 | grep -q 'usage: attest inbox'; then
	echo "# SKIP attest inbox is not built yet: the inbox part did not run"
	done_testing
	exit
fi
IN=$TMP/inbox
mkdir "$IN"
cp -R "$H"/. "$IN"/ 2>/dev/null
rm -f "$IN/fifo.txt"; mkfifo "$IN/fifo.txt"
for g in good-1 good-2 good-3; do
	printf '%s\n\n47. In %s, about %d persons were returned.\n' "$GOOD" "$g" "$(( ${#g} * 1000 ))" >"$IN/$g.txt"
done
start=$(date +%s)
# The PDF watchdog off: the inbox's own wall-time limit must stop a stuck stage.
ATTEST_PDF_TIMEOUT=0 timeout -k 10 900 attest inbox "$IN" --db "$TMP/s.db" -j 2 --timeout 10 \
	>"$TMP/inbox.out" 2>"$TMP/inbox.err"
rc=$?
took=$(( $(date +%s) - start ))
test_eq "inbox run: exit 1 (some files rejected), in ${took} s" "$rc" 1
q() { sqlite3 -batch "$TMP/s.db" "$@" 2>"$TMP/sql.err" || sed 's/^/# sqlite3: /' "$TMP/sql.err"; }
test_eq "store: integrity_check" "$(q 'pragma integrity_check')" ok
for g in good-1 good-2 good-3; do
	test_eq "good file $g.txt loaded" "$(q "select count(*) from documents where name = '$g.txt'")" 1
done
test_ok "good files have facts" test "$(q "select count(*) from facts where doc like 'good-%'")" -gt 0
for b in empty_0-bytes.pdf encrypted_aes256-r6_userpw-usersecret.pdf bomb.gz bomb.zip \
	random.bin sparse-2G.txt fifo.txt loop-a.txt dangling.txt hang_bomb_giant.pdf; do
	[ -e "$IN/$b" ] || [ -L "$IN/$b" ] || continue
	r=$(sqlite3 -batch "$TMP/s.db" "select stage || ': ' || reason from rejects where name = '$b'" 2>/dev/null)
	test_ok "rejected $b is recorded with a reason (${r:-none})" test -n "$r"
done
# A file attest-ingest refuses is recorded with ingest's reason, not with the
# complaint of a later stage that got no input.
for b in bomb.gz bomb.zip random.bin nuls.txt; do
	st=$(sqlite3 -batch "$TMP/s.db" "select stage from rejects where name = '$b'" 2>/dev/null)
	if [ "$st" = ingest ]; then _report 0 "$b: rejected at stage ingest"
	else _n=$((_n + 1)); echo "not ok $_n - $b: rejected at stage ingest (got '$st') # TODO driver/stage.c blames the first stage reaped, not the first in pipeline order"; fi
done
if [ -e "$IN/hang_bomb_giant.pdf" ]; then
	test_ok "a stage killed by the inbox time limit is recorded as such" \
		sh -c "sqlite3 -batch '$TMP/s.db' \"select reason from rejects where name = 'hang_bomb_giant.pdf'\" | grep -qi 'time'"
else
	_n=$((_n + 1)); echo "ok $_n # skip no ../shared hostile PDFs beside the checkout: no stage to time out"
fi
test_eq "the six good files with hostile names are loaded" \
	"$(q "select count(*) from file where current = 1 and (name like '%quoted%' or name like 'new_line.txt'
		or name like 'bad-%-utf8.txt' or name = '-dash-first.txt' or name like 'tab%space .txt'
		or name like '\$(touch pwned).txt')")" 6
test_eq "no reject without a reason" "$(q "select count(*) from rejects where coalesce(reason, '') = ''")" 0
test_eq "no document is loaded twice" "$(q 'select count(*) - count(distinct sha256) from document')" 0
test_ok "the run is recorded as finished" test "$(q 'select count(*) from run where finished_at is not null')" -ge 1
done_testing
