#!/bin/sh
# t3100-load: attest-load puts one document and its facts into the store, and the
# views of contract 3 show them (facts, citations, discrepancies, FTS).
. "$(dirname "$0")/lib.sh"

command -v sqlite3 >/dev/null || skip_all "sqlite3 not installed"
DB=$TMP/s.db
q() { sqlite3 "$DB" "$@"; }

# stream NAME.txt FACTLINES-FILE: the facts stream of a text fixture with our own facts.
stream() {
	attest-ingest "$1" >"$TMP/doc.xml" || return 1
	printf '# attest-facts 1\ndocument %d\n' "$(wc -c <"$TMP/doc.xml")"
	cat "$TMP/doc.xml"
	printf '\n'
	cat "$2"
}
TAB=$(printf '\t')

cat >"$TMP/shelter.txt" <<'EOF'
Report of the Shelter Network

1. In 2009, 231 victims of trafficking were identified by the shelters.

2. The Law on Combating Trafficking was adopted on 28 June 2005.
EOF
# block 2 is para 1, block 3 para 2 (see the ingest of the fixture)
cat >"$TMP/shelter.facts" <<EOF
2${TAB}3${TAB}7${TAB}date${TAB}2009${TAB}date_from=2009-01-01${TAB}date_to=2009-12-31${TAB}precision=year
2${TAB}9${TAB}12${TAB}figure${TAB}231${TAB}value=231${TAB}unit=persons${TAB}qualifier=exact${TAB}approx=0${TAB}lo=231${TAB}hi=231${TAB}measure=trafficking_victims${TAB}period_from=2009-01-01${TAB}period_to=2009-12-31${TAB}period_kind=annual${TAB}attributed_to=Shelter Network${TAB}x_new_key=kept
3${TAB}4${TAB}32${TAB}law${TAB}Law on Combating Trafficking${TAB}canonical=Law on Combating Trafficking${TAB}date_from=2005-06-28${TAB}date_to=2005-06-28
EOF
stream "$TMP/shelter.txt" "$TMP/shelter.facts" >"$TMP/shelter.stream"

test_ok "attest-load loads a stream into a new store" attest-load --db "$DB" --name shelter.txt "$TMP/shelter.stream"
test_eq "it reports the document as added" "$(cat "$TMP/.out")" "added${TAB}shelter.txt"
test_eq "the schema version is recorded" "$(q 'pragma user_version')" 3
test_eq "the store is in WAL mode" "$(q 'pragma journal_mode')" wal
test_eq "the store passes integrity_check" "$(q 'pragma integrity_check')" ok

cols=$(q "select group_concat(name, ' ') from pragma_table_info('facts') where name in ('doc','kind','quote','page','para','value','unit','approx','qualifier','date_from','date_to','measure','period_from','period_to','canonical','number','issuer','attributed_to','citation','fact_id')")
test_eq "facts has the 20 columns of contract 3" "$(echo "$cols" | wc -w)" 20
cols=$(q "select count(*) from pragma_table_info('discrepancies') where name in ('measure','period_from','period_to','fact_a','doc_a','quote_a','value_a','fact_b','doc_b','quote_b','value_b','reason')")
test_eq "discrepancies has the 12 columns of contract 3" "$cols" 12
test_eq "every block of the document is stored" "$(q 'select count(*) from block')" 3
test_eq "facts shows each fact once" "$(q 'select count(*) from facts')" 3
test_eq "doc is the inbox name" "$(q "select distinct doc from facts")" shelter.txt
test_eq "a figure keeps value, unit, measure and period" \
	"$(q "select value||' '||unit||' '||measure||' '||period_from||' '||period_to from facts where kind='figure'")" \
	"231 persons trafficking_victims 2009-01-01 2009-12-31"
test_eq "unpaged text has page NULL and the paragraph label" \
	"$(q "select coalesce(page,'NULL')||' '||para from facts where kind='figure'")" "NULL 1"
test_eq "a law keeps its canonical name and adoption date" \
	"$(q "select canonical||' '||date_from from facts where kind='law'")" "Law on Combating Trafficking 2005-06-28"
test_eq "a law keeps its sentence as text (the discrepancy rules read it), a figure not" \
	"$(q "select f.kind || ' ' || (f.sentence is s.sentence) || ' ' || (f.sentence is null) from fact f
		join fact_sentence s using (fact_id) where f.kind in ('law', 'figure') order by f.kind")" \
	"$(printf 'figure 0 1\nlaw 1 0')"
