#!/bin/sh
# t4210-readme-queries: the example queries of README.md ("Asking the store with
# sqlite3") run on a store of the shared text corpus, as the README says they do, and
# each one that is not about rejected files returns rows. The queries are read from
# the README itself, so the README cannot drift from the schema unnoticed.
. "$(dirname "$0")/lib.sh"

need_text_corpus
DB=$TMP/corpus.db

test_ok "attest inbox on the text corpus exits 0" attest inbox "$CORPUS" --db "$DB"

# the first ```sql block, one file per "-- N. title" query
awk -v dir="$TMP" '
	/^```sql$/ && !done { on = 1; next }
	on && /^```$/ { on = 0; done = 1; next }
	on && /^-- [0-9]+\./ { n++; f = sprintf("%s/q%02d.sql", dir, n); print > f; next }
	on && n { print > f }
' "$TOP/README.md"
nq=$(ls "$TMP"/q*.sql 2>/dev/null | wc -l | tr -d ' ')
test_eq "the README shows ten example queries" "$nq" 10

for f in "$TMP"/q*.sql; do
	title=$(head -1 "$f" | sed 's/^-- //')
	err=$(sqlite3 -bail "$DB" <"$f" 2>&1 >"$TMP/.rows" || echo "exit status $?")
	test_eq "query $title runs without an error" "$err" ""
	case $title in
	*rejected*) continue ;;  # a clean corpus has no rejects
	esac
	test_eq "query $title returns rows" "$([ -s "$TMP/.rows" ] && echo yes || echo no)" yes
done

done_testing
