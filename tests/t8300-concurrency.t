#!/bin/sh
# t8300: concurrency. Two `attest inbox` runs on the same inbox and store at once both
# finish without an error, and the store holds each document once, with exactly the
# facts one run alone gives. An analyst's sqlite3 holding a read transaction open
# during a run does not make it fail. Two runs on two inboxes into one store at once
# load everything.
. "$(dirname "$0")/lib.sh"
# a snapshot of the lexicon, so that runs compared with each other extract alike
if [ -d "$ATTEST_LEXICON" ]; then
	cp -R "$ATTEST_LEXICON" "$TMP/lexicon"
	ATTEST_LEXICON=$TMP/lexicon
	export ATTEST_LEXICON
fi

attest inbox --help 2>&1 | grep -q 'usage: attest inbox' || skip_all "attest inbox is not built yet"

mkinbox() {  # dir first count
	mkdir -p "$1"
	_i=$2
	while [ "$_i" -lt $(($2 + $3)) ]; do
		{
			echo "Report $_i on migration"
			echo
			echo "$_i. The Committee notes that $((_i * 1111)) migrant workers were registered"
			echo "between 1 January $((2000 + _i)) and 31 March $((2001 + _i)), and that about"
			echo "$((_i * 30)),000 nationals lived abroad in $((2000 + _i))."
			echo
			echo "$((_i + 1)). Law No. $((_i + 50))-IQ of 2 July $((1990 + _i)) was amended in $((2001 + _i))."
		} >"$1/report-$_i.txt"
		_i=$((_i + 1))
	done
}
q() { sqlite3 -batch "$1" "$2" 2>&1; }
dump() {
	q "$1" "select doc, block, start, \"end\", kind, quote, coalesce(fields, '') from facts
		order by doc, block, start, \"end\", kind, quote, fields" | LC_ALL=C sort
}

IN=$TMP/inbox
mkinbox "$IN" 1 8
attest inbox "$IN" --db "$TMP/alone.db" -j 1 >/dev/null 2>"$TMP/alone.err"
test_eq "one run alone: exit 0" "$?" 0
dump "$TMP/alone.db" >"$TMP/alone.dump"
test_ok "one run alone: has facts" test -s "$TMP/alone.dump"

# ---- two runs at once, same inbox, same store ----
S=$TMP/s.db
attest inbox "$IN" --db "$S" -j 1 >"$TMP/a.out" 2>"$TMP/a.err" &
A=$!
attest inbox "$IN" --db "$S" -j 1 >"$TMP/b.out" 2>"$TMP/b.err" &
B=$!
wait $A; ra=$?
wait $B; rb=$?
test_eq "two runs at once: the first exits 0" "$ra" 0
sed 's/^/#   a: /' "$TMP/a.err" | head -5
test_eq "two runs at once: the second exits 0" "$rb" 0
sed 's/^/#   b: /' "$TMP/b.err" | head -5
test_fails "two runs at once: no 'locked' or 'busy' error" grep -qi 'locked\|busy' "$TMP/a.err" "$TMP/b.err"
test_eq "two runs at once: integrity_check" "$(q "$S" 'pragma integrity_check')" ok
test_eq "two runs at once: 8 documents" "$(q "$S" 'select count(*) from document')" 8
test_eq "two runs at once: no duplicate content" "$(q "$S" 'select count(*) - count(distinct sha256) from document')" 0
test_eq "two runs at once: one current file row per name" \
	"$(q "$S" 'select count(*) from (select name from file where current = 1 group by name having count(*) > 1)')" 0
test_eq "two runs at once: no rejects" "$(q "$S" 'select count(*) from reject')" 0
dump "$S" >"$TMP/s.dump"
test_cmp "two runs at once: exactly the facts of one run alone" "$TMP/alone.dump" "$TMP/s.dump"

# ---- an open reader during a run ----
mkinbox "$IN" 9 4
rm -f "$TMP/reader.out"
( echo 'begin;'; echo 'select count(*) from facts;'; sleep 8; echo 'select count(*) from facts;'; echo 'commit;' ) |
	sqlite3 -batch "$S" >"$TMP/reader.out" 2>&1 &
R=$!
sleep 1
attest inbox "$IN" --db "$S" -j 1 >/dev/null 2>"$TMP/c.err"
rc=$?
test_eq "a run with a read transaction open: exit 0" "$rc" 0
sed 's/^/#   /' "$TMP/c.err" | head -5
wait $R
test_ok "the reader read ($(head -1 "$TMP/reader.out"))" grep -qx '[0-9][0-9]*' "$TMP/reader.out"
test_eq "the reader saw one snapshot (same count twice)" \
	"$(sed -n 1p "$TMP/reader.out")" "$(sed -n 2p "$TMP/reader.out")"
test_eq "after the run: 12 documents" "$(q "$S" 'select count(*) from document')" 12
test_eq "after the run: integrity_check" "$(q "$S" 'pragma integrity_check')" ok

# ---- two inboxes into one store at once ----
mkinbox "$TMP/in2" 20 5
mkinbox "$TMP/in3" 40 5
attest inbox "$TMP/in2" --db "$TMP/two.db" -j 2 >/dev/null 2>"$TMP/d.err" &
A=$!
attest inbox "$TMP/in3" --db "$TMP/two.db" -j 2 >/dev/null 2>"$TMP/e.err" &
B=$!
wait $A; ra=$?
wait $B; rb=$?
test_eq "two inboxes at once: both exit 0" "$ra $rb" "0 0"
sed 's/^/#   /' "$TMP/d.err" "$TMP/e.err" | head -5
test_eq "two inboxes at once: 10 documents" "$(q "$TMP/two.db" 'select count(*) from document')" 10
test_eq "two inboxes at once: two finished runs" \
	"$(q "$TMP/two.db" 'select count(*) from run where finished_at is not null')" 2
done_testing
