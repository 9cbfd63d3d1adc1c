/* timing.h: phase timings on request (`attest-load --timings`): each mark prints the
 * wall time since the previous one. Marks on a timing without output cost a test. */
#ifndef TIMING_H
#define TIMING_H

#include <stdio.h>

struct timing {
	FILE *out;         /* NULL: marks print nothing */
	const char *prog;  /* the line's prefix */
	double last;       /* CLOCK_MONOTONIC seconds of the previous mark */
};

/* Start t (the first mark measures from here); out NULL disables it. */
void timing_start(struct timing *t, FILE *out, const char *prog);
/* Print "PROG: timing: WHAT S.SSS s" for the time since the previous mark. */
void timing_mark(struct timing *t, const char *what);

#endif
