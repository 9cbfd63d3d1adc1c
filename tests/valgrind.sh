#!/bin/sh
# valgrind.sh: the memory half of `make check-mem` (the other half is `make asan`, the
# suite under ASan + UBSan). Runs under valgrind --error-exitcode=1 --leak-check=full:
#   - every C test program of $ATTEST_BUILD/tests (unit tests, recogniser runners and
#     the fuzz replays t9000-replay-*.t, whose per-input children valgrind follows);
#   - a few pipeline runs: attest-ingest on text, HTML and PDF, attest-extract,
#     attest-load, and `attest inbox` with every stage traced.
# Prints TAP; exits 1 when valgrind reports an error or a definite leak anywhere.
#
#   tests/valgrind.sh                    ATTEST_BUILD=build ATTEST_BIN=bin by default
#   VALGRIND_SKIP='t1300-* t2200-*'      globs of test programs not to run (default:
#                                        these two take > 10 min under valgrind)
. "$(dirname "$0")/lib.sh"

B=${ATTEST_BUILD:-$TOP/build}
SKIP=${VALGRIND_SKIP-t1300-* t2200-*}
LIMIT=${VALGRIND_TIMEOUT:-600}
command -v valgrind >/dev/null 2>&1 || skip_all "valgrind is not installed"
[ -d "$B/tests" ] || skip_all "no $B/tests: build first"

# Only definite and indirect leaks count: ICU, fontconfig and glib keep caches for the
# life of the process ("still reachable", sometimes "possibly lost").
VG="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect
	--show-leak-kinds=definite,indirect --track-fds=no --num-callers=30"

vg() {  # desc cmd... : ok when valgrind found nothing and the program did not crash
	_d=$1; shift
	rm -rf "$TMP/vglog"; mkdir "$TMP/vglog"
	timeout -k 10 "$LIMIT" $VG ${VG_EXTRA:-} --log-file="$TMP/vglog/%p" "$@" >"$TMP/vg.out" 2>"$TMP/vg.err"
	_rc=$?
	_log=$(cat "$TMP"/vglog/* 2>/dev/null | grep -v '^==[0-9]*== *$')
	if [ "$_rc" = 99 ] || [ -n "$_log" ] || [ "$_rc" -ge 124 ]; then
		_report 1 "$_d (exit $_rc)"
		printf '%s\n' "$_log" | head -40 | sed 's/^/#   /'
	else
		_report 0 "$_d (exit $_rc)"
	fi
}

# ---- the C test programs ----
for t in "$B"/tests/t*.t; do
	[ -x "$t" ] || continue
	head -c 4 "$t" | grep -q ELF || continue
	b=$(basename "$t")
	skip=
	set -f  # the globs are patterns for case, not for the file system
	for g in $SKIP; do
		# shellcheck disable=SC2254
		case $b in $g) skip=1 ;; esac
	done
	set +f
	if [ -n "$skip" ]; then echo "# skip $b (VALGRIND_SKIP)"; continue; fi
	vg "$b" "$t"
	# the program's own verdict counts too (a TODO list of known bugs keeps it 0)
	if [ "$_rc" != 0 ] && [ "$_rc" != 99 ]; then
		echo "#   (the test itself failed: exit $_rc)"
	fi
done

# ---- pipeline runs ----
mkdir -p "$TMP/in"
for f in "$FIXTURES"/ingest/*.txt "$FIXTURES"/ingest/*.html "$TOP"/tests/fuzz/corpus/pdf/seed-two-pages-flate.pdf; do
	[ -f "$f" ] || continue
	b=$(basename "$f")
	vg "attest-ingest $b" "$ATTEST_BIN/attest-ingest" "$f"
	cp "$TMP/vg.out" "$TMP/in/$b.xml"
	cp "$f" "$TMP/in/$b"
done
if [ -s "$TMP/in/wrapped.txt.xml" ]; then
	vg "attest-extract wrapped.txt" "$ATTEST_BIN/attest-extract" "$TMP/in/wrapped.txt.xml"
	cp "$TMP/vg.out" "$TMP/wrapped.facts"
	if attest-load --help 2>&1 | grep -q 'usage: attest-load'; then
		vg "attest-load wrapped.txt" "$ATTEST_BIN/attest-load" --db "$TMP/s.db" "$TMP/wrapped.facts"
	fi
fi
vg "attest-ingest on bad input (binary)" "$ATTEST_BIN/attest-ingest" "$TMP/s.db"
rm -f "$TMP"/in/*.xml
if attest inbox --help 2>&1 | grep -q 'usage: attest inbox'; then
	VG_EXTRA=--trace-children=yes
	vg "attest inbox (every stage traced)" "$ATTEST_BIN/attest" inbox "$TMP/in" \
		--db "$TMP/inbox.db" -j 1 --timeout 300 --mem-limit 0
	VG_EXTRA=
else
	echo "# attest inbox is not built: not run under valgrind"
fi
done_testing
