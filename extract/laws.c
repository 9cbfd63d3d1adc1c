/* laws.c: recognises statutes, codes, constitutions and international instruments.
 * Exports laws_recogniser and laws_citation_tail.
 *
 * Sources, merged longest-first: (1) titles, aliases and acronyms of lexicon/laws.tsv;
 * (2) citation shapes: "Law of the Republic of Azerbaijan on X", "the Law “On X”",
 * "draft law on X", "Law No. 435-IIQ", "X Act", "X Code", "Code of X", "X Convention",
 * "Convention on X". A derived title ("Law on Immigration") is looked up in the
 * lexicon, so every rendering of a known law gets its canonical title; an unknown one
 * keeps the derived title. The quote is the title; "Article 84.3 of" before it fills
 * article; a number and adoption date after it fill number and date_from/date_to
 * (dates_parse). Numbers and article references are marked MASK_NUMBER everywhere in
 * the block so that dates and figures skip them; a bare "article 5" is no law. The
 * country after "Law of" comes from lexicon/countries.tsv: the home country's name
 * leaves the canonical title ("Law on X"), another's stays ("Law of Georgia on X").
 */
#include "extract.h"
#include "laws.h"

#include <stdlib.h>
#include <string.h>

#include "lexicon.h"
#include "names.h"
#include "phrase_index.h"
#include "title_match.h"
#include "unicode.h"
#include "banned.h"

struct law_row {
	char *canonical;
};

struct law_lex {
	struct phrase_index *pi;
	struct title_set *near;  /* for derived titles the index does not know */
	struct law_row *rows;
	size_t n;
};

static void law_lex_free(void *p)
{
	struct law_lex *ll = p;
	size_t i;

	if (!ll)
		return;
	for (i = 0; i < ll->n; i++)
		free(ll->rows[i].canonical);
	free(ll->rows);
	phrase_index_free(ll->pi);
	title_set_free(ll->near);
	free(ll);
}

static struct law_lex *law_lex_build(const struct lexicon *lex)
{
	const struct lexicon_table *t = lexicon_table(lex, "laws");
	struct law_lex *ll = xcalloc(1, sizeof(*ll));
	int ccan = lexicon_column(t, "canonical"), cacr = lexicon_column(t, "acronyms");
	int cali = lexicon_column(t, "aliases");
	size_t r;

	ll->pi = phrase_index_new();
	ll->near = title_set_new();
	if (!t || ccan < 0)
		return ll;
	ll->rows = xcalloc(t->nrows ? t->nrows : 1, sizeof(*ll->rows));
	for (r = 0; r < t->nrows; r++) {
		const char *can = lexicon_cell(t, r, ccan);
		if (!*can)
			continue;
		ll->rows[ll->n].canonical = xstrdup(can);
		phrase_index_add(ll->pi, can, strlen(can), (int)ll->n, 0);
		phrase_index_add_alts(ll->pi, lexicon_cell(t, r, cali), (int)ll->n, 0);
		phrase_index_add_alts(ll->pi, lexicon_cell(t, r, cacr), (int)ll->n, PHRASE_EXACT);
		title_set_add(ll->near, can, (int)ll->n);
		title_set_add_alts(ll->near, lexicon_cell(t, r, cali), (int)ll->n);
		ll->n++;
	}
	return ll;
}

static const struct law_lex *law_lex_get(const struct lexicon *lex)
{
	static struct law_lex *nolex;
	struct law_lex *ll = lexicon_compiled(lex, LEX_SLOT_LAWS);

	if (ll)
		return ll;
	if (!lex) {
		if (!nolex)
			nolex = law_lex_build(NULL);
		return nolex;
	}
	ll = law_lex_build(lex);
	lexicon_set_compiled(lex, LEX_SLOT_LAWS, ll, law_lex_free);
	return ll;
}

/* ---- numbers, dates and articles around a citation ---- */


static int starts_word(const char *t, size_t len, size_t i, const char *w)
{
	size_t e = names_word_end(t, len, i);
	return e > i && names_is(t, i, e, w);
}

/* A date at i, accepting "the 13th of July 2004" too. */
static size_t date_at(const char *t, size_t len, size_t i, struct date_value *dv)
{
	size_t n;

	memset(dv, 0, sizeof(*dv));
	if ((n = dates_parse(t, len, i, dv)))
		return n;
	if (starts_word(t, len, i, "the")) {
		size_t j = names_skip_space(t, len, i + 3);
		if ((n = dates_parse(t, len, j, dv)))
			return j - i + n;
	}
	memset(dv, 0, sizeof(*dv));
	return 0;
}

