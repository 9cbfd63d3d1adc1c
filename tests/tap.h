/* tap.h: a header-only TAP producer for C unit tests (plan, ok, is_*, diag, todo).
 * Each test binary is run by prove; `# TODO` marks known bugs instead of deleting cases. */
#ifndef TAP_H
#define TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed;
static const char *tap_todo;

static inline void tap_plan(int n) { printf("1..%d\n", n); }

static inline void tap_vdiag(const char *fmt, va_list ap)
{
	fputs("# ", stdout);
	vprintf(fmt, ap);
	fputc('\n', stdout);
}

#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
static inline void diag(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	tap_vdiag(fmt, ap);
	va_end(ap);
}

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static inline int ok(int cond, const char *fmt, ...)
{
	va_list ap;

	tap_n++;
	printf("%sok %d - ", cond ? "" : "not ", tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	if (tap_todo)
		printf(" # TODO %s", tap_todo);
	putchar('\n');
	if (!cond && !tap_todo)
		tap_failed++;
	return cond;
}

static inline void todo(const char *why) { tap_todo = why; }
static inline void end_todo(void) { tap_todo = NULL; }

#define is_int(got, want, ...) \
	(ok((long long)(got) == (long long)(want), __VA_ARGS__) ? 1 : \
	 (diag("     got: %lld", (long long)(got)), diag("expected: %lld", (long long)(want)), 0))

#define is_str(got, want, ...) \
	(ok(((got) == NULL && (want) == NULL) || ((got) && (want) && !strcmp((got), (want))), __VA_ARGS__) ? 1 : \
	 (diag("     got: '%s'", (got) ? (got) : "(null)"), diag("expected: '%s'", (want) ? (want) : "(null)"), 0))

static inline int done_testing(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}

#endif
