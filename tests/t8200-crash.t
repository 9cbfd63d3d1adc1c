#!/bin/sh
# t8200: the short version of tests/crash.sh (make check-crash does 100 kills): 10
# SIGKILLs at random points of attest-load and attest inbox runs; after each the store
# passes integrity_check and holds no partly loaded document; a rerun gives exactly
# the facts of an uninterrupted run.
CRASH_KILLS=${CRASH_KILLS:-10}
export CRASH_KILLS
exec sh "$(dirname "$0")/crash.sh" "$CRASH_KILLS"