size_t laws_citation_tail(struct scan *s, size_t at, struct citation_tail *out)
{
	const char *t = s->text;
	size_t len = s->len, end = at, i, rounds;

	memset(out, 0, sizeof(*out));
	out->num_start = out->num_end = at;
	for (rounds = 0; rounds < 4; rounds++) {
		size_t j = names_skip_space(t, len, end), m, w, n;
		struct date_value dv;
		if (j < len && t[j] == ',')
			j = names_skip_space(t, len, j + 1);
		/* lists of laws write "… stateless persons. (March 13, 1996 N 41-IQ)": a full
		 * stop right after the title and before its parenthesis still belongs to it */
		if (!rounds && j < len && t[j] == '.') {
			size_t k = names_skip_space(t, len, j + 1);
			if (k < len && t[k] == '(')
				j = k;
		}
		if (j < len && t[j] == '(') {
			/* "(Baku, 22 December 1998 N 592-IQ)", "(1951)", "(No. 29)" */
			size_t k = j + 1, close = 0;
			int found = 0;
			for (i = k; i < len && i < j + 80; i++)
				if (t[i] == ')') {
					close = i;
					break;
				}
			if (!close)
				break;
			for (i = k; i < close;) {
				if (!out->date.from[0] && (n = date_at(t, close, i, &dv))) {
					out->date = dv;
					found = 1;
					i += n;
					continue;
				}
				if (out->num_end == out->num_start && (m = names_number_marker(t, close, i))) {
					out->num_start = i + m;
					out->num_end = names_number_end(t, close, i + m);
					found = 1;
					i = out->num_end;
					continue;
				}
				i += utf8_step(t, close, i);
			}
			if (!found)
				break;
			end = close + 1;
			continue;
		}
		if (out->num_end == out->num_start && (m = names_number_marker(t, len, j))) {
			out->num_start = j + m;
			out->num_end = end = names_number_end(t, len, j + m);
			continue;
		}
		w = names_word_end(t, len, j);
		if (w > j && names_in(t, j, w, "of|dated|from|on|adopted|signed|of the")) {
			size_t k = names_skip_space(t, len, w);
			if (names_in(t, j, w, "adopted|signed") && (starts_word(t, len, k, "on") ||
								   starts_word(t, len, k, "in")))
				k = names_skip_space(t, len, names_word_end(t, len, k));
			if (!out->date.from[0] && (n = date_at(t, len, k, &dv))) {
				out->date = dv;
				end = k + n;
				continue;
			}
		}
		break;
	}
	if (out->num_end > out->num_start)
		scan_mark(s, out->num_start, out->num_end, MASK_NUMBER);
	return end;
}

/* Words that introduce a numbered part of an instrument: their numbers are no figure. */
static const char part_words[] = "article|articles|art|arts|paragraph|paragraphs|para|paras|"
				 "chapter|chapters|section|sections|clause|clauses|"
				 "subparagraph|subparagraphs|sub-paragraph|point|points|item|items|part|parts";

/* End of a numbered reference list at i: "84.3", "144-1", "292 and 294", "9.1.5". */
static size_t numref_end(const char *t, size_t len, size_t i)
{
	size_t j = i, last = i;

	for (;;) {
		size_t k = j;
		if (k >= len || t[k] < '0' || t[k] > '9')
			break;
		while (k < len && ((t[k] >= '0' && t[k] <= '9') ||
				   ((t[k] == '.' || t[k] == '-') && k + 1 < len && t[k + 1] >= '0' && t[k + 1] <= '9')))
			k++;
		/* "12-1" done; a letter suffix "3a" */
		if (k < len && t[k] >= 'a' && t[k] <= 'z' && !names_word_char(t, len, k + 1))
			k++;
		last = k;
		j = names_skip_space(t, len, k);
		if (j < len && t[j] == ',')
			j = names_skip_space(t, len, j + 1);
		else if (starts_word(t, len, j, "and") || starts_word(t, len, j, "to"))
			j = names_skip_space(t, len, names_word_end(t, len, j));
		else
			break;
	}
	return last;
}

/* 1 when the word t[i..e) starts like a part word (ar, ch, cl, it, pa, po, se, su):
 * skips the hash for nearly every other word. */
static inline int part_head(const char *t, size_t i, size_t e)
{
	unsigned c0, c1;

	if (e - i < 3)
		return 0;
	c0 = (unsigned char)t[i] | 0x20;
	c1 = (unsigned char)t[i + 1] | 0x20;
	switch (c0) {
	case 'a': return c1 == 'r';
	case 'c': return c1 == 'h' || c1 == 'l';
	case 'i': return c1 == 't';
	case 'p': return c1 == 'a' || c1 == 'o';
	case 's': return c1 == 'e' || c1 == 'u';
	default: return 0;
	}
}

/* First bytes of words part_at acts on: 1 for a marker's ("No", "№"), 2 for a part
 * word's. One lookup rejects most words of a block. */
