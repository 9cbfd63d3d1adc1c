/* sentences.c: sentence spans from ICU's break iterator. ICU works in UTF-16, so the
 * UTF-16 boundaries are mapped back to byte offsets of the UTF-8 text. The "ss"
 * (suppressions) locale keyword keeps "No. 5", "art. 3", "Mr. X" in one sentence. */
#include "sentences.h"

#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/ustring.h>

#include "unicode.h"
#include "banned.h"

struct sentence_breaker {
	UBreakIterator *bi;
	UChar *u16;
	size_t cap16;
	size_t *map;  /* UTF-16 index → byte offset */
	size_t capmap;
};

struct sentence_breaker *sentence_breaker_new(const char *locale, struct diag *d)
{
	UErrorCode st = U_ZERO_ERROR;
	struct sentence_breaker *sb = xcalloc(1, sizeof(*sb));
	char loc[64];

	snprintf(loc, sizeof(loc), "%s@ss=standard", locale ? locale : "en");
	sb->bi = ubrk_open(UBRK_SENTENCE, loc, NULL, 0, &st);
	if (U_FAILURE(st)) {
		st = U_ZERO_ERROR;
		sb->bi = ubrk_open(UBRK_SENTENCE, "en", NULL, 0, &st);
	}
	if (U_FAILURE(st)) {
		free(sb);
		diag_set(d, "cannot open the ICU sentence break iterator: %s", u_errorName(st));
		return NULL;
	}
	return sb;
}

void sentence_breaker_free(struct sentence_breaker *sb)
{
	if (!sb)
		return;
	ubrk_close(sb->bi);
	free(sb->u16);
	free(sb->map);
	free(sb);
}

int sentence_breaker_split(struct sentence_breaker *sb, const char *text, size_t len,
			   struct span **out, size_t *n, struct diag *d)
{
	UErrorCode st = U_ZERO_ERROR;
	size_t i = 0, k = 0, cap = 0;
	struct span *v = NULL;
	int32_t prev, b;

	*out = NULL;
	*n = 0;
	if (!len)
		return 0;
	XGROW(sb->u16, sb->cap16, len + 1);
	XGROW(sb->map, sb->capmap, len + 2);
	while (i < len) {
		size_t start = i;
		uint32_t c = utf8_next(text, len, &i);
		if (c >= 0x10000) {
			sb->map[k] = start;
			sb->u16[k++] = (UChar)(0xD7C0 + (c >> 10));
			sb->map[k] = start;
			sb->u16[k++] = (UChar)(0xDC00 | (c & 0x3FF));
		} else {
			sb->map[k] = start;
			sb->u16[k++] = (UChar)c;
		}
	}
	sb->map[k] = len;
	ubrk_setText(sb->bi, sb->u16, (int32_t)k, &st);
	if (U_FAILURE(st))
		return diag_set(d, "sentence breaking failed: %s", u_errorName(st));
	prev = ubrk_first(sb->bi);
	while ((b = ubrk_next(sb->bi)) != UBRK_DONE) {
		XGROW(v, cap, *n + 1);
		v[*n].start = sb->map[prev];
		v[*n].end = sb->map[b];
		(*n)++;
		prev = b;
	}
	*out = v;
	return 0;
}
