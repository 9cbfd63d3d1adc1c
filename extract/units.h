/* units.h: the figure vocabulary of lexicon/units.tsv, lexicon/hedges.tsv and
 * lexicon/number-words.tsv, compiled once per lexicon (slot LEX_SLOT_FIGURES). */
#ifndef UNITS_H
#define UNITS_H

#include <stddef.h>

#include "phrases.h"

struct lexicon;

enum word_kind { WORD_CARDINAL = 1, WORD_SCALE, WORD_LABEL, WORD_MULTIPLIER };

struct units_lexicon {
	struct phrase_set before;  /* units written before the number ("USD", "$"): str = unit */
	struct phrase_set after;   /* units after it ("per cent", "manats", "victims"): str = unit */
	struct phrase_set hedges;  /* str = qualifier, str2 = bound kind */
	struct phrase_set words;   /* ival = enum word_kind, num = value (scale words, "twice") */
	struct phrase_filter start; /* hedges, before and words together: where a figure
				     * can start (figures.c, may_start_figure) */
};

/* The compiled tables of lex (empty tables when lex or a file is missing). */
const struct units_lexicon *units_lexicon(const struct lexicon *lex);
/* 1 when unit is quoted with its number ("5 per cent", "USD 10", "6 months") rather
 * than left out of the quote ("57 persons": the quote is "57"). */
int units_quoted(const char *unit);
/* 1 when the bare number text[start..end) is an amount of something: a unit or people
 * noun follows it, or a currency precedes it. Used by dates to leave "2000 persons". */
int units_owns_number(const struct lexicon *lex, const char *text, size_t len, size_t start,
		      size_t end);

#endif
