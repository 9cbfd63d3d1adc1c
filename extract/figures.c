/* figures.c: placeholder until the figures recogniser lands; recognises nothing. */
#include "extract.h"

#include "banned.h"

static int scan_figures(struct scan *s, struct diag *d)
{
	(void)s;
	(void)d;
	return 0;
}

const struct recogniser figures_recogniser = { "figures", scan_figures };
