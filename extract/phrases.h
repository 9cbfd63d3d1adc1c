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
	/* bit (c1 << 8 | c2): some key starts with bytes c1 c2, in either ASCII case */
	unsigned char pairs[8192];
	unsigned char lead[256];    /* PHRASE_LEAD_*: what keys starting with byte c1 (either
				     * ASCII case) need next */
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

size_t phrase_set_match_slow(const struct phrase_set *ps, const char *text, size_t len,
			     size_t at, const struct phrase **out);
/* Longest key matching text at byte at and ending on a word boundary. Returns the
 * bytes consumed in text (0 when none) and sets *out. Keys starting with a letter also
 * need a word boundary before at. The recognisers ask this at nearly every word and
 * most words start no key, so the first two bytes are tested inline. */
static inline size_t phrase_set_match(const struct phrase_set *ps, const char *text, size_t len,
				      size_t at, const struct phrase **out)
{
	unsigned char c, c2;

	*out = NULL;
	if (at >= len)
		return 0;
	c = (unsigned char)text[at];
	if (ps->lead[c] == PHRASE_LEAD_NONE)
		return 0;
	if (ps->lead[c] == PHRASE_LEAD_PAIR) {
		c2 = at + 1 < len ? (unsigned char)text[at + 1] : 0;
		if (!(ps->pairs[(c << 8 | c2) >> 3] & (1u << (c2 & 7))))
			return 0;
	}
	return phrase_set_match_slow(ps, text, len, at, out);
}

/* 1 when the code point starting at text[i] is a letter or digit (word character).
 * ASCII is decided inline: the recognisers ask this of nearly every byte. */
int phrase_word_char_at(const char *text, size_t len, size_t i);
int phrase_word_char_slow(const char *text, size_t len, size_t i);
static inline int phrase_word_char_fast(const char *text, size_t len, size_t i)
{
	unsigned char c;

	if (i >= len)
		return 0;
	c = (unsigned char)text[i];
	if (c < 0x80)
		return (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z');
	return phrase_word_char_slow(text, len, i);
}
/* Bytes of white space (any Unicode White_Space) starting at i. */
size_t phrase_space_len(const char *text, size_t len, size_t i);

#endif
