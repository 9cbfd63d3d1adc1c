#!/bin/sh
# t1200: HTML ingest — structure from markup, markers apart, nothing fetched, no entities.
. "$(dirname "$0")/lib.sh"
F=$FIXTURES/ingest
RNG=$TOP/lib/document.rng
for name in report xxe; do
	attest-ingest "$F/$name.html" >"$TMP/$name.xml" 2>"$TMP/$name.err"
	test_eq "$name.html ingests" "$?" 0
	test_cmp "$name.html matches its golden" "$F/$name.xml" "$TMP/$name.xml"
	test_ok "$name.html validates" xmllint --noout --relaxng "$RNG" "$TMP/$name.xml"
done
x=$TMP/report.xml
test_ok "media type is text/html" grep -q 'media-type="text/html"' "$x"
test_ok "<title> is the title" grep -q '<title>Shadow report on migrant children</title>' "$x"
test_ok "h1 is a heading, inline markup dropped" grep -q 'kind="heading">Shadow report on migrant children<' "$x"
test_ok "a <sup> link is a note-ref" grep -q 'children<note-ref n="1"/> were detained' "$x"
test_ok "a paragraph label in HTML is a label" grep -q 'label="12">According to UNICEF' "$x"
test_ok "white space is squeezed" grep -q '>The State Border Service disputes' "$x"
test_ok "li are list items" grep -q 'kind="list-item">Stop detention' "$x"
test_ok "th rows are header rows" grep -q '<row header="1"><cell>Year</cell><cell>Detained</cell></row>' "$x"
test_ok "td rows are cells" grep -q '<row><cell>2022</cell><cell>1,200</cell></row>' "$x"
test_ok "a footnote body is a footnote with its label" grep -q 'kind="footnote" label="1">UNICEF country office' "$x"
test_fails "script and style are not text" grep -q 'not text\|color: red' "$x"
test_fails "an external entity is never read" grep -q 'root:' "$TMP/xxe.xml"
test_fails "internal entities are not expanded" grep -q 'lollol' "$TMP/xxe.xml"
printf '<html><body><p>Caf\351 au lait</p></body></html>' >"$TMP/latin.html"
attest-ingest "$TMP/latin.html" >"$TMP/latin.xml" 2>&1
test_ok "HTML without charset declaration is still decoded" grep -q 'au lait' "$TMP/latin.xml"
done_testing
