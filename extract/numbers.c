/* numbers.c: Arabic numerals and spelled-out cardinals. Exports numbers_*.
 * Spelled-out numbers go through ICU's RBNF spell-out parser (opened once, English);
 * the lexicon's cardinal words only decide cheaply whether ICU is worth calling. */
#include "numbers.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <unicode/unum.h>

#include "unicode.h"
#include "units.h"
#include "banned.h"

static int dig(const char *t, size_t len, size_t i)
{
	return i < len && t[i] >= '0' && t[i] <= '9';
}

/* A thousands separator at i followed by exactly three digits: its byte length. */
static size_t group_sep(const char *t, size_t len, size_t i, int comma_ok)
{
	size_t n = 0;
	unsigned char c;

	if (i >= len)
		return 0;
	c = (unsigned char)t[i];
	if ((c == ',' && comma_ok) || c == ' ')
		n = 1;
	else if (c == 0xC2 && i + 1 < len && (unsigned char)t[i + 1] == 0xA0)
		n = 2;  /* U+00A0 */
	else if (c == 0xE2 && i + 2 < len && (unsigned char)t[i + 1] == 0x80 &&
		 ((unsigned char)t[i + 2] == 0xAF || (unsigned char)t[i + 2] == 0x89))
		n = 3;  /* U+202F narrow no-break, U+2009 thin */
	if (!n)
		return 0;
	if (dig(t, len, i + n) && dig(t, len, i + n + 1) && dig(t, len, i + n + 2) &&
	    !dig(t, len, i + n + 3))
		return n;
	return 0;
}

size_t numbers_numeral(const char *t, size_t len, size_t at, enum decimal_mode mode,
		       struct numeral *out)
{
	size_t i = at, lead, n;
	double v = 0;
	int comma_groups = mode != DECIMAL_COMMA;

	memset(out, 0, sizeof(*out));
	if (!dig(t, len, i))
		return 0;
	while (dig(t, len, i))
		v = v * 10 + (t[i++] - '0');
	lead = i - at;
	/* groups only after a lead of 1-3 digits; a space group also not after a year-like lead */
	if (lead <= 3) {
		while ((n = group_sep(t, len, i, comma_groups))) {
			v = v * 1000 + (t[i + n] - '0') * 100 + (t[i + n + 1] - '0') * 10 +
			    (t[i + n + 2] - '0');
			i += n + 3;
			out->groups++;
		}
	}
	/* decimal mark */
	if (i + 1 < len && dig(t, len, i + 1) &&
	    (t[i] == '.' || (t[i] == ',' && mode != DECIMAL_POINT))) {
		size_t j = i + 1, nd = 0;
		double f = 0, scale = 1;
		while (dig(t, len, j)) {
			f = f * 10 + (t[j] - '0');
			scale *= 10;
			j++, nd++;
		}
		if (t[i] == ',' && mode == DECIMAL_AUTO && (nd > 2 || out->groups))
			goto done;
		if (t[i] == '.' && mode == DECIMAL_COMMA && nd == 3 && !out->groups) {
			/* "1.500" in a decimal-comma table is a thousands group */
			v = v * 1000 + f;
			out->groups++;
			i = j;
			goto done;
		}
		v += f / scale;
		out->decimals = (int)nd;
		i = j;
	}
done:
	out->value = v;
	out->start = at;
	out->end = i;
	return i - at;
}

static UNumberFormat *spellout;

static UNumberFormat *spellout_get(void)
{
	UErrorCode st = U_ZERO_ERROR;

	if (!spellout) {
		spellout = unum_open(UNUM_SPELLOUT, NULL, 0, "en", NULL, &st);
		if (U_FAILURE(st)) {
			spellout = NULL;
			return NULL;
		}
	}
	return spellout;
}

/* unum_parseDouble of u[0..n), remembered: a text spells out the same few numbers
 * ("two", "three", "twenty-five") again and again, and each ICU parse costs about a
 * thousand instructions. Returns 0 with *v and *pos, -1 when ICU finds no number. */
#define SPELLED_SLOTS 256
static struct spelled_memo {
	int32_t n;  /* 0: empty */
	UChar u[128];
	double v;
	int32_t pos;  /* <= 0: no number */
} spelled_memo[SPELLED_SLOTS];

static int spelled_parse(UNumberFormat *f, const UChar *u, int32_t n, double *v, int32_t *pos)
{
	uint32_t h = 2166136261u;
	struct spelled_memo *m;
	UErrorCode st = U_ZERO_ERROR;
	int32_t k;

	for (k = 0; k < n; k++)
		h = (h ^ u[k]) * 16777619u;
	m = &spelled_memo[(h ^ (h >> 16)) & (SPELLED_SLOTS - 1)];
	if (n > 128) {
		*pos = 0;
		*v = unum_parseDouble(f, u, n, pos, &st);
		return U_FAILURE(st) || *pos <= 0 ? -1 : 0;
	}
	if (m->n != n || memcmp(m->u, u, (size_t)n * sizeof(*u))) {
		int32_t p = 0;
		double d = unum_parseDouble(f, u, n, &p, &st);
		m->n = n;
		memcpy(m->u, u, (size_t)n * sizeof(*u));
		m->v = d;
		m->pos = U_FAILURE(st) ? 0 : p;
	}
	if (m->pos <= 0)
		return -1;
	*v = m->v;
	*pos = m->pos;
	return 0;
}

/* Kind of the lexicon word at i (0 when none), its end in *end. */
static int word_kind(const struct phrase_set *words, const char *t, size_t len, size_t i,
		     size_t *end)
{
	const struct phrase *p;
	size_t n = phrase_set_match(words, t, len, i, &p);

	if (!n)
		return 0;
	*end = i + n;
	return p->ival;
}

