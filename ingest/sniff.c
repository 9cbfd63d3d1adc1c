/* sniff.c: media type from magic bytes. A PDF may have up to 1 KiB of junk before
 * %PDF- (Acrobat accepts that); HTML is recognised by its markup near the start. */
#include "ingest.h"

#include <string.h>
#include <strings.h>

#include "banned.h"

static int has_pdf_magic(const char *b, size_t len)
{
	size_t lim = len < 1024 ? len : 1024, i;

	for (i = 0; i + 5 <= lim; i++)
		if (!memcmp(b + i, "%PDF-", 5))
			return 1;
	return 0;
}

static int starts_ci(const char *s, size_t len, const char *word)
{
	size_t n = strlen(word);
	return len >= n && !strncasecmp(s, word, n);
}

static int looks_html(const char *b, size_t len)
{
	size_t lim = len < 2048 ? len : 2048, i = 0;

	if (len >= 3 && !memcmp(b, "\xEF\xBB\xBF", 3))
		i = 3;
	while (i < lim && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n'))
		i++;
	if (i >= lim || b[i] != '<')
		return 0;
	if (starts_ci(b + i, lim - i, "<!doctype html") || starts_ci(b + i, lim - i, "<html") ||
	    starts_ci(b + i, lim - i, "<head") || starts_ci(b + i, lim - i, "<body"))
		return 1;
	if (starts_ci(b + i, lim - i, "<?xml") || starts_ci(b + i, lim - i, "<!--")) {
		/* XHTML: an html element soon after the prolog */
		for (; i + 5 < lim; i++)
			if (starts_ci(b + i, lim - i, "<html"))
				return 1;
	}
	return 0;
}

const struct reader *sniff_reader(const char *bytes, size_t len)
{
	if (has_pdf_magic(bytes, len))
		return &pdf_reader;
	if (looks_html(bytes, len))
		return &html_reader;
	return &text_reader;
}
