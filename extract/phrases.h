/* phrases.h: case-insensitive longest-match of lexicon phrases at a text position,
 * shared by the dates and figures recognisers (months, hedges, units, scale words).
 *
 * Keys are matched on word boundaries: ASCII letters compare case-insensitively,
 * other bytes exactly (lexicon authors list accented or Cyrillic variants themselves);
 * one space in a key matches any run of white space (NBSP, NNBSP included) in the
 * text. A key may end in '.' ("jan."); the match then ends after the dot.
 */
#ifndef PHRASES_H
#define PHRASES_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct phrase {
	char *key;        /* lower-cased ASCII, single spaces */
	size_t klen;
	int ival;         /* e.g. month number, hedge kind */
	double num;       /* e.g. unit scale factor */
	char *str;        /* e.g. canonical unit name; may be NULL */
	char *str2;       /* a second string column; may be NULL */
};

struct phrase_set {
	struct phrase *v;
	size_t n, cap;
	size_t first[257];  /* v[first[c]..first[c+1]) hold keys starting with byte c */
	/* bit (c1 << 8 | c2): some key starts with bytes c1 c2, in either ASCII case (the
	 * whole row of a c1 that takes any second byte) */
	unsigned char pairs[8192];
	unsigned char lead[256];    /* PHRASE_LEAD_*: what keys starting with byte c1 (either
				     * ASCII case) need next */
	unsigned char open[8192];   /* pairs some key starts with that are not three letters */
	unsigned char tri[2200];    /* bit (a * 26 + b) * 26 + c: a key starts with letters a b c */
	unsigned char heads[4096];  /* bit set of hashes of each key's leading run of ASCII
				     * letters: a text word whose hash is absent starts no key */
	int sorted;
};

void phrase_set_init(struct phrase_set *ps);
void phrase_set_release(struct phrase_set *ps);
/* Add key (copied, lower-cased, white space folded). Strings are copied. */
void phrase_set_add(struct phrase_set *ps, const char *key, int ival, double num,
		    const char *str, const char *str2);
/* Add every '|' alternative of cell with the same values. */
void phrase_set_add_alts(struct phrase_set *ps, const char *cell, int ival, double num,
			 const char *str, const char *str2);
/* Sort; must be called after the last add and before matching. */
void phrase_set_finish(struct phrase_set *ps);
enum {
	PHRASE_LEAD_NONE,   /* no key starts with the byte */
	PHRASE_LEAD_ANY,    /* some key starting with it accepts any second byte */
	PHRASE_LEAD_PAIR    /* the first two bytes must be in pairs */
};

/* The test of phrase_set_lead_ok on the tables of a set or a filter: the first two
 * bytes, then, when every key starting with them starts with three letters, the third. */
static inline int phrase_lead3_ok(const unsigned char *pairs, const unsigned char *open,
				  const unsigned char *tri, const char *text, size_t len, size_t at)
{
	unsigned c = (unsigned char)text[at], c2 = at + 1 < len ? (unsigned char)text[at + 1] : 0;
	unsigned k = c << 8 | c2, c3, x;

	if (!((pairs[k >> 3] >> (c2 & 7)) & 1))
		return 0;
	if ((open[k >> 3] >> (c2 & 7)) & 1)
		return 1;
	c3 = at + 2 < len ? (unsigned char)text[at + 2] : 0;
	if ((c | 32) - 'a' > 25u || (c2 | 32) - 'a' > 25u || (c3 | 32) - 'a' > 25u)
		return 0;
	x = (((c | 32) - 'a') * 26 + (c2 | 32) - 'a') * 26 + (c3 | 32) - 'a';
	return (tri[x >> 3] >> (x & 7)) & 1;
}
/* 0 when no key of ps can start with the bytes at text[at] (the first test
 * phrase_set_match makes); 1 says nothing. phrase_set_finish fills the pairs row of a
 * byte that accepts any second byte, so the first test is one bit. */
static inline int phrase_set_lead_ok(const struct phrase_set *ps, const char *text, size_t len,
				     size_t at)
{
	return phrase_lead3_ok(ps->pairs, ps->open, ps->tri, text, len, at);
}
/* 0 when no key of ps can start with a word of ASCII letters whose head hash is h. */
static inline int phrase_set_head_ok(const struct phrase_set *ps, unsigned h)
{
	return (ps->heads[h >> 3] >> (h & 7)) & 1;
}

/* The lead and head tests of several sets at once: their bits or'ed together. A word
 * it rejects starts a key of none of them; one it accepts may still start none. */
