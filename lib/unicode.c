/* unicode.c: UTF-8 primitives (hand-written because they sit on every hot path and
 * must never fail) and thin ICU wrappers for normalisation and case folding. */
#include "unicode.h"

#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include "diag.h"
#include "banned.h"

uint32_t utf8_next_slow(const char *s, size_t len, size_t *i)
{
	int32_t off = (int32_t)*i;
	UChar32 c;

	if (*i >= len)
		return 0;
	U8_NEXT((const uint8_t *)s, off, (int32_t)len, c);
	if (c < 0) {
		*i = *i + 1;
		return 0xFFFD;
	}
	*i = (size_t)off;
	return (uint32_t)c;
}

size_t utf8_step_slow(const char *s, size_t len, size_t i)
{
	size_t j = i;
	utf8_next(s, len, &j);
	return j - i;
}

size_t utf8_prev(const char *s, size_t i)
{
	size_t j = i;

	if (!j)
		return 0;
	j--;
	while (j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80 && i - j < 4)
		j--;
	return j;
}

void utf8_put(struct strbuf *sb, uint32_t cp)
{
	char b[4];
	int32_t n = 0;
	UBool err = 0;

	U8_APPEND((uint8_t *)b, n, 4, (UChar32)cp, err);
	if (err) {
		strbuf_adds(sb, "\xEF\xBF\xBD");
		return;
	}
	strbuf_add(sb, b, (size_t)n);
}

int utf8_valid(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		int32_t off = (int32_t)i;
		UChar32 c;
		uint64_t x;

		/* ASCII eight bytes at a time, then one at a time: most text is ASCII */
		if (i + 8 <= len) {
			memcpy(&x, s + i, 8);
			if (!(x & 0x8080808080808080ULL)) {
				i += 8;
				continue;
			}
		}
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		U8_NEXT((const uint8_t *)s, off, (int32_t)len, c);
		if (c < 0)
			return 0;
		i = (size_t)off;
	}
	return 1;
}

