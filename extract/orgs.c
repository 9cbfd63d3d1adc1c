/* orgs.c: recognises organisations. Exports orgs_recogniser and orgs_lookup.
 *
 * Two sources, lexicon first: (1) names, aliases and acronyms of
 * lexicon/organisations.tsv (phrase_index: folded, longest match; acronyms as
 * written); (2) the shape of an institution's name where the lexicon knows none: a
 * head noun ("Ministry", "Committee", "Service", "Agency", "Department", "Centre" ...)
 * with capitalised words before it or an "of/for/on X" complement after it, or a
 * quoted name before "Public Union". A name that one or two more capitalised words and
 * a head continue is the longer name ("Open Society Institute Assistance Foundation":
 * a body of its own, not the lexicon's Open Society Institute), unless the words open
 * the next name of a list run together. Capitals alone never make an organisation. A
 * derived name is looked up in the lexicon again, so "Ministry of Interior of the
 * Republic" still becomes "Ministry of Internal Affairs". Names are marked MASK_NAME
 * (years inside them stay visible for dates).
 */
#include "extract.h"
#include "orgs.h"

#include <stdlib.h>
#include <string.h>

#include "lexicon.h"
#include "names.h"
#include "phrase_index.h"
#include "title_match.h"
#include "unicode.h"
#include "banned.h"

struct org_row {
	char *canonical, *acronym, *type;
};

struct org_lex {
	struct phrase_index *pi;
	struct title_set *near;  /* for names found by shape the index does not know */
	struct org_row *rows;
	size_t n;
};

static void org_lex_free(void *p)
{
	struct org_lex *ol = p;
	size_t i;

	if (!ol)
		return;
	for (i = 0; i < ol->n; i++) {
		free(ol->rows[i].canonical);
		free(ol->rows[i].acronym);
		free(ol->rows[i].type);
	}
	free(ol->rows);
	phrase_index_free(ol->pi);
	title_set_free(ol->near);
	free(ol);
}

static char *first_alt(const char *cell)
{
	const char *bar = strchr(cell, '|');
	return bar ? xstrndup(cell, (size_t)(bar - cell)) : xstrdup(cell);
}

static struct org_lex *org_lex_build(const struct lexicon *lex)
{
	const struct lexicon_table *t = lexicon_table(lex, "organisations");
	struct org_lex *ol = xcalloc(1, sizeof(*ol));
	int ccan = lexicon_column(t, "canonical"), ctype = lexicon_column(t, "type");
	int cacr = lexicon_column(t, "acronyms"), cali = lexicon_column(t, "aliases");
	size_t r;

	ol->pi = phrase_index_new();
	ol->near = title_set_new();
	if (!t || ccan < 0)
		return ol;
	ol->rows = xcalloc(t->nrows ? t->nrows : 1, sizeof(*ol->rows));
	for (r = 0; r < t->nrows; r++) {
		const char *can = lexicon_cell(t, r, ccan);
		struct org_row *row = &ol->rows[ol->n];
		if (!*can)
			continue;
		row->canonical = xstrdup(can);
		row->acronym = first_alt(lexicon_cell(t, r, cacr));
		row->type = xstrdup(lexicon_cell(t, r, ctype));
		phrase_index_add(ol->pi, can, strlen(can), (int)ol->n, 0);
		phrase_index_add_alts(ol->pi, lexicon_cell(t, r, cali), (int)ol->n, 0);
		phrase_index_add_alts(ol->pi, lexicon_cell(t, r, cacr), (int)ol->n, PHRASE_EXACT);
		title_set_add(ol->near, can, (int)ol->n);
		title_set_add_alts(ol->near, lexicon_cell(t, r, cali), (int)ol->n);
		ol->n++;
	}
	return ol;
}

static const struct org_lex *org_lex_get(const struct lexicon *lex)
{
	static struct org_lex *nolex;  /* for runs without a lexicon folder */
	struct org_lex *ol = lexicon_compiled(lex, LEX_SLOT_ORGS);

	if (ol)
		return ol;
	if (!lex) {
		if (!nolex)
			nolex = org_lex_build(NULL);
		return nolex;
	}
	ol = org_lex_build(lex);
	lexicon_set_compiled(lex, LEX_SLOT_ORGS, ol, org_lex_free);
	return ol;
}

