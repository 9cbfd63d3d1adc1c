/* acronyms.c: the whole-document pass for acronyms the document defines itself.
 * Exports acronyms_pass.
 *
 * Definitions: "International Organization for Migration (IOM)" — an org or law fact,
 * or capitalised words whose initials spell the acronym, right before "(ACR)"; and
 * list entries "IOM International Organization for Migration" / "IOM<TAB>…" where a
 * block or table line starts with the acronym and an org fact follows it. Every later
 * use of the acronym, written exactly so and on word boundaries, that no fact covers
 * yet becomes a fact of the defined kind with the defined canonical name. Definitions
 * also give their fact an acronym field. Runs after every block was scanned.
 */
#include "extract.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "names.h"
#include "orgs.h"
#include "unicode.h"
#include "banned.h"

struct acro_def {
	char *acr;
	size_t len;     /* strlen(acr) */
	char *canonical;
	enum fact_kind kind;
	size_t block;   /* index in doc->blocks of the definition */
	size_t at;      /* byte after the definition */
};

struct acro_defs {
	struct acro_def *v;
	size_t n, cap;
};

/* The bytes of an acronym: 2 for a capital, 1 for a small letter, digit, "&" or "-",
 * 0 for the rest (a table: the use scan tries every capital at a word start). */
static const unsigned char acronym_tab[256] = {
	['A'] = 2, ['B'] = 2, ['C'] = 2, ['D'] = 2, ['E'] = 2, ['F'] = 2, ['G'] = 2, ['H'] = 2,
	['I'] = 2, ['J'] = 2, ['K'] = 2, ['L'] = 2, ['M'] = 2, ['N'] = 2, ['O'] = 2, ['P'] = 2,
	['Q'] = 2, ['R'] = 2, ['S'] = 2, ['T'] = 2, ['U'] = 2, ['V'] = 2, ['W'] = 2, ['X'] = 2,
	['Y'] = 2, ['Z'] = 2,
	['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1,
	['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1,
	['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
	['y'] = 1, ['z'] = 1,
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1,
	['8'] = 1, ['9'] = 1, ['&'] = 1, ['-'] = 1,
};

/* An acronym at t[i..): upper-case letter first, 2..12 letters/digits/&/-, at least two
 * capitals. Returns its end, or i. */
static size_t acronym_end(const char *t, size_t len, size_t i)
{
	size_t j = i;
	int caps = 0;
	unsigned k;

	if (i >= len || t[i] < 'A' || t[i] > 'Z')
		return i;
	while (j < len && j - i < 12 && (k = acronym_tab[(unsigned char)t[j]])) {
		caps += k == 2;
		j++;
	}
	if (caps < 2 || j - i < 2 || (j < len && names_word_char(t, len, j)))
		return i;
	return j;
}

static void def_add(struct acro_defs *defs, const char *acr, size_t n, const char *canonical,
		    enum fact_kind kind, size_t block, size_t at)
{
	size_t i;

	for (i = 0; i < defs->n; i++)
		if (defs->v[i].len == n && !memcmp(defs->v[i].acr, acr, n))
			return;  /* the first definition holds */
	XGROW(defs->v, defs->cap, defs->n + 1);
	defs->v[defs->n].acr = xstrndup(acr, n);
	defs->v[defs->n].len = strlen(defs->v[defs->n].acr);
	defs->v[defs->n].canonical = xstrdup(canonical);
	defs->v[defs->n].kind = kind;
	defs->v[defs->n].block = block;
	defs->v[defs->n].at = at;
	defs->n++;
}

/* 1 when the initials of the capitalised words of t[a..b) spell acr (function words
 * may be skipped or counted: "Organization for Security and Co-operation in Europe"). */
static int initials_match(const char *t, size_t a, size_t b, const char *acr, size_t n)
{
	struct name_word *w = NULL;
	size_t nw = names_words(t + a, b - a, &w), i, k = 0;
	int ok;

	for (i = 0; i < nw && k < n; i++) {
		char c = t[a + w[i].start];
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 32);
		if (c == acr[k])
			k++;
		else if (!w[i].func)
			break;
	}
	ok = k == n && i == nw;
	free(w);
	return ok;
}

/* The facts of each block, so that a look-up reads one block's facts and not the whole
 * document's (a document holds tens of thousands). ix holds the indices of the first
 * n facts sorted by (block, index): a block's facts are one run, in list order. Facts
 * added later are read from tail_from on (see fact_walk). When block ids are not
 * unique the index is not used (ok == 0) and every look-up reads the whole list. */
struct fact_ix {
	size_t *ix;
	size_t n;
	int ok;
	const struct fact_list *facts;  /* for the sort */
};

static const struct fact_list *ix_sort_facts;

static int ix_cmp(const void *x, const void *y)
{
	size_t a = *(const size_t *)x, b = *(const size_t *)y;
	size_t ba = ix_sort_facts->v[a].block, bb = ix_sort_facts->v[b].block;

	if (ba != bb)
		return ba < bb ? -1 : 1;
	return a < b ? -1 : a > b;
}

static int size_cmp(const void *x, const void *y)
{
	size_t a = *(const size_t *)x, b = *(const size_t *)y;
	return a < b ? -1 : a > b;
}

/* Merges the sorted runs ix[0..k) and ix[k..n) (ix_cmp order). */
static void ix_merge(size_t *ix, size_t k, size_t n)
{
	size_t *a = xmalloc(k * sizeof(*a)), i = 0, j = k, o = 0;

	memcpy(a, ix, k * sizeof(*a));
	while (i < k && j < n)
		ix[o++] = ix_cmp(&a[i], &ix[j]) <= 0 ? a[i++] : ix[j++];
	while (i < k)
		ix[o++] = a[i++];
	free(a);
}

static void fact_ix_build(struct fact_ix *x, const struct document *doc, const struct fact_list *facts)
{
	size_t i, *ids = xmalloc((doc->nblocks ? doc->nblocks : 1) * sizeof(*ids));
	int sorted;

	free(x->ix);
	x->ix = NULL;
	x->n = 0;
	x->facts = facts;
	sorted = 1;
	for (i = 0; i < doc->nblocks; i++) {
		ids[i] = doc->blocks[i].id;
		if (i && ids[i] < ids[i - 1])
			sorted = 0;
	}
	/* blocks come in id order as a rule: sort only when they do not */
	if (doc->nblocks && !sorted)
		qsort(ids, doc->nblocks, sizeof(*ids), size_cmp);
	x->ok = 1;
	for (i = 1; i < doc->nblocks; i++)
		if (ids[i] == ids[i - 1])
			x->ok = 0;
	free(ids);
	if (!x->ok || !facts->n)
		return;
	x->n = facts->n;
	x->ix = xmalloc(x->n * sizeof(*x->ix));
	for (i = 0; i < x->n; i++)
		x->ix[i] = i;
	/* facts come in block order, but for those a pass appended: sort only from the
	 * first fact out of order on, and merge */
	for (i = 1; i < x->n && facts->v[i].block >= facts->v[i - 1].block; i++)
		;
	ix_sort_facts = facts;
	if (i < x->n) {
		qsort(x->ix + i, x->n - i, sizeof(*x->ix), ix_cmp);
		ix_merge(x->ix, i, x->n);
	}
}

/* Walks the facts that may belong to block: its run of the index, then the facts
 * from *tail on. Call with *pos = 0; returns the next fact index or (size_t)-1. The
 * order is the list order of the facts of the block. */
struct fact_walk {
	size_t lo, hi, tail, pos;
	int in_tail;
};

static void fact_walk_start(struct fact_walk *wk, const struct fact_ix *x, size_t block, size_t tail_from)
{
	size_t lo = 0, hi = x->n;

	memset(wk, 0, sizeof(*wk));
	if (!x->ok) {
		wk->tail = 0;  /* every fact */
		wk->in_tail = 1;
		return;
	}
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (x->facts->v[x->ix[mid]].block < block)
			lo = mid + 1;
		else
			hi = mid;
	}
	wk->lo = wk->pos = lo;
	hi = x->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (x->facts->v[x->ix[mid]].block <= block)
			lo = mid + 1;
		else
			hi = mid;
	}
	wk->hi = lo;
	wk->tail = tail_from > x->n ? tail_from : x->n;
}