static const unsigned char part_first[256] = {
	['N'] = 1, ['n'] = 1, ['#'] = 1, [0xE2] = 1,
	['A'] = 2, ['a'] = 2, ['C'] = 2, ['c'] = 2, ['I'] = 2, ['i'] = 2,
	['P'] = 2, ['p'] = 2, ['S'] = 2, ['s'] = 2,
};

/* 1 when part_at can do anything at the word t[i..e). */
static inline int part_may_start(const char *t, size_t i, size_t e)
{
	unsigned k = part_first[(unsigned char)t[i]];

	return k == 1 || (k == 2 && part_head(t, i, e));
}

/* The first "#" or "№" lead byte (0xE2) at or after i, len when none. */
static size_t next_sign(const char *t, size_t len, size_t i)
{
	const char *h = memchr(t + i, '#', len - i), *e = memchr(t + i, 0xE2, len - i);
	size_t a = h ? (size_t)(h - t) : len, b = e ? (size_t)(e - t) : len;

	return a < b ? a : b;
}

/* A number marker or a part word ("Article 5", "No. 12") at word start i: marks its
 * number and returns where the walk of mark_parts goes on. */
static size_t part_at(struct scan *s, size_t i, size_t e)
{
	const char *t = s->text;
	size_t len = s->len, j, m;
	unsigned char c = (unsigned char)t[i];

	/* (the first bytes a marker can start with, tested before the call) */
	if ((c == 'N' || c == 'n' || c == '#' || c == 0xE2) && (m = names_number_marker(t, len, i))) {
		size_t ne = names_number_end(t, len, i + m);
		scan_mark(s, i + m, ne, MASK_NUMBER);
		return ne;
	}
	if (part_head(t, i, e) && names_in(t, i, e, part_words)) {
		j = e;
		if (j < len && t[j] == '.')
			j++;
		j = names_skip_space(t, len, j);
		if (j < len && t[j] >= '0' && t[j] <= '9') {
			size_t ne = numref_end(t, len, j);
			scan_mark(s, j, ne, MASK_NUMBER);
			e = ne;
		}
	}
	return e;
}

/* "#" and "№" open a marker outside a word start too, unless a word char precedes. */
static size_t sign_marker_at(struct scan *s, size_t i)
{
	const char *t = s->text;
	size_t m;

	if ((m = names_number_marker(t, s->len, i)) && (i == 0 || !names_word_char(t, s->len, i - 1))) {
		size_t ne = names_number_end(t, s->len, i + m);
		scan_mark(s, i + m, ne, MASK_NUMBER);
		return ne;
	}
	return 0;
}

/* One step of the byte walk of mark_parts, for a walk that a marker or a number left
 * inside a word of the table, where the word starts differ from the table's. */
static size_t part_step(struct scan *s, size_t i)
{
	const char *t = s->text;
	size_t len = s->len, ne;
	unsigned char c = (unsigned char)t[i];
	int wc = c < 0x80 ? names_ascii_alnum(c) : names_word_char(t, len, i);

	if (!wc || (i > 0 && ((unsigned char)t[i - 1] < 0x80 ? names_ascii_alnum((unsigned char)t[i - 1])
							: names_word_char(t, len, i - 1)))) {
		if ((c == '#' || c == 0xE2) && (ne = sign_marker_at(s, i)))
			return ne;
		if (c >= 0x80)
			return i + utf8_step(t, len, i);
		/* the rest of an ASCII run inside a word holds no word start */
		i++;
		if (wc)
			while (i < len && names_ascii_alnum((unsigned char)t[i]))
				i++;
		return i;
	}
	return part_at(s, i, names_word_end(t, len, i));
}

/* Marks the numbers after number markers and part words. A walk over the block's
 * words: between them only "#" and "№" bytes can open a marker, and a word of the
 * table starts where a byte walk would find a word start (the gaps hold no word
 * char); only after a jump into a word does the walk go byte by byte. */
static void mark_parts(struct scan *s, const struct name_word *w, size_t n)
{
	const char *t = s->text;
	size_t len = s->len, i = 0, wi = 0, sign = next_sign(t, len, 0);

	while (i < len) {
		size_t g, ws, ne = 0;
		while (wi < n && w[wi].end <= i)
			wi++;
		if (wi < n && w[wi].start < i) {
			i = part_step(s, i);
			continue;
		}
		ws = wi < n ? w[wi].start : len;
		if (sign < i)
			sign = next_sign(t, len, i);
		/* the gap is searched only when a sign byte lies in it */
		for (g = sign < ws ? sign : ws; g < ws; g++)
			if ((t[g] == '#' || (unsigned char)t[g] == 0xE2) && (ne = sign_marker_at(s, g)))
				break;
		if (ne) {
			i = ne;
			continue;
		}
		if (ws == len)
			break;
		if (!part_may_start(t, ws, w[wi].end)) {
			i = w[wi++].end;
			continue;
		}
		i = part_at(s, ws, w[wi].end);
	}
}

