#!/bin/sh
# t1150: the corpus texts and their PDF renders ingest to valid documents; the
# footnote marker of 181,818 (2005) is kept apart; UN paragraph labels are labels.
. "$(dirname "$0")/lib.sh"
have_shared || skip_all "no ../shared corpus"
RNG=$TOP/lib/document.rng
for f in "$SHARED"/corpus/text/*.txt "$SHARED"/corpus/pdf/seeds/*.pdf; do
	n=$(basename "$f")
	timeout 60 attest-ingest "$f" >"$TMP/$n.xml" 2>"$TMP/$n.err"
	test_eq "$n ingests" "$?" 0
	test_ok "$n validates against document.rng" xmllint --noout --relaxng "$RNG" "$TMP/$n.xml"
done
x=$TMP/001_2fead9ae994e5066.txt.xml
test_ok "001: 181,818 (2005) keeps its footnote marker apart" grep -q '181,818 (2005)<note-ref n="2"/>' "$x"
test_fails "001: no 181,8182 or 20052 in the text" grep -q '181,8182\|(20052)' "$x"
test_ok "001: footnote 2 is a footnote block" grep -q 'kind="footnote" label="2">Source: United Nations Population Division' "$x"
x=$TMP/003_e161a5085a521890.txt.xml
labels=$(grep -o 'kind="paragraph" label="[0-9]*"' "$x" | grep -o '[0-9][0-9]*' | sort -n | uniq | tr '\n' ' ')
want=$(seq 1 251 | tr '\n' ' ')
test_eq "003: paragraph labels 1-251 are recorded as labels" "$labels" "$want"
test_fails "003: no paragraph text starts with its own label" grep -Eq 'kind="paragraph"( label="[0-9]+")?>[0-9]{1,3}\. ' "$x"
test_ok "003: the language is English" grep -q '<lang>en</lang>' "$x"
done_testing
