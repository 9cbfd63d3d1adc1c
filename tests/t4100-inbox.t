#!/bin/sh
# t4100-inbox: the attest driver end to end on the repository's own sample reports:
# dispatch, inbox runs (new, unchanged, copies, new versions, hostile files, crashes,
# timeouts, limits, two runs at once), status, facts, cite and reextract.
. "$(dirname "$0")/lib.sh"

command -v sqlite3 >/dev/null || skip_all "sqlite3 not installed"
EXAMPLES=$TOP/examples/inbox
[ -d "$EXAMPLES" ] || skip_all "no examples/inbox"
DB=$TMP/s.db
q() { sqlite3 "$DB" "$@"; }
nex=$(ls "$EXAMPLES" | wc -l | tr -d ' ')

# ---- the driver ----
test_eq "attest --version prints the VERSION file" "$(attest --version)" "attest $(cat "$TOP/VERSION")"
test_ok "attest --help succeeds" attest --help
test_eq "and lists the commands" "$(grep -c '^  \(inbox\|status\|cite\|facts\|conflicts\|reextract\|ingest\)' "$TMP/.out")" 7
test_ok "attest help inbox prints its usage" attest help inbox
test_eq "the usage names the options" "$(grep -c -- '--db FILE' "$TMP/.out")" 2
test_fails "an unknown command fails" attest frobnicate
test_eq "with exit status 2" "$(attest frobnicate 2>/dev/null; echo $?)" 2
test_eq "and one clear line" "$(attest frobnicate 2>&1)" "attest: 'frobnicate' is not an attest command; see 'attest --help'"
test_ok "attest ingest runs attest-ingest" attest ingest "$EXAMPLES/ngo-shadow-letter.txt"
test_eq "which writes the document" "$(grep -c '<document ' "$TMP/.out")" 1
test_ok "attest help ingest shows the stage's own help" attest help ingest

# ---- a clean inbox ----
test_fails "attest inbox on a missing folder fails" attest inbox "$TMP/no-such-inbox" --db "$TMP/none.db"
test_eq "with one line naming it" "$(cat "$TMP/.err")" "attest: inbox '$TMP/no-such-inbox': No such file or directory"
test_eq "and leaves no store behind" "$(ls "$TMP" | grep -c '^none\.db')" 0
test_ok "attest inbox loads the sample reports" attest inbox "$EXAMPLES" --db "$DB"
test_eq "the summary line counts them" "$(cat "$TMP/.out")" "$nex added, 0 unchanged, 0 rejected"
test_eq "nothing is printed on stderr (not a terminal)" "$(wc -c <"$TMP/.err" | tr -d ' ')" 0
test_eq "each sample is a document" "$(q 'select count(*) from documents where retired = 0')" "$nex"
test_eq "the store is sound" "$(q 'pragma integrity_check')" ok
test_ok "a second run succeeds" attest inbox "$EXAMPLES" --db "$DB"
test_eq "and loads nothing" "$(cat "$TMP/.out")" "0 added, $nex unchanged, 0 rejected"
test_ok "attest status succeeds" attest status --db "$DB"
test_eq "and counts the documents" "$(grep -c "^documents: $nex current" "$TMP/.out")" 1

nfig=$(q "select count(*) from facts where kind = 'figure'")
test_ok "attest facts --db lists figures" attest facts --db "$DB" --kind figure
test_eq "one line per figure after the header" "$(($(wc -l <"$TMP/.out") - 1))" "$nfig"
test_eq "the header names the contract columns" "$(head -1 "$TMP/.out" | cut -f1-6)" \
	"$(printf 'fact_id\tdoc\tkind\tquote\tpage\tpara')"
test_ok "attest facts FILE works without a store" attest facts "$EXAMPLES/government-reply.txt" --format jsonl
test_eq "and prints the same facts as the store holds" "$(wc -l <"$TMP/.out" | tr -d ' ')" \
	"$(q "select count(*) from facts where doc = 'government-reply.txt'")"
test_eq "as JSON lines" "$(grep -vc '^{"fact_id":' "$TMP/.out")" 0
test_fails "attest facts on a missing file fails" attest facts "$TMP/none.txt"