/* "Article 84.3 of (the)" ending at a: the article reference, or empty. */
static void article_before(const char *t, size_t a, struct strbuf *out)
{
	size_t from = a > 100 ? a - 100 : 0, i, best = (size_t)-1;

	strbuf_reset(out);
	for (i = from; i + 3 < a; i++)
		if ((t[i] == 'A' || t[i] == 'a') && (i == 0 || !names_word_char(t, a, i - 1)) &&
		    (starts_word(t, a, i, "article") || starts_word(t, a, i, "articles") ||
		     starts_word(t, a, i, "art")))
			best = i;
	if (best == (size_t)-1)
		return;
	i = names_word_end(t, a, best);
	if (i < a && t[i] == '.')
		i++;
	i = names_skip_space(t, a, i);
	{
		size_t ne = numref_end(t, a, i), j;
		if (ne == i)
			return;
		j = names_skip_space(t, a, ne);
		/* ", paragraph 3," between article and "of" */
		if (j < a && t[j] == ',') {
			size_t k = names_skip_space(t, a, j + 1), w = names_word_end(t, a, k);
			if (names_in(t, k, w, "paragraph|part|item|point|clause|subparagraph")) {
				k = numref_end(t, a, names_skip_space(t, a, w));
				j = names_skip_space(t, a, k);
				if (j < a && t[j] == ',')
					j = names_skip_space(t, a, j + 1);
			}
		}
		if (!starts_word(t, a, j, "of"))
			return;
		j = names_skip_space(t, a, j + 2);
		if (starts_word(t, a, j, "the"))
			j = names_skip_space(t, a, j + 3);
		if (j != a)
			return;
		/* "292 and 294" → "292, 294" */
		for (j = i; j < ne;) {
			if (t[j] >= '0' && t[j] <= '9') {
				size_t k = j;
				while (k < ne && t[k] != ' ' && t[k] != ',')
					k++;
				if (out->len)
					strbuf_adds(out, ", ");
				strbuf_add(out, t + j, k - j);
				j = k;
			} else {
				j = names_word_end(t, ne, j) > j ? names_word_end(t, ne, j) : j + 1;
			}
		}
	}
}

/* ---- candidates ---- */

struct cand {
	size_t a, b;        /* quote */
	char *canonical;
	int keep_inner;     /* an approval law: instruments named inside it stay facts */
};

struct cands {
	struct cand *v;
	size_t n, cap;
};

static void cand_add(struct cands *c, size_t a, size_t b, const char *canonical, int keep_inner)
{
	XGROW(c->v, c->cap, c->n + 1);
	c->v[c->n].a = a;
	c->v[c->n].b = b;
	c->v[c->n].canonical = xstrdup(canonical);
	c->v[c->n].keep_inner = keep_inner;
	c->n++;
}

static int cand_cmp(const void *x, const void *y)
{
	const struct cand *a = x, *b = y;

	if (a->a != b->a)
		return a->a < b->a ? -1 : 1;
	if (a->b != b->b)
		return a->b > b->b ? -1 : 1;
	return 0;
}

/* Canonical of a derived title: the lexicon's when it knows the title, or when the
 * title is near exactly one of its titles (a report's own rendering of it). */
static void canonical_of(const struct law_lex *ll, const char *title, struct strbuf *out)
{
	int id = phrase_index_lookup(ll->pi, title, strlen(title));

	if (id < 0)
		id = title_set_near(ll->near, title, TITLE_NEAR_ANY);

	if (id >= 0) {
		strbuf_reset(out);
		strbuf_adds(out, ll->rows[id].canonical);
	} else if (out->buf != title) {
		strbuf_reset(out);
		strbuf_adds(out, title);
	}
}

/* Words that end an unquoted title: verbs and clause openers. */
static const char title_stop[] =
	"was|is|are|were|has|have|had|which|that|who|whom|whose|will|shall|would|should|may|"
	"can|could|must|does|did|do|be|been|being|adopted|approved|signed|entered|came|"
	"provides|provide|stipulates|stipulate|states|establishes|establish|regulates|regulate|"
	"defines|define|grants|grant|specifies|specify|requires|require|prohibits|prohibit|"
	"as|since|dated|if|when|where|while|but|because|also|not|no|nos|n|currently|under|"
	"introduced|amended|changed|contains|contain|guarantees|sets|set|envisages|according|"
	"foresees|allows|permits|gives|determines|lays|enacted|passed|ratified|into|"
	"applies|apply|applied|covers|governs|protects|remains|continues|says|notes|"
	"article|articles|chapter|paragraph|so|than|then|this|these|those|it|its|there|here|"
	"being|by|with|within|without|after|before|during|until|through|among|between|"
	"decree|decision|resolution|order|instruction|law|act|code|protocol|convention|covenant";