/* Fill out from lexicon row id; 0 when id is -1 (no row). */
static int row_info(const struct org_lex *ol, int id, struct org_info *out)
{
	if (id < 0)
		return 0;
	out->canonical = ol->rows[id].canonical;
	out->acronym = ol->rows[id].acronym;
	out->type = ol->rows[id].type;
	return 1;
}

int orgs_lookup(const struct lexicon *lex, const char *name, size_t len, struct org_info *out)
{
	const struct org_lex *ol = org_lex_get(lex);
	int id = phrase_index_lookup(ol->pi, name, len);

	return row_info(ol, id, out);
}

/* A name found by shape that the index does not know, but that is a lexicon name with
 * one word more or less ("State Committee on Refugees and Internally Displaced
 * Persons", "Department for Combating Trafficking in Human Beings"). */
static int orgs_near(const struct lexicon *lex, const char *name, struct org_info *out)
{
	const struct org_lex *ol = org_lex_get(lex);
	int id = title_set_near(ol->near, name, TITLE_NEAR_NO_SWAP);

	return row_info(ol, id, out);
}

static void mark_name(void *ctx, size_t a, size_t b)
{
	scan_mark(ctx, a, b, MASK_NAME);
}

/* 1 when [a, b) sits inside a URL or an e-mail address ("www.iom.int"). */
static int in_url(const char *t, size_t len, size_t a, size_t b)
{
	size_t i = a, j = b;

	while (i > 0 && t[i - 1] != ' ' && t[i - 1] != '\t' && t[i - 1] != '\n' && t[i - 1] != '(')
		i--;
	while (j < len && t[j] != ' ' && t[j] != '\t' && t[j] != '\n')
		j++;
	for (; i + 3 < j; i++)
		if (!memcmp(t + i, "://", 3) || !memcmp(t + i, "www.", 4) || t[i] == '@' ||
		    (t[i] == '.' && i + 4 <= j && (!memcmp(t + i, ".org", 4) || !memcmp(t + i, ".int", 4) ||
						   !memcmp(t + i, ".com", 4) || !memcmp(t + i, ".pdf", 4))))
			return 1;
	return 0;
}

/* 1 when [a, b) runs across a table cell or row boundary. */
static int crosses_cell(const char *t, size_t a, size_t b)
{
	for (; a < b; a++)
		if (t[a] == '\t' || t[a] == '\n')
			return 1;
	return 0;
}

/* An acronym that is also an English word ("WHO") inside a run of capitals ("WHO WE
 * ARE") is the word. */
static int in_caps_run(const char *t, size_t len, size_t a, size_t b)
{
	size_t p, q;

	if (!names_in(t, a, b, "who|us|it|am|an|as|at|be|do|go|he|if|in|is|me|my|no|of|on|or|so|to|"
			     "up|we|all|and|any|are|can|for|may|not|one|our|out|the|use|was|way|why|you|aid|arm"))
		return 0;
	p = names_word_before(t, a);
	q = names_skip_space(t, len, b);
	return (p < a && names_all_caps(t, p, names_word_end(t, len, p))) ||
	       (q < len && names_word_char(t, len, q) && names_all_caps(t, q, names_word_end(t, len, q)));
}

static void emit_org(struct scan *s, size_t a, size_t b, const char *canonical, const char *acronym,
		     const char *type)
{
	struct fact *f = scan_emit(s, FACT_ORG, a, b);

	fact_set(f, "canonical", canonical);
	if (acronym && *acronym)
		fact_set(f, "acronym", acronym);
	if (type && *type)
		fact_set(f, "org_type", type);
	names_mark_skipping_years(s->text, a, b, mark_name, s);
}

/* ---- names by shape ---- */

