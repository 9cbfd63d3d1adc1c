/* phrases.c: longest case-insensitive phrase match on word boundaries. Exports
 * phrase_set_* and phrase_*_at. Invariant after phrase_set_finish: keys are grouped by
 * first byte and, inside a group, longer keys come first, so the first hit is the
 * longest one. */
#include "phrases.h"

#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "unicode.h"
#include "banned.h"

void phrase_set_init(struct phrase_set *ps)
{
	memset(ps, 0, sizeof(*ps));
}

void phrase_set_release(struct phrase_set *ps)
{
	size_t i;

	for (i = 0; i < ps->n; i++) {
		free(ps->v[i].key);
		free(ps->v[i].str);
		free(ps->v[i].str2);
	}
	free(ps->v);
	phrase_set_init(ps);
}

void phrase_set_add(struct phrase_set *ps, const char *key, int ival, double num,
		    const char *str, const char *str2)
{
	size_t i, n = strlen(key), o = 0;
	char *k = xmalloc(n + 1);
	struct phrase *p;

	while (n && (key[n - 1] == ' ' || key[n - 1] == '\t'))
		n--;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)key[i];
		if (c == ' ' || c == '\t') {
			if (o && k[o - 1] != ' ')
				k[o++] = ' ';
			continue;
		}
		k[o++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
	k[o] = 0;
	if (!o) {
		free(k);
		return;
	}
	XGROW(ps->v, ps->cap, ps->n + 1);
	p = &ps->v[ps->n++];
	p->key = k;
	p->klen = o;
	p->ival = ival;
	p->num = num;
	p->str = str ? xstrdup(str) : NULL;
	p->str2 = str2 ? xstrdup(str2) : NULL;
	ps->sorted = 0;
}

void phrase_set_add_alts(struct phrase_set *ps, const char *cell, int ival, double num,
			 const char *str, const char *str2)
{
	const char *p = cell;

	while (*p) {
		const char *bar = strchr(p, '|');
		size_t n = bar ? (size_t)(bar - p) : strlen(p);
		char *alt = xstrndup(p, n);
		phrase_set_add(ps, alt, ival, num, str, str2);
		free(alt);
		p += n;
		if (*p == '|')
			p++;
	}
}

/* Lower-case ASCII letter of byte c, 0 for every other byte. */
static const unsigned char letter_lc[256] = {
#define L(u) [u] = (u) | 32, [(u) | 32] = (u) | 32
	L('A'), L('B'), L('C'), L('D'), L('E'), L('F'), L('G'), L('H'), L('I'), L('J'), L('K'),
	L('L'), L('M'), L('N'), L('O'), L('P'), L('Q'), L('R'), L('S'), L('T'), L('U'), L('V'),
	L('W'), L('X'), L('Y'), L('Z'),
#undef L
};

/* Hash of the run of ASCII letters at s[i] (lower-cased), into 15 bits. Every word
 * of a text goes through here, so the letter test is one table look-up. */
static unsigned head_hash(const char *s, size_t len, size_t i)
{
	unsigned h = 2166136261u;
	unsigned char c;

	while (i < len && (c = letter_lc[(unsigned char)s[i]])) {
		h = (h ^ c) * 16777619u;
		i++;
	}
	return (h ^ (h >> 15)) & 32767;
}

unsigned phrase_head_hash(const char *text, size_t len, size_t at)
{
	return head_hash(text, len, at);
}

/* The byte itself and, for a lower-case ASCII letter, its upper case. */
static size_t case_variants(unsigned char c, unsigned char v[2])
{
	v[0] = c;
	if (c >= 'a' && c <= 'z') {
		v[1] = (unsigned char)(c - 32);
		return 2;
	}
	return 1;
}

/* Record key's first two bytes in lead and pairs, as the text may spell them (keys are
 * lower case), so that phrase_set_match tests raw text bytes. */
static void lead_add(struct phrase_set *ps, const unsigned char *k, size_t klen)
{
	unsigned char v1[2], v2[2];
	size_t n1 = case_variants(k[0], v1), n2, a, b;

	if (klen < 2 || k[1] == ' ') {
		/* one byte, or a space that may be NBSP in the text */
		for (a = 0; a < n1; a++)
			ps->lead[v1[a]] = PHRASE_LEAD_ANY;
		return;
	}
	n2 = case_variants(k[1], v2);
	for (a = 0; a < n1; a++) {
		if (ps->lead[v1[a]] == PHRASE_LEAD_NONE)
			ps->lead[v1[a]] = PHRASE_LEAD_PAIR;
		for (b = 0; b < n2; b++)
			ps->pairs[(v1[a] << 8 | v2[b]) >> 3] |= (unsigned char)(1u << (v2[b] & 7));
	}
}