/* Words of a title starting at word index k: capitalised mode takes capitalised and
 * function words; lower-case mode ("law on legal status of ...") takes any word up to a
 * stop word. Returns the index after the last title word (k when none). */
static size_t title_words(const char *t, const struct name_word *w, size_t n, size_t k, int *commas)
{
	size_t j = k, last = k;
	/* "Law on the Status of ...": the case of the word after an article decides */
	int lower = !w[k + (k + 1 < n && names_is(t, w[k].start, w[k].end, "the"))].upper;

	*commas = 0;
	while (j < n && j - k < 14) {
		if (j > k && !w[j].clean_gap) {
			/* a comma between capitalised words: "Exit, Entry and Passports" */
			size_t g = w[j - 1].end;
			if (!(t[g] == ',' && g + 2 == w[j].start && t[g + 1] == ' ' && w[j].upper == !lower))
				break;
			(*commas)++;
		}
		if (names_in(t, w[j].start, w[j].end, title_stop) && !(j == k && w[j].func))
			break;
		/* "… Organized Crime and the Additional Protocol": a second instrument */
		if (!lower && names_is(t, w[j].start, w[j].end, "and") && j + 1 < n &&
		    names_in(t, w[j + 1].start, w[j + 1].end, "the|its|their"))
			break;
		if (t[w[j].start] >= '0' && t[w[j].start] <= '9')
			break;
		if (!lower && !w[j].upper && !w[j].func)
			break;
		if (lower && w[j].upper && j > k)
			break;  /* "... organizations in Azerbaijan": a place ends a lower-case title */
		if (!w[j].func)
			last = j + 1;
		j++;
	}
	return last;
}

/* Index of the first word at or after byte at (n when none). */
static size_t word_at(const struct name_word *w, size_t n, size_t at)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (w[mid].start < at)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Skip the country after "Law": "of the Republic of Azerbaijan", "of Georgia", "of the
 * Kyrgyz Republic", "of the Russian Federation" (countries from lexicon/countries.tsv).
 * Returns the word index after it, k when there is none; *foreign is the country's name
 * when it is not the home country (it then stays in the canonical name), else NULL. */
static size_t skip_country(const struct scan *s, const struct name_word *w, size_t n, size_t k,
			   const char **foreign)
{
	const char *t = s->text;
	size_t j = k;

	*foreign = NULL;
	if (j < n && w[j].clean_gap && names_is(t, w[j].start, w[j].end, "of")) {
		size_t q = j + 1, ce;
		struct name_country nc;
		if (q < n && names_is(t, w[q].start, w[q].end, "the"))
			q++;
		if (q < n && names_is(t, w[q].start, w[q].end, "Republic"))
			q++;
		if (q < n && names_is(t, w[q].start, w[q].end, "of"))
			q++;
		if (q >= n || (ce = names_country_end(s->lex, t, s->len, w[q].start, &nc)) == w[q].start)
			return k;
		if (!nc.home)
			*foreign = nc.name;
		q = word_at(w, n, ce);
		if (q < n && names_is(t, w[q].start, w[q].end, "Republic"))
			q++;
		return q;
	}
	return k;
}

/* The canonical name of a law "on title": "Law on X", or "Law of Georgia on X" for a
 * foreign country's law. */
static void law_on(struct strbuf *canon, const char *foreign, const char *title)
{
	strbuf_reset(canon);
	if (foreign)
		strbuf_addf(canon, "Law of %s on %s", foreign, title);
	else
		strbuf_addf(canon, "Law on %s", title);
}

/* A quoted title starting at byte i: returns the byte after the closing quote, and the
 * inner span in *qa..*qb; 0 when there is none. */
static size_t quoted_at(const char *t, size_t len, size_t i, size_t *qa, size_t *qb)
{
	size_t q = names_quote_at(t, len, i), j;

	if (!q)
		return 0;
	for (j = i + q; j < len && j < i + 300; j += utf8_step(t, len, j)) {
		size_t c = names_quote_at(t, len, j);
		if (c) {
			*qa = i + q;
			*qb = j;
			return j + c;
		}
	}
	return 0;
}

