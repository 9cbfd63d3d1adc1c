#!/bin/sh
# t3700-discrepancies: pairs of tiny documents that must and must not conflict
# (tests/cases/conflicts.txt), loaded with `attest inbox`, then store/discrepancies.sql
# applied with the sqlite3 CLI as an analyst would, and the view asked.
. "$(dirname "$0")/lib.sh"

[ -x "$ATTEST_BIN/attest" ] || skip_all "no attest in $ATTEST_BIN"
"$ATTEST_BIN/attest" inbox --help >/dev/null 2>&1 || "$ATTEST_BIN/attest" help inbox >/dev/null 2>&1 \
	|| skip_all "attest has no inbox command yet"
command -v sqlite3 >/dev/null 2>&1 || skip_all "no sqlite3 CLI"

CASES=$TOP/tests/cases/conflicts.txt
FIX=$FIXTURES/conflicts
SQL=$TOP/store/discrepancies.sql

# the view must have exactly the contract columns
db=$TMP/empty.db
mkdir -p "$TMP/none"
"$ATTEST_BIN/attest" inbox "$TMP/none" --db "$db" >/dev/null 2>&1
sqlite3 "$db" < "$SQL" 2>"$TMP/sql.err"
test_eq "discrepancies.sql loads" "$(cat "$TMP/sql.err")" ""
cols=$(sqlite3 "$db" "select group_concat(name, ' ') from pragma_table_info('discrepancies')")
test_eq "contract columns" "$cols" \
	"measure period_from period_to fact_a doc_a quote_a value_a fact_b doc_b quote_b value_b reason"

n=0
while IFS='	' read -r want a b reason desc; do
	case $want in ''|'#'*) continue ;; esac
	n=$((n + 1))
	inbox=$TMP/inbox$n
	db=$TMP/case$n.db
	mkdir -p "$inbox"
	cp "$FIX/$a" "$inbox/"
	[ "$b" = "-" ] || cp "$FIX/$b" "$inbox/"
	"$ATTEST_BIN/attest" inbox "$inbox" --db "$db" >"$TMP/inbox.out" 2>&1
	sqlite3 "$db" < "$SQL"
	if [ "$b" = "-" ]; then b=$a; fi
	rows=$(sqlite3 "$db" "select count(*) from discrepancies
		where ((doc_a like '%$a' and doc_b like '%$b') or (doc_a like '%$b' and doc_b like '%$a'))
		and ('$reason' = '-' or reason like '$reason%')")
	all=$(sqlite3 "$db" "select count(*) from discrepancies")
	if [ "$want" = must ]; then
		test_ok "must conflict: $desc ($a, $b)" test "${rows:-0}" -ge 1
	else
		test_ok "must not conflict: $desc ($a, $b)" test "${all:-0}" -eq 0
	fi
	bad=0
	if [ "$want" = must ]; then [ "${rows:-0}" -ge 1 ] || bad=1; else [ "${all:-0}" -eq 0 ] || bad=1; fi
	if [ "$bad" = 1 ]; then
		sqlite3 "$db" "select * from discrepancies" | sed 's/^/# /'
		sqlite3 "$db" "select doc, quote, measure, period_from, period_to, period_kind, scope, attributed_to from facts where kind='figure'" | sed 's/^/#   /'
	fi
done < "$CASES"

done_testing
