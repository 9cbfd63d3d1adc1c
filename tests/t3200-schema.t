#!/bin/sh
# t3200-schema: the store's schema version is recorded and checked: a newer program
# upgrades an older store, an older program refuses a newer store.
. "$(dirname "$0")/lib.sh"

command -v sqlite3 >/dev/null || skip_all "sqlite3 not installed"
DB=$TMP/s.db
printf 'A short note\n\n1. Nothing happened in 2009.\n' >"$TMP/note.txt"
attest-ingest "$TMP/note.txt" | attest-extract >"$TMP/note.stream" || exit 1

# to_v2 DB: turn a current store into the shape of schema version 2 (context and
# every field stored as text), filled with what the views give now, which are kept
# in the table expect (fact 1 gains an unknown key).
to_v2() {
	sqlite3 "$1" "create table expect as select f.fact_id, s.sentence, x.fields, f.extra
			from fact f join fact_sentence s using (fact_id) join fact_fields x using (fact_id);
		update expect set fields = json_set(fields, '$.future_key', 'x') where fact_id = 1;
		update expect set extra = '{\"future_key\":\"x\"}' where fact_id = 1;
		alter table fact add column context TEXT NOT NULL DEFAULT '';
		alter table fact add column fields TEXT NOT NULL DEFAULT '{}';
		update fact set context = (select sentence from expect e where e.fact_id = fact.fact_id),
			fields = (select fields from expect e where e.fact_id = fact.fact_id);
		drop view facts; drop view citations; drop view documents; drop view discrepancies;
		drop view fact_sentence; drop view fact_fields;
		drop index fact_cmp_law; drop index fact_cmp_decree_dated;
		alter table fact drop column ctx_start; alter table fact drop column ctx_end;
		alter table fact drop column ctx_cut; alter table fact drop column extra;
		alter table fact drop column sentence;
		pragma user_version = 2"
}

# The foundation's placeholder store: a bare meta table, user_version 0.
sqlite3 "$DB" 'CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT)'
test_ok "a placeholder store from the foundation is upgraded" attest-load --db "$DB" --name note.txt "$TMP/note.stream"
test_eq "its version becomes the current one" "$(sqlite3 "$DB" 'pragma user_version')" 3
test_eq "the version is also in meta, for people" "$(sqlite3 "$DB" "select value from meta where key='schema_version'")" 3
test_eq "and the document is there" "$(sqlite3 "$DB" 'select count(*) from documents')" 1

# A view that a later program changed is re-created (the schema text hash differs).
sqlite3 "$DB" "update meta set value = 'old' where key = 'schema_sha256'; drop view rejects"
test_ok "a store with an outdated schema text opens" attest status --db "$DB"
test_eq "and its views are re-created" "$(sqlite3 "$DB" "select count(*) from sqlite_schema where name = 'rejects'")" 1

# A version-1 store (before document.publisher) is migrated in place.
to_v2 "$DB"
sqlite3 "$DB" "drop table expect; alter table document drop column publisher; pragma user_version = 1"
test_ok "a version-1 store opens" attest status --db "$DB"
test_eq "and is migrated to version 3" "$(sqlite3 "$DB" 'pragma user_version')" 3
test_eq "with the new column" "$(sqlite3 "$DB" "select count(*) from pragma_table_info('document') where name = 'publisher'")" 1
test_eq "its documents and facts intact" "$(sqlite3 "$DB" 'select count(*) from documents')" 1
test_ok "and the facts view back" sqlite3 "$DB" 'select citation from facts'

# A version-2 store is migrated in place (the context as a span, extra).
V2=$TMP/v2.db
words="the ministry said that the programme of assistance had been extended to the regions"
printf 'Long sentences\n\n1. In 2008 %s %s %s, and 412 victims were assisted in 2009 while %s %s %s.\n' \
	"$words" "$words" "$words" "$words" "$words" "$words" >"$TMP/long.txt"
for f in "$FIXTURES/ingest/report.html" "$FIXTURES/conflicts/law-a.txt" "$TMP/note.txt" "$TMP/long.txt"; do
	attest-ingest "$f" | attest-extract | attest-load --db "$V2" --name "$(basename "$f")" >/dev/null || exit 1
done
to_v2 "$V2"
NV2=$(sqlite3 "$V2" 'select count(*) from expect')
test_ok "a version-2 store opens" attest status --db "$V2"
test_eq "and is migrated to version 3" "$(sqlite3 "$V2" 'pragma user_version')" 3
test_eq "without the context and fields columns" \
	"$(sqlite3 "$V2" "select count(*) from pragma_table_info('fact') where name in ('context', 'fields')")" 0
test_eq "every fact's sentence is the one it had ($NV2 facts, cut ones and table rows too)" \
	"$(sqlite3 "$V2" 'select count(*) from expect e join fact_sentence s using (fact_id) where s.sentence = e.sentence')" "$NV2"
test_eq "and so are its fields, the unknown ones moved to extra" \
	"$(sqlite3 "$V2" 'select count(*) from expect e join fact_fields x using (fact_id) join fact f using (fact_id)
		where json(x.fields) = json(e.fields) and f.extra is e.extra')" "$NV2"
test_eq "the fixture has cut contexts and table rows" \
	"$(sqlite3 "$V2" "select count(*) > 0 from fact where ctx_cut = 3") $(sqlite3 "$V2" "select count(*) > 0 from fact f join block b using (block_id) where b.kind = 'table'")" "1 1"
test_eq "laws and decrees have their sentence as text again, the others not" \
	"$(sqlite3 "$V2" "select count(*) from fact f join fact_sentence s using (fact_id)
		where (f.kind in ('law', 'decree')) = (f.sentence is s.sentence)")" "$NV2"
test_ok "and the facts view is back" sqlite3 "$V2" 'select citation from facts'

sqlite3 "$DB" 'pragma user_version = 99'
test_fails "a store of a newer schema is refused" attest-load --db "$DB" --name again.txt "$TMP/note.stream"
test_eq "with one line that says why" "$(grep -c 'newer than this program' "$TMP/.err")" 1
test_fails "attest status refuses it too" attest status --db "$DB"
test_eq "and nothing was written" "$(sqlite3 "$DB" "select count(*) from file where name = 'again.txt'")" 0

test_fails "attest status on a missing store fails" attest status --db "$TMP/none.db"
test_eq "without creating it" "$(test -e "$TMP/none.db" && echo created || echo absent)" absent
printf 'not a database at all, just text that is long enough to be a header...' >"$TMP/junk.db"
test_fails "a file that is not SQLite is refused" attest-load --db "$TMP/junk.db" "$TMP/note.stream"
test_eq "with one line on stderr" "$(wc -l <"$TMP/.err" | tr -d ' ')" 1
done_testing
