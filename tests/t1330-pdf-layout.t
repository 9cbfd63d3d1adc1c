#!/bin/sh
# t1330-pdf-layout: the layout rules of the PDF reader on a fixture whose geometry
# is known (tests/fixtures/pdf/report.pdf, made by make-fixtures.py): running
# header and page numbers dropped, paragraph labels, a superscript footnote marker
# after a figure kept apart from it, the footnote body at the page bottom, a word
# hyphenated over a page break mended and its paragraph finished on its first page,
# two columns read one after the other, a footnote carried over to the next page,
# a table as rows × cells, metadata.
. "$(dirname "$0")/lib.sh"

F=$FIXTURES/pdf/report.pdf
attest-ingest "$F" >"$TMP/r.xml" 2>"$TMP/err"
test_eq "the fixture ingests without a message" "$?:$(wc -c <"$TMP/err" | tr -d ' ')" 0:0
test_ok "the document matches document.rng" xmllint --noout --relaxng "$TOP/lib/document.rng" "$TMP/r.xml"

page() {
	awk -v n="$1" '$0 ~ "<page n=\"" n "\">" {p = 1; next} /<\/page>/ {p = 0} p' "$TMP/r.xml"
}
count() {
	grep -Ec "$1" || true
}

test_eq "metadata: symbol from the first page" "$(count '<symbol>A/HRC/99/12</symbol>' <"$TMP/r.xml")" 1
test_eq "metadata: title and author" "$(count '<title>Report of the Working Group on Arbitrary Detention</title><author>Fixture generator</author>' <"$TMP/r.xml")" 1
test_eq "metadata: creation date when the page has none" "$(count '<date>2019-04-05</date>' <"$TMP/r.xml")" 1

test_eq "running header gone from every page" "$(count 'kind="[a-z]*">A/HRC/99/12<' <"$TMP/r.xml")" 0
test_eq "page numbers gone" "$(count '">[123]</block>' <"$TMP/r.xml")" 0
test_eq "paragraph labels" "$(count 'kind="paragraph" label="[1-6]"' <"$TMP/r.xml")" 6

test_eq "marker after the figure is a note-ref" "$(page 1 | count '181,818 \(2005\)<note-ref n="2"/> and has since')" 1
test_eq "no marker glued to a figure" "$(count '181,8182|20052' <"$TMP/r.xml")" 0
test_eq "the footnote body at the bottom" "$(page 1 | count 'kind="footnote" label="2">Figures of the State Committee')" 1
test_eq "the footnote's end on page 2 joins it" "$(page 1 | count 'label="2">Figures of .*letter of 2 April 2019, which covers the years 2016 to 2018\.</block>')" 1
test_eq "and is not a paragraph of page 2" "$(page 2 | count 'covers the years')" 0
test_eq "the job number is not part of the footnote" "$(page 1 | count 'April 2019\. GE')" 0

test_eq "hyphenated word mended over the page break" "$(page 1 | count 'in charge of registration procedures at the border crossing points\.</block>')" 1
test_eq "its end is not repeated on page 2" "$(page 2 | count 'tration procedures')" 0

test_eq "left column whole, first" "$(page 2 | sed -n 1p | count 'label="4">.*awaiting removal.*were published\.</block>')" 1
test_eq "right column whole, second" "$(page 2 | sed -n 2p | count 'label="5">.*two police stations.*were published\.</block>')" 1

test_eq "table: header row and cells" "$(page 3 | count '<block id="[0-9]*" kind="table"><row header="1"><cell>Year</cell><cell>Arrivals</cell><cell>Returns</cell></row>')" 1
test_eq "table: a body row" "$(page 3 | count '<row><cell>2017</cell><cell>9,870</cell><cell>1,204</cell></row>')" 1

attest-ingest --keep-running-headers "$F" >"$TMP/k.xml" 2>/dev/null
test_eq "--keep-running-headers keeps them" "$(count 'kind="[a-z]*">A/HRC/99/12<' <"$TMP/k.xml")" 3

done_testing
