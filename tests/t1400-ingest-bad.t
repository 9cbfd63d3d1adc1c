#!/bin/sh
# t1400: bad input gives one clear stderr line "attest-ingest: NAME: reason", a
# non-zero exit and nothing on stdout; never a crash or a hang.
. "$(dirname "$0")/lib.sh"

bad() {  # desc file reason-pattern
	timeout 30 attest-ingest "$2" >"$TMP/out" 2>"$TMP/err"
	rc=$?
	test_ok "$1: exits 1 (got $rc)" test "$rc" = 1
	test_eq "$1: nothing on stdout" "$(wc -c <"$TMP/out" | tr -d ' ')" 0
	test_eq "$1: one stderr line" "$(wc -l <"$TMP/err" | tr -d ' ')" 1
	test_ok "$1: the line names the program and the file" grep -q "^attest-ingest: .*$(basename "$2")" "$TMP/err"
	test_ok "$1: the reason says '$3'" grep -qi "$3" "$TMP/err"
}

bad "missing file" "$TMP/nope.txt" "no such file"
mkdir "$TMP/dir"
bad "directory" "$TMP/dir" "directory"
: >"$TMP/empty.txt"
bad "empty file" "$TMP/empty.txt" "empty"
head -c 4096 /dev/urandom >"$TMP/garbage.bin"
printf '\000\001\002\003' >>"$TMP/garbage.bin"
bad "binary garbage" "$TMP/garbage.bin" "binary\|invalid\|not text"
printf 'Valid UTF-8: caf\303\251.\nThen a bad byte: \377 here.\n' >"$TMP/badutf8.txt"
bad "invalid UTF-8 inside UTF-8 text" "$TMP/badutf8.txt" "invalid UTF-8 at byte"
: >"$TMP/empty.pdf"
bad "0-byte PDF" "$TMP/empty.pdf" "empty"
if have_shared; then
	head -c 20000 "$SHARED/corpus/pdf/seeds/000_29baa04d71b860dd.pdf" >"$TMP/truncated.pdf"
	timeout 30 attest-ingest "$TMP/truncated.pdf" >"$TMP/out" 2>"$TMP/err"
	rc=$?
	test_ok "truncated PDF: no crash (exit 0 or 1, got $rc)" test "$rc" -le 1
	test_ok "truncated PDF: at most one stderr line" test "$(wc -l <"$TMP/err")" -le 1
	if [ "$rc" = 1 ]; then test_eq "truncated PDF: nothing on stdout" "$(wc -c <"$TMP/out" | tr -d ' ')" 0; fi
fi
printf '%%PDF-1.4\n%%garbage that is no PDF at all\n' >"$TMP/fake.pdf"
bad "a file that only starts like a PDF" "$TMP/fake.pdf" "damaged PDF"
printf 'error\n' >"$TMP/mislabelled.pdf"
bad "text under a .pdf name" "$TMP/mislabelled.pdf" "not a PDF"
test_ok "--type text reads it anyway" sh -c "attest-ingest --type text '$TMP/mislabelled.pdf' | grep -q '>error</block>'"
timeout 5 attest-ingest >/dev/null 2>&1
test_eq "no argument is a usage error (exit 2)" "$?" 2
timeout 5 attest-ingest --bogus x >/dev/null 2>&1
test_eq "an unknown option is a usage error (exit 2)" "$?" 2
test_ok "--help prints the usage" sh -c 'attest-ingest --help | grep -q "^usage: attest-ingest"'
done_testing
