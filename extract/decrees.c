/* decrees.c: recognises decrees, orders, decisions, resolutions and instructions.
 * Exports decrees_recogniser.
 *
 * An instrument word (Decree, Order, Decision, Resolution, Instruction, Ordinance) is a
 * decree mention only with an issuer, a number or a date: "Presidential Decree No. 560
 * of 19 March 2007", "Decision No.377 dated December 1, 2021, of the Cabinet of
 * Ministers", "a Ministry of Internal Affairs order of 19 May 2004", "presidential
 * decree". "Decree" in a title with none of those is not a mention. Issuers come from
 * lexicon/decree-issuers.tsv: before the word ("Cabinet of Ministers Decision"), after
 * it ("of the President of the Republic of Azerbaijan"), or earlier in the sentence
 * ("the Cabinet of Ministers adopted Decision No. 99"); a decree with none is the
 * President's (the constitution gives decrees to the President alone). Lower-case
 * "order"/"decision" needs an issuer before it or a number ("in order to" is none).
 * The quote runs from the issuer before the word to the last number or date; numbers
 * are marked MASK_NUMBER, dates are left to the dates recogniser.
 */
#include "extract.h"

#include <stdlib.h>
#include <string.h>

#include "laws.h"
#include "lexicon.h"
#include "names.h"
#include "phrase_index.h"
#include "unicode.h"
#include "banned.h"

struct issuer_row {
	char *canonical;
	char *type;   /* first of the types column */
};

struct issuer_lex {
	struct phrase_index *pi;
	struct issuer_row *rows;
	size_t n;
};

/* Instrument words and the type they denote. */
static const struct { const char *word; const char *type; } types[] = {
	{ "decree", "decree" }, { "order", "order" }, { "ordinance", "order" },
	{ "decision", "decision" }, { "resolution", "resolution" },
	{ "instruction", "instruction" }, { "directive", "instruction" },
	{ "disposition", "order" }, { "edict", "decree" },
};

static void issuer_lex_free(void *p)
{
	struct issuer_lex *il = p;
	size_t i;

	if (!il)
		return;
	for (i = 0; i < il->n; i++) {
		free(il->rows[i].canonical);
		free(il->rows[i].type);
	}
	free(il->rows);
	phrase_index_free(il->pi);
	free(il);
}

static struct issuer_lex *issuer_lex_build(const struct lexicon *lex)
{
	const struct lexicon_table *t = lexicon_table(lex, "decree-issuers");
	struct issuer_lex *il = xcalloc(1, sizeof(*il));
	int ccan = lexicon_column(t, "canonical"), cw = lexicon_column(t, "words");
	int cacr = lexicon_column(t, "acronyms"), cty = lexicon_column(t, "types");
	size_t r;

	il->pi = phrase_index_new();
	if (!t || ccan < 0)
		return il;
	il->rows = xcalloc(t->nrows ? t->nrows : 1, sizeof(*il->rows));
	for (r = 0; r < t->nrows; r++) {
		const char *can = lexicon_cell(t, r, ccan), *ty = lexicon_cell(t, r, cty), *bar;
		if (!*can)
			continue;
		il->rows[il->n].canonical = xstrdup(can);
		bar = strchr(ty, '|');
		il->rows[il->n].type = bar ? xstrndup(ty, (size_t)(bar - ty)) : xstrdup(ty);
		phrase_index_add(il->pi, can, strlen(can), (int)il->n, 0);
		phrase_index_add_alts(il->pi, lexicon_cell(t, r, cw), (int)il->n, 0);
		phrase_index_add_alts(il->pi, lexicon_cell(t, r, cacr), (int)il->n, PHRASE_EXACT);
		il->n++;
	}
	return il;
}

static const struct issuer_lex *issuer_lex_get(const struct lexicon *lex)
{
	static struct issuer_lex *nolex;
	struct issuer_lex *il = lexicon_compiled(lex, LEX_SLOT_DECREES);

	if (il)
		return il;
	if (!lex) {
		if (!nolex)
			nolex = issuer_lex_build(NULL);
		return nolex;
	}
	il = issuer_lex_build(lex);
	lexicon_set_compiled(lex, LEX_SLOT_DECREES, il, issuer_lex_free);
	return il;
}

/* The first letters of the words of types (a class each; keep in step with types), and
 * for each class the lengths of its words: one lookup and one bit test reject nearly
 * every word. */
