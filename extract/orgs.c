/* orgs.c: placeholder until the orgs recogniser lands; recognises nothing. */
#include "extract.h"

#include "banned.h"

static int scan_orgs(struct scan *s, struct diag *d)
{
	(void)s;
	(void)d;
	return 0;
}

const struct recogniser orgs_recogniser = { "orgs", scan_orgs };
