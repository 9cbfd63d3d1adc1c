/* diag.c: the only place that formats errors, and the aborting allocators. */
#include "diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "banned.h"

void diag_init(struct diag *d)
{
	d->msg[0] = '\0';
	d->page = 0;
	d->warning = 0;
}

int diag_set(struct diag *d, const char *fmt, ...)
{
	va_list ap;

	if (!d)
		return -1;
	va_start(ap, fmt);
	vsnprintf(d->msg, sizeof(d->msg), fmt, ap);
	va_end(ap);
	return -1;
}

void diag_print(const char *prog, const char *file, const struct diag *d)
{
	if (d->page > 0)
		fprintf(stderr, "%s: %s: page %d: %s\n", prog, file, d->page, d->msg);
	else if (file)
		fprintf(stderr, "%s: %s: %s\n", prog, file, d->msg);
	else
		fprintf(stderr, "%s: %s\n", prog, d->msg);
}

static void oom(size_t n)
{
	fprintf(stderr, "fatal: out of memory allocating %zu bytes\n", n);
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom(n);
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		oom(n * size);
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		oom(n);
	return q;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void xgrow(void **v, size_t *cap, size_t need, size_t elem)
{
	size_t c = *cap;

	if (need <= c)
		return;
	c = c ? c : 8;
	while (c < need)
		c *= 2;
	*v = xrealloc(*v, c * elem);
	*cap = c;
}