/* Head nouns of institution names, and the type they suggest. */
static const struct head {
	const char *word;
	const char *type;
	int need_of;    /* only with an "of X" complement ("Government of Georgia") */
} heads[] = {
	{ "Ministry", "state body", 0 }, { "Committee", "body", 0 }, { "Commission", "body", 0 },
	{ "Council", "body", 0 }, { "Service", "state body", 0 }, { "Agency", "agency", 0 },
	{ "Department", "state body", 0 }, { "Directorate", "state body", 0 },
	{ "Inspectorate", "state body", 0 }, { "Centre", "organisation", 0 },
	{ "Center", "organisation", 0 }, { "Office", "body", 0 }, { "Bureau", "body", 0 },
	{ "Union", "NGO", 0 }, { "Foundation", "NGO", 0 }, { "Association", "NGO", 0 },
	{ "Institute", "research", 0 }, { "Fund", "organisation", 0 }, { "Bank", "organisation", 0 },
	{ "Court", "court", 0 }, { "Organization", "organisation", 0 },
	{ "Organisation", "organisation", 0 }, { "Network", "NGO", 0 }, { "Coalition", "NGO", 0 },
	{ "Alliance", "NGO", 0 },
	{ "Confederation", "organisation", 0 }, { "Chamber", "body", 0 },
	{ "Academy", "research", 0 }, { "University", "research", 0 },
	{ "Secretariat", "body", 0 }, { "Administration", "state body", 0 },
	{ "Authority", "state body", 0 }, { "Society", "NGO", 0 }, { "Group", "body", 0 },
	{ "Board", "body", 0 },
	{ "Government", "government", 1 }, { "Embassy", "foreign government", 1 },
};

/* Capitalised words that start sentences or qualify without naming. */
static const char not_name_words[] =
	"the|a|an|in|on|at|by|for|from|with|according|this|that|these|those|its|their|his|her|"
	"our|your|my|under|since|during|after|before|both|each|all|some|many|most|other|such|"
	"any|every|no|new|former|current|relevant|competent|respective|said|local|several|"
	"various|which|when|while|where|if|as|also|however|moreover|furthermore|thus|"
	"therefore|although|but|and|or|to|of|is|was|are|were|has|have|mr|mrs|ms|dr|"
	"january|february|march|april|may|june|july|august|september|october|november|december|"
	"see|source|note|table|figure|chapter|section|article|annex|paragraph|part";

/* Name pairs that look like institutions but are not ("Civil Society", "Soviet Union"). */
static const char not_org_left[] = "civil|soviet|public|european|customs|monetary|post|press|"
				   "information|call|shopping|business|trade|data|detention|"
				   "temporary|reception|accommodation|transit|health|medical|"
				   "training|resource|research";

static const struct head *head_of(const char *t, const struct name_word *w)
{
	/* heads by first letter (head words are distinct: at most one matches) */
	static unsigned char first[26][16], nfirst[26], len[sizeof(heads) / sizeof(heads[0])];
	static unsigned lens_of[26];  /* bit n: a head of that initial has n bytes */
	static int ready;
	unsigned char c = (unsigned char)(t[w->start] | 0x20);
	size_t i, n = w->end - w->start;

	if (!ready) {
		for (i = 0; i < sizeof(heads) / sizeof(heads[0]); i++) {
			unsigned f = (unsigned)((heads[i].word[0] | 0x20) - 'a');
			len[i] = (unsigned char)strlen(heads[i].word);
			if (f < 26 && nfirst[f] < sizeof(first[f])) {
				first[f][nfirst[f]++] = (unsigned char)i;
				lens_of[f] |= len[i] < 32 ? 1u << len[i] : 1u << 31;
			}
		}
		ready = 1;
	}
	if (!w->upper || c < 'a' || c > 'z' || !(lens_of[c - 'a'] & (1u << (n < 31 ? n : 31))))
		return NULL;
	/* the length first: most capitalised words share an initial with some head */
	for (i = 0; i < nfirst[c - 'a']; i++)
		if (w->end - w->start == len[first[c - 'a'][i]] &&
		    names_is(t, w->start, w->end, heads[first[c - 'a'][i]].word))
			return &heads[first[c - 'a'][i]];
	return NULL;
}

static int overlaps_hit(const struct phrase_hit *h, size_t nh, size_t a, size_t b)
{
	size_t i;

	for (i = 0; i < nh; i++)
		if (h[i].start < b && a < h[i].end)
			return 1;
	return 0;
}

/* Words that begin a name rather than continue one: in a list run together without
 * commas (an annex of participants laid out in columns) the next name starts with
 * them ("... Ethical Union International Institute for Non-Aligned Studies"). */
static const char name_openers[] = "international|world|worldwide|national|european|united|"
				   "global|regional|african|american|arab|asian|islamic|"
				   "inter-american|inter-parliamentary";

/* Does a longer name go on after word w[h]: one or two capitalised words, the last
 * of them a head ("Open Society Institute Assistance Foundation", "State Labour
 * Inspectorate Service", "Human Rights Council Advisory Committee")? Three words are
 * more often the next name of a list run together ("Al-Hakim Foundation Al-Zubair
 * Charity Foundation"). */