test_eq "unknown keys of the stream are kept in fields" \
	"$(q "select json_extract(fields, '\$.x_new_key') from facts where kind='figure'")" kept
test_eq "in fact.extra, alone (the known keys have their columns)" \
	"$(q "select extra from fact where kind='figure' and extra is not null")" '{"x_new_key":"kept"}'
test_eq "the citation names title, paragraph and sentence" \
	"$(q "select citation from facts where kind='figure'")" \
	'Report of the Shelter Network, para. 1: "In 2009, 231 victims of trafficking were identified by the shelters."'
test_eq "the citations view carries the same text" \
	"$(q "select c.citation = f.citation from citations c join facts f using (fact_id) where f.kind='law'")" 1
test_eq "full-text search finds a phrase" \
	"$(q "select b.label from block_fts join block b on b.block_id = block_fts.rowid where block_fts match '\"victims of trafficking\"'")" 1

test_ok "the full-text index agrees with the blocks (FTS5 integrity-check)" \
	sqlite3 "$DB" "insert into block_fts(block_fts) values ('integrity-check')"
test_eq "and holds each block once" "$(q "select count(*) from block_fts where block_fts match 'trafficking'")" \
	"$(q "select count(*) from block where text like '%trafficking%'")"
test_ok "the same stream again is accepted" attest-load --db "$DB" --name shelter.txt "$TMP/shelter.stream"
test_eq "and reported unchanged" "$(cut -f1 "$TMP/.out")" unchanged
test_ok "the same content under another name is accepted" attest-load --db "$DB" --name copy/shelter-2.txt "$TMP/shelter.stream"
test_eq "and reported renamed" "$(cut -f1 "$TMP/.out")" renamed
test_eq "it is still one document" "$(q 'select count(*) from document')" 1
test_eq "with two current names" "$(q 'select count(*) from file where current = 1')" 2
test_eq "and its facts are not doubled" "$(q 'select count(*) from facts')" 3

# A second source that disagrees on the same measure and period, and on the law.
cat >"$TMP/reply.txt" <<'EOF'
Reply of the Government

1. In 2009, the police identified 47 victims of trafficking.

2. The Law on Combating Trafficking was adopted on 6 March 2006.

3. In 2009, about 230 victims received assistance.
EOF
cat >"$TMP/reply.facts" <<EOF
2${TAB}31${TAB}33${TAB}figure${TAB}47${TAB}value=47${TAB}unit=persons${TAB}qualifier=exact${TAB}lo=47${TAB}hi=47${TAB}measure=trafficking_victims${TAB}period_from=2009-01-01${TAB}period_to=2009-12-31${TAB}period_kind=annual
3${TAB}4${TAB}32${TAB}law${TAB}Law on Combating Trafficking${TAB}canonical=Law on Combating Trafficking${TAB}date_from=2006-03-06${TAB}date_to=2006-03-06
4${TAB}9${TAB}18${TAB}figure${TAB}about 230${TAB}value=230${TAB}unit=persons${TAB}qualifier=about${TAB}approx=1${TAB}lo=207${TAB}hi=253${TAB}measure=trafficking_victims${TAB}period_from=2009-01-01${TAB}period_to=2009-12-31${TAB}period_kind=annual
EOF
stream "$TMP/reply.txt" "$TMP/reply.facts" >"$TMP/reply.stream"
test_ok "a second document loads" attest-load --db "$DB" --name reply.txt "$TMP/reply.stream"
test_ok "the index still agrees after a second document" \
	sqlite3 "$DB" "insert into block_fts(block_fts) values ('integrity-check')"
test_eq "disjoint figures of one measure and period are a discrepancy" \
	"$(q "select count(*) from discrepancies where measure='trafficking_victims' and ((value_a=231 and value_b=47) or (value_a=47 and value_b=231))")" 1
test_eq "an overlapping interval (about 230 vs 231) is not" \
	"$(q "select count(*) from discrepancies where measure='trafficking_victims' and 230 in (value_a, value_b) and 231 in (value_a, value_b)")" 0
test_eq "two adoption dates of one law are a discrepancy" \
	"$(q "select reason from discrepancies where measure='Law on Combating Trafficking'")" "adoption date differs"
test_eq "attest conflicts lists the discrepancies view, one line each" \
	"$(attest conflicts --db "$DB" --format csv | tail -n +2 | wc -l)" "$(q 'select count(*) from discrepancies')"