/* "Law ...": the shapes that start with the word Law at word index h. */
static void law_shapes(struct scan *s, const struct law_lex *ll, const struct name_word *w,
		       size_t n, size_t h, struct cands *c)
{
	const char *t = s->text;
	const char *foreign;
	size_t k = skip_country(s, w, n, h + 1, &foreign), a = w[h].start, b, qa, qb, qe, m;
	struct strbuf title = STRBUF_INIT, canon = STRBUF_INIT;
	int commas, approval = 0;

	if (h > 0 && w[h].clean_gap && (names_is(t, w[h - 1].start, w[h - 1].end, "draft") ||
					names_is(t, w[h - 1].start, w[h - 1].end, "Constitutional")))
		a = w[h - 1].start;
	b = k > h + 1 ? w[k - 1].end : w[h].end;
	{
		size_t j = names_skip_space(t, s->len, b);
		if ((qe = quoted_at(t, s->len, j, &qa, &qb)) && (w[h].upper || a < w[h].start)) {
			size_t x = names_skip_space(t, s->len, qa);
			if (starts_word(t, s->len, x, "on"))
				x = names_skip_space(t, s->len, x + 2);
			names_title(&title, t + x, qb - x);
			if (!title.len)
				goto out;
			law_on(&canon, foreign, title.buf);
			canonical_of(ll, canon.buf, &canon);
			cand_add(c, a, qe, canon.buf, 0);
			goto out;
		}
		if ((m = names_number_marker(t, s->len, j))) {
			size_t ne = names_number_end(t, s->len, j + m);
			scan_mark(s, j + m, ne, MASK_NUMBER);
			strbuf_reset(&canon);
			strbuf_adds(&canon, names_is(t, w[h].start, w[h].end, "act") ? "Act No. " : "Law No. ");
			strbuf_add(&canon, t + j + m, ne - j - m);
			cand_add(c, a, ne, canon.buf, 1);
			goto out;
		}
	}
	/* "draft law regarding X", "law relating to X": other words for "on" */
	if (k + 2 < n && w[k].clean_gap && names_is(t, w[k].start, w[k].end, "relating") &&
	    names_is(t, w[k + 1].start, w[k + 1].end, "to"))
		k++;
	if (k < n && w[k].clean_gap && names_in(t, w[k].start, w[k].end, "on|regarding|concerning|to") &&
	    !(names_is(t, w[k].start, w[k].end, "to") && !names_is(t, w[k - 1].start, w[k - 1].end, "relating")) &&
	    k + 1 < n && w[k + 1].clean_gap) {
		size_t e = title_words(t, w, n, k + 1, &commas);
		if (e <= k + 1)
			goto out;
		names_title(&title, t + w[k + 1].start, w[e - 1].end - w[k + 1].start);
		approval = names_in(t, w[k + 1].start, w[k + 1].end, "approval|ratification|accession") ||
			   (k + 2 < n && names_in(t, w[k + 2].start, w[k + 2].end, "approval|ratification|accession"));
		law_on(&canon, foreign, title.buf);
		canonical_of(ll, canon.buf, &canon);
		cand_add(c, a, w[e - 1].end, canon.buf, approval);
	}
out:
	strbuf_release(&title);
	strbuf_release(&canon);
}

/* "X Act", "X Code", "X Law", "X Convention": capitalised words before the head. */
static void postfix_shapes(struct scan *s, const struct law_lex *ll, const struct name_word *w,
			   size_t n, size_t h, struct cands *c, int need_lexicon)
{
	const char *t = s->text;
	size_t lo = h;
	struct strbuf title = STRBUF_INIT, subject = STRBUF_INIT;
	(void)n;

	while (lo > 0 && h - lo < 8) {
		const struct name_word *p = &w[lo - 1];
		int comma = !w[lo].clean_gap && t[p->end] == ',' && p->end + 2 == w[lo].start;
		if (!w[lo].clean_gap && !comma)
			break;
		if (p->upper && !p->func && !names_in(t, p->start, p->end,
				"the|a|an|this|that|these|its|their|new|in|on|under|by|according|of|and|see"))
			lo--;
		else if (p->func && !p->upper && lo >= 2 && w[lo - 2].upper &&
			 names_in(t, p->start, p->end, "and|of|in|for|on|against"))
			lo--;
		else
			break;
	}
	while (lo < h && w[lo].func)
		lo++;
	if (lo == h)
		goto out;
	names_title(&title, t + w[lo].start, w[h].end - w[lo].start);
	{
		int id = phrase_index_lookup(ll->pi, title.buf, title.len);
		if (id < 0 && h > lo && names_in(t, w[h].start, w[h].end, "act|law")) {
			/* "Culture Act", "Citizenship Law": translations of "Law on X", the
			 * form in which such a law is known everywhere else */
			names_title(&subject, t + w[lo].start, w[h - 1].end - w[lo].start);
			law_on(&title, NULL, subject.buf);
			id = phrase_index_lookup(ll->pi, title.buf, title.len);
		}
		if (id < 0)
			id = title_set_near(ll->near, title.buf, TITLE_NEAR_ANY);
		if (id >= 0)
			cand_add(c, w[lo].start, w[h].end, ll->rows[id].canonical, 0);
		else if (!need_lexicon)
			cand_add(c, w[lo].start, w[h].end, title.buf, 0);
	}
out:
	strbuf_release(&title);
	strbuf_release(&subject);
}