static int name_goes_on(const char *t, const struct name_word *w, size_t n, size_t h)
{
	size_t j;

	if (h + 1 < n && names_in(t, w[h + 1].start, w[h + 1].end, name_openers))
		return 0;
	for (j = h + 1; j < n && j <= h + 2; j++) {
		if (!w[j].clean_gap || !w[j].upper || w[j].func ||
		    names_in(t, w[j].start, w[j].end, not_name_words))
			return 0;
		if (head_of(t, &w[j]))
			return 1;
	}
	return 0;
}

/* A lexicon name of capitalised words only that a longer name continues: the known
 * body is part of another one's name, which the shape scan finds. */
static int hit_goes_on(const char *t, const struct name_word *w, size_t n,
		       const struct phrase_hit *hit)
{
	size_t j, lo = 0, hi = n;

	if (hit->flags & PHRASE_EXACT)
		return 0;  /* an acronym before a name is a label, not part of it */
	while (lo < hi) {  /* the first word at or after the hit (words are in text order) */
		size_t mid = lo + (hi - lo) / 2;
		if (w[mid].start < hit->start)
			lo = mid + 1;
		else
			hi = mid;
	}
	j = lo;
	if (j == n || w[j].start != hit->start)
		return 0;
	for (; j < n && w[j].end <= hit->end; j++) {
		if (!w[j].upper || w[j].func)
			return 0;
		if (w[j].end == hit->end)
			return name_goes_on(t, w, n, j);
		if (j + 1 >= n || !w[j + 1].clean_gap)
			return 0;
	}
	return 0;
}

/* Length of a trailing "of (the) Republic of Azerbaijan" / "of Azerbaijan (Republic)"
 * in words w[from..to): the qualifier of the home country (lexicon/countries.tsv) is
 * not part of the name; another country's is ("National Human Rights Commission of
 * India"). */
static size_t country_tail(const struct scan *s, const struct name_word *w, size_t from, size_t to)
{
	const char *t = s->text;
	size_t k;

	for (k = from; k + 1 < to; k++) {
		size_t j = k + 1, ce;
		struct name_country nc;
		if (!names_is(t, w[k].start, w[k].end, "of"))
			continue;
		if (j < to && names_is(t, w[j].start, w[j].end, "the"))
			j++;
		if (j < to && (names_is(t, w[j].start, w[j].end, "Republic") ||
			       ((ce = names_country_end(s->lex, t, s->len, w[j].start, &nc)) > w[j].start &&
				ce <= w[to - 1].end && nc.home)))
			return to - k;
	}
	return 0;
}

/* The lexicon row for a name found by shape, trying also the name without one or two
 * leading qualifiers ("Azerbaijani Ministry for Foreign Affairs", "Geneva-based …") and
 * the first conjunct of a coordination ("Immigration and State Security Department"
 * names the Immigration Department too). */
static int lookup_shape(const struct lexicon *lex, const char *t, const struct name_word *w,
			size_t lo, size_t h, size_t hi, struct org_info *info)
{
	struct strbuf sb = STRBUF_INIT;
	size_t k;
	int found = 0;

	for (k = lo; k <= lo + 2 && k <= h && !found; k++) {
		names_title(&sb, t + w[k].start, w[hi - 1].end - w[k].start);
		found = orgs_lookup(lex, sb.buf, sb.len, info);
	}
	for (k = lo + 1; k < h && !found; k++)
		if (names_is(t, w[k].start, w[k].end, "and")) {
			strbuf_reset(&sb);
			strbuf_add(&sb, t + w[lo].start, w[k - 1].end - w[lo].start);
			strbuf_addch(&sb, ' ');
			strbuf_add(&sb, t + w[h].start, w[hi - 1].end - w[h].start);
			found = orgs_lookup(lex, sb.buf, sb.len, info);
		}
	strbuf_release(&sb);
	return found;
}

