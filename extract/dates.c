/* dates.c: placeholder until the dates recogniser lands; recognises nothing. */
#include "extract.h"

#include "banned.h"

static int scan_dates(struct scan *s, struct diag *d)
{
	(void)s;
	(void)d;
	return 0;
}

const struct recogniser dates_recogniser = { "dates", scan_dates };

size_t dates_parse(const char *text, size_t len, size_t at, struct date_value *out)
{
	(void)text;
	(void)len;
	(void)at;
	(void)out;
	return 0;
}
