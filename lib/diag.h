/* diag.h: the one diagnostics channel. Lower layers fill a struct diag and return -1;
 * only main() prints it, once, as "prog: FILE: where: reason". Also the allocation
 * wrappers, which abort on out-of-memory (the only error that does not travel up). */
#ifndef DIAG_H
#define DIAG_H

#include <stddef.h>

struct diag {
	char msg[512];   /* lower case, no full stop; empty when no error */
	int page;        /* 1-based page the error concerns, 0 when none */
	int warning;     /* 1 when the condition is not fatal */
};

/* Exit codes shared by every program (documented in each usage text). */
enum exit_code { EXIT_OK = 0, EXIT_BAD_INPUT = 1, EXIT_USAGE = 2, EXIT_SYSTEM = 3 };

void diag_init(struct diag *d);
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
int diag_set(struct diag *d, const char *fmt, ...);  /* always returns -1 */
void diag_print(const char *prog, const char *file, const struct diag *d);
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Grow *v (of *cap elements of size elem) so that it holds at least need elements. */
void xgrow(void **v, size_t *cap, size_t need, size_t elem);
/* The test inline: XGROW sits in per-character loops. */
#define XGROW(v, cap, need)                                                  \
	do {                                                                 \
		size_t xgrow_need_ = (need);                                 \
		if (xgrow_need_ > (cap))                                     \
			xgrow((void **)&(v), &(cap), xgrow_need_, sizeof(*(v))); \
	} while (0)

#endif