static int is_lc_letter(unsigned char c)
{
	return c >= 'a' && c <= 'z';
}

/* Record key's first three bytes in tri when they are letters, else its first two in
 * open (as the text may spell them), so that lead_ok may test a third byte. */
static void lead3_add(struct phrase_set *ps, const unsigned char *k, size_t klen)
{
	unsigned char v1[2], v2[2];
	size_t n1, n2, a, b;
	unsigned x;

	if (klen >= 3 && is_lc_letter(k[0]) && is_lc_letter(k[1]) && is_lc_letter(k[2])) {
		x = ((k[0] - 'a') * 26u + (k[1] - 'a')) * 26u + (k[2] - 'a');
		ps->tri[x >> 3] |= (unsigned char)(1u << (x & 7));
		return;
	}
	n1 = case_variants(k[0], v1);
	for (a = 0; a < n1; a++) {
		if (klen < 2 || k[1] == ' ') {
			memset(ps->open + v1[a] * 32, 0xff, 32);  /* any second byte */
			continue;
		}
		n2 = case_variants(k[1], v2);
		for (b = 0; b < n2; b++)
			ps->open[(v1[a] << 8 | v2[b]) >> 3] |= (unsigned char)(1u << (v2[b] & 7));
	}
}

static int cmp_phrase(const void *a, const void *b)
{
	const struct phrase *x = a, *y = b;
	unsigned char cx = (unsigned char)x->key[0], cy = (unsigned char)y->key[0];

	if (cx != cy)
		return cx < cy ? -1 : 1;
	if (x->klen != y->klen)
		return x->klen > y->klen ? -1 : 1;
	return strcmp(x->key, y->key);
}

void phrase_set_finish(struct phrase_set *ps)
{
	size_t i, c = 0;

	if (ps->n)
		qsort(ps->v, ps->n, sizeof(*ps->v), cmp_phrase);
	for (i = 0; i <= 256; i++) {
		while (c < ps->n && (unsigned char)ps->v[c].key[0] < i)
			c++;
		ps->first[i] = c;
	}
	memset(ps->heads, 0, sizeof(ps->heads));
	for (i = 0; i < ps->n; i++) {
		unsigned h = head_hash(ps->v[i].key, ps->v[i].klen, 0);
		ps->heads[h >> 3] |= (unsigned char)(1u << (h & 7));
	}
	memset(ps->pairs, 0, sizeof(ps->pairs));
	memset(ps->lead, PHRASE_LEAD_NONE, sizeof(ps->lead));
	memset(ps->open, 0, sizeof(ps->open));
	memset(ps->tri, 0, sizeof(ps->tri));
	for (i = 0; i < ps->n; i++) {
		lead_add(ps, (const unsigned char *)ps->v[i].key, ps->v[i].klen);
		lead3_add(ps, (const unsigned char *)ps->v[i].key, ps->v[i].klen);
	}
	/* a first byte that takes any second byte: its whole row, for the one-test lead_ok */
	for (i = 0; i < 256; i++)
		if (ps->lead[i] == PHRASE_LEAD_ANY)
			memset(ps->pairs + i * 32, 0xff, 32);
	ps->sorted = 1;
}

void phrase_filter_init(struct phrase_filter *f)
{
	memset(f, 0, sizeof(*f));
}

void phrase_filter_add(struct phrase_filter *f, const struct phrase_set *ps)
{
	size_t i;

	for (i = 0; i < sizeof(f->pairs); i++)
		f->pairs[i] |= ps->pairs[i];
	for (i = 0; i < sizeof(f->open); i++)
		f->open[i] |= ps->open[i];
	for (i = 0; i < sizeof(f->tri); i++)
		f->tri[i] |= ps->tri[i];
	for (i = 0; i < sizeof(f->heads); i++)
		f->heads[i] |= ps->heads[i];
}

