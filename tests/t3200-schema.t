#!/bin/sh
# t3200-schema: the store's schema version is recorded and checked: a newer program
# upgrades an older store, an older program refuses a newer store.
. "$(dirname "$0")/lib.sh"

command -v sqlite3 >/dev/null || skip_all "sqlite3 not installed"
DB=$TMP/s.db
printf 'A short note\n\n1. Nothing happened in 2009.\n' >"$TMP/note.txt"
attest-ingest "$TMP/note.txt" | attest-extract >"$TMP/note.stream" || exit 1

# The foundation's placeholder store: a bare meta table, user_version 0.
sqlite3 "$DB" 'CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT)'
test_ok "a placeholder store from the foundation is upgraded" attest-load --db "$DB" --name note.txt "$TMP/note.stream"
test_eq "its version becomes the current one" "$(sqlite3 "$DB" 'pragma user_version')" 2
test_eq "the version is also in meta, for people" "$(sqlite3 "$DB" "select value from meta where key='schema_version'")" 2
test_eq "and the document is there" "$(sqlite3 "$DB" 'select count(*) from documents')" 1

# A view that a later program changed is re-created (the schema text hash differs).
sqlite3 "$DB" "update meta set value = 'old' where key = 'schema_sha256'; drop view rejects"
test_ok "a store with an outdated schema text opens" attest status --db "$DB"
test_eq "and its views are re-created" "$(sqlite3 "$DB" "select count(*) from sqlite_schema where name = 'rejects'")" 1

# A version-1 store (before document.publisher) is migrated in place.
sqlite3 "$DB" "drop view facts; drop view citations; drop view documents; drop view discrepancies;
	alter table document drop column publisher; pragma user_version = 1"
test_ok "a version-1 store opens" attest status --db "$DB"
test_eq "and is migrated to version 2" "$(sqlite3 "$DB" 'pragma user_version')" 2
test_eq "with the new column" "$(sqlite3 "$DB" "select count(*) from pragma_table_info('document') where name = 'publisher'")" 1
test_eq "its documents and facts intact" "$(sqlite3 "$DB" 'select count(*) from documents')" 1
test_ok "and the facts view back" sqlite3 "$DB" 'select citation from facts'

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
