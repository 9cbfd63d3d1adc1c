/* units.c: compiles the figure vocabulary (units, hedges, number words) from the
 * lexicon into phrase sets. Exports units_*. The compiled tables live in the lexicon's
 * LEX_SLOT_FIGURES, so they are built once per process, on first use. */
#include "units.h"

#include <stdlib.h>
#include <string.h>

#include "lexicon.h"
#include "unicode.h"
#include "banned.h"

static struct units_lexicon empty;

static void units_free(void *p)
{
	struct units_lexicon *u = p;

	phrase_set_release(&u->before);
	phrase_set_release(&u->after);
	phrase_set_release(&u->hedges);
	phrase_set_release(&u->words);
	free(u);
}

static void load_units(struct units_lexicon *u, const struct lexicon_table *t)
{
	int cu = lexicon_column(t, "unit"), cw = lexicon_column(t, "where"),
	    cn = lexicon_column(t, "names");
	size_t r;

	if (cu < 0 || cw < 0 || cn < 0)
		return;
	for (r = 0; r < t->nrows; r++) {
		const char *w = lexicon_cell(t, r, cw), *unit = lexicon_cell(t, r, cu);
		if (!strcmp(w, "before") || !strcmp(w, "both"))
			phrase_set_add_alts(&u->before, lexicon_cell(t, r, cn), 0, 0, unit, NULL);
		if (!strcmp(w, "after") || !strcmp(w, "both"))
			phrase_set_add_alts(&u->after, lexicon_cell(t, r, cn), 0, 0, unit, NULL);
	}
}

static void load_hedges(struct units_lexicon *u, const struct lexicon_table *t)
{
	int cp = lexicon_column(t, "phrases"), cq = lexicon_column(t, "qualifier"),
	    cb = lexicon_column(t, "bound");
	size_t r;

	if (cp < 0 || cq < 0 || cb < 0)
		return;
	for (r = 0; r < t->nrows; r++)
		phrase_set_add_alts(&u->hedges, lexicon_cell(t, r, cp), 0, 0, lexicon_cell(t, r, cq),
				    lexicon_cell(t, r, cb));
}

static void load_words(struct units_lexicon *u, const struct lexicon_table *t)
{
	static const struct {
		const char *name;
		enum word_kind kind;
	} kinds[] = { { "cardinal", WORD_CARDINAL }, { "scale", WORD_SCALE }, { "label", WORD_LABEL },
		      { "multiplier", WORD_MULTIPLIER } };
	int cw = lexicon_column(t, "words"), ck = lexicon_column(t, "kind"),
	    cv = lexicon_column(t, "value");
	size_t r, k;

	if (cw < 0 || ck < 0 || cv < 0)
		return;
	for (r = 0; r < t->nrows; r++) {
		const char *kind = lexicon_cell(t, r, ck);
		for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++)
			if (!strcmp(kind, kinds[k].name))
				phrase_set_add_alts(&u->words, lexicon_cell(t, r, cw), (int)kinds[k].kind,
						    strtod(lexicon_cell(t, r, cv), NULL), NULL, NULL);
	}
}

const struct units_lexicon *units_lexicon(const struct lexicon *lex)
{
	struct units_lexicon *u;
	const struct lexicon_table *t;

	if (!lex)
		return &empty;
	if ((u = lexicon_compiled(lex, LEX_SLOT_FIGURES)))
		return u;
	u = xcalloc(1, sizeof(*u));
	if ((t = lexicon_table(lex, "units")))
		load_units(u, t);
	if ((t = lexicon_table(lex, "hedges")))
		load_hedges(u, t);
	if ((t = lexicon_table(lex, "number-words")))
		load_words(u, t);
	phrase_set_finish(&u->before);
	phrase_set_finish(&u->after);
	phrase_set_finish(&u->hedges);
	phrase_set_finish(&u->words);
	phrase_filter_init(&u->start);
	phrase_filter_add(&u->start, &u->hedges);
	phrase_filter_add(&u->start, &u->before);
	phrase_filter_add(&u->start, &u->words);
	lexicon_set_compiled(lex, LEX_SLOT_FIGURES, u, units_free);
	return u;
}

int units_quoted(const char *unit)
{
	return unit && strcmp(unit, "persons") && strcmp(unit, "count");
}

int units_owns_number(const struct lexicon *lex, const char *text, size_t len, size_t start,
		      size_t end)
{
	const struct units_lexicon *u = units_lexicon(lex);
	const struct phrase *p;
	size_t i, sp;

	sp = phrase_space_len(text, len, end);
	if (end < len && text[end] == '%')
		return 1;
	if (sp && phrase_set_match(&u->after, text, len, end + sp, &p) &&
	    strcmp(p->str, "years") && strcmp(p->str, "months") && strcmp(p->str, "days"))
		return 1;
	/* a currency right before: "USD 2010", "$2000" */
	i = start;
	while (i > 0 && (text[i - 1] == ' '))
		i--;
	if (i > 0 && text[i - 1] == '$')
		return 1;
	if (i >= 3 && i < start) {
		size_t w = i;
		while (w > 0 && ((text[w - 1] | 32) >= 'a' && (text[w - 1] | 32) <= 'z'))
			w--;
		if (w < i && phrase_set_match(&u->before, text, len, w, &p) == i - w)
			return 1;
	}
	return 0;
}
