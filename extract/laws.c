/* laws.c: placeholder until the laws recogniser lands; recognises nothing. */
#include "extract.h"

#include "banned.h"

static int scan_laws(struct scan *s, struct diag *d)
{
	(void)s;
	(void)d;
	return 0;
}

const struct recogniser laws_recogniser = { "laws", scan_laws };