id=$(q "select fact_id from facts where para is not null order by fact_id limit 1")
if [ -n "$id" ]; then
	para=$(q "select para from facts where fact_id = $id")
	test_ok "attest cite prints a citation" attest cite --db "$DB" "$id"
	test_eq "with the paragraph label" "$(grep -c "para\. $para: \"" "$TMP/.out")" 1
	test_eq "equal to the citation column" "$(cat "$TMP/.out")" "$(q "select citation from facts where fact_id = $id")"
	test_ok "attest cite --format md works" attest cite --db "$DB" --format md "$id"
else
	test_eq "the samples have a fact in a labelled paragraph" "none" "some"
fi
test_fails "attest cite of a missing fact fails" attest cite --db "$DB" 999999

q "select fact_id, kind, quote from facts order by fact_id" >"$TMP/before"
test_ok "attest reextract runs from the stored text" attest reextract --db "$DB"
test_eq "it keeps every unchanged fact" "$(cat "$TMP/.out")" \
	"$nex documents re-extracted: $(wc -l <"$TMP/before" | tr -d ' ') facts kept, 0 added, 0 removed"
q "select fact_id, kind, quote from facts order by fact_id" >"$TMP/after"
test_cmp "fact ids are stable across reextract" "$TMP/before" "$TMP/after"

