#!/bin/sh
# t1310-pdf-hostile: every hostile PDF of the corpus (truncated, broken xref,
# encrypted, bombs, loops, absurd page counts, fonts without Unicode) is read by the
# PDF reader within 30 s and 1 GiB of address space, and either refused with exactly
# one stderr line "attest-ingest: FILE: reason" and exit status 1, or read (exit 0)
# with at most one warning line. Never a signal, never the timeout. Also: the
# reader's own watchdog (ATTEST_PDF_TIMEOUT) ends a slow read with one line.
. "$(dirname "$0")/lib.sh"

H=$SHARED/corpus/pdf/hostile
[ -d "$H" ] || skip_all "no $H"

run_limited() {  # secs file -> $TMP/out, $TMP/err, echo status
	( as_limit 1048576; timeout -s KILL $(($1 * SLOW)) attest-ingest --type pdf "$2" >"$TMP/out" 2>"$TMP/err" )
	echo $?
}

for f in "$H"/*.pdf; do
	n=$(basename "$f")
	rc=$(run_limited 30 "$f")
	lines=$(wc -l <"$TMP/err" | tr -d ' ')
	prefixed=$(grep -c '^attest-ingest: ' "$TMP/err")
	if [ "$rc" -ge 124 ]; then
		_report 1 "$n: no crash, no hang (status $rc)"
		sed 's/^/#   /' "$TMP/err" | head -5
	elif [ "$rc" = 0 ]; then
		ok=0
		[ "$lines" -le 1 ] && [ "$prefixed" = "$lines" ] || ok=1
		grep -q '<document ' "$TMP/out" || ok=1
		_report $ok "$n: read, with $lines warning line(s)"
	else
		ok=0
		[ "$rc" = 1 ] && [ "$lines" = 1 ] && [ "$prefixed" = 1 ] || ok=1
		[ -s "$TMP/out" ] && ok=1
		_report $ok "$n: refused with one line: $(cut -c1-100 "$TMP/err")"
	fi
done

# reasons that say what to do
rc=$(run_limited 30 "$H/encrypted_userpw-test_password-example.pdf")
test_eq "encrypted file: the reason says so" "$(grep -c 'encrypted PDF: needs a password' "$TMP/err")" 1
rc=$(run_limited 30 "$H/fonts_mis-mapped-cyrillic_un_bbnj-agreement_2023_ru.pdf")
test_eq "glyphs mapped to wrong letters: refused as needing OCR" "$rc:$(grep -c 'needs OCR' "$TMP/err")" 1:1
rc=$(run_limited 30 "$H/loop_pages-tree-refs.pdf")
test_eq "a page tree with a loop: the readable page and a warning" \
	"$rc:$(grep -c 'cannot be read, the others are kept' "$TMP/err")" 0:1

# the watchdog: three copies of the 619-page file (1,857 pages, about 4 s of work)
# cannot be read in 1 s, however fast the machine
W=$H/pagecount_619_real_DA-619p.pdf
pdfunite "$W" "$W" "$W" "$TMP/slow.pdf" 2>/dev/null && W=$TMP/slow.pdf
rc=$(ATTEST_PDF_TIMEOUT=1 run_limited 30 "$W")
test_eq "watchdog: status 1 and one line" "$rc:$(wc -l <"$TMP/err" | tr -d ' '):$(grep -c 'not read within 1 s' "$TMP/err")" 1:1:1
test_eq "watchdog: nothing on stdout" "$(wc -c <"$TMP/out" | tr -d ' ')" 0

done_testing