static void scan_shapes(struct scan *s, const struct phrase_hit *hits, size_t nh)
{
	const char *t = s->text;
	const struct name_word *w = NULL;
	size_t n = names_words_of_block(t, s->len, &w), h, done = 0;
	struct strbuf title = STRBUF_INIT;

	for (h = 0; h < n; h++) {
		/* (head_of rejects lower-case words too; most words are, so not called) */
		const struct head *hd = w[h].upper ? head_of(t, &w[h]) : NULL;
		size_t lo = h, hi = h + 1, a, b, q;
		int named = 0;
		struct org_info info;

		if (!hd || w[h].start < done)
			continue;
		/* the head of a longer name: that name's own head takes it */
		if (name_goes_on(t, w, n, h))
			continue;
		/* capitalised words before the head */
		for (;;) {
			/* an acronym before a name in mixed case is a list label ("WGCC Working
			 * Group ..."), not part of the name */
			if (lo > 0 && w[lo].clean_gap && w[lo - 1].upper && !w[lo - 1].func &&
			    !names_in(t, w[lo - 1].start, w[lo - 1].end, not_name_words) &&
			    w[lo - 1].end - w[lo - 1].start > 1 &&
			    !(names_all_caps(t, w[lo - 1].start, w[lo - 1].end) &&
			      !names_all_caps(t, w[h].start, w[h].end))) {
				lo--;
				continue;
			}
			/* "Immigration and State Security Department" */
			if (lo > 1 && lo < h && w[lo].clean_gap && w[lo - 1].clean_gap &&
			    names_is(t, w[lo - 1].start, w[lo - 1].end, "and") && w[lo - 2].upper &&
			    !w[lo - 2].func && !names_in(t, w[lo - 2].start, w[lo - 2].end, not_name_words)) {
				lo -= 2;
				continue;
			}
			break;
		}
		if (lo < h && names_in(t, w[lo].start, w[lo].end, not_org_left) && lo + 1 == h)
			continue;
		named = lo < h;
		/* "of/for/on X" complement: capitalised words, function words between them */
		/* (not "from": "Advisory Committee from the Group of African States" says who
		 * sits on it) */
		if (hi < n && w[hi].clean_gap && w[hi].func && !names_is(t, w[hi].start, w[hi].end, "and") &&
		    !names_is(t, w[hi].start, w[hi].end, "from")) {
			size_t j = hi + 1, last = 0;
			while (j < n && w[j].clean_gap && (w[j].upper || w[j].func) && j - hi < 12 &&
			       !(w[j].upper && names_in(t, w[j].start, w[j].end, not_name_words) &&
				 !w[j].func)) {
				if (w[j].upper && !w[j].func)
					last = j;
				else if (head_of(t, &w[j]) == NULL && names_is(t, w[j].start, w[j].end, "and") &&
					 !(j + 1 < n && w[j + 1].upper))
					break;
				j++;
			}
			if (last)
				hi = last + 1;
		}
		if (hd->need_of && hi == h + 1)
			continue;
		if (!named && hi == h + 1) {
			/* quoted name before "Public Union": “Azerbaijan Migration Center” Public Union */
			continue;
		}
		/* "of Azerbaijan" qualifies a state body ("Ministry of Justice of Azerbaijan")
		 * but is part of an association's name ("Union of Children of Azerbaijan") */
		q = strcmp(hd->type, "NGO") && strcmp(hd->type, "research") && strcmp(hd->type, "organisation")
			    ? country_tail(s, w, h + 1, hi) : 0;
		/* "Baku Office": an office needs a complement or a longer name */
		if (names_is(t, w[h].start, w[h].end, "Office") && hi == h + 1 && h - lo < 2)
			continue;
		if (q && hi - q > h + 1)
			hi -= q;
		else if (q && named)
			hi -= q;
		a = w[lo].start;
		b = w[hi - 1].end;
		/* a known body in the complement leaves the name its own organisation
		 * ("Social Policy Committee of the Milli Majlis"); one over the head does not */
		if (hi - lo < 2 || overlaps_hit(hits, nh, a, w[h].end) || in_url(t, s->len, a, b) ||
		    (overlaps_hit(hits, nh, w[h].end, b) && hi - h < 3))
			continue;
		names_title(&title, t + a, b - a);
		if (lookup_shape(s->lex, t, w, lo, h, hi, &info) || orgs_near(s->lex, title.buf, &info))
			emit_org(s, a, b, info.canonical, info.acronym, info.type);
		else
			emit_org(s, a, b, title.buf, NULL, hd->type);
		done = b;
	}
	strbuf_release(&title);
}