const unsigned char phrase_ascii_word[128] = {
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1,
	['8'] = 1, ['9'] = 1,
#define L(u) [u] = 1, [(u) | 32] = 1
	L('A'), L('B'), L('C'), L('D'), L('E'), L('F'), L('G'), L('H'), L('I'), L('J'), L('K'),
	L('L'), L('M'), L('N'), L('O'), L('P'), L('Q'), L('R'), L('S'), L('T'), L('U'), L('V'),
	L('W'), L('X'), L('Y'), L('Z'),
#undef L
};

int phrase_word_char_at(const char *text, size_t len, size_t i)
{
	return phrase_word_char_fast(text, len, i);
}

int phrase_word_char_slow(const char *text, size_t len, size_t i)
{
	unsigned char c;
	size_t j = i;
	uint32_t cp;

	if (i >= len)
		return 0;
	c = (unsigned char)text[i];
	if (c < 0x80)
		return (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z');
	cp = utf8_next(text, len, &j);
	return unicode_is_alpha(cp);
}

size_t phrase_space_len(const char *text, size_t len, size_t i)
{
	size_t j = i;

	while (j < len) {
		unsigned char c = (unsigned char)text[j];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			j++;
		} else if (c >= 0x80) {
			size_t k = j;
			uint32_t cp = utf8_next(text, len, &k);
			if (!unicode_is_space(cp))
				break;
			j = k;
		} else {
			break;
		}
	}
	return j - i;
}

/* Bytes of text at i matched by key, or 0. */
static size_t match_key(const struct phrase *p, const char *text, size_t len, size_t i)
{
	size_t k, j = i;

	for (k = 0; k < p->klen; k++) {
		unsigned char kc = (unsigned char)p->key[k], tc;
		if (kc == ' ') {
			size_t sp = phrase_space_len(text, len, j);
			if (!sp)
				return 0;
			j += sp;
			continue;
		}
		if (j >= len)
			return 0;
		tc = (unsigned char)text[j];
		if (tc >= 'A' && tc <= 'Z')
			tc += 32;
		if (tc != kc)
			return 0;
		j++;
	}
	/* a key ending in a non-word character ('.', '$', '%') needs no boundary after it */
	if (phrase_word_char_fast(p->key, p->klen, p->klen - 1) && phrase_word_char_fast(text, len, j)) {
		/* ...but a key's last byte may be inside a multi-byte letter: check the text */
		return 0;
	}
	if ((unsigned char)p->key[p->klen - 1] >= 0x80 && phrase_word_char_fast(text, len, j))
		return 0;
	return j - i;
}

/* The rest of phrase_set_match, once the first two bytes may start a key. */
size_t phrase_set_match_slow(const struct phrase_set *ps, const char *text, size_t len,
			     size_t at, const struct phrase **out)
{
	unsigned char c = (unsigned char)text[at], c2;
	size_t i, lo, hi;

	if (c >= 'A' && c <= 'Z')
		c += 32;
	if (c >= 'a' && c <= 'z') {
		unsigned h = head_hash(text, len, at);
		if (!(ps->heads[h >> 3] & (1u << (h & 7))))
			return 0;
	}
	/* an ASCII byte before at is a whole character: no need to step back over one */
	if (phrase_word_char_fast(text, len, at) && at > 0 &&
	    phrase_word_char_fast(text, len, (unsigned char)text[at - 1] < 0x80 ? at - 1 :
				  utf8_prev(text, at)))
		return 0;
	/* keys in the group share the first byte: a differing second byte (other than a
	 * space, which may be any white space) rules a key out without match_key */
	c2 = at + 1 < len ? (unsigned char)text[at + 1] : 0;
	if (c2 >= 'A' && c2 <= 'Z')
		c2 += 32;
	lo = ps->first[c];
	hi = ps->first[c + 1];
	for (i = lo; i < hi; i++) {
		const struct phrase *p = &ps->v[i];
		size_t m;
		if (p->klen >= 2 && (unsigned char)p->key[1] != c2 && p->key[1] != ' ')
			continue;
		if ((m = match_key(p, text, len, at))) {
			*out = p;
			return m;
		}
	}
	return 0;
}

size_t phrase_next_digit(const char *t, size_t len, size_t i)
{
	const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
	uint64_t x, y;

	for (; i + 8 <= len; i += 8) {
		memcpy(&x, t + i, 8);
		y = x ^ (ones * '0');  /* digits become bytes below 10 */
		if ((y - ones * 10) & ~y & highs)
			break;  /* some byte below 10: find it one byte at a time */
	}
	while (i < len && !(t[i] >= '0' && t[i] <= '9'))
		i++;
	return i;
}
