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

/* 0 when no key of ps can start with the bytes at text[at] (the first test
 * phrase_set_match makes); 1 says nothing. */
static inline int phrase_set_lead_ok(const struct phrase_set *ps, const char *text, size_t len,
				     size_t at)
{
	unsigned char c = (unsigned char)text[at], c2;

	if (ps->lead[c] == PHRASE_LEAD_NONE)
		return 0;
	if (ps->lead[c] == PHRASE_LEAD_PAIR) {
		c2 = at + 1 < len ? (unsigned char)text[at + 1] : 0;
		if (!(ps->pairs[(c << 8 | c2) >> 3] & (1u << (c2 & 7))))
			return 0;
	}
	return 1;
}
/* 0 when no key of ps can start with a word of ASCII letters whose head hash is h. */
static inline int phrase_set_head_ok(const struct phrase_set *ps, unsigned h)
{
	return (ps->heads[h >> 3] >> (h & 7)) & 1;
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
/* Bytes of white space (any Unicode White_Space) starting at i. */
size_t phrase_space_len(const char *text, size_t len, size_t i);

/* Offset of the first ASCII digit at or after i, or len. Eight bytes at a time: most
 * of a report is words far from any digit, and the date and figure scans look ahead
 * for one. */
size_t phrase_next_digit(const char *t, size_t len, size_t i);

#endif