static size_t fact_walk_next(struct fact_walk *wk, const struct fact_ix *x, const struct fact_list *facts)
{
	if (!wk->in_tail) {
		if (wk->pos < wk->hi)
			return x->ix[wk->pos++];
		wk->in_tail = 1;
	}
	if (wk->tail < facts->n)
		return wk->tail++;
	return (size_t)-1;
}

/* Facts of kind org/law in block index bi ending exactly at byte end (after spaces). */
static const struct fact *fact_ending(const struct fact_list *facts, const struct block *b,
				      size_t end, const struct fact_ix *x, size_t tail_from)
{
	size_t i;
	struct fact_walk wk;

	fact_walk_start(&wk, x, b->id, tail_from);
	while ((i = fact_walk_next(&wk, x, facts)) != (size_t)-1) {
		const struct fact *f = &facts->v[i];
		size_t fe;
		if (f->block != b->id || (f->kind != FACT_ORG && f->kind != FACT_LAW))
			continue;
		fe = extract_byte_offset(b, f->end);
		while (fe < end && b->text[fe] == ' ')
			fe++;
		if (fe == end)
			return f;
	}
	return NULL;
}

static const struct fact *fact_starting(const struct fact_list *facts, const struct block *b,
					size_t start, const struct fact_ix *x, size_t tail_from)
{
	size_t i;
	struct fact_walk wk;

	fact_walk_start(&wk, x, b->id, tail_from);
	while ((i = fact_walk_next(&wk, x, facts)) != (size_t)-1) {
		const struct fact *f = &facts->v[i];
		if (f->block == b->id && f->kind == FACT_ORG && extract_byte_offset(b, f->start) == start)
			return f;
	}
	return NULL;
}