static const char *find(const char *hay, size_t n, const char *needle, size_t m)
{
	const char *p = hay, *end = hay + n;

	/* memchr to each candidate first byte */
	while ((size_t)(end - p) >= m && (p = memchr(p, needle[0], (size_t)(end - p) - m + 1))) {
		if (!memcmp(p, needle, m))
			return p;
		p++;
	}
	return NULL;
}

/* “Name” Public Union / Public Union “Name”: the quoted name is the organisation. */
static void scan_public_unions(struct scan *s, const struct phrase_hit *hits, size_t nh)
{
	const char *t = s->text, *p = t;
	size_t len = s->len;
	struct strbuf title = STRBUF_INIT;

	while ((p = find(p, len - (size_t)(p - t), "Public Union", 12))) {
		size_t at = (size_t)(p - t), i = at, open = 0, close = 0, q;
		p += 12;
		while (i > 0 && t[i - 1] == ' ')
			i--;
		/* closing quote right before: search its opening quote backwards */
		if (i > 0) {
			size_t j = utf8_prev(t, i);
			if ((q = names_quote_at(t, len, j))) {
				close = j;
				for (j = close; j > 0 && close - j < 200;) {
					j = utf8_prev(t, j);
					if (names_quote_at(t, len, j)) {
						open = j + names_quote_at(t, len, j);
						break;
					}
				}
			}
		}
		if (!open || open >= close || overlaps_hit(hits, nh, open, close))
			continue;
		names_title(&title, t + open, close - open);
		{
			struct org_info info;
			if (orgs_lookup(s->lex, title.buf, title.len, &info))
				emit_org(s, open, close, info.canonical, info.acronym, info.type);
			else
				emit_org(s, open, close, title.buf, NULL, "NGO");
		}
	}
	strbuf_release(&title);
}

static void emit_hit(struct scan *s, const struct org_lex *ol, const struct phrase_hit *hit)
{
	const struct org_row *row = &ol->rows[hit->id];
	const char *acr = row->acronym;
	char *own = NULL;

	if (in_url(s->text, s->len, hit->start, hit->end) ||
	    crosses_cell(s->text, hit->start, hit->end))
		return;
	if ((hit->flags & PHRASE_EXACT) && in_caps_run(s->text, s->len, hit->start, hit->end))
		return;
	if (hit->flags & PHRASE_EXACT)
		acr = own = xstrndup(s->text + hit->start, hit->end - hit->start);
	emit_org(s, hit->start, hit->end, row->canonical, acr, row->type);
	free(own);
}

static int scan_orgs(struct scan *s, struct diag *d)
{
	const struct org_lex *ol = org_lex_get(s->lex);
	const struct phrase_key *k;
	const struct name_word *w;
	struct phrase_hit *hits = NULL, *later = NULL;
	unsigned char *masked = NULL;
	size_t nh = 0, i, nw, kept = 0, nlater = 0, nlater_cap = 0;

	(void)d;
	k = phrase_key_of_block(s->text, s->len);
	phrase_index_scan(ol->pi, k, s->text, &hits, &nh);
	/* hits a longer name continues go last, after the shape scan has had the chance
	 * to find that name: kept apart from the hits it must not overlap, and emitted
	 * when no name of the shape scan covers them (a law's name may have, before) */
	nw = names_words_of_block(s->text, s->len, &w);
	for (i = 0; i < nh; i++)
		if (hit_goes_on(s->text, w, nw, &hits[i])) {
			XGROW(later, nlater_cap, nlater + 1);
			later[nlater++] = hits[i];
		} else {
			hits[kept++] = hits[i];
		}
	nh = kept;
	for (i = 0; i < nh; i++)
		emit_hit(s, ol, &hits[i]);
	if (nlater) {
		masked = xcalloc(nlater, 1);
		for (i = 0; i < nlater; i++)
			masked[i] = (unsigned char)scan_masked(s, later[i].start, later[i].end, MASK_NAME);
	}
	scan_public_unions(s, hits, nh);
	scan_shapes(s, hits, nh);
	for (i = 0; i < nlater; i++)
		if (masked[i] || !scan_masked(s, later[i].start, later[i].end, MASK_NAME))
			emit_hit(s, ol, &later[i]);
	free(masked);
	free(hits);
	free(later);
	return 0;
}

const struct recogniser orgs_recogniser = { "orgs", scan_orgs };