/* "Code of X", "Convention on X", "Protocol to X": the head with a capitalised complement. */
static void prefix_shapes(struct scan *s, const struct law_lex *ll, const struct name_word *w,
			  size_t n, size_t h, struct cands *c)
{
	const char *t = s->text;
	size_t k = h + 1, e, a = w[h].start;
	struct strbuf title = STRBUF_INIT, canon = STRBUF_INIT;
	int commas;

	if (k >= n || !w[k].clean_gap ||
	    !names_in(t, w[k].start, w[k].end, "of|on|for|against|relating|concerning|to|governing"))
		goto out;
	if (names_is(t, w[k].start, w[k].end, "relating") && k + 1 < n &&
	    names_is(t, w[k + 1].start, w[k + 1].end, "to"))
		k++;
	if (k + 1 >= n || !w[k + 1].clean_gap)
		goto out;
	e = title_words(t, w, n, k + 1, &commas);
	if (e <= k + 1 || !w[e - 1].upper)
		goto out;
	/* "UN Convention", "ILO Convention", "Optional Protocol": qualifiers before */
	while (h > 0 && w[h].clean_gap && w[h - 1].upper && !w[h - 1].func && h - 1 + 3 > h &&
	       names_in(t, w[h - 1].start, w[h - 1].end,
			"un|united|nations|international|european|optional|additional|ilo|oau|framework"))
		h--, a = w[h].start;
	names_title(&title, t + a, w[e - 1].end - a);
	canonical_of(ll, title.buf, &canon);
	if (!canon.len)
		canonical_of(ll, title.buf, &canon);
	cand_add(c, a, w[e - 1].end, canon.len ? canon.buf : title.buf, 0);
out:
	strbuf_release(&title);
	strbuf_release(&canon);
}

static void mark_name(void *ctx, size_t a, size_t b)
{
	scan_mark(ctx, a, b, MASK_NAME);
}

/* Past " of the Republic of Azerbaijan" (the home country of lexicon/countries.tsv,
 * whose own laws such lists cite) and a stray full stop before "(", where a list of
 * laws puts the date and number: "… of citizens of the Republic of Azerbaijan (14 June
 * 1994 N 817)", "… stateless persons. (March 13, 1996 N 41-IQ)". */
static size_t after_qualifier(const struct scan *s, size_t b)
{
	static const char *const words[] = { "of", "the", "Republic", "of" };
	const char *t = s->text;
	size_t len = s->len, i = b, k;

	for (k = 0; k < 5; k++) {
		size_t j = names_skip_space(t, len, i), e;
		struct name_country nc;
		e = k < 4 ? names_word_end(t, len, j) : names_country_end(s->lex, t, len, j, &nc);
		if (j == i || (k < 4 ? !names_is(t, j, e, words[k]) : e == j || !nc.home)) {
			if (k == 1)
				continue;  /* "of Republic of Azerbaijan" */
			break;
		}
		i = e;
	}
	if (k < 5)
		i = b;
	if (i < len && t[i] == '.' && i + 2 < len && t[i + 1] == ' ' && t[i + 2] == '(')
		i++;
	return i;
}

/* First bytes of the head words of scan_laws (Law, Act, Code, Convention, Covenant,
 * Protocol, Charter). */
static const unsigned char head_first[256] = {
	['L'] = 1, ['l'] = 1, ['A'] = 1, ['a'] = 1, ['C'] = 1, ['c'] = 1, ['P'] = 1, ['p'] = 1,
};

enum head_kind { HEAD_NONE, HEAD_LAW, HEAD_ACT, HEAD_CODE, HEAD_CONVENTION, HEAD_COVENANT,
		 HEAD_PROTOCOL, HEAD_CHARTER };

/* Which head word t[a..e) is (ASCII case ignored): one comparison, chosen by length. */
static enum head_kind head_kind(const char *t, size_t a, size_t e)
{
	switch (e - a) {
	case 3:
		return names_is(t, a, e, "law") ? HEAD_LAW : names_is(t, a, e, "act") ? HEAD_ACT : HEAD_NONE;
	case 4:
		return names_is(t, a, e, "code") ? HEAD_CODE : HEAD_NONE;
	case 7:
		return names_is(t, a, e, "charter") ? HEAD_CHARTER : HEAD_NONE;
	case 8:
		return names_is(t, a, e, "covenant") ? HEAD_COVENANT :
		       names_is(t, a, e, "protocol") ? HEAD_PROTOCOL : HEAD_NONE;
	case 10:
		return names_is(t, a, e, "convention") ? HEAD_CONVENTION : HEAD_NONE;
	default:
		return HEAD_NONE;
	}
}