/* "State Committee for Refugees and IDPs (IDPs)" defines nothing: an acronym starts
 * with the initial of the name it abbreviates. */
static int initial_fits(const struct block *b, const struct fact *f, char first)
{
	size_t s0 = extract_byte_offset(b, f->start);
	char c = b->text[s0];

	if (c >= 'a' && c <= 'z')
		c = (char)(c - 32);
	return c == first;
}

/* Capitalised words spelling an acronym are an organisation only with a head noun
 * ("Integrated Border Management (IBM)" is a policy, not a body). */
static int has_head(const char *t, size_t a, size_t b)
{
	static const char heads[] =
		"ministry|committee|commission|council|service|agency|department|directorate|"
		"inspectorate|centre|center|office|bureau|union|foundation|association|institute|"
		"fund|bank|court|organization|organisation|network|coalition|alliance|"
		"confederation|chamber|academy|university|secretariat|administration|authority|"
		"society|group|board";
	struct name_word *w = NULL;
	size_t n = names_words(t + a, b - a, &w), i;
	int found = 0;

	for (i = 0; i < n && !found; i++)
		found = names_in(t + a, w[i].start, w[i].end, heads);
	free(w);
	return found;
}

static void find_definitions(const struct document *doc, const struct lexicon *lex,
			     struct fact_list *facts, struct acro_defs *defs, const struct fact_ix *x)
{
	size_t bi, i;
	struct strbuf title = STRBUF_INIT;

	for (bi = 0; bi < doc->nblocks; bi++) {
		const struct block *b = &doc->blocks[bi];
		const char *t = b->text;
		size_t len = b->len;
		/* facts added from here on are this block's (block ids are unique when the
		 * index is used) */
		size_t tail_from = facts->n, paren = 0;  /* the first "(" after i when > i */
		for (i = 0; i < len; i++) {
			size_t e, line;
			const struct fact *f;
			if (t[i] != '(' && i > 0 && t[i - 1] != '\n') {
				/* neither a line start nor "(": go to the byte before the next one (the
				 * next "(" is kept: lines between two parentheses do not search it again) */
				const char *nl;
				if (paren <= i) {
					const char *p = memchr(t + i + 1, '(', len - i - 1);
					paren = p ? (size_t)(p - t) : len;
				}
				nl = memchr(t + i, '\n', paren - i);
				i = (nl ? (size_t)(nl - t) + 1 : paren) - 1;
				continue;
			}
			/* list entry: the acronym opens the block or a table line */
			if (i == 0 || t[i - 1] == '\n') {
				e = acronym_end(t, len, i);
				line = e;
				if (e > i && e < len && (t[e] == ' ' || t[e] == '\t' || t[e] == '-' || t[e] == ':')) {
					size_t j = e;
					while (j < len && (t[j] == ' ' || t[j] == '\t' || t[j] == '-' || t[j] == ':'))
						j++;
					if ((f = fact_starting(facts, b, j, x, tail_from)) && fact_get(f, "canonical"))
						def_add(defs, t + i, e - i, fact_get(f, "canonical"), FACT_ORG, bi, line);
				}
			}
			if (t[i] != '(')
				continue;
			e = acronym_end(t, len, i + 1);
			if (e == i + 1 || e >= len || t[e] != ')')
				continue;
			{
				size_t end = i;
				while (end > 0 && t[end - 1] == ' ')
					end--;
				if ((f = fact_ending(facts, b, end, x, tail_from)) && fact_get(f, "canonical") &&
				    initial_fits(b, f, t[i + 1])) {
					struct fact *mf = (struct fact *)f;
					def_add(defs, t + i + 1, e - i - 1, fact_get(f, "canonical"), f->kind, bi, e + 1);
					if (f->kind == FACT_ORG && !fact_get(f, "acronym")) {
						char *acr = xstrndup(t + i + 1, e - i - 1);
						fact_set(mf, "acronym", acr);
						free(acr);
					}
					continue;
				}
				/* capitalised words whose initials spell the acronym */
				{
					size_t n = e - i - 1, a = end, words = 0;
					while (a > 0 && words < 3 * n) {
						size_t ws = names_word_before(t, a);
						if (ws == a)
							break;
						words++;
						if (initials_match(t, ws, end, t + i + 1, n) && names_is_upper(t, len, ws) &&
						    has_head(t, ws, end)) {
							struct org_info info;
							struct fact *nf;
							char *quote = xstrndup(t + ws, end - ws);
							size_t cs = utf8_chars(t, ws);
							names_title(&title, t + ws, end - ws);
							if (!orgs_lookup(lex, title.buf, title.len, &info)) {
								info.canonical = title.buf;
								info.type = NULL;
							}
							def_add(defs, t + i + 1, n, info.canonical, FACT_ORG, bi, e + 1);
							nf = fact_list_add(facts, FACT_ORG, b->id, cs, cs + utf8_chars(t + ws, end - ws), quote);
							fact_set(nf, "canonical", info.canonical);
							{
								char *acr = xstrndup(t + i + 1, n);
								fact_set(nf, "acronym", acr);
								free(acr);
							}
							free(quote);
							break;
						}
						a = ws;
					}
				}
			}
		}
	}
	strbuf_release(&title);
}

