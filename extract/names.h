/* names.h: word-level reading of block text shared by the laws, decrees, orgs and
 * acronyms code: words, capitals, quotes, number tokens, and the normalised title a
 * canonical name is made of. All offsets are bytes of the text. */
#ifndef NAMES_H
#define NAMES_H

#include <stddef.h>

#include "strbuf.h"

struct lexicon;

/* 1 when the code point at t[i] is a letter or digit. */
int names_word_char(const char *t, size_t len, size_t i);
/* End of the word (letters, digits, inner hyphens/apostrophes) starting at i. */
size_t names_word_end(const char *t, size_t len, size_t i);
/* First byte at or after i that is not white space. */
size_t names_skip_space(const char *t, size_t len, size_t i);
/* Start of the word that ends at (or before white space ending at) end; end itself when
 * there is none. */
size_t names_word_before(const char *t, size_t end);
/* 1 when the first letter of the word at i is upper case (any script). */
int names_is_upper(const char *t, size_t len, size_t i);
/* 1 when every letter of t[i..end) is upper case and there are at least two. */
int names_all_caps(const char *t, size_t i, size_t end);
/* 1 when t[i..end) equals w ignoring ASCII case. Inline: the recognisers call it for
 * most words of a block, with constant words. */
static inline int names_is(const char *t, size_t i, size_t end, const char *w)
{
	size_t k;

	/* no strlen: most calls differ in the first byte */
	for (k = 0; i + k < end; k++) {
		unsigned char a = (unsigned char)t[i + k], b = (unsigned char)w[k];
		if (!b)
			return 0;
		if (a >= 'A' && a <= 'Z')
			a += 32;
		if (b >= 'A' && b <= 'Z')
			b += 32;
		if (a != b)
			return 0;
	}
	return w[k] == '\0';
}
/* 1 when t[i..end) is one of the '|'-separated words of list (ASCII case ignored). */
int names_in(const char *t, size_t i, size_t end, const char *list);
/* Bytes of an opening/closing quotation mark at i ("“", "«", '"', "„"), else 0. */
size_t names_quote_at(const char *t, size_t len, size_t i);
/* A number marker at i: "No.", "No", "N", "Nr.", "№", "N°", "#" (with the space after).
 * Returns the bytes up to the number, 0 when there is none or no digit follows. */
size_t names_number_marker(const char *t, size_t len, size_t i);
/* A law/decree number at i: digits, then optional "-IQ", "/12", "-r" parts. */
size_t names_number_end(const char *t, size_t len, size_t i);
/* Normalised title of t[0..len): quotation marks dropped, white space collapsed,
 * leading "the" dropped, words capitalised except function words after the first,
 * all-capital words of an all-capital title written in title case. */
void names_title(struct strbuf *out, const char *t, size_t len);
/* The words of a text, for recognisers that reason word by word. */
/* 1 for the ASCII letters and digits: a table, because the word loops of the
 * recognisers test every byte. */
extern const unsigned char names_alnum_tab[256];
static inline int names_ascii_alnum(unsigned char c)
{
	return names_alnum_tab[c];
}

struct name_word {
	size_t start, end;
	int upper;      /* first letter upper case */
	int func;       /* names_function_word */
	int clean_gap;  /* only spaces between the previous word and this one */
};
/* Split t into words (malloc'd array in *out). Returns the count. */
size_t names_words(const char *t, size_t len, struct name_word **out);

/* The words of a block, split once and shared by the recognisers scanning it (valid
 * until the next call with another text; do not free). */
size_t names_words_of_block(const char *t, size_t len, const struct name_word **out);

/* Mark helper: calls mark(ctx, a, b) over t[start..end) leaving out four-digit years,
 * which stay visible to the dates recogniser. */
void names_mark_skipping_years(const char *t, size_t start, size_t end,
			       void (*mark)(void *ctx, size_t a, size_t b), void *ctx);

/* A country at byte i: its name, another name or an adjective ("Azerbaijan",
 * "Republic of Moldova", "Azerbaijani", "Russian Federation"), from the countries
 * table of lex (lexicon/countries.tsv), words separated by white space. Returns the
 * byte after it, i when there is none (or no such table); fills *out when not NULL.
 * A home country is one the lexicon is about (column home = "yes"): its name is
 * implied, so it qualifies names redundantly ("Ministry of Justice of Azerbaijan" is
 * the Ministry of Justice of the lexicon). */
struct name_country {
	const char *name;  /* the name column ("Azerbaijan"); valid until the lexicon changes */
	int home;
};
size_t names_country_end(const struct lexicon *lex, const char *t, size_t len, size_t i,
			 struct name_country *out);

#endif
