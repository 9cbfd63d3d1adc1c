/* timing.c: phase timings on request. Exports timing_start, timing_mark. */
#include "timing.h"

#include <time.h>

#include "banned.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void timing_start(struct timing *t, FILE *out, const char *prog)
{
	t->out = out;
	t->prog = prog;
	t->last = out ? now() : 0;
}

void timing_mark(struct timing *t, const char *what)
{
	double n;

	if (!t || !t->out)
		return;
	n = now();
	fprintf(t->out, "%s: timing: %s %.3f s\n", t->prog, what, n - t->last);
	t->last = n;
}