/* 1 when a fact of kind in block b overlaps code points [cs, ce). */
static int covered(const struct fact_list *facts, size_t block, enum fact_kind kind, size_t cs, size_t ce,
		   const struct fact_ix *x, size_t tail_from)
{
	size_t i;
	struct fact_walk wk;

	fact_walk_start(&wk, x, block, tail_from);
	while ((i = fact_walk_next(&wk, x, facts)) != (size_t)-1) {
		const struct fact *f = &facts->v[i];
		if (f->block == block && f->kind == kind && f->start < ce && cs < f->end)
			return 1;
	}
	return 0;
}

/* 0 when none of the 8 bytes at p is an ASCII capital (a byte of 0x80 or more may
 * give a false 1). For each byte's low 7 bits y, 127 + '[' - y has its top bit set
 * when y < '[' and y + 127 - '@' when y > '@'; neither carries into the next byte. */
static int may_hold_capital(const char *p)
{
	const uint64_t ones = 0x0101010101010101ULL, top = ones * 0x80;
	uint64_t x, y;

	memcpy(&x, p, 8);
	y = x & ~top;
	return ((ones * (127 + '[') - y) & (y + ones * (127 - '@')) & top) != 0;
}

static void add_uses(const struct document *doc, struct fact_list *facts, const struct acro_defs *defs,
		     const struct fact_ix *x)
{
	size_t bi, i, k;

	for (bi = 0; bi < doc->nblocks; bi++) {
		const struct block *b = &doc->blocks[bi];
		const char *t = b->text;
		const size_t len = b->len;
		size_t tail_from = facts->n;
		for (i = 0; i < len; i++) {
			size_t e;
			unsigned char p;
			/* to the next capital: eight bytes at a time, then byte by byte */
			while (i + 8 <= len && !may_hold_capital(t + i))
				i += 8;
			while (i < len && (unsigned)((unsigned char)t[i] - 'A') > 25u)
				i++;
			if (i == len)
				break;
			p = i > 0 ? (unsigned char)t[i - 1] : ' ';
			if (p < 0x80 ? acronym_tab[p] && p != '&' && p != '-' : names_word_char(t, len, i - 1))
				continue;
			e = acronym_end(t, len, i);
			if (e == i)
				continue;
			for (k = 0; k < defs->n; k++) {
				const struct acro_def *df = &defs->v[k];
				size_t cs, ce;
				struct fact *f;
				char *quote;
				if (df->len != e - i || df->acr[0] != t[i] || memcmp(df->acr, t + i, e - i))
					continue;
				if (bi < df->block || (bi == df->block && i < df->at))
					break;
				cs = utf8_chars(t, i);
				ce = cs + (e - i);
				if (covered(facts, b->id, df->kind, cs, ce, x, tail_from))
					break;
				quote = xstrndup(t + i, e - i);
				f = fact_list_add(facts, df->kind, b->id, cs, ce, quote);
				fact_set(f, "canonical", df->canonical);
				if (df->kind == FACT_ORG)
					fact_set(f, "acronym", quote);
				free(quote);
				break;
			}
			i = e - 1;
		}
	}
}

static int run_acronyms(const struct document *doc, const struct lexicon *lex,
			struct fact_list *facts, struct diag *d)
{
	struct acro_defs defs = { NULL, 0, 0 };
	size_t i;

	struct fact_ix x = { NULL, 0, 0, NULL };

	(void)d;
	fact_ix_build(&x, doc, facts);
	find_definitions(doc, lex, facts, &defs, &x);
	if (defs.n) {
		fact_ix_build(&x, doc, facts);  /* with the facts the definitions added */
		add_uses(doc, facts, &defs, &x);
	}
	free(x.ix);
	for (i = 0; i < defs.n; i++) {
		free(defs.v[i].acr);
		free(defs.v[i].canonical);
	}
	free(defs.v);
	return 0;
}

const struct pass acronyms_pass = { "acronyms", run_acronyms };