static int scan_laws(struct scan *s, struct diag *d)
{
	const struct law_lex *ll = law_lex_get(s->lex);
	const char *t = s->text;
	const struct phrase_key *k;
	struct phrase_hit *hits = NULL;
	const struct name_word *w = NULL;
	struct cands c = { NULL, 0, 0 };
	struct strbuf art = STRBUF_INIT;
	size_t nh = 0, n, i, done = 0;
	enum head_kind hk;

	(void)d;
	n = names_words_of_block(t, s->len, &w);
	mark_parts(s, w, n);
	k = phrase_key_of_block(t, s->len);
	phrase_index_scan(ll->pi, k, t, &hits, &nh);
	for (i = 0; i < nh; i++)
		if (!memchr(t + hits[i].start, '\t', hits[i].end - hits[i].start) &&
		    !memchr(t + hits[i].start, '\n', hits[i].end - hits[i].start))
			cand_add(&c, hits[i].start, hits[i].end, ll->rows[hits[i].id].canonical, 0);
	for (i = 0; i < n; i++) {
		size_t a = w[i].start, e = w[i].end;
		/* the head words below start with l, a, c or p and have 3, 4, 7, 8 or 10 bytes */
		if (!head_first[(unsigned char)t[a]] ||
		    !((1u << (e - a > 31 ? 31 : e - a)) & (1u << 3 | 1u << 4 | 1u << 7 | 1u << 8 | 1u << 10)))
			continue;
		hk = head_kind(t, a, e);
		if (hk == HEAD_LAW || (w[i].upper && hk == HEAD_ACT))
			law_shapes(s, ll, w, n, i, &c);
		if (hk == HEAD_LAW && w[i].upper)
			postfix_shapes(s, ll, w, n, i, &c, 1);
		else if (w[i].upper && (hk == HEAD_ACT || hk == HEAD_CODE || hk == HEAD_CONVENTION ||
					hk == HEAD_COVENANT))
			postfix_shapes(s, ll, w, n, i, &c, 0);
		if (w[i].upper && (hk == HEAD_CODE || hk == HEAD_CONVENTION || hk == HEAD_PROTOCOL ||
				   hk == HEAD_COVENANT || hk == HEAD_CHARTER))
			prefix_shapes(s, ll, w, n, i, &c);
	}
	if (c.n)
		qsort(c.v, c.n, sizeof(*c.v), cand_cmp);
	{
		int outer_keeps = 0;
		for (i = 0; i < c.n; i++) {
			struct cand *cd = &c.v[i];
			struct citation_tail tail;
			struct fact *f;
			/* a candidate overlapping an emitted one is dropped, unless the outer is
			 * an approval law naming the instrument it approves */
			if (cd->a < done && !outer_keeps)
				continue;
			if (cd->b <= cd->a)
				continue;
			/* a bare "Code"/"Convention" word alone is no citation */
			if (!strchr(cd->canonical, ' ') && cd->b - cd->a < 5 && !names_all_caps(t, cd->a, cd->b))
				continue;
			laws_citation_tail(s, after_qualifier(s, cd->b), &tail);
			f = scan_emit(s, FACT_LAW, cd->a, cd->b);
			fact_set(f, "canonical", cd->canonical);
			/* "Law on the approval of the X Convention": named after what it approves */
			if (cd->keep_inner && strncmp(cd->canonical, "Law No.", 7) && i + 1 < c.n &&
			    c.v[i + 1].a >= cd->b && c.v[i + 1].a - cd->b <= 12) {
				struct strbuf sb = STRBUF_INIT;
				strbuf_addf(&sb, "%s of %s", cd->canonical, c.v[i + 1].canonical);
				fact_set(f, "canonical", sb.buf);
				strbuf_release(&sb);
			}
			if (tail.num_end > tail.num_start) {
				char *num = xstrndup(t + tail.num_start, tail.num_end - tail.num_start);
				fact_set(f, "number", num);
				free(num);
			} else if (!strncmp(cd->canonical, "Law No. ", 8) || !strncmp(cd->canonical, "Act No. ", 8)) {
				fact_set(f, "number", cd->canonical + 8);
			}
			if (tail.date.from[0]) {
				fact_set(f, "date_from", tail.date.from);
				fact_set(f, "date_to", tail.date.to);
			}
			article_before(t, cd->a, &art);
			if (art.len)
				fact_set(f, "article", art.buf);
			names_mark_skipping_years(t, cd->a, cd->b, mark_name, s);
			if (cd->b > done) {
				if (cd->a >= done)
					outer_keeps = cd->keep_inner;
				done = cd->b;
			}
		}
	}
	for (i = 0; i < c.n; i++)
		free(c.v[i].canonical);
	free(c.v);
	free(hits);
	strbuf_release(&art);
	return 0;
}

const struct recogniser laws_recogniser = { "laws", scan_laws };
