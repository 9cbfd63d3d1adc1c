/* names.c: word-level helpers of names.h. Exports names_* only. Offsets are bytes;
 * nothing here allocates except names_title's output buffer. */
#include "names.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

#include "diag.h"
#include "unicode.h"
#include "banned.h"

static int ascii_alnum(unsigned char c)
{
	return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

int names_word_char(const char *t, size_t len, size_t i)
{
	unsigned char c;
	uint32_t cp;

	if (i >= len)
		return 0;
	c = (unsigned char)t[i];
	if (c < 0x80)
		return ascii_alnum(c);
	cp = utf8_next(t, len, &i);
	return unicode_is_alpha(cp) || u_isdigit((UChar32)cp) || u_getCombiningClass((UChar32)cp);
}

size_t names_word_end(const char *t, size_t len, size_t i)
{
	while (i < len) {
		if (names_word_char(t, len, i)) {
			i += utf8_step(t, len, i);
			continue;
		}
		/* inner hyphen or apostrophe: "Anti-Trafficking", "Children's" */
		if ((t[i] == '-' || t[i] == '\'') && i + 1 < len && names_word_char(t, len, i + 1) &&
		    i > 0 && names_word_char(t, len, i - 1)) {
			i++;
			continue;
		}
		if ((unsigned char)t[i] == 0xE2 && i + 3 < len && (unsigned char)t[i + 1] == 0x80 &&
		    ((unsigned char)t[i + 2] == 0x99 || (unsigned char)t[i + 2] == 0x91) &&
		    names_word_char(t, len, i + 3)) {
			i += 3;  /* ’ or ‑ inside a word */
			continue;
		}
		break;
	}
	return i;
}

size_t names_skip_space(const char *t, size_t len, size_t i)
{
	while (i < len) {
		size_t j = i;
		uint32_t cp = utf8_next(t, len, &j);
		if (!unicode_is_space(cp))
			break;
		i = j;
	}
	return i;
}

size_t names_word_before(const char *t, size_t end)
{
	size_t i = end;

	while (i > 0 && (t[i - 1] == ' ' || t[i - 1] == '\t' || t[i - 1] == '\n'))
		i--;
	end = i;
	while (i > 0) {
		size_t p = utf8_prev(t, i);
		if (names_word_char(t, end, p) ||
		    ((t[p] == '-' || t[p] == '\'') && p > 0 && names_word_char(t, end, p - 1)))
			i = p;
		else
			break;
	}
	return i;
}

int names_is_upper(const char *t, size_t len, size_t i)
{
	uint32_t cp;

	if (i >= len)
		return 0;
	cp = utf8_next(t, len, &i);
	return cp < 0x80 ? (cp >= 'A' && cp <= 'Z') : u_isupper((UChar32)cp);
}

int names_all_caps(const char *t, size_t i, size_t end)
{
	int letters = 0;

	while (i < end) {
		uint32_t cp = utf8_next(t, end, &i);
		if (cp < 0x80 ? ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') : unicode_is_alpha(cp)) {
			if (cp < 0x80 ? !(cp >= 'A' && cp <= 'Z') : !u_isupper((UChar32)cp))
				return 0;
			letters++;
		}
	}
	return letters >= 2;
}

int names_is(const char *t, size_t i, size_t end, const char *w)
{
	size_t n = strlen(w), k;

	if (end - i != n)
		return 0;
	for (k = 0; k < n; k++) {
		unsigned char a = (unsigned char)t[i + k], b = (unsigned char)w[k];
		if (a >= 'A' && a <= 'Z')
			a += 32;
		if (b >= 'A' && b <= 'Z')
			b += 32;
		if (a != b)
			return 0;
	}
	return 1;
}

/* Word lists are static strings: each is split once into a hash set, found again by
 * its address (the lists are few, so a small table suffices). */
struct wordset {
	const char *list;
	uint64_t *h;   /* sorted hashes of the lower-case words */
	size_t n;
};

static uint64_t word_hash(const char *w, size_t n)
{
	uint64_t h = 1469598103934665603ULL;
	size_t k;

	for (k = 0; k < n; k++) {
		unsigned char c = (unsigned char)w[k];
		if (c >= 'A' && c <= 'Z')
			c += 32;
		h = (h ^ c) * 1099511628211ULL;
	}
	return h;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

static const struct wordset *wordset_of(const char *list)
{
	static struct wordset sets[32];
	static size_t nsets;
	struct wordset *ws;
	const char *p;
	size_t i, cap = 0;

	for (i = 0; i < nsets; i++)
		if (sets[i].list == list)
			return &sets[i];
	if (nsets == sizeof(sets) / sizeof(sets[0]))
		return NULL;
	ws = &sets[nsets++];
	ws->list = list;
	for (p = list; *p;) {
		const char *bar = strchr(p, '|');
		size_t n = bar ? (size_t)(bar - p) : strlen(p);
		XGROW(ws->h, cap, ws->n + 1);
		ws->h[ws->n++] = word_hash(p, n);
		if (!bar)
			break;
		p = bar + 1;
	}
	qsort(ws->h, ws->n, sizeof(*ws->h), cmp_u64);
	return ws;
}

/* 64-bit FNV over a few dozen short words: a collision is not a practical concern. */
int names_in(const char *t, size_t i, size_t end, const char *list)
{
	const struct wordset *ws = wordset_of(list);
	uint64_t h;
	size_t lo = 0, hi;

	if (end <= i || end - i > 24)
		return 0;
	if (!ws) {
		const char *p = list;
		while (*p) {
			const char *bar = strchr(p, '|');
			size_t n = bar ? (size_t)(bar - p) : strlen(p);
			if (n == end - i && word_hash(p, n) == word_hash(t + i, n))
				return 1;
			if (!bar)
				break;
			p = bar + 1;
		}
		return 0;
	}
	h = word_hash(t + i, end - i);
	hi = ws->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (ws->h[mid] < h)
			lo = mid + 1;
		else if (ws->h[mid] > h)
			hi = mid;
		else
			return 1;
	}
	return 0;
}

int names_function_word(const char *t, size_t i, size_t end)
{
	return names_in(t, i, end,
			"of|and|for|on|the|in|against|with|to|at|by|from|or|relating|concerning|"
			"its|their|a|an|de|la|des|du|le|les|et|del|y|und|für");
}

size_t names_quote_at(const char *t, size_t len, size_t i)
{
	unsigned char c;

	if (i >= len)
		return 0;
	c = (unsigned char)t[i];
	if (c == '"')
		return 1;
	if (c == 0xC2 && i + 1 < len && ((unsigned char)t[i + 1] == 0xAB || (unsigned char)t[i + 1] == 0xBB))
		return 2;  /* « » */
	if (c == 0xE2 && i + 2 < len && (unsigned char)t[i + 1] == 0x80) {
		unsigned char d = (unsigned char)t[i + 2];
		if (d == 0x9C || d == 0x9D || d == 0x9E || d == 0x9F)
			return 3;  /* “ ” „ ‟ */
	}
	return 0;
}

static int is_digit(const char *t, size_t len, size_t i)
{
	return i < len && t[i] >= '0' && t[i] <= '9';
}

size_t names_number_marker(const char *t, size_t len, size_t i)
{
	size_t j = i, w;

	if (i + 3 <= len && !memcmp(t + i, "\xE2\x84\x96", 3)) {  /* № */
		j = names_skip_space(t, len, i + 3);
		return is_digit(t, len, j) ? j - i : 0;
	}
	if (i < len && t[i] == '#') {
		j = names_skip_space(t, len, i + 1);
		return is_digit(t, len, j) ? j - i : 0;
	}
	w = names_word_end(t, len, i);
	if (!(names_is(t, i, w, "no") || names_is(t, i, w, "n") || names_is(t, i, w, "nr") ||
	      names_is(t, i, w, "nos")))
		return 0;
	j = w;
	if (j < len && t[j] == '.')
		j++;
	else if (j + 2 <= len && !memcmp(t + j, "\xC2\xB0", 2))  /* N° */
		j += 2;
	else if (names_is(t, i, w, "n") && j < len && t[j] != ' ')
		return 0;
	j = names_skip_space(t, len, j);
	/* "N" alone must be upper case and followed by a number ("N 592-IQ") */
	if (names_is(t, i, w, "n") && t[i] != 'N')
		return 0;
	return is_digit(t, len, j) ? j - i : 0;
}

size_t names_number_end(const char *t, size_t len, size_t i)
{
	size_t j = i;

	if (!is_digit(t, len, j))
		return i;
	while (is_digit(t, len, j))
		j++;
	for (;;) {
		size_t k = j;
		if (k < len && (t[k] == '-' || t[k] == '/')) {
			size_t s = ++k;
			while (k < len && (ascii_alnum((unsigned char)t[k])))
				k++;
			/* a part is digits or a short code of letters ("IQ", "IIIQ", "r") */
			if (k > s && k - s <= 6) {
				j = k;
				continue;
			}
		} else if (k + 3 <= len && (unsigned char)t[k] == 0xE2 && (unsigned char)t[k + 1] == 0x80 &&
			   ((unsigned char)t[k + 2] == 0x90 || (unsigned char)t[k + 2] == 0x91 ||
			    (unsigned char)t[k + 2] == 0x93)) {
			size_t s = k += 3;
			while (k < len && ascii_alnum((unsigned char)t[k]))
				k++;
			if (k > s && k - s <= 6) {
				j = k;
				continue;
			}
		}
		break;
	}
	return j;
}

static void add_word(struct strbuf *out, const char *w, size_t n, int first, int caps_title)
{
	size_t i = 0;

	if (out->len)
		strbuf_addch(out, ' ');
	if (!first && names_function_word(w, 0, n)) {
		for (i = 0; i < n; i++)
			strbuf_addch(out, (w[i] >= 'A' && w[i] <= 'Z') ? w[i] + 32 : w[i]);
		return;
	}
	if (caps_title && names_all_caps(w, 0, n) && n > 3) {
		struct strbuf lower = STRBUF_INIT;
		size_t j = utf8_step(w, n, 0);
		strbuf_add(out, w, j);
		for (i = j; i < n;) {
			uint32_t cp = utf8_next(w, n, &i);
			utf8_put(&lower, cp < 0x80 ? ((cp >= 'A' && cp <= 'Z') ? cp + 32 : cp)
					       : (uint32_t)u_tolower((UChar32)cp));
		}
		strbuf_add(out, lower.buf, lower.len);
		strbuf_release(&lower);
		return;
	}
	if (n && !names_is_upper(w, n, 0) && names_word_char(w, n, 0)) {
		uint32_t cp;
		i = 0;
		cp = utf8_next(w, n, &i);
		utf8_put(out, cp < 0x80 ? ((cp >= 'a' && cp <= 'z') ? cp - 32 : cp)
				       : (uint32_t)u_toupper((UChar32)cp));
		strbuf_add(out, w + i, n - i);
		return;
	}
	strbuf_add(out, w, n);
}

void names_title(struct strbuf *out, const char *t, size_t len)
{
	size_t i = 0;
	int first = 1, caps = names_all_caps(t, 0, len);

	strbuf_reset(out);
	while (i < len) {
		size_t e;
		if (!names_word_char(t, len, i)) {
			/* keep commas and inner dashes; drop quotes and other marks */
			if (t[i] == ',' && out->len)
				strbuf_addch(out, ',');
			i += utf8_step(t, len, i);
			continue;
		}
		e = names_word_end(t, len, i);
		if (first && names_is(t, i, e, "the")) {
			i = e;
			continue;
		}
		add_word(out, t + i, e - i, first, caps);
		first = 0;
		i = e;
	}
}

void names_mark_skipping_years(const char *t, size_t start, size_t end,
			       void (*mark)(void *ctx, size_t a, size_t b), void *ctx)
{
	size_t i = start, from = start;

	while (i < end) {
		if (is_digit(t, end, i) && (i == 0 || !names_word_char(t, end, i - 1))) {
			size_t j = i;
			while (is_digit(t, end, j))
				j++;
			if (j - i == 4 && (t[i] == '1' || t[i] == '2') && !names_word_char(t, end, j)) {
				if (i > from)
					mark(ctx, from, i);
				from = j;
			}
			i = j;
			continue;
		}
		i++;
	}
	if (end > from)
		mark(ctx, from, end);
}

size_t names_words(const char *t, size_t len, struct name_word **out)
{
	size_t i = 0, n = 0, cap = 0, prev_end = 0;
	struct name_word *v = NULL;

	while (i < len) {
		size_t e, g;
		int clean = n > 0;
		if (!names_word_char(t, len, i)) {
			i += utf8_step(t, len, i);
			continue;
		}
		e = names_word_end(t, len, i);
		for (g = prev_end; g < i && clean; g++)
			if (t[g] != ' ' && !((unsigned char)t[g] == 0xC2 && g + 1 < i &&
					     (unsigned char)t[g + 1] == 0xA0 && ++g))
				clean = 0;
		XGROW(v, cap, n + 1);
		v[n].start = i;
		v[n].end = e;
		v[n].upper = names_is_upper(t, len, i);
		v[n].func = names_function_word(t, i, e);
		v[n].clean_gap = clean;
		n++;
		prev_end = e;
		i = e;
	}
	*out = v;
	return n;
}