# ---- copies and new versions ----
mkdir -p "$TMP/in"
cp "$EXAMPLES"/* "$TMP/in/"
test_ok "a fresh inbox loads" attest inbox "$TMP/in" --db "$TMP/v.db"
cp "$TMP/in/ngo-shadow-letter.txt" "$TMP/in/copy-of-letter.txt"
test_ok "an inbox with a copy loads" attest inbox "$TMP/in" --db "$TMP/v.db"
test_eq "the copy is recorded as a copy" "$(cat "$TMP/.out")" "0 added, 1 copy, $nex unchanged, 0 rejected"
test_eq "not as another document" "$(sqlite3 "$TMP/v.db" 'select count(*) from document')" "$nex"
test_eq "the document has both names" "$(sqlite3 "$TMP/v.db" "select names from documents where name = 'ngo-shadow-letter.txt'")" \
	"copy-of-letter.txt ngo-shadow-letter.txt"
old=$(sqlite3 "$TMP/v.db" "select doc_id from document where name = 'government-reply.txt'")
printf '\n5. In 2010, 52 victims of trafficking in persons were identified.\n' >>"$TMP/in/government-reply.txt"
test_ok "an inbox with an edited file loads" attest inbox "$TMP/in" --db "$TMP/v.db"
test_eq "the edit is a new document" "$(head -c 7 "$TMP/.out")" "1 added"
test_eq "at version 2 of that name" "$(sqlite3 "$TMP/v.db" "select max(version) from file where name = 'government-reply.txt' and current = 1")" 2
test_eq "the old version is retired" "$(sqlite3 "$TMP/v.db" "select retired from document where doc_id = $old")" 1
test_eq "and its facts left the facts view" "$(sqlite3 "$TMP/v.db" "select count(*) from facts where doc_id = $old")" 0
test_eq "the new version's text is searchable" \
	"$(sqlite3 "$TMP/v.db" "select count(*) from block_fts where block_fts match '\"52 victims\"'")" 1

# ---- hostile and odd files ----
mkdir -p "$TMP/bad/sub"
cp "$EXAMPLES/ngo-shadow-letter.txt" "$EXAMPLES/committee-observations.html" "$TMP/bad/"
printf '\000\001\002\377\376garbage\000\000\377binary' >"$TMP/bad/sub/garbage.pdf"
head -c 4096 /dev/zero >>"$TMP/bad/sub/garbage.pdf"
mkfifo "$TMP/bad/pipe"
ln -s .. "$TMP/bad/sub/loop"
ln -s "$TMP/nowhere" "$TMP/bad/dangling.txt"
test_fails "an inbox with a bad file exits non-zero" attest inbox "$TMP/bad" --db "$TMP/b.db"
test_eq "with status 1" "$(attest inbox "$TMP/bad" --db "$TMP/b2.db" >/dev/null 2>&1; echo $?)" 1
test_eq "the summary counts the good, the bad and the skipped" "$(cat "$TMP/.out")" \
	"2 added, 0 unchanged, 1 rejected, 3 skipped (see: attest status)"
test_eq "the good files are loaded" "$(sqlite3 "$TMP/b.db" 'select count(*) from documents')" 2
test_eq "the bad file is recorded as rejected by ingest" \
	"$(sqlite3 "$TMP/b.db" "select status || ' ' || stage from rejects where name = 'sub/garbage.pdf'")" "rejected ingest"
test_eq "with the stage's own message as the reason" \
	"$(sqlite3 "$TMP/b.db" "select reason like 'attest-ingest: %' from rejects where name = 'sub/garbage.pdf'")" 1
test_eq "the fifo is skipped with a reason" "$(sqlite3 "$TMP/b.db" "select reason from rejects where name = 'pipe'")" \
	"not a regular file (fifo)"
test_eq "the symlink loop is skipped" "$(sqlite3 "$TMP/b.db" "select reason from rejects where name = 'sub/loop'")" \
	"symbolic link loop"
test_eq "the dangling link is skipped" "$(sqlite3 "$TMP/b.db" "select reason from rejects where name = 'dangling.txt'")" \
	"broken symbolic link"
test_ok "attest status lists the rejects" attest status --db "$TMP/b.db"
test_eq "with their reasons" "$(grep -c '^  sub/garbage.pdf: rejected at ingest: attest-ingest: ' "$TMP/.out")" 1
run1=$(sqlite3 "$TMP/b.db" "select run_id from reject where name = 'sub/garbage.pdf'")
attest inbox "$TMP/bad" --db "$TMP/b.db" >"$TMP/rerun" 2>&1
test_eq "a rerun does not retry the unchanged bad file" \
	"$(sqlite3 "$TMP/b.db" "select run_id from reject where name = 'sub/garbage.pdf'")" "$run1"
test_eq "and still reports it" "$(cat "$TMP/rerun")" "0 added, 2 unchanged, 1 rejected, 3 skipped (see: attest status)"
attest inbox "$TMP/bad" --db "$TMP/b.db" --retry >/dev/null 2>&1
test_eq "--retry tries it again" \
	"$(sqlite3 "$TMP/b.db" "select run_id > $run1 from reject where name = 'sub/garbage.pdf'")" 1

# ---- crashes, timeouts and limits, with stand-in stages next to a copy of attest ----
mkdir -p "$TMP/fake"
cp "$ATTEST_BIN/attest" "$TMP/fake/attest"
ln -s "$ATTEST_BIN/attest-ingest" "$TMP/fake/attest-ingest"
ln -s "$ATTEST_BIN/attest-load" "$TMP/fake/attest-load"
mkdir -p "$TMP/one"
cp "$EXAMPLES/ngo-shadow-letter.txt" "$TMP/one/"
printf '#!/bin/sh\ncat >/dev/null\nkill -SEGV $$\n' >"$TMP/fake/attest-extract"
chmod +x "$TMP/fake/attest-extract"
test_fails "a stage that crashes rejects the file" "$TMP/fake/attest" inbox "$TMP/one" --db "$TMP/c.db" --mem-limit 0
test_eq "the reason names the stage and the signal" \
	"$(sqlite3 "$TMP/c.db" "select stage || ': ' || reason from rejects")" \
	"extract: attest-extract: killed by signal 11 (Segmentation fault)"
printf '#!/bin/sh\nexec sleep 30\n' >"$TMP/fake/attest-extract"
start=$(date +%s)
test_fails "a stage that hangs rejects the file" "$TMP/fake/attest" inbox "$TMP/one" --db "$TMP/t.db" --timeout 1
test_eq "after the time limit" "$(sqlite3 "$TMP/t.db" "select reason from rejects")" "timed out after 1 s"
test_eq "without waiting for the stage" "$(($(date +%s) - start < 10))" 1
rm "$TMP/fake/attest-ingest"
printf '#!/bin/sh\necho "attest-ingest: as-limit $(ulimit -v)" >&2\nexit 1\n' >"$TMP/fake/attest-ingest"
chmod +x "$TMP/fake/attest-ingest"
start=$(date +%s)
"$TMP/fake/attest" inbox "$TMP/one" --db "$TMP/m.db" --mem-limit 512 >/dev/null 2>&1
test_eq "a failed stage stops the pipeline without waiting for the next (a hanging one)" \
	"$(($(date +%s) - start < 10))" 1
test_eq "each stage runs under the memory limit" "$(sqlite3 "$TMP/m.db" "select stage || ': ' || reason from rejects")" \
	"ingest: attest-ingest: as-limit 524288"

rm "$TMP/fake/attest-ingest"
ln -s "$ATTEST_BIN/attest-ingest" "$TMP/fake/attest-ingest"
printf '#!/bin/sh\nexec sleep 41.3\n' >"$TMP/fake/attest-extract"
"$TMP/fake/attest" inbox "$TMP/one" --db "$TMP/i.db" >/dev/null 2>&1 &
pid=$!
sleep 1
kill -TERM $pid
wait $pid
test_eq "a terminated run dies of the signal" "$?" 143
sleep 0.2
test_eq "and takes its stages with it" "$(pgrep -fc 'sleep 41.3' || true)" 0

# ---- two runs at once ----
attest inbox "$TMP/in" --db "$TMP/p.db" -j 2 >"$TMP/p1" 2>&1 &
pid=$!
attest inbox "$TMP/in" --db "$TMP/p.db" -j 2 >"$TMP/p2" 2>&1
rc2=$?
wait $pid
rc1=$?
test_eq "two runs on one store at once both succeed" "$rc1 $rc2" "0 0"
test_eq "without loading a document twice" "$(sqlite3 "$TMP/p.db" 'select count(*) from document')" "$nex"
test_eq "or recording a name twice" "$(sqlite3 "$TMP/p.db" 'select count(*) - count(distinct name) from file')" 0

# ---- ids do not depend on -j ----
attest inbox "$TMP/in" --db "$TMP/j1.db" -j 1 >/dev/null 2>&1
attest inbox "$TMP/in" --db "$TMP/j4.db" -j 4 >/dev/null 2>&1
sqlite3 "$TMP/j1.db" 'select fact_id, doc, kind, quote from facts order by fact_id' >"$TMP/j1"
sqlite3 "$TMP/j4.db" 'select fact_id, doc, kind, quote from facts order by fact_id' >"$TMP/j4"
test_cmp "fact ids are the same with -j 1 and -j 4" "$TMP/j1" "$TMP/j4"

# ---- shards merge into one store ----
mkdir -p "$TMP/shard1" "$TMP/shard2"
cp "$EXAMPLES/ngo-shadow-letter.txt" "$TMP/shard1/"
cp "$EXAMPLES/government-reply.txt" "$EXAMPLES/committee-observations.html" "$TMP/shard2/"
cp "$EXAMPLES/ngo-shadow-letter.txt" "$TMP/shard2/letter-again.txt"
attest inbox "$TMP/shard1" --db "$TMP/s1.db" >/dev/null 2>&1
attest inbox "$TMP/shard2" --db "$TMP/s2.db" >/dev/null 2>&1
test_ok "attest merge combines shard stores" attest merge --db "$TMP/all.db" "$TMP/s1.db" "$TMP/s2.db"
test_eq "each content once" "$(sqlite3 "$TMP/all.db" 'select count(*) from document')" "$nex"
test_eq "with every name" "$(sqlite3 "$TMP/all.db" "select names from documents where name = 'ngo-shadow-letter.txt'")" \
	"letter-again.txt ngo-shadow-letter.txt"
test_eq "and the facts a single store would hold" \
	"$(sqlite3 "$TMP/all.db" 'select kind, quote, para from facts order by doc, block, start, kind' | md5sum)" \
	"$(sqlite3 "$DB" 'select kind, quote, para from facts order by doc, block, start, kind' | md5sum)"
attest merge --db "$TMP/all.db" "$TMP/s1.db" "$TMP/s2.db" >/dev/null 2>&1
test_eq "merging again adds nothing" "$(sqlite3 "$TMP/all.db" 'select count(*) from fact')" \
	"$(sqlite3 "$DB" 'select count(*) from fact')"

# ---- the store inside the inbox is not a document ----
cp -r "$EXAMPLES" "$TMP/self"
attest inbox "$TMP/self" --db "$TMP/self/attest.db" >/dev/null 2>&1
(cd "$TMP/self" && attest inbox . >/dev/null 2>&1)
test_eq "a store kept inside the inbox is left out" "$(sqlite3 "$TMP/self/attest.db" "select count(*) from file where name like 'attest.db%'")" 0
done_testing
