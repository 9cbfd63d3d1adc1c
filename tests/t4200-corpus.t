#!/bin/sh
# t4200-corpus: the acceptance checks of the store issue on the shared corpus:
# a clean run, a fast no-op rerun, copies and new versions, a hostile file among good
# ones, and a citation with its paragraph label.
. "$(dirname "$0")/lib.sh"

need_text_corpus
DB=$TMP/a.db
q() { sqlite3 "$DB" "$@"; }
ntxt=$(ls "$CORPUS" | grep -c '\.txt$')

test_ok "attest inbox on the text corpus exits 0" attest inbox "$CORPUS" --db "$DB"
test_eq "and adds every file" "$(cut -d, -f1 "$TMP/.out")" "$ntxt added"
test_ok "the acceptance query works" sqlite3 "$DB" 'select doc,kind,quote,page,para,value,unit,date_from,citation from facts limit 5'
test_eq "and returns rows" "$(wc -l <"$TMP/.out" | tr -d ' ')" 5
test_eq "pragma integrity_check is ok" "$(q 'pragma integrity_check')" ok
test_eq "every fact has a citation" "$(q "select count(*) from facts where citation is null or citation = ''")" 0

start=$(date +%s%N)
test_ok "a second run succeeds" attest inbox "$CORPUS" --db "$DB"
ms=$((($(date +%s%N) - start) / 1000000))
test_eq "and loads nothing" "$(cat "$TMP/.out")" "0 added, $ntxt unchanged, 0 rejected"
test_eq "in less than 0.5 s" "$((ms < 500))" 1
echo "# no-op rerun took $ms ms"
test_eq "and recorded no new documents" "$(q 'select count(*) from document')" "$ntxt"

mkdir -p "$TMP/in"
cp "$CORPUS"/*.txt "$TMP/in/"
attest inbox "$TMP/in" --db "$TMP/v.db" >/dev/null 2>&1
cp "$TMP/in/003_e161a5085a521890.txt" "$TMP/in/renamed-copy.txt"
test_ok "a copy under a new name loads" attest inbox "$TMP/in" --db "$TMP/v.db"
test_eq "is not loaded twice" "$(sqlite3 "$TMP/v.db" 'select count(*) from document')" "$ntxt"
test_eq "but is recorded under its name" \
	"$(sqlite3 "$TMP/v.db" "select count(*) from file f join document d using (doc_id) where f.name = 'renamed-copy.txt' and d.name = '003_e161a5085a521890.txt'")" 1
printf '\nAn added closing paragraph, written for this test.\n' >>"$TMP/in/000_29baa04d71b860dd.txt"
test_ok "an edited file loads" attest inbox "$TMP/in" --db "$TMP/v.db"
test_eq "as a new version" "$(sqlite3 "$TMP/v.db" "select count(*) || ' ' || max(version) from file where name = '000_29baa04d71b860dd.txt'")" "2 2"
test_eq "the old version's facts are retired" \
	"$(sqlite3 "$TMP/v.db" "select count(*) from facts f join document d using (doc_id) where d.retired = 1")" 0
test_eq "the facts view has one current document per name" \
	"$(sqlite3 "$TMP/v.db" "select count(distinct doc_id) from facts where doc = '000_29baa04d71b860dd.txt'")" 1

mkdir -p "$TMP/hostile"
cp "$CORPUS/000_29baa04d71b860dd.txt" "$CORPUS/004_56a2cea8dca9a357.txt" "$TMP/hostile/"
bad=
for f in empty_0-bytes.pdf truncated_half.pdf notpdf_error.pdf; do
	[ -f "$SHARED/corpus/pdf/hostile/$f" ] || continue
	attest-ingest "$SHARED/corpus/pdf/hostile/$f" >/dev/null 2>&1 && continue
	bad=$f
	break
done
if [ -n "$bad" ]; then
	cp "$SHARED/corpus/pdf/hostile/$bad" "$TMP/hostile/"
else
	bad=garbage.bin
	head -c 2048 /dev/urandom >"$TMP/hostile/$bad"
	printf '\000\377' >>"$TMP/hostile/$bad"
fi
echo "# hostile file: $bad"
test_fails "a folder with a hostile file exits non-zero" attest inbox "$TMP/hostile" --db "$TMP/h.db"
test_eq "with status 1 and the good ones loaded" \
	"$(attest inbox "$TMP/hostile" --db "$TMP/h2.db" >/dev/null 2>&1; echo $?) $(sqlite3 "$TMP/h2.db" 'select count(*) from documents')" "1 2"
test_eq "the bad one is recorded with a reason" \
	"$(sqlite3 "$TMP/h.db" "select count(*) from rejects where name = '$bad' and status = 'rejected' and length(reason) > 10")" 1

id=$(q "select fact_id from facts where doc = '003_e161a5085a521890.txt' and para is not null order by kind != 'figure', fact_id limit 1")
para=$(q "select para from facts where fact_id = '$id'")
test_ok "attest cite on a fact of 003_e161a5085a521890.txt succeeds" attest cite --db "$DB" "$id"
test_eq "and prints its paragraph label" "$(grep -c "para\. $para: " "$TMP/.out")" 1
echo "# $(cat "$TMP/.out")"

test_ok "attest reextract runs on the corpus store" attest reextract --db "$DB"
test_eq "and keeps every fact id" "$(sed 's/.*re-extracted: [0-9]* facts kept, //' "$TMP/.out")" "0 added, 0 removed"
done_testing