struct phrase_filter {
	unsigned char pairs[8192], open[8192], tri[2200], heads[4096];  /* as in phrase_set */
};

void phrase_filter_init(struct phrase_filter *f);
/* Take ps (finished) into f. */
void phrase_filter_add(struct phrase_filter *f, const struct phrase_set *ps);
static inline int phrase_filter_lead_ok(const struct phrase_filter *f, const char *text,
					size_t len, size_t at)
{
	return phrase_lead3_ok(f->pairs, f->open, f->tri, text, len, at);
}
static inline int phrase_filter_head_ok(const struct phrase_filter *f, unsigned h)
{
	return (f->heads[h >> 3] >> (h & 7)) & 1;
}

size_t phrase_set_match_slow(const struct phrase_set *ps, const char *text, size_t len,
			     size_t at, const struct phrase **out);
/* Longest key matching text at byte at and ending on a word boundary. Returns the
 * bytes consumed in text (0 when none) and sets *out. Keys starting with a letter also
 * need a word boundary before at. The recognisers ask this at nearly every word and
 * most words start no key, so the first two bytes are tested inline. */
static inline size_t phrase_set_match(const struct phrase_set *ps, const char *text, size_t len,
				      size_t at, const struct phrase **out)
{
	*out = NULL;
	if (at >= len || !phrase_set_lead_ok(ps, text, len, at))
		return 0;
	return phrase_set_match_slow(ps, text, len, at, out);
}

/* Hash of the run of ASCII letters at text[at], for phrase_set_head_ok: a caller that
 * asks several sets about one word hashes it once. */
unsigned phrase_head_hash(const char *text, size_t len, size_t at);
/* 1 when the code point starting at text[i] is a letter or digit (word character).
 * ASCII is decided inline: the recognisers ask this of nearly every byte. */
int phrase_word_char_at(const char *text, size_t len, size_t i);
int phrase_word_char_slow(const char *text, size_t len, size_t i);
/* 1 for ASCII letters and digits: one load instead of three range tests */
extern const unsigned char phrase_ascii_word[128];
/* 1 for the ASCII bytes that are neither letters nor digits: the separators the
 * folds and scans step over one at a time. */
static inline int phrase_ascii_sep(unsigned char c)
{
	return c < 0x80 && !phrase_ascii_word[c];
}
static inline int phrase_word_char_fast(const char *text, size_t len, size_t i)
{
	unsigned char c;

	if (i >= len)
		return 0;
	c = (unsigned char)text[i];
	if (c < 0x80)
		return phrase_ascii_word[c];
	return phrase_word_char_slow(text, len, i);
}
/* The eight bytes at t[i] (zeros past len), least significant first. */
static inline uint64_t phrase_load8(const char *t, size_t len, size_t i)
{
	uint64_t x = 0;
	size_t k;

	if (i + 8 > len) {
		for (k = len - i; k-- > 0;)
			x = x << 8 | (unsigned char)t[i + k];
		return x;
	}
	memcpy(&x, t + i, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	x = __builtin_bswap64(x);
#endif
	return x;
}
/* 0x80 in each byte of x that is an ASCII letter or digit. */
static inline uint64_t phrase_ascii_word8(uint64_t x)
{
	const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
	uint64_t a = x & ~highs, l = a | (ones * 0x20), m;

	/* byte + (0x80 - lo) has its high bit set when byte >= lo; no carries below 0x80 */
	m = (l + ones * (0x80 - 'a')) & ~(l + ones * (0x7f - 'z'));
	m |= (a + ones * (0x80 - '0')) & ~(a + ones * (0x7f - '9'));
	return m & ~x & highs;
}
/* Bytes of ASCII letters and digits starting at i: eight at a time, as the
 * recognisers step over most words whole. */
static inline size_t phrase_ascii_word_len(const char *t, size_t len, size_t i)
{
	size_t j = i;
	uint64_t stop;

	while (j < len) {
		stop = ~phrase_ascii_word8(phrase_load8(t, len, j)) & 0x8080808080808080ULL;
		if (stop) {
			j += (size_t)__builtin_ctzll(stop) >> 3;
			break;
		}
		j += 8;
	}
	return (j < len ? j : len) - i;
}
/* Bytes of white space (any Unicode White_Space) starting at i. */
size_t phrase_space_len(const char *text, size_t len, size_t i);

/* Offset of the first ASCII digit at or after i, or len. Eight bytes at a time: most
 * of a report is words far from any digit, and the date and figure scans look ahead
 * for one. */
size_t phrase_next_digit(const char *t, size_t len, size_t i);

#endif
