# tests/lib.sh: shell TAP helpers, sourced by tests/*.t (after git's t/test-lib.sh).
#   test_ok DESC CMD...        ok when CMD exits 0
#   test_fails DESC CMD...     ok when CMD exits non-zero
#   test_eq DESC GOT WANT      ok when the strings are equal
#   test_cmp DESC FILE1 FILE2  ok when the files are equal (diff shown as diagnostics)
#   skip_all REASON            plan 0 and exit
#   done_testing               print the plan, exit 1 if anything failed
# Environment: ATTEST_BIN (programs), SHARED (../shared), TMP (a fresh folder per test
# script, removed at exit), FIXTURES (tests/fixtures).
set -u
LC_ALL=C
export LC_ALL
ATTEST_NOW=${ATTEST_NOW:-2009-08-30T19:20:00Z}
export ATTEST_NOW
TOP=$(cd "$(dirname "$0")/.." && pwd)
ATTEST_BIN=${ATTEST_BIN:-$TOP/bin}
PATH=$ATTEST_BIN:$PATH
export PATH ATTEST_BIN
ATTEST_LEXICON=${ATTEST_LEXICON:-$TOP/lexicon}
export ATTEST_LEXICON
FIXTURES=$TOP/tests/fixtures
# Sanitised builds (make asan) run several times slower and cannot start under an
# address-space limit (ASan reserves terabytes of shadow memory): tests scale their
# time limits by SLOW and skip `ulimit -v` through as_limit.
SLOW=1
[ -n "${ATTEST_SANITIZED:-}" ] && SLOW=6
as_limit() {  # KB: limit the address space of this (sub)shell, unless sanitised
	[ -n "${ATTEST_SANITIZED:-}" ] || ulimit -v "$1"
}
SHARED=${SHARED:-$TOP/../shared}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/attest-test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
_n=0
_failed=0

_report() {  # status desc
	_n=$((_n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $_n - $2"
	else
		echo "not ok $_n - $2"
		_failed=$((_failed + 1))
	fi
}

test_ok() {
	_d=$1; shift
	if "$@" >"$TMP/.out" 2>"$TMP/.err"; then _report 0 "$_d"; else
		_report 1 "$_d"; sed 's/^/#   /' "$TMP/.err" | head -20; fi
}

test_fails() {
	_d=$1; shift
	if "$@" >"$TMP/.out" 2>"$TMP/.err"; then _report 1 "$_d"; else _report 0 "$_d"; fi
}

test_eq() {
	if [ "$2" = "$3" ]; then _report 0 "$1"; else
		_report 1 "$1"; echo "#      got: '$2'"; echo "# expected: '$3'"; fi
}

test_cmp() {
	if diff -u "$2" "$3" >"$TMP/.diff" 2>&1; then _report 0 "$1"; else
		_report 1 "$1"; sed 's/^/#   /' "$TMP/.diff" | head -40; fi
}

skip_all() {
	echo "1..0 # SKIP $1"
	exit 0
}

done_testing() {
	echo "1..$_n"
	[ "$_failed" = 0 ]
}

have_shared() {
	[ -d "$SHARED/corpus" ]
}

# need_text_corpus: skip the script unless sqlite3 and the shared text corpus are
# there; sets CORPUS to the corpus folder.
need_text_corpus() {
	command -v sqlite3 >/dev/null || skip_all "sqlite3 not installed"
	have_shared || skip_all "no shared corpus at $SHARED"
	CORPUS=$SHARED/corpus/text
	[ -d "$CORPUS" ] || skip_all "no $CORPUS"
}