test_eq "including the figures and the law" \
	"$(attest conflicts --db "$DB" --format csv | grep -c '^\(trafficking_victims\|Law on Combating Trafficking\),')" 2
test_ok "attest conflicts --format json is valid JSON" sh -c "attest conflicts --db '$DB' --format json | python3 -m json.tool"
test_ok "attest conflicts --measure filters" sh -c "attest conflicts --db '$DB' --measure trafficking_victims --format tsv | grep -q '^trafficking_victims'"
attest conflicts --db "$DB" --format md >"$TMP/conflicts.md"
test_eq "--format md: a section per measure and period" \
	"$(grep -c '^## ' "$TMP/conflicts.md")" "$(q 'select count(*) from (select distinct measure, period_from, period_to from discrepancies)')"
test_eq "and per conflict its two statements side by side" \
	"$(grep -c '^| says | ' "$TMP/conflicts.md")" "$(q 'select count(*) from discrepancies')"
test_ok "with the quote in bold in its sentence" grep -q '^| says | .*\*\*231\*\*' "$TMP/conflicts.md"
test_ok "a whole year is shown as the year" grep -q '^## trafficking_victims, 2009$' "$TMP/conflicts.md"
mkdir "$TMP/lex"
printf 'kind\tkey\tlabel\tunit\tflow\tany\talso\tnone\nmeasure\ttrafficking_victims\tvictims of trafficking identified\tpersons\tflow\tvictims\t\t\n' \
	>"$TMP/lex/measures.tsv"
test_ok "and a measure by its lexicon label where the lexicon has one" sh -c \
	"ATTEST_LEXICON='$TMP/lex' attest conflicts --db '$DB' --format md | grep -qx '## victims of trafficking identified (trafficking_victims), 2009'"
test_ok "under a header row citing both sources (title, paragraph)" \
	grep -qx '| | Report of the Shelter Network, para. 1 | Reply of the Government, para. 1 |' "$TMP/conflicts.md"
test_eq "the csv has both citations" "$(attest conflicts --db "$DB" --format csv | head -1)" \
	"measure,period_from,period_to,fact_a,doc_a,quote_a,value_a,fact_b,doc_b,quote_b,value_b,reason,cited_a,sentence_a,cited_b,sentence_b"

# A stream whose fact points past the last block is refused as a whole.
printf '9\t0\t3\tdate\t200\tdate_from=2009-01-01\tdate_to=2009-12-31\n' >"$TMP/bad.facts"
printf 'A third report\n\n1. Nothing in 2009.\n' >"$TMP/third.txt"
stream "$TMP/third.txt" "$TMP/bad.facts" >"$TMP/bad.stream"
test_fails "a fact pointing at a missing block fails the load" attest-load --db "$DB" --name third.txt "$TMP/bad.stream"
test_eq "the error names the problem on one line" "$(wc -l <"$TMP/.err" | tr -d ' ')" 1
test_eq "and nothing of that document is stored" "$(q "select count(*) from document where name='third.txt'")" 0
test_fails "a stream without a document section is refused" sh -c "printf '# attest-facts 1\n' | attest-load --db '$DB'"

# --timings: one line per phase on stderr, in order; stdout and the store as without it
printf 'A fourth report\n\n1. In 2010, 12 victims.\n' >"$TMP/fourth.txt"
stream "$TMP/fourth.txt" /dev/null >"$TMP/fourth.stream"
test_ok "--timings loads as usual" attest-load --timings --db "$DB" --name fourth.txt "$TMP/fourth.stream"
test_eq "and prints the same line on stdout" "$(cat "$TMP/.out")" "added${TAB}fourth.txt"
test_eq "with the phases on stderr, in order" \
	"$(sed -n 's/^attest-load: timing: \([a-z]*\) [0-9]*\.[0-9][0-9][0-9] s$/\1/p' "$TMP/.err" | tr '\n' ' ')" \
	"read parse open blocks index notes texts facts publisher commit close "
test_eq "and nothing else" "$(wc -l <"$TMP/.err" | tr -d ' ')" 11

# A writer holding the store (an analyst's sqlite3) delays a load but does not fail it.
( printf 'BEGIN IMMEDIATE;\nINSERT INTO meta VALUES ("lock", "1");\n'; sleep 2; printf 'ROLLBACK;\n' ) | sqlite3 "$DB" &
sleep 0.5
test_ok "a load waits for another writer instead of failing" attest-load --db "$DB" --name third.txt "$TMP/shelter.stream"
wait
done_testing