static const unsigned char type_first[256] = {
	['D'] = 1, ['d'] = 1, ['O'] = 2, ['o'] = 2, ['R'] = 3, ['r'] = 3,
	['I'] = 4, ['i'] = 4, ['E'] = 5, ['e'] = 5,
};
static const unsigned type_lens[6] = {
	0, 1u << 6 | 1u << 8 | 1u << 9 | 1u << 11, 1u << 5 | 1u << 9, 1u << 10, 1u << 11, 1u << 5,
};

static const char *type_of(const char *t, size_t a, size_t e)
{
	size_t i;
	unsigned char c = (unsigned char)(t[a] | 0x20);
	unsigned k = type_first[(unsigned char)t[a]];

	if (!k || e - a > 11 || !(type_lens[k] & (1u << (e - a))))
		return NULL;
	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (types[i].word[0] == c && names_is(t, a, e, types[i].word))
			return types[i].type;
	return NULL;
}

/* The issuer hit ending right before byte at (only spaces, or "'s", between). */
static const struct phrase_hit *issuer_before(const struct phrase_hit *h, size_t nh, const char *t,
					      size_t at)
{
	size_t i;

	for (i = nh; i-- > 0;) {
		size_t g;
		int ok = 1;
		if (h[i].end > at)
			continue;
		for (g = h[i].end; g < at && ok; g++)
			if (t[g] != ' ')
				ok = 0;
		if (ok && h[i].end < at)
			return &h[i];
		return NULL;
	}
	return NULL;
}

/* The issuer hit starting at byte at, or NULL. */
static const struct phrase_hit *issuer_at(const struct phrase_hit *h, size_t nh, size_t at)
{
	size_t i;

	for (i = 0; i < nh; i++)
		if (h[i].start == at)
			return &h[i];
	return NULL;
}

static int starts_word(const char *t, size_t len, size_t i, const char *w)
{
	size_t e = names_word_end(t, len, i);
	return e > i && names_is(t, i, e, w);
}

/* "adopted on May 6, 2004 by a Presidential Decree": a date ending right before "by"
 * (and an article) that ends right before the mention at a. Fills *dv or leaves it. */
static void date_before(const char *t, size_t a, struct date_value *dv)
{
	size_t by = names_word_before(t, a), i, from;

	if (by < a && names_in(t, by, names_word_end(t, a, by), "a|an|the"))
		by = names_word_before(t, by);
	if (by == a || !names_is(t, by, names_word_end(t, a, by), "by"))
		return;
	while (by > 0 && t[by - 1] == ' ')
		by--;
	from = by > 40 ? by - 40 : 0;
	for (i = from; i < by; i++) {
		struct date_value v;
		size_t n;
		if (i > 0 && names_word_char(t, by, i - 1))
			continue;
		memset(&v, 0, sizeof(v));
		if ((n = dates_parse(t, by, i, &v)) && i + n == by && !strcmp(v.precision ? v.precision : "", "day")) {
			*dv = v;
			return;
		}
	}
}

static void mark_name(void *ctx, size_t a, size_t b)
{
	scan_mark(ctx, a, b, MASK_NAME);
}