size_t numbers_spelled(const struct phrase_set *words, const char *t, size_t len, size_t at,
		       double *value)
{
	UChar u[128];
	size_t map[129], i = at, e, last = at;
	int32_t n = 0, pos = 0;
	UNumberFormat *f;
	double v;
	int k;

	if ((k = word_kind(words, t, len, at, &e)) != WORD_CARDINAL)
		return 0;
	/* the run of cardinal and scale words, joined by spaces, hyphens or "and"; every
	 * continue has moved i to the next word */
	for (;; k = word_kind(words, t, len, i, &e)) {
		if (k != WORD_CARDINAL && k != WORD_SCALE)
			break;
		if (k == WORD_SCALE && e > i && t[e - 1] == 's')
			break;  /* "two thousands" is not a number */
		while (i < e && n < 120) {
			unsigned char c = (unsigned char)t[i];
			map[n] = i;
			u[n++] = (UChar)(c >= 'A' && c <= 'Z' ? c + 32 : c);
			i++;
		}
		last = e;
		if (i < len && t[i] == '-' && i + 1 < len && (t[i + 1] | 32) >= 'a' && (t[i + 1] | 32) <= 'z') {
			map[n] = i;
			u[n++] = '-';
			i++;
			continue;
		}
		if (i < len && t[i] == ' ') {
			size_t j = i + 1, q2;
			while (j < len && t[j] == ' ')
				j++;
			if (j + 4 <= len && !strncmp(t + j, "and ", 4)) {
				q2 = j + 4;
				while (q2 < len && t[q2] == ' ')
					q2++;
				if (word_kind(words, t, len, q2, &e) == WORD_CARDINAL) {
					static const char and_[] = " and ";
					size_t q;
					for (q = 0; q < 5 && n < 120; q++)
						map[n] = i, u[n++] = (UChar)and_[q];
					i = q2;
					continue;
				}
			}
			if (word_kind(words, t, len, j, &e)) {
				/* "twenty five" → "twenty-five": ICU reads the spaced form as a year */
				int tens = n >= 2 && u[n - 2] == 't' && u[n - 1] == 'y' && e - j <= 5 &&
					   strncmp(t + j, "hundred", 7) && strncmp(t + j, "thousand", 8);
				map[n] = i;
				u[n++] = tens ? '-' : ' ';
				i = j;
				continue;
			}
		}
		break;
	}
	/* A separator the run ended on ("forty-", "two ") is never part of the number, but
	 * makes ICU try every rule set on it: tens of times the cost of the bare words.
	 * ICU gives the same value and length without it (checked on every one- and
	 * two-word run of the lexicon's cardinal and scale words and a sample of three). */
	while (n > 0 && (u[n - 1] == ' ' || u[n - 1] == '-'))
		n--;
	if (!n || !(f = spellout_get()))
		return 0;
	map[n] = last;
	if (spelled_parse(f, u, n, &v, &pos) < 0)
		return 0;
	while (pos > 0 && (u[pos - 1] == ' ' || u[pos - 1] == '-'))
		pos--;
	*value = v;
	return (pos >= n ? last : map[pos]) - at;
}

/* numbers_format without printf when the digits are certain: v * 10^decimals is
 * below 2^40 and at least 1e-3 away from a rounding tie, so the product's own error
 * (half an ulp, under 2^-13) cannot move the rounding printf does on the exact
 * binary value. Returns 0 when the caller must use printf. */
static int format_fast(char *buf, size_t size, double v, int decimals)
{
	static const double pow10[] = { 1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9 };
	char digits[32];
	double p = v * pow10[decimals], a = p < 0 ? -p : p, fl;
	unsigned long long r;
	size_t nd = 0, o = 0, intd, k;

	if (!(a < 1099511627776.0) || size < 32)
		return 0;
	fl = (double)(unsigned long long)a;
	if (a - fl > 0.499 && a - fl < 0.501)
		return 0;
	r = (unsigned long long)(a - fl >= 0.5 ? fl + 1 : fl);
	if (r == 0) {
		buf[0] = '0';  /* also "-0.00" → "-0" → "0" */
		buf[1] = '\0';
		return 1;
	}
	while (r) {
		digits[nd++] = (char)('0' + r % 10);
		r /= 10;
	}
	while (nd <= (size_t)decimals)
		digits[nd++] = '0';  /* leading zeros of "0.05" */
	if (p < 0)
		buf[o++] = '-';
	intd = nd - (size_t)decimals;
	for (k = 0; k < intd; k++)
		buf[o++] = digits[nd - 1 - k];
	{
		/* the fraction without its trailing zeros */
		size_t last = 0;  /* digits index just above the last nonzero fraction digit */
		size_t f;
		for (f = 0; f < (size_t)decimals && digits[f] == '0'; f++)
			;
		last = f;
		if (last < (size_t)decimals) {
			buf[o++] = '.';
			for (k = (size_t)decimals; k > last; k--)
				buf[o++] = digits[k - 1];
		}
	}
	buf[o] = '\0';
	return 1;
}

void numbers_format(char *buf, size_t size, double v, int decimals)
{
	size_t n;

	if (decimals < 0)
		decimals = 0;
	if (decimals > 9)
		decimals = 9;
	if (format_fast(buf, size, v, decimals))
		return;
	snprintf(buf, size, "%.*f", decimals, v);
	if (strchr(buf, '.')) {
		n = strlen(buf);
		while (n > 0 && buf[n - 1] == '0')
			buf[--n] = 0;
		if (n > 0 && buf[n - 1] == '.')
			buf[--n] = 0;
	}
	if (!strcmp(buf, "-0"))
		snprintf(buf, size, "0");
}