size_t utf8_chars(const char *s, size_t len)
{
	size_t n = 0, i = 0;

	/* eight bytes at a time: a continuation byte has bit 7 set and bit 6 clear */
	for (; i + 8 <= len; i += 8) {
		uint64_t x, cont;
		memcpy(&x, s + i, 8);
		cont = x & ~(x << 1) & 0x8080808080808080ULL;
		n += 8 - (size_t)__builtin_popcountll(cont);
	}
	for (; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			n++;
	return n;
}

int unicode_xml_char(uint32_t c)
{
	if (c == 0x9 || c == 0xA || c == 0xD)
		return 1;
	if (c < 0x20)
		return 0;
	if (c >= 0xD800 && c <= 0xDFFF)
		return 0;
	if (c == 0xFFFE || c == 0xFFFF)
		return 0;
	return c <= 0x10FFFF;
}

void utf8_sanitize(struct strbuf *out, const char *s, size_t len)
{
	size_t i = 0;

	strbuf_grow(out, len);
	while (i < len) {
		size_t start = i;
		uint32_t c;
		/* a run of printable ASCII, TAB, LF and CR passes as it is, in one copy */
		while (i < len && (((unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x80) ||
				   s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
			i++;
		if (i > start) {
			strbuf_add(out, s + start, i - start);
			continue;
		}
		c = utf8_next(s, len, &i);
		if (c == 0xFFFD && i - start == 1 && (unsigned char)s[start] >= 0x80)
			strbuf_adds(out, "\xEF\xBF\xBD");
		else if (!unicode_xml_char(c))
			strbuf_adds(out, "\xEF\xBF\xBD");
		else
			strbuf_add(out, s + start, i - start);
	}
}

/* UTF-8 → UTF-16 into a malloc'd buffer; *n16 receives the length. */
static UChar *to_u16(const char *s, size_t len, int32_t *n16)
{
	UErrorCode st = U_ZERO_ERROR;
	UChar *u;
	int32_t n = 0;

	u_strFromUTF8WithSub(NULL, 0, &n, s, (int32_t)len, 0xFFFD, NULL, &st);
	st = U_ZERO_ERROR;
	u = xmalloc(((size_t)n + 1) * sizeof(UChar));
	u_strFromUTF8WithSub(u, n + 1, n16, s, (int32_t)len, 0xFFFD, NULL, &st);
	if (U_FAILURE(st)) {
		free(u);
		return NULL;
	}
	return u;
}

static int from_u16(struct strbuf *out, const UChar *u, int32_t n)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t need = 0;

	u_strToUTF8WithSub(NULL, 0, &need, u, n, 0xFFFD, NULL, &st);
	st = U_ZERO_ERROR;
	strbuf_grow(out, (size_t)need);
	u_strToUTF8WithSub(out->buf + out->len, need + 1, NULL, u, n, 0xFFFD, NULL, &st);
	if (U_FAILURE(st))
		return -1;
	out->len += (size_t)need;
	out->buf[out->len] = '\0';
	return 0;
}

/* Apply an ICU normaliser to UTF-16, returning a malloc'd result. */
static UChar *normalize16(const UNormalizer2 *nz, const UChar *u, int32_t n, int32_t *rn)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t cap = n * 3 + 16;
	UChar *r = xmalloc((size_t)cap * sizeof(UChar));

	*rn = unorm2_normalize(nz, u, n, r, cap, &st);
	if (st == U_BUFFER_OVERFLOW_ERROR) {
		cap = *rn + 1;
		r = xrealloc(r, (size_t)cap * sizeof(UChar));
		st = U_ZERO_ERROR;
		*rn = unorm2_normalize(nz, u, n, r, cap, &st);
	}
	if (U_FAILURE(st)) {
		free(r);
		return NULL;
	}
	return r;
}

int unicode_nfc(struct strbuf *out, const char *s, size_t len)
{
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *nfc = unorm2_getNFCInstance(&st);
	UChar *u, *r;
	int32_t n, rn;
	int rc = -1;

	if (U_FAILURE(st))
		return -1;
	/* fast path: text below U+0300 is already NFC. Every code point there is
	 * NFC_QC=Yes with combining class 0, and composition needs a following mark at
	 * U+0300 or above (ICU's own minCompNoMaybeCP); in UTF-8 such a code point
	 * starts with a byte >= 0xCC. This skips two UTF-16 conversions for most of
	 * the text of Latin-script reports (quotes, dashes, NBSP, accented letters).
	 * Only for valid UTF-8: the ICU path is also what replaces broken sequences
	 * with U+FFFD, and the readers rely on it. */
	{
		size_t i;
		unsigned char high = 0;
		for (i = 0; i < len && (unsigned char)s[i] < 0xCC; i++)
			high |= (unsigned char)s[i];
		if (i == len && (high < 0x80 || utf8_valid(s, len))) {
			strbuf_add(out, s, len);
			return 0;
		}
	}
	if (!(u = to_u16(s, len, &n)))
		return -1;
	if ((r = normalize16(nfc, u, n, &rn))) {
		rc = from_u16(out, r, rn);
		free(r);
	}
	free(u);
	return rc;
}

/* Letters without a decomposition that readers still treat as their base letter. */
static uint32_t fold_extra(uint32_t c)
{
	switch (c) {
	case 0x0131: return 'i';  /* ı dotless i */
	case 0x0259: return 'a';  /* ə schwa (Azerbaijani) */
	case 0x018F: return 'a';  /* Ə */
	case 0x00F8: return 'o';  /* ø */
	case 0x0142: return 'l';  /* ł */
	case 0x0111: return 'd';  /* đ */
	case 0x00DF: return 's';  /* ß (after folding it is "ss" anyway) */
	case 0x2019: case 0x2018: case 0x02BC: return '\'';
	case 0x201C: case 0x201D: case 0x00AB: case 0x00BB: return '"';
	default: return c;
	}
}

int unicode_fold_key(struct strbuf *out, const char *s, size_t len)
{
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *nfkd = unorm2_getNFKDInstance(&st);
	UChar *u = NULL, *f = NULL, *d = NULL;
	int32_t n, fn, dn, i;
	int rc = -1;

	strbuf_reset(out);
	if (U_FAILURE(st))
		return -1;
	if (!(u = to_u16(s, len, &n)))
		return -1;
	f = xmalloc(((size_t)n * 3 + 16) * sizeof(UChar));
	fn = u_strFoldCase(f, n * 3 + 16, u, n, U_FOLD_CASE_DEFAULT, &st);
	if (U_FAILURE(st))
		goto out;
	if (!(d = normalize16(nfkd, f, fn, &dn)))
		goto out;
	for (i = 0; i < dn;) {
		UChar32 c;
		U16_NEXT(d, i, dn, c);
		if (u_getCombiningClass(c) != 0 || u_charType(c) == U_NON_SPACING_MARK)
			continue;
		if (unicode_is_dash((uint32_t)c))
			c = '-';
		else if (unicode_is_space((uint32_t)c))
			c = ' ';
		utf8_put(out, fold_extra((uint32_t)c));
	}
	rc = 0;
out:
	free(d);
	free(f);
	free(u);
	return rc;
}

int unicode_is_space(uint32_t cp)
{
	if (cp < 0x80)
		return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v';
	return u_isUWhiteSpace((UChar32)cp) || cp == 0x200B;
}

int unicode_is_dash(uint32_t cp)
{
	return cp == '-' || (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212 || cp == 0xFE63 || cp == 0xFF0D;
}

size_t utf8_dash_len(const char *s, size_t len, size_t i)
{
	size_t j = i;

	if (i >= len)
		return 0;
	if (s[i] == '-')
		return 1;
	if ((unsigned char)s[i] < 0x80)
		return 0;
	return unicode_is_dash(utf8_next(s, len, &j)) ? j - i : 0;
}

int unicode_is_alpha(uint32_t cp)
{
	if (cp < 0x80)
		return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
	return u_isalpha((UChar32)cp);
}

int unicode_is_digit(uint32_t cp)
{
	return cp >= '0' && cp <= '9';
}

int unicode_superscript_digit(uint32_t cp)
{
	switch (cp) {
	case 0x2070: return 0;
	case 0x00B9: return 1;
	case 0x00B2: return 2;
	case 0x00B3: return 3;
	default:
		if (cp >= 0x2074 && cp <= 0x2079)
			return (int)(cp - 0x2070);
		return -1;
	}
}
