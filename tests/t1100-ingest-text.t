#!/bin/sh
# t1100: plain-text ingest — goldens, schema validation, charsets, pages, labels, markers.
. "$(dirname "$0")/lib.sh"
F=$FIXTURES/ingest
RNG=$TOP/lib/document.rng

for name in wrapped paged formfeeds; do
	attest-ingest "$F/$name.txt" >"$TMP/$name.xml" 2>"$TMP/$name.err"
	test_eq "$name.txt ingests" "$?" 0
	test_cmp "$name.txt matches its golden" "$F/$name.xml" "$TMP/$name.xml"
	test_ok "$name.txt validates against document.rng" xmllint --noout --relaxng "$RNG" "$TMP/$name.xml"
done

x=$TMP/wrapped.xml
test_ok "hard-wrapped lines are joined into one paragraph" grep -q 'label="1">The present report describes the measures taken by the Government since' "$x"
test_ok "a word hyphenated across lines is joined" grep -q 'concluding observations in 2019' "$x"
test_ok "a label alone on its line labels the next paragraph" grep -q 'label="2">In 2021' "$x"
test_ok "a superscript marker becomes a note-ref" grep -q 'work permits<note-ref n="1"/> and' "$x"
test_ok "a bracketed marker becomes a note-ref" grep -q 'was 980<note-ref n="2"/>\.' "$x"
test_ok "bullets become list items without the bullet" grep -q '<block id="5" kind="list-item">registration of migrant workers;' "$x"
test_ok "lettered items keep their letter" grep -q 'kind="list-item">(a) training' "$x"
test_ok "TAB-separated lines become a table with a header row" grep -q '<row header="1"><cell>Country</cell><cell>2020</cell>' "$x"
test_ok "footnote bodies become footnote blocks with their label" grep -q 'kind="footnote" label="1">Data of the State' "$x"
test_ok "a bracketed footnote body is a footnote" grep -q 'kind="footnote" label="2">Annual report' "$x"
test_ok "a short line without full stop is a heading" grep -q 'kind="heading">Table 3\.' "$x"
test_ok "unpaged text has pages=0" grep -q 'pages="0"' "$x"
test_ok "form feeds make pages" grep -q 'pages="4"' "$TMP/formfeeds.xml"
test_ok "an empty page is kept, so page numbers stay true" grep -q '<page n="3">' "$TMP/formfeeds.xml"

# The same text in other charsets gives the same blocks.
sed -n '/<page/,$p' "$TMP/wrapped.xml" >"$TMP/want.body"
for cs in UTF-16LE UTF-16BE WINDOWS-1252 ISO-8859-1 UTF-8-BOM; do
	case $cs in
	UTF-16LE) { printf '\377\376'; iconv -f UTF-8 -t UTF-16LE "$F/wrapped.txt"; } ;;
	UTF-16BE) { printf '\376\377'; iconv -f UTF-8 -t UTF-16BE "$F/wrapped.txt"; } ;;
	UTF-8-BOM) { printf '\357\273\277'; cat "$F/wrapped.txt"; } ;;
	*) sed 's/¹/[1]/; s/•/-/g' "$F/wrapped.txt" | iconv -f UTF-8 -t $cs ;;
	esac >"$TMP/cs.txt"
	attest-ingest --name wrapped.txt "$TMP/cs.txt" >"$TMP/cs.xml" 2>"$TMP/cs.err"
	sed -n '/<page/,$p' "$TMP/cs.xml" >"$TMP/got.body"
	case $cs in
	UTF-16*|UTF-8-BOM) test_cmp "$cs with BOM gives the same blocks" "$TMP/want.body" "$TMP/got.body" ;;
	*) test_ok "$cs text is decoded (same paragraph text)" grep -q 'concluding observations in 2019' "$TMP/cs.xml" ;;
	esac
done
printf 'caf\351 cr\350me, \223quoted\224 text.\n' >"$TMP/w.txt"
attest-ingest "$TMP/w.txt" >"$TMP/w.xml"
test_ok "windows-1252 smart quotes become U+201C/U+201D" grep -q 'café crème, “quoted” text\.' "$TMP/w.xml"
printf 'e\314\201t\303\251\n' >"$TMP/nfd.txt"
attest-ingest "$TMP/nfd.txt" >"$TMP/nfd.xml"
test_ok "text is normalised to NFC" grep -q 'été' "$TMP/nfd.xml"
printf 'one\r\ntwo\r\rthree\n' >"$TMP/crlf.txt"
attest-ingest "$TMP/crlf.txt" >"$TMP/crlf.xml"
test_ok "CRLF and CR line ends are normalised" grep -q '>one two</block>' "$TMP/crlf.xml"
test_ok "stdin is read with -" sh -c "attest-ingest - <'$F/paged.txt' | grep -q 'source=\"stdin\"'"
test_ok "--name sets the source" sh -c "attest-ingest --name r.txt '$F/paged.txt' | grep -q 'source=\"r.txt\"'"
sum=$(sha256sum "$F/paged.txt" | cut -c1-64)
test_ok "sha256 is that of the original bytes" grep -q "sha256=\"$sum\"" "$TMP/paged.xml"
done_testing