static int scan_decrees(struct scan *s, struct diag *d)
{
	const struct issuer_lex *il = issuer_lex_get(s->lex);
	const char *t = s->text;
	size_t len = s->len, nh = 0, n, i, done = 0;
	const struct phrase_key *k;
	struct phrase_hit *hits = NULL;
	const struct name_word *w = NULL;

	(void)d;
	k = phrase_key_of_block(t, len);
	phrase_index_scan(il->pi, k, t, &hits, &nh);
	n = names_words_of_block(t, len, &w);
	for (i = 0; i < n; i++) {
		const char *type = type_of(t, w[i].start, w[i].end);
		const struct phrase_hit *before, *after = NULL;
		const char *issuer = NULL;
		struct citation_tail tail, tail2;
		size_t a = w[i].start, b = w[i].end, j, qa = 0, qb = 0;
		int has_num, has_date;
		struct fact *f;

		if (!type || w[i].start < done)
			continue;
		/* "the decision of the court", "in order to": lower case needs an issuer before */
		before = issuer_before(hits, nh, t, w[i].start);
		if (before && before->end <= done)
			before = NULL;
		if (before) {
			a = before->start;
			issuer = il->rows[before->id].canonical;
		}
		j = laws_citation_tail(s, w[i].end, &tail);
		/* "of the President of the Republic of Azerbaijan" after the word or the number */
		{
			size_t x = names_skip_space(t, len, j), y;
			if (x < len && t[x] == ',')
				x = names_skip_space(t, len, x + 1);
			if (starts_word(t, len, x, "of") || starts_word(t, len, x, "by")) {
				y = names_skip_space(t, len, x + 2);
				if (starts_word(t, len, y, "the"))
					y = names_skip_space(t, len, y + 3);
				after = issuer_at(hits, nh, y);
			}
			if (after && (tail.date.from[0] || tail.num_end > tail.num_start)) {
				/* "Decision No.377 dated …, of the Cabinet": the issuer is quoted only
				 * when a number or date it lacked follows it ("Instruction no. 2198 of
				 * the President … on 23 May 2007") */
				laws_citation_tail(s, after->end, &tail2);
				if (!((!tail.date.from[0] && tail2.date.from[0]) ||
				      (tail.num_end == tail.num_start && tail2.num_end > tail2.num_start))) {
					if (!issuer)
						issuer = il->rows[after->id].canonical;
					after = NULL;
				}
			}
			if (after) {
				if (!issuer)
					issuer = il->rows[after->id].canonical;
				j = after->end;
				/* "... of the President on 23 May 2007" */
				{
					size_t j2 = laws_citation_tail(s, after->end, &tail2);
					if (!tail.date.from[0] && tail2.date.from[0]) {
						tail.date = tail2.date;
						j = j2;
					}
					if (tail.num_end == tail.num_start && tail2.num_end > tail2.num_start) {
						tail.num_start = tail2.num_start;
						tail.num_end = tail2.num_end;
						j = j2;
					}
				}
			}
		}
		if (!tail.date.from[0])
			date_before(t, a, &tail.date);
		has_num = tail.num_end > tail.num_start;
		has_date = tail.date.from[0] != '\0';
		if (!w[i].upper && !before && !has_num)
			continue;
		if (!before && !after && !has_num && !has_date)
			continue;

		/* end of the quote: the last number or date, else the word (with issuer after) */
		b = w[i].end;
		if (has_num || has_date || after)
			b = j;
		if (after && !has_num && !has_date)
			b = after->end;
		else if (after && tail.date.from[0] && j < after->end)
			b = after->end;
		if (!issuer) {
			/* the sentence's issuer: "the Cabinet of Ministers adopted Decision No. 99" */
			struct span sent = scan_sentence(s, w[i].start);
			size_t q;
			for (q = nh; q-- > 0;)
				if (hits[q].end <= w[i].start && hits[q].start >= sent.start &&
				    w[i].start - hits[q].end < 120) {
					issuer = il->rows[hits[q].id].canonical;
					break;
				}
		}
		if (!issuer && !strcmp(type, "decree"))
			issuer = "President";
		/* a quoted title right after: Decree No. 667 dated July 6, 2012 “On ...” */
		{
			size_t x = names_skip_space(t, len, b), qq = names_quote_at(t, len, x), z;
			if (x < len && t[x] == ',')
				x = names_skip_space(t, len, x + 1), qq = names_quote_at(t, len, x);
			if (qq) {
				int depth = 1;
				for (z = x + qq; z < len && z < x + 400; z += utf8_step(t, len, z)) {
					size_t c = names_quote_at(t, len, z);
					/* “ opens, ” closes; a straight quote closes */
					if (!c)
						continue;
					if (c == 3 && (unsigned char)t[z + 2] == 0x9C)
						depth++;
					else if (--depth == 0) {
						qa = x + qq;
						qb = z;
						break;
					}
				}
			}
		}
		f = scan_emit(s, FACT_DECREE, a, b);
		if (issuer)
			fact_set(f, "issuer", issuer);
		fact_set(f, "type", type);
		if (has_num) {
			char *num = xstrndup(t + tail.num_start, tail.num_end - tail.num_start);
			fact_set(f, "number", num);
			free(num);
		}
		if (has_date) {
			fact_set(f, "date_from", tail.date.from);
			fact_set(f, "date_to", tail.date.to);
		}
		if (qb > qa) {
			char *title = xstrndup(t + qa, qb - qa);
			fact_set(f, "title", title);
			free(title);
		}
		scan_mark(s, w[i].start, w[i].end, MASK_NAME);
		if (before)
			names_mark_skipping_years(t, before->start, before->end, mark_name, s);
		done = b;
	}
	free(hits);
	return 0;
}

const struct recogniser decrees_recogniser = { "decrees", scan_decrees };
