/* decrees.c: placeholder until the decrees recogniser lands; recognises nothing. */
#include "extract.h"

#include "banned.h"

static int scan_decrees(struct scan *s, struct diag *d)
{
	(void)s;
	(void)d;
	return 0;
}

const struct recogniser decrees_recogniser = { "decrees", scan_decrees };
