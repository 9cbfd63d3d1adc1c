#!/bin/sh
# t1320-pdf-real: every real PDF of the corpus ingests within 30 s and 1 GiB of
# address space into a document that matches lib/document.rng, or, when its name
# marks it as a scan without a text layer, is refused with "needs OCR". Then a few
# pages pin the layout rules: footnotes kept apart from the body with their
# markers as note-refs, a footnote marker printed on a line of its own, running
# headers and page numbers gone, superscript markers not glued to words, a
# paragraph whose lines differ in glyph height still one paragraph, margin line
# numbers dropped, tables read a column at a time put back as rows × cells.
. "$(dirname "$0")/lib.sh"

R=$SHARED/corpus/pdf/real
[ -d "$R" ] || skip_all "no $R"
mkdir -p "$TMP/x"

for f in "$R"/*.pdf; do
	n=$(basename "$f" .pdf)
	( as_limit 1048576; timeout -s KILL $((30 * SLOW)) attest-ingest "$f" >"$TMP/x/$n.xml" 2>"$TMP/err" )
	rc=$?
	case $n in
	SCANNED_*)
		test_eq "$n: refused as a scan" "$rc:$(grep -c 'no text layer on .* pages: needs OCR' "$TMP/err")" 1:1 ;;
	*)
		if [ "$rc" = 0 ] && xmllint --noout --relaxng "$TOP/lib/document.rng" "$TMP/x/$n.xml" 2>/dev/null; then
			_report 0 "$n: ingested, valid"
		else
			_report 1 "$n: ingested, valid (status $rc)"; sed 's/^/#   /' "$TMP/err" | head -3
		fi ;;
	esac
done

page() {  # name n -> the block lines of page n
	awk -v n="$2" '$0 ~ "<page n=\"" n "\">" {p = 1; next} /<\/page>/ {p = 0} p' "$TMP/x/$1.xml"
}
count() {  # pattern (ERE) on stdin -> matching lines
	grep -Ec "$1" || true
}

# IACHR merits report, page 3: footnote 4 is a footnote block, its marker a note-ref
d=iachr_report-146-18-merits-acosta-martinez-argentina_en
test_eq "$d p3: footnote 4 apart" "$(page $d 3 | count 'kind="footnote" label="4">I/A Court HR')" 1
test_eq "$d p3: its marker a note-ref after the word" "$(page $d 3 | count 'police edicts\.&quot;<note-ref n="4"/>|police edicts\."<note-ref n="4"/>')" 1
test_eq "$d p3: no footnote text in a paragraph" "$(page $d 3 | grep 'kind="paragraph"' | count 'Expert opinion of M')" 0

# IACtHR 2023 resolution, page 3: the marker "4" printed on a line of its own
d=iacthr_resolucion-2023-12-12-yanomami-brasil_es
test_eq "$d p3: footnote 4 from a marker line" "$(page $d 3 | count 'kind="footnote" label="4">En la presente Resoluci')" 1
test_eq "$d p3: page footer '-3-' gone" "$(page $d 3 | count '>-3-<| -3-<')" 0

# Slovenia national report 2024: header symbol and page numbers gone; paragraph 2 whole
d=un_A-HRC-WG.6-48-SVN-1_2024_en
test_eq "$d: running header gone from pages 2+" "$(grep -v '<page n="1">' "$TMP/x/$d.xml" | awk '/<page n="2">/{p=1} p' | count '>A/HRC/WG\.6/48/SVN/1<')" 0
test_eq "$d p2: no page-number block" "$(page $d 2 | count '">2</block>')" 0
test_eq "$d p2: paragraph 2 is one block" "$(page $d 2 | count 'label="2">Slovenia.*s preparations .* The report was drafted in cooperation')" 1
test_eq "$d: symbol from page 1" "$(count '<symbol>A/HRC/WG\.6/48/SVN/1</symbol>' <"$TMP/x/$d.xml")" 1

# EU zoonoses extract, page 1: superscripts glued to words become note-refs
d=eu_zoonoses-brucellosis_icdar2013-eu-019_en
test_eq "$d p1: 'reported1' is reported + note-ref 1" "$(page $d 1 | count 'reported<note-ref n="1"/> confirmed')" 1
test_eq "$d p1: no 'reported1' in the text" "$(page $d 1 | count 'reported1')" 0

# Federal Register (three columns, footnotes per column), page 2
d=us_federal-register-2020-17221_en
test_eq "$d p2: footnote 4 apart" "$(page $d 2 | count 'kind="footnote" label="4">The angle of attack')" 1
test_eq "$d p2: marker 4 after 'sensor'" "$(page $d 2 | count 'sensor<note-ref n="4"/> input')" 1
test_eq "$d: running header line gone" "$(count '>Federal Register / Vol\. 85' <"$TMP/x/$d.xml")" 0

# Supreme Court transcript: margin line numbers 1-25 dropped, double-spaced lines joined
d=us_scotus-transcript-p1_en
test_eq "$d: no margin line number left" "$(count '>(1[0-9]|2[0-5]|[2-9])( |<|\t)' <"$TMP/x/$d.xml")" 0
test_eq "$d: double-spaced lines make one paragraph" "$(count 'came on for oral argument before the Supreme Court of the United States at 1:01 p\.m\.<' <"$TMP/x/$d.xml")" 1

# California WARN report (a spreadsheet export read a column at a time), page 1
d=us-ca_warn-report_2015-2016_en
test_eq "$d p1: a table with a header row" "$(page $d 1 | count 'kind="table"><row header="1">.*<cell>Company</cell>')" 1
test_eq "$d p1: company and city in cells of one row" "$(page $d 1 | count '<row><cell>[0-9/ ]*</cell><cell>07/01/2015</cell><cell>Maxim Integrated Product</cell><cell>San Jose</cell>')" 1

# Slovenia national report 2009: the list of acronyms is a three-column table
d=un_A-HRC-WG.6-7-SVN-1_2009_en
test_eq "$d: acronym table rows" "$(count '<row><cell>2\.</cell><cell>CoE</cell><cell>Council of Europe</cell></row>' <"$TMP/x/$d.xml")" 1

done_testing
