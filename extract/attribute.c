/* attribute.c: the attribute pass. For every figure of a document it decides what is
 * counted (`measure`, a key of lexicon/measures.tsv), when (`period_from`,
 * `period_to`, `period_kind`), where (`scope`) and who says so (`attributed_to`).
 *
 * Everything is read from the figure's own surroundings: the clause (the words of
 * its sentence between the neighbouring figures), the date facts of its sentence, a
 * table's row and column headers and caption, the "Source:" line of a table, and the
 * footnotes its sentence points at. Only two things look at the whole document: the
 * country of the report (the country it names most, the default scope), and notes
 * that restate a dated figure of the text. The document's own date is never taken
 * as a period (it only ends "the current year"). When the text does not say, the
 * field stays empty: a figure without a measure or period is never compared with
 * others, and a wrong one would raise false conflicts.
 *
 * Measures come from lexicon/measures.tsv (format in its header), compiled once into
 * folded term sets (phrase_key_fold: unicode_fold_key plus punctuation as spaces)
 * parked at LEX_SLOT_MEASURES.
 *
 * Period kinds: annual (a calendar year), partial (part of a year: months, quarters,
 * "the first nine months of"), multi-year (a range of years, a decade), cumulative
 * ("by 30 June 2008"), stock (a point in time: "as of February 2008", "on 1 January",
 * and any dated figure of a stock measure such as IDPs or population), average ("per
 * year" over a range: not a total, never compared with one).
 *
 * The pass is idempotent: it recomputes and overwrites its fields on every run.
 */
#include "extract.h"

#include <stdlib.h>
#include <string.h>

#include "lexicon.h"
#include "phrase_index.h"
#include "phrases.h"
#include "sentences.h"
#include "unicode.h"
#include "banned.h"

/* ---- the compiled measures table ---- */

enum term_special { TERM_PLAIN, TERM_IN_HOME, TERM_FROM_HOME };

struct term {
	char *key;    /* folded (phrase_key) form */
	size_t len;
	int prefix;   /* written with a trailing '*' */
	enum term_special special;
	int id;       /* index in measures.all: occurrences name their term by it */
	int place;    /* index of the place whose alias this is, else -1 */
	int owner;    /* index of the measure whose set holds it, else -1 */
	int set;      /* enum term_set of that measure */
};

enum term_set { SET_ANY, SET_ALSO, SET_NONE };

/* Bits of measure.spec: the set holds "@in-home" / "@from-home" (never indexed). */
#define SPEC_IN(set) (1u << (2 * (set)))
#define SPEC_FROM(set) (2u << (2 * (set)))

struct termset {
	struct term *v;
	size_t n, cap;
};

struct measure {
	char *key, *unit, *flow;
	struct termset any, also, none;
	unsigned spec;  /* SPEC_IN / SPEC_FROM bits of its sets */
};

struct place {
	char *name, *type;
	struct termset alias;
};

/* Every plain term, indexed by its first word (hash table, open addressing), so
 * that a block is scanned once, word by word, for all terms at a time. */
struct first_word {
	char *word;       /* NULL: empty slot; for a one-word prefix term, its prefix */
	size_t wlen;
	int *ids;
	size_t n, cap;
};

/* A distinct one-word prefix ("traffick") and the ids of every term written so. */
struct prefix_key {
	char *key;
	size_t len;
	int *ids;   /* ascending */
	size_t n, cap;
};

struct measures {
	struct measure *m;
	size_t nm, mcap;
	struct place *p;
	size_t np, pcap;
	struct term **all;     /* every term with len > 0, by id */
	size_t nall, allcap;
	struct first_word *tab;  /* exact first words; size ntab, a power of two */
	size_t ntab;
	/* place aliases only, by first word (a one-word prefix alias by itself): the
	 * country count of home_detect wants nothing else */
	struct first_word *ptab;
	size_t nptab;
	/* bit word_bit(w) set for every first word in ptab: most words of a text are no
	 * place, and the bit says so without hashing the word */
	uint8_t pbits[65536 / 8];
	/* one-word prefix terms ("traffick*"), distinct keys by first key byte: tried on
	 * every word */
	struct { struct prefix_key *v; size_t n, cap; } prefix[256];
};

/* Occurrences of terms in one folded text, in key order. */
struct occ {
	size_t pos;  /* key byte where the term starts */
	int id;      /* measures.all index */
};

struct occ_index {
	struct occ *v;
	size_t n, cap;
};

static void termset_release(struct termset *ts)
{
	size_t i;

	for (i = 0; i < ts->n; i++)
		free(ts->v[i].key);
	free(ts->v);
}

static void measures_free(void *p)
{
	struct measures *ms = p;
	size_t i;

	if (!ms)
		return;
	for (i = 0; i < ms->nm; i++) {
		free(ms->m[i].key);
		free(ms->m[i].unit);
		free(ms->m[i].flow);
		termset_release(&ms->m[i].any);
		termset_release(&ms->m[i].also);
		termset_release(&ms->m[i].none);
	}
	for (i = 0; i < ms->np; i++) {
		free(ms->p[i].name);
		free(ms->p[i].type);
		termset_release(&ms->p[i].alias);
	}
	for (i = 0; i < ms->ntab; i++) {
		free(ms->tab[i].word);
		free(ms->tab[i].ids);
	}
	free(ms->tab);
	for (i = 0; i < ms->nptab; i++) {
		free(ms->ptab[i].word);
		free(ms->ptab[i].ids);
	}
	free(ms->ptab);
	free(ms->all);
	for (i = 0; i < 256; i++) {
		size_t j;
		for (j = 0; j < ms->prefix[i].n; j++) {
			free(ms->prefix[i].v[j].key);
			free(ms->prefix[i].v[j].ids);
		}
		free(ms->prefix[i].v);
	}
	free(ms->m);
	free(ms->p);
	free(ms);
}

/* Fold every '|' alternative of cell into ts. */
static void termset_add_cell(struct termset *ts, struct phrase_key *k, const char *cell)
{
	const char *s = cell;

	while (*s) {
		const char *bar = strchr(s, '|');
		size_t n = bar ? (size_t)(bar - s) : strlen(s);
		int prefix = 0;
		enum term_special sp = TERM_PLAIN;

		while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
			n--;
		if (n && s[n - 1] == '*') {
			prefix = 1;
			n--;
		}
		if (n == 8 && !memcmp(s, "@in-home", 8))
			sp = TERM_IN_HOME;
		else if (n == 10 && !memcmp(s, "@from-home", 10))
			sp = TERM_FROM_HOME;
		if (sp != TERM_PLAIN || (phrase_key_fold_text(k, s, n) == 0 && k->key.len)) {
			XGROW(ts->v, ts->cap, ts->n + 1);
			ts->v[ts->n].key = sp != TERM_PLAIN ? xstrdup("") : xstrndup(k->key.buf, k->key.len);
			ts->v[ts->n].len = sp != TERM_PLAIN ? 0 : k->key.len;
			ts->v[ts->n].prefix = prefix;
			ts->v[ts->n].special = sp;
			ts->v[ts->n].id = -1;
			ts->v[ts->n].place = -1;
			ts->v[ts->n].owner = -1;
			ts->v[ts->n].set = 0;
			ts->n++;
		}
		if (!bar)
			break;
		s = bar + 1;
	}
}

static size_t word_hash(const char *w, size_t n)
{
	size_t h = 2166136261u, i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)w[i]) * 16777619u;
	return h;
}

/* Filter bit of a word: its length and first and last bytes. */
static unsigned word_bit(const char *w, size_t n)
{
	uint32_t a = (unsigned char)w[0], z = (unsigned char)w[n - 1], l = (uint32_t)(n < 255 ? n : 255);
	uint32_t h = (a * 257u + z) * 257u + l;

	return (unsigned)((h * 2654435761u) >> 16);
}

static int pbit_set(const struct measures *ms, const char *w, size_t n)
{
	unsigned b = word_bit(w, n);

	return ms->pbits[b >> 3] >> (b & 7) & 1;
}

/* The slot of word w in ms->tab: its own, or the empty one where it would go. */
static struct first_word *slot_in(struct first_word *tab, size_t ntab, const char *w, size_t n)
{
	size_t i = word_hash(w, n) & (ntab - 1);

	while (tab[i].word && (tab[i].wlen != n || memcmp(tab[i].word, w, n)))
		i = (i + 1) & (ntab - 1);
	return &tab[i];
}

static struct first_word *tab_slot(const struct measures *ms, const char *w, size_t n)
{
	return slot_in(ms->tab, ms->ntab, w, n);
}

static void slot_add(struct first_word *slot, const char *w, size_t n, int id)
{
	if (!slot->word) {
		slot->word = xstrndup(w, n);
		slot->wlen = n;
	}
	XGROW(slot->ids, slot->cap, slot->n + 1);
	slot->ids[slot->n++] = id;
}

static void index_term(struct measures *ms, struct term *t, int place)
{
	const char *sp;
	size_t n;
	struct first_word *slot;

	t->place = place;
	if (t->special != TERM_PLAIN || !t->len)
		return;
	t->id = (int)ms->nall;
	XGROW(ms->all, ms->allcap, ms->nall + 1);
	ms->all[ms->nall++] = t;
	sp = memchr(t->key, ' ', t->len);
	if (!sp && t->prefix) {
		unsigned char c = (unsigned char)t->key[0];
		struct prefix_key *pk = NULL;
		size_t j;
		for (j = 0; j < ms->prefix[c].n; j++)
			if (ms->prefix[c].v[j].len == t->len && !memcmp(ms->prefix[c].v[j].key, t->key, t->len))
				pk = &ms->prefix[c].v[j];
		if (!pk) {
			XGROW(ms->prefix[c].v, ms->prefix[c].cap, ms->prefix[c].n + 1);
			pk = &ms->prefix[c].v[ms->prefix[c].n++];
			memset(pk, 0, sizeof(*pk));
			pk->key = xstrndup(t->key, t->len);
			pk->len = t->len;
		}
		XGROW(pk->ids, pk->cap, pk->n + 1);
		pk->ids[pk->n++] = t->id;
		return;
	}
	n = sp ? (size_t)(sp - t->key) : t->len;
	slot = tab_slot(ms, t->key, n);
	slot_add(slot, t->key, n, t->id);
}

static void index_termset(struct measures *ms, struct termset *ts, int place, int owner, int set,
			  unsigned *spec)
{
	size_t i;

	for (i = 0; i < ts->n; i++) {
		ts->v[i].owner = owner;
		ts->v[i].set = set;
		if (spec && ts->v[i].special == TERM_IN_HOME)
			*spec |= SPEC_IN(set);
		if (spec && ts->v[i].special == TERM_FROM_HOME)
			*spec |= SPEC_FROM(set);
		index_term(ms, &ts->v[i], place);
	}
}

static void measures_index(struct measures *ms)
{
	size_t i, nterms = 0;

	for (i = 0; i < ms->nm; i++)
		nterms += ms->m[i].any.n + ms->m[i].also.n + ms->m[i].none.n;
	for (i = 0; i < ms->np; i++)
		nterms += ms->p[i].alias.n;
	for (ms->ntab = 16; ms->ntab < nterms * 2; ms->ntab *= 2)
		;
	ms->tab = xcalloc(ms->ntab, sizeof(*ms->tab));
	for (i = 0; i < ms->nm; i++) {
		index_termset(ms, &ms->m[i].any, -1, (int)i, SET_ANY, &ms->m[i].spec);
		index_termset(ms, &ms->m[i].also, -1, (int)i, SET_ALSO, &ms->m[i].spec);
		index_termset(ms, &ms->m[i].none, -1, (int)i, SET_NONE, &ms->m[i].spec);
	}
	for (i = 0; i < ms->np; i++)
		index_termset(ms, &ms->p[i].alias, (int)i, -1, SET_ANY, NULL);
	for (ms->nptab = 16; ms->nptab < nterms * 2; ms->nptab *= 2)
		;
	ms->ptab = xcalloc(ms->nptab, sizeof(*ms->ptab));
	for (i = 0; i < ms->np; i++) {
		size_t j;
		for (j = 0; j < ms->p[i].alias.n; j++) {
			const struct term *t = &ms->p[i].alias.v[j];
			const char *sp;
			size_t n;
			unsigned bit;
			if (t->id < 0)
				continue;
			sp = memchr(t->key, ' ', t->len);
			n = sp ? (size_t)(sp - t->key) : t->len;
			slot_add(slot_in(ms->ptab, ms->nptab, t->key, n), t->key, n, t->id);
			bit = word_bit(t->key, n);
			ms->pbits[bit >> 3] |= (uint8_t)(1u << (bit & 7));
		}
	}
}

static int term_at(const char *key, size_t klen, size_t i, const struct term *t)
{
	if (i + t->len > klen || memcmp(key + i, t->key, t->len))
		return 0;
	return t->prefix || i + t->len == klen || key[i + t->len] == ' ';
}

static void occ_add(struct occ_index *oi, size_t pos, int id)
{
	XGROW(oi->v, oi->cap, oi->n + 1);
	oi->v[oi->n].pos = pos;
	oi->v[oi->n].id = id;
	oi->n++;
}

/* Every term occurrence at a word start of k, in key order. */
static void occ_build(struct occ_index *oi, const struct measures *ms, const struct phrase_key *k)
{
	const char *key = k->key.buf;
	size_t klen = k->key.len, i = 0, j;

	oi->n = 0;
	if (!ms->ntab)
		return;
	while (i < klen) {
		const char *sp = memchr(key + i, ' ', klen - i);
		size_t we = sp ? (size_t)(sp - key) : klen;
		const struct first_word *slot = tab_slot(ms, key + i, we - i);

		size_t first_pfx, hit_keys = 0;

		for (j = 0; slot->word && j < slot->n; j++)
			if (term_at(key, klen, i, ms->all[slot->ids[j]]))
				occ_add(oi, i, slot->ids[j]);
		first_pfx = oi->n;
		for (j = 0; j < ms->prefix[(unsigned char)key[i]].n; j++) {
			const struct prefix_key *pk = &ms->prefix[(unsigned char)key[i]].v[j];
			size_t q;
			if (i + pk->len > klen || memcmp(key + i, pk->key, pk->len))
				continue;
			for (q = 0; q < pk->n; q++)
				occ_add(oi, i, pk->ids[q]);
			hit_keys++;
		}
		if (hit_keys > 1) {
			/* the ids of several prefixes matched here: ascending, as one list */
			size_t a, b;
			for (a = first_pfx + 1; a < oi->n; a++)
				for (b = a; b > first_pfx && oi->v[b - 1].id > oi->v[b].id; b--) {
					struct occ tmp = oi->v[b];
					oi->v[b] = oi->v[b - 1];
					oi->v[b - 1] = tmp;
				}
		}
		i = we + 1;
	}
}

/* First occurrence at or after key byte at. */
static size_t occ_lower(const struct occ_index *oi, size_t at)
{
	size_t lo = 0, hi = oi->n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (oi->v[mid].pos < at)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static const struct measures *measures_get(const struct lexicon *lex)
{
	const struct lexicon_table *t;
	struct measures *ms;
	struct phrase_key k;
	int ckind, ckey, cunit, cflow, cany, calso, cnone;
	size_t r;

	if (!lex)
		return NULL;
	ms = lexicon_compiled(lex, LEX_SLOT_MEASURES);
	if (ms)
		return ms;
	ms = xcalloc(1, sizeof(*ms));
	t = lexicon_table(lex, "measures");
	if (t) {
		ckind = lexicon_column(t, "kind");
		ckey = lexicon_column(t, "key");
		cunit = lexicon_column(t, "unit");
		cflow = lexicon_column(t, "flow");
		cany = lexicon_column(t, "any");
		calso = lexicon_column(t, "also");
		cnone = lexicon_column(t, "none");
		phrase_key_init(&k);
		for (r = 0; ckey >= 0 && cany >= 0 && r < t->nrows; r++) {
			const char *kind = ckind >= 0 ? lexicon_cell(t, r, ckind) : "measure";
			const char *key = lexicon_cell(t, r, ckey);

			if (!*key)
				continue;
			if (!strcmp(kind, "place")) {
				struct place *p;
				XGROW(ms->p, ms->pcap, ms->np + 1);
				p = &ms->p[ms->np++];
				memset(p, 0, sizeof(*p));
				p->name = xstrdup(key);
				p->type = xstrdup(cunit >= 0 ? lexicon_cell(t, r, cunit) : "");
				termset_add_cell(&p->alias, &k, lexicon_cell(t, r, cany));
			} else {
				struct measure *m;
				XGROW(ms->m, ms->mcap, ms->nm + 1);
				m = &ms->m[ms->nm++];
				memset(m, 0, sizeof(*m));
				m->key = xstrdup(key);
				m->unit = xstrdup(cunit >= 0 ? lexicon_cell(t, r, cunit) : "");
				m->flow = xstrdup(cflow >= 0 ? lexicon_cell(t, r, cflow) : "");
				termset_add_cell(&m->any, &k, lexicon_cell(t, r, cany));
				if (calso >= 0)
					termset_add_cell(&m->also, &k, lexicon_cell(t, r, calso));
				if (cnone >= 0)
					termset_add_cell(&m->none, &k, lexicon_cell(t, r, cnone));
			}
		}
		phrase_key_release(&k);
	}
	measures_index(ms);
	lexicon_set_compiled(lex, LEX_SLOT_MEASURES, ms, measures_free);
	return ms;
}

/* ---- matching terms in a folded window ---- */

/* Farthest a head term may stand from its figure, in folded bytes (about 12 words
 * after it, 8 before it). */
#define HEAD_MAX 90

struct window {
	const struct phrase_key *k;
	const struct occ_index *occ;  /* term occurrences in k */
	size_t kb, ke;       /* key bytes of the window */
	size_t kfs, kfe;     /* key bytes of the figure itself (excluded from matching) */
	int in_home, from_home;
	const struct span *skip;  /* key ranges of organisation names: "High Commissioner
				   * for Refugees" says nothing about what is counted */
	size_t nskip;
};

static int in_skip(const struct window *w, size_t s, size_t e)
{
	size_t i;

	for (i = 0; i < w->nskip; i++)
		if (s < w->skip[i].end && e > w->skip[i].start)
			return 1;
	return 0;
}

/* Distance of the nearest occurrence of t in the window from the figure (words after
 * the figure count as they are, words before it one and a half times), or -1. */
/* Distance from the figure of a term found at key byte i of the window, or -1 when
 * that occurrence does not count (inside the figure, inside an organisation name). */
static long term_distance(const struct window *w, const struct term *t, size_t i)
{
	if (i < w->kfe && i + t->len > w->kfs)
		return -1;  /* the figure's own digits */
	if (w->nskip && in_skip(w, i, i + t->len))
		return -1;
	if (i >= w->kfe)
		return (long)(i - w->kfe);
	return (long)((w->kfs - (i + t->len)) * 3 / 2);
}

/* term_find for a term outside the index: a walk over the window's word starts. */
static long term_scan(const struct window *w, const struct term *t)
{
	const char *key = w->k->key.buf;
	size_t klen = w->k->key.len, i = w->kb;
	long best = -1;

	if (i > 0 && key[i - 1] != ' ') {
		const char *sp = memchr(key + i, ' ', w->ke - i);
		i = sp ? (size_t)(sp - key) + 1 : w->ke;
	}
	while (i + t->len <= w->ke) {
		const char *sp;
		if (term_at(key, klen, i, t)) {
			long d = term_distance(w, t, i);
			if (d >= 0 && (best < 0 || d < best))
				best = d;
		}
		sp = memchr(key + i, ' ', w->ke - i);
		if (!sp)
			break;
		i = (size_t)(sp - key) + 1;
	}
	return best;
}

static long term_find(const struct window *w, const struct term *t)
{
	size_t o;
	long best = -1;

	if (t->special == TERM_IN_HOME)
		return w->in_home ? 0 : -1;
	if (t->special == TERM_FROM_HOME)
		return w->from_home ? 0 : -1;
	if (!t->len)
		return -1;
	if (t->id < 0)
		return term_scan(w, t);
	for (o = occ_lower(w->occ, w->kb); o < w->occ->n && w->occ->v[o].pos + t->len <= w->ke; o++) {
		size_t i = w->occ->v[o].pos;
		long d;

		if (w->occ->v[o].id != t->id || (d = term_distance(w, t, i)) < 0)
			continue;
		if (best < 0 || d < best)
			best = d;
	}
	return best;  /* callers cap head distances at HEAD_MAX */
}

/* Nearest term of ts, -1 when none; *tlen gets the matched term's length. */
static long termset_find(const struct window *w, const struct termset *ts, size_t *tlen)
{
	long best = -1;
	size_t i;

	for (i = 0; i < ts->n; i++) {
		long d = term_find(w, &ts->v[i]);
		if (d >= 0 && (best < 0 || d < best || (d == best && tlen && ts->v[i].len > *tlen))) {
			best = d;
			if (tlen)
				*tlen = ts->v[i].len;
		}
	}
	return best;
}

/* 1 when a figure of unit may count measure m. */
static int unit_fits(const struct measure *m, const char *unit)
{
	if (!unit || !*unit || !*m->unit)
		return 0;
	if (!strcmp(m->unit, unit))
		return 1;
	if ((!strcmp(m->unit, "persons") || !strcmp(m->unit, "count"))
	    && (!strcmp(unit, "persons") || !strcmp(unit, "count")))
		return 1;
	if (!strcmp(m->unit, "USD") && strlen(unit) == 3 && unit[0] >= 'A' && unit[0] <= 'Z'
	    && unit[1] >= 'A' && unit[1] <= 'Z' && unit[2] >= 'A' && unit[2] <= 'Z')
		return 1;
	return 0;
}

/* Per-measure results of one look-up over the windows' occurrences, valid where the
 * stamp equals the look-up's: one walk over each window's term occurrences replaces
 * a walk per term of every measure. */
struct pick_scratch {
	unsigned stamp;
	unsigned *any_at, *also_at, *none_at;  /* stamp of the look-up that found one */
	long *any_d;        /* nearest head term */
	size_t *any_len;    /* its length (the longest among the nearest) */
	size_t n;
};

static void pick_scratch_init(struct pick_scratch *sc, size_t nm)
{
	memset(sc, 0, sizeof(*sc));
	sc->n = nm;
	sc->any_at = xcalloc(nm + 1, sizeof(*sc->any_at));
	sc->also_at = xcalloc(nm + 1, sizeof(*sc->also_at));
	sc->none_at = xcalloc(nm + 1, sizeof(*sc->none_at));
	sc->any_d = xcalloc(nm + 1, sizeof(*sc->any_d));
	sc->any_len = xcalloc(nm + 1, sizeof(*sc->any_len));
}

static void pick_scratch_release(struct pick_scratch *sc)
{
	free(sc->any_at);
	free(sc->also_at);
	free(sc->none_at);
	free(sc->any_d);
	free(sc->any_len);
}

static unsigned pick_stamp(struct pick_scratch *sc)
{
	if (++sc->stamp == 0) {
		memset(sc->any_at, 0, sc->n * sizeof(*sc->any_at));
		memset(sc->also_at, 0, sc->n * sizeof(*sc->also_at));
		memset(sc->none_at, 0, sc->n * sizeof(*sc->none_at));
		sc->stamp = 1;
	}
	return sc->stamp;
}

/* The measures whose set `set` has a term in window w (termset_find(w, set) >= 0),
 * marked in at[] with stamp; for SET_ANY also the distance and length termset_find
 * would give. */
static void window_terms(const struct measures *ms, struct pick_scratch *sc, const struct window *w,
			 int set, unsigned *at, unsigned stamp)
{
	size_t o;

	for (o = occ_lower(w->occ, w->kb); o < w->occ->n && w->occ->v[o].pos < w->ke; o++) {
		const struct term *t = ms->all[w->occ->v[o].id];
		size_t i = w->occ->v[o].pos;
		long d;
		int m = t->owner;

		if (m < 0 || t->set != set || i + t->len > w->ke || (d = term_distance(w, t, i)) < 0)
			continue;
		if (at[m] != stamp) {
			at[m] = stamp;
			if (set == SET_ANY) {
				sc->any_d[m] = d;
				sc->any_len[m] = t->len;
			}
		} else if (set == SET_ANY && (d < sc->any_d[m] || (d == sc->any_d[m] && t->len > sc->any_len[m]))) {
			sc->any_d[m] = d;
			sc->any_len[m] = t->len;
		}
	}
}

/* termset_find(w, set of measure i) for a marked look-up: distance (and *tlen), or -1. */
static long window_find(const struct measures *ms, const struct pick_scratch *sc,
			const struct window *w, size_t i, int set, const unsigned *at, unsigned stamp,
			size_t *tlen)
{
	unsigned spec = ms->m[i].spec;
	long d = -1;
	size_t len = 0;

	if (at[i] == stamp) {
		d = set == SET_ANY ? sc->any_d[i] : 0;
		len = set == SET_ANY ? sc->any_len[i] : 0;
	}
	/* "@in-home" / "@from-home": distance 0, length 0 */
	if (((spec & SPEC_IN(set)) && w->in_home) || ((spec & SPEC_FROM(set)) && w->from_home))
		if (d < 0 || d > 0) {
			d = 0;
			len = 0;
		}
	if (tlen)
		*tlen = len;
	return d;
}

/* Mark the head terms of h, the also-terms of c and the none-terms of n. */
static unsigned measure_scan(const struct measures *ms, struct pick_scratch *sc,
			     const struct window *h, const struct window *c, const struct window *n)
{
	unsigned stamp = pick_stamp(sc);

	window_terms(ms, sc, h, SET_ANY, sc->any_at, stamp);
	window_terms(ms, sc, c, SET_ALSO, sc->also_at, stamp);
	if (n)
		window_terms(ms, sc, n, SET_NONE, sc->none_at, stamp);
	return stamp;
}

/* The best measure for the head window h (nearest head term); also-terms are looked
 * up in the context window c (the sentence), none-terms in n (the clause). Returns the measure index or -1. */
static int measure_pick(const struct measures *ms, struct pick_scratch *sc, const struct window *h,
			const struct window *c, const struct window *n, const char *unit)
{
	long best = -1;
	size_t besttl = 0, i;
	int pick = -1;
	unsigned stamp;

	if (!unit || !*unit)
		return -1;  /* unit_fits() refuses every measure */
	stamp = measure_scan(ms, sc, h, c, n);
	for (i = 0; i < ms->nm; i++) {
		const struct measure *m = &ms->m[i];
		size_t tl = 0;
		long d = window_find(ms, sc, h, i, SET_ANY, sc->any_at, stamp, &tl);

		if (d < 0 || d > HEAD_MAX || !unit_fits(m, unit))
			continue;
		if (m->also.n && window_find(ms, sc, c, i, SET_ALSO, sc->also_at, stamp, NULL) < 0)
			continue;
		if (m->none.n && window_find(ms, sc, n, i, SET_NONE, sc->none_at, stamp, NULL) >= 0)
			continue;
		if (pick < 0 || d < best || (d == best && tl > besttl)) {
			pick = (int)i;
			best = d;
			besttl = tl;
		}
	}
	return pick;
}

/* How many measures the head window h names (also-terms looked up in c). */
static int measure_count(const struct measures *ms, struct pick_scratch *sc, const struct window *h,
			 const struct window *c, const char *unit)
{
	size_t i;
	int n = 0;
	unsigned stamp;

	if (!unit || !*unit)
		return 0;
	stamp = measure_scan(ms, sc, h, c, NULL);
	for (i = 0; i < ms->nm; i++) {
		const struct measure *m = &ms->m[i];
		if (window_find(ms, sc, h, i, SET_ANY, sc->any_at, stamp, NULL) < 0 || !unit_fits(m, unit))
			continue;
		if (m->also.n && window_find(ms, sc, c, i, SET_ALSO, sc->also_at, stamp, NULL) < 0)
			continue;
		n++;
	}
	return n;
}

/* ---- helpers on raw text ---- */

static int is_lower_ascii_word_end(const char *s, size_t len, size_t at, const char *w)
{
	/* 1 when text before byte at ends with word w (ASCII, case-insensitive) followed
	 * only by spaces, on a word boundary. */
	size_t n = strlen(w), i = at;

	while (i > 0 && (s[i - 1] == ' ' || s[i - 1] == '(' ))
		i--;
	if (i < n)
		return 0;
	for (size_t j = 0; j < n; j++) {
		char c = s[i - n + j];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c + 32);
		if (c != w[j])
			return 0;
	}
	if (i - n > 0) {
		char c = s[i - n - 1];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
			return 0;
	}
	(void)len;
	return 1;
}

/* A lower-case ASCII word of a list, with its length. */
struct lead_word {
	const char *w;
	size_t n;
};
#define LEAD(s) { s, sizeof(s) - 1 }

/* Index of the first word of v that is_lower_ascii_word_end would find before byte
 * at, or -1. The spaces before at are skipped once and most words fail on their last
 * byte: these lists are asked about every figure and date. */
static int lead_word_end(const char *s, size_t at, const struct lead_word *v, size_t nv)
{
	size_t i = at, k, j;
	char last;

	while (i > 0 && (s[i - 1] == ' ' || s[i - 1] == '('))
		i--;
	if (!i)
		return -1;
	last = s[i - 1];
	if (last >= 'A' && last <= 'Z')
		last = (char)(last + 32);
	for (k = 0; k < nv; k++) {
		size_t n = v[k].n;
		if (n > i || v[k].w[n - 1] != last)
			continue;
		for (j = 0; j + 1 < n; j++) {
			char c = s[i - n + j];
			if (c >= 'A' && c <= 'Z')
				c = (char)(c + 32);
			if (c != v[k].w[j])
				break;
		}
		if (j + 1 < n)
			continue;
		if (i - n > 0) {
			char c = s[i - n - 1];
			if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
				continue;
		}
		return (int)k;
	}
	return -1;
}

/* s[0..n) equals the lower-case ASCII p[0..n), ignoring ASCII case. */
static int ci_eq(const char *s, const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		char c = s[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c + 32);
		if (c != p[i])
			return 0;
	}
	return 1;
}

static int ci_prefix(const char *s, size_t len, const char *p)
{
	size_t n = strlen(p);

	return len >= n && ci_eq(s, p, n);
}

/* Offset of the first occurrence of the ASCII word w (case-insensitive) in
 * s[from, to), or (size_t)-1. The first letter is compared before anything else:
 * this runs over every sentence for every cue word. */
static size_t ci_find(const char *s, size_t from, size_t to, const char *w)
{
	size_t n = strlen(w), i;
	char lo = w[0], up = (lo >= 'a' && lo <= 'z') ? (char)(lo - 32) : lo;

	for (i = from; i + n <= to; i++) {
		if (s[i] != lo && s[i] != up)
			continue;
		if (ci_eq(s + i, w, n)
		    && (i == 0 || !phrase_word_char_at(s, to, i - 1) || !phrase_word_char_at(s, to, i)))
			return i;
	}
	return (size_t)-1;
}

/* ci_find(s, from, to, w[p]) for every p into at[p], in one walk over the text:
 * the cue lists run over every sentence of every figure. */
static void ci_find_all(const char *s, size_t from, size_t to, const char *const *w, size_t nw,
			size_t *at)
{
	size_t len[32], i, p, left = nw;
	/* the words by first letter (head[c], then next[p]; -1 ends): most letters of
	 * the text start a cue or two, not all of them */
	signed char head[256], next[32];

	memset(head, -1, sizeof(head));
	for (p = nw < 32 ? nw : 32; p-- > 0;) {
		unsigned char c0 = (unsigned char)w[p][0];
		at[p] = (size_t)-1;
		len[p] = strlen(w[p]);
		next[p] = head[c0];
		head[c0] = (signed char)p;
	}
	for (i = from; i < to && left; i++) {
		unsigned char c = (unsigned char)s[i];
		int q;
		if (c >= 'A' && c <= 'Z')
			c += 32;
		/* a word that starts with an ASCII letter or digit matches only at a word
		 * start, not after another: most letters of a text are after one */
		if (head[c] < 0 || (c < 0x80 && phrase_ascii_word[c] && i > 0 &&
				    (unsigned char)s[i - 1] < 0x80 && phrase_ascii_word[(unsigned char)s[i - 1]]))
			continue;
		for (q = head[c]; q >= 0; q = next[q])
			if (at[q] == (size_t)-1 && i + len[q] <= to && ci_eq(s + i, w[q], len[q])
			    && (i == 0 || !phrase_word_char_at(s, to, i - 1) || !phrase_word_char_at(s, to, i))) {
				at[q] = i;
				left--;
			}
	}
}

static int is_year_text(const char *s, size_t n)
{
	return n == 4 && s[0] >= '1' && s[0] <= '2' && s[1] >= '0' && s[1] <= '9' && s[2] >= '0'
	       && s[2] <= '9' && s[3] >= '0' && s[3] <= '9';
}

/* ---- per-document context ---- */

struct pos {
	size_t fact;          /* index in the fact list */
	size_t bs, be;        /* bytes in the block text */
};

struct docctx {
	const struct document *doc;
	const struct measures *ms;
	struct fact_list *facts;
	int home;             /* place index of the country of the report, -1 */
	struct phrase_key k;  /* scratch */
	struct occ_index occ; /* term occurrences in k: rebuilt whenever k is folded */
	struct pick_scratch pick;
	/* attrib_sentence's cue positions in the sentence [cue_ss, cue_se) of cue_text:
	 * the figures of one sentence share them */
	const char *cue_text;
	size_t cue_ss, cue_se, cue_at[20];
};

/* Fold text into dc->k and index its term occurrences. */
static int dc_fold(struct docctx *dc, const char *text, size_t len)
{
	if (phrase_key_fold(&dc->k, text, len) < 0)
		return -1;
	occ_build(&dc->occ, dc->ms, &dc->k);
	return 0;
}

/* Add the country mentions of one folded key to count[]: whole-word aliases of the
 * places, word by word (what occ_build finds, less the measure terms). */
static void home_count_key(const struct measures *ms, const char *key, size_t klen,
			   size_t *count)
{
	size_t i = 0, o;

	while (i < klen) {
		const char *sp = memchr(key + i, ' ', klen - i);
		size_t we = sp ? (size_t)(sp - key) : klen;
		const struct first_word *slot;

		if (!pbit_set(ms, key + i, we - i)) {
			i = we + 1;
			continue;
		}
		slot = slot_in(ms->ptab, ms->nptab, key + i, we - i);
		for (o = 0; slot->word && o < slot->n; o++) {
			const struct term *t = ms->all[slot->ids[o]];
			if (term_at(key, klen, i, t) && (i + t->len == klen || key[i + t->len] == ' ')
			    && !strcmp(ms->p[t->place].type, "country"))
				count[t->place]++;
		}
		i = we + 1;
	}
}

/* The country counts of the document being scanned, made block by block by the home
 * recogniser from the key the law, decree and organisation scans have just folded
 * (phrase_key_of_block), so that the pass need not fold the whole document again:
 * that second fold was 4% of extract. Valid for `doc` once `seen` equals its block
 * count; the pass takes the counts and clears `doc`. */
static struct {
	const struct document *doc;
	size_t *count, np, seen;
} home_tally;

static int home_scan(struct scan *s, struct diag *d)
{
	const struct measures *ms = measures_get(s->lex);
	const struct phrase_key *k;

	(void)d;
	if (!ms || !ms->np)
		return 0;
	if (s->block == &s->doc->blocks[0]) {
		if (home_tally.np != ms->np) {
			free(home_tally.count);
			home_tally.count = xcalloc(ms->np, sizeof(*home_tally.count));
			home_tally.np = ms->np;
		}
		memset(home_tally.count, 0, ms->np * sizeof(*home_tally.count));
		home_tally.doc = s->doc;
		home_tally.seen = 0;
	}
	if (home_tally.doc != s->doc)
		return 0;
	k = phrase_key_of_block(s->text, s->len);
	home_count_key(ms, k->key.buf, k->key.len, home_tally.count);
	home_tally.seen++;
	return 0;
}

const struct recogniser home_recogniser = { "home", home_scan };

/* The country most often named in the document: the default scope. */
static int home_detect(struct docctx *dc)
{
	size_t *count, b, p, best = 0;
	int home = -1;

	if (!dc->ms->np)
		return -1;
	if (home_tally.doc == dc->doc && home_tally.seen == dc->doc->nblocks &&
	    home_tally.np == dc->ms->np) {
		count = home_tally.count;
	} else {
		count = xcalloc(dc->ms->np, sizeof(*count));
		for (b = 0; b < dc->doc->nblocks; b++) {
			const struct block *bl = &dc->doc->blocks[b];
			if (phrase_key_fold_text(&dc->k, bl->text, bl->len) == 0)
				home_count_key(dc->ms, dc->k.key.buf, dc->k.key.len, count);
		}
	}
	for (p = 0; p < dc->ms->np; p++)
		if (count[p] > best) {
			best = count[p];
			home = (int)p;
		}
	if (count != home_tally.count)
		free(count);
	home_tally.doc = NULL;
	return home;
}

/* Scope of a window: sets w->in_home/from_home; returns the place named with "in"
 * (or "of", "at") other than home as a malloc'd string, "from X" for an origin other
 * than home, or NULL. */
static char *scope_find(const struct docctx *dc, struct window *w)
{
	const char *key = w->k->key.buf;
	size_t klen = w->k->key.len, o;
	char *scope = NULL;
	/* the nearest place wins; ties go to the earlier place, then alias, of the lexicon */
	size_t best_d = (size_t)-1, best_p = 0, best_a = 0;
	int best_from = 0, found = 0;

	for (o = occ_lower(w->occ, w->kb); o < w->occ->n; o++) {
		const struct term *t = dc->ms->all[w->occ->v[o].id];
		size_t i = w->occ->v[o].pos, j, d, p, a;
		int from;

		if (t->place < 0)
			continue;
		if (i + t->len > w->ke)
			break;
		if (i + t->len < klen && key[i + t->len] != ' ')
			continue;  /* place names match whole words, even when written with '*' */
		p = (size_t)t->place;
		a = (size_t)(t - dc->ms->p[p].alias.v);
		/* the preposition before the name */
		if (i < 2)
			continue;
		j = i - 1;
		while (j > 0 && key[j - 1] != ' ')
			j--;
		if (i - 1 - j == 4 && !memcmp(key + j, "from", 4))
			from = 1;
		else if (i - 1 - j == 2 && !memcmp(key + j, "to", 2))
			from = (int)p == dc->home ? 0 : -1;  /* a destination is no scope */
		else if ((i - 1 - j == 2 && (!memcmp(key + j, "in", 2) || !memcmp(key + j, "at", 2)))
			 || (i - 1 - j == 4 && !memcmp(key + j, "into", 4))
			 || (i - 1 - j == 6 && !memcmp(key + j, "within", 6)))
			from = 0;
		else
			continue;
		if (from < 0)
			continue;
		if ((int)p == dc->home) {
			if (from)
				w->from_home = 1;
			else
				w->in_home = 1;
			continue;
		}
		d = i >= w->kfe ? i - w->kfe : w->kfs - i;
		if (!found || d < best_d || (d == best_d && (p < best_p || (p == best_p && a < best_a)))) {
			found = 1;
			best_d = d;
			best_p = p;
			best_a = a;
			best_from = from;
		}
	}
	if (found) {
		struct strbuf sb = STRBUF_INIT;
		strbuf_init(&sb);
		if (best_from)
			strbuf_adds(&sb, "from ");
		strbuf_adds(&sb, dc->ms->p[best_p].name);
		scope = strbuf_detach(&sb, NULL);
	}
	return scope;
}

/* ---- attribution ---- */

/* Facts of block id block: [*lo, *hi) of the list (sorted by block). */
static void block_facts(const struct fact_list *facts, size_t block, size_t *lo, size_t *hi)
{
	size_t a = 0, z = facts->n;

	while (a < z) {
		size_t mid = (a + z) / 2;
		if (facts->v[mid].block < block)
			a = mid + 1;
		else
			z = mid;
	}
	*lo = a;
	for (z = a; z < facts->n && facts->v[z].block == block; z++)
		;
	*hi = z;
}

/* First fact of [lo, hi) (one block, sorted by start) whose start is >= cp. */
static size_t first_from(const struct fact_list *facts, size_t lo, size_t hi, size_t cp)
{
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (facts->v[mid].start < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The org fact lying inside bytes [s, e) of block b: its canonical name (or quote).
 * Offsets are compared in code points, so no fact needs converting. */
static const char *org_in(const struct docctx *dc, size_t block, const struct block *b, size_t s,
			  size_t e, size_t *end)
{
	size_t i, lo, hi, cs, ce;

	block_facts(dc->facts, block, &lo, &hi);
	cs = extract_cp_offset(b, s);
	ce = extract_cp_offset(b, e);
	for (i = first_from(dc->facts, lo, hi, cs); i < hi && dc->facts->v[i].start < ce; i++) {
		const struct fact *f = &dc->facts->v[i];
		const char *c;

		if (f->kind != FACT_ORG || f->end > ce)
			continue;
		c = fact_get(f, "canonical");
		if (end)
			*end = extract_byte_offset(b, f->end);
		return c && *c ? c : f->quote;
	}
	return NULL;
}

/* 1 when a law or decree fact starts in bytes [s, e) of block b. */
static int span_has_named(const struct docctx *dc, size_t block, const struct block *b, size_t s,
			  size_t e)
{
	size_t i, lo, hi, cs, ce;

	block_facts(dc->facts, block, &lo, &hi);
	cs = extract_cp_offset(b, s);
	ce = extract_cp_offset(b, e);
	for (i = first_from(dc->facts, lo, hi, cs); i < hi && dc->facts->v[i].start < ce; i++)
		if (dc->facts->v[i].kind == FACT_LAW || dc->facts->v[i].kind == FACT_DECREE)
			return 1;
	return 0;
}

/* A short name from text[s, e): cut at punctuation, a year or 10 words. */
static char *name_cut(const char *text, size_t s, size_t e)
{
	size_t i, words = 0, end;

	while (s < e && (text[s] == ' ' || text[s] == '*' || text[s] == '"'))
		s++;
	if (ci_prefix(text + s, e - s, "the "))
		s += 4;
	end = s;
	for (i = s; i < e; i++) {
		char c = text[i];
		if (c == ',' || c == ';' || c == ':' || c == '(' || c == ')' || c == '[' || c == '*'
		    || (c == '.' && (i + 1 >= e || text[i + 1] == ' ')))
			break;
		if (c == ' ') {
			if (++words >= 10)
				break;
			if (i + 5 <= e && is_year_text(text + i + 1, 4))
				break;
			if (ci_prefix(text + i, e - i, " in ") || ci_prefix(text + i, e - i, " as of ")
			    || ci_prefix(text + i, e - i, " there ") || ci_prefix(text + i, e - i, " on ")
			    || ci_prefix(text + i, e - i, " for ") || ci_prefix(text + i, e - i, " by "))
				break;
		}
		end = i + 1;
	}
	while (end > s && text[end - 1] == ' ')
		end--;
	if (end <= s || !(text[s] >= 'A' && text[s] <= 'Z') || end - s > 120)
		return NULL;
	if (ci_prefix(text + s, end - s, "ibid") || ci_prefix(text + s, end - s, "idem")
	    || ci_prefix(text + s, end - s, "op. cit") || ci_prefix(text + s, end - s, "see ")
	    || ci_prefix(text + s, end - s, "http") || ci_prefix(text + s, end - s, "www"))
		return NULL;
	return xstrndup(text + s, end - s);
}

/* "Source: X" / footnote text: the organisation or author it names, or NULL. */
static char *source_text(const struct docctx *dc, size_t block, const struct block *b, size_t s,
			 size_t e, int need_cue)
{
	const char *o;
	size_t cue = (size_t)-1, p, at[5];
	static const char *const cues[] = { "sources:", "source:", "source -", "sources -", "source " };

	/* the first cue of the list that occurs, as ci_find of each in turn, in one walk */
	ci_find_all(b->text, s, e, cues, sizeof(cues) / sizeof(cues[0]), at);
	for (p = 0; p < sizeof(cues) / sizeof(cues[0]) && cue == (size_t)-1; p++)
		if (at[p] != (size_t)-1)
			cue = at[p] + strlen(cues[p]);
	if (cue == (size_t)-1) {
		if (need_cue)
			return NULL;
		cue = s;
	}
	o = org_in(dc, block, b, cue, e, NULL);
	if (o)
		return xstrdup(o);
	return name_cut(b->text, cue, e);
}

/* Attribution phrases of a sentence. */
static char *attrib_sentence(struct docctx *dc, size_t block, const struct block *b,
			     size_t ss, size_t se, size_t fs, size_t fe, size_t *span_s, size_t *span_e)
{
	static const char *const cues[] = { "according to ", "as reported by ", "reported by ",
		"provided by ", "given by ", "published by ", "compiled by ", "estimated by ",
		"statistics of ", "data of ", "data from ", "information from ", "information of ",
		"figures of ", "figures from ", "estimates of ", "registered in the statistics of ",
		"in the statistics of ", "data provided by ", "information provided by " };
	size_t p, at;
	const char *text = b->text;

	_Static_assert(sizeof(cues) / sizeof(cues[0]) <= sizeof(dc->cue_at) / sizeof(dc->cue_at[0]),
		       "cue_at holds every cue");
	*span_s = *span_e = 0;
	if (dc->cue_text != text || dc->cue_ss != ss || dc->cue_se != se) {
		ci_find_all(text, ss, se, cues, sizeof(cues) / sizeof(cues[0]), dc->cue_at);
		dc->cue_text = text;
		dc->cue_ss = ss;
		dc->cue_se = se;
	}
	for (p = 0; p < sizeof(cues) / sizeof(cues[0]); p++) {
		at = dc->cue_at[p];
		if (at != (size_t)-1) {
			size_t s = at + strlen(cues[p]), e = s;
			const char *o;
			char *name;
			size_t oe = 0;
			while (e < se && e - s < 160 && text[e] != ',' && text[e] != ';'
			       && !(text[e] == '.' && (e + 1 >= se || text[e + 1] == ' ')))
				e++;
			if (fs >= s && fe <= e)
				continue;  /* the figure is inside the phrase: not a source */
			*span_s = at;
			*span_e = e;
			if (span_has_named(dc, block, b, s, e))
				continue;  /* "according to the Immigration Law": a rule, not a source */
			o = org_in(dc, block, b, s, e, &oe);
			/* "according to X, …" closes with the comma; other cues end with the name */
			if (p > 0)
				*span_e = o ? oe : s + 1;
			if (o)
				return xstrdup(o);
			name = name_cut(text, s, e);
			if (name) {
				if (p > 0)
					*span_e = s + strlen(name) + 4;
				return name;
			}
		}
	}
	/* "(Aliyev 2006)", "(Aliyev, 2006)", "(Aliyev et al. 2006)" */
	for (at = ss; at < se; at++) {
		size_t i = at + 1, ns, ne;
		if (text[at] != '(' || i >= se || !(text[i] >= 'A' && text[i] <= 'Z'))
			continue;
		ns = i;
		while (i < se && ((text[i] >= 'a' && text[i] <= 'z') || (text[i] >= 'A' && text[i] <= 'Z')
				  || text[i] == '-' || (unsigned char)text[i] >= 0x80))
			i++;
		ne = i;
		if (ci_prefix(text + i, se - i, " et al."))
			i += 7;
		if (i < se && text[i] == ',')
			i++;
		if (i < se && text[i] == ' ')
			i++;
		if (ne - ns >= 2 && i + 4 <= se && is_year_text(text + i, 4)
		    && (i + 4 == se || text[i + 4] == ')' || text[i + 4] == ',' || text[i + 4] == ':')) {
			*span_s = at;
			*span_e = i + 4;
			return xstrndup(text + ns, ne - ns);
		}
	}
	/* "<Org> reported|estimated|recorded …": an org fact right before such a verb */
	{
		size_t i, lo, hi;
		static const char *const verbs[] = { " reported", " reports", " estimated",
			" estimates", " recorded", " registered", " stated", " states", " indicated",
			" informed", " data", " statistics", " figures" };
		block_facts(dc->facts, block, &lo, &hi);
		for (i = lo; i < hi; i++) {
			const struct fact *f = &dc->facts->v[i];
			size_t os, oe, v;
			const char *c;
			if (f->block != block || f->kind != FACT_ORG)
				continue;
			os = extract_byte_offset(b, f->start);
			oe = extract_byte_offset(b, f->end);
			if (os < ss || oe > se)
				continue;
			for (v = 0; v < sizeof(verbs) / sizeof(verbs[0]); v++)
				if (ci_prefix(text + oe, se - oe, verbs[v])
				    || (oe + 1 < se && text[oe] == '\'' && ci_prefix(text + oe + 2, se - oe - 2, verbs[v]))) {
					c = fact_get(f, "canonical");
					*span_s = os;
					*span_e = oe;
					return xstrdup(c && *c ? c : f->quote);
				}
		}
	}
	return NULL;
}

/* 1 when text starts with name and then ", YYYY", " (YYYY)", " [YYYY]" or a quoted
 * title: a citation of an author or publisher. */
static int citation_like(const char *text, size_t len, const char *name)
{
	size_t n = strlen(name), i;

	if (len < n || memcmp(text, name, n))
		return 0;
	i = n;
	while (i < len && (text[i] == ',' || text[i] == ' ' || text[i] == '(' || text[i] == '['))
		i++;
	if (i < len && (text[i] == '"' || text[i] == '*'))
		return 1;  /* Author, "Title" */
	if (i + 3 <= len && (unsigned char)text[i] == 0xE2 && (unsigned char)text[i + 1] == 0x80
	    && (unsigned char)text[i + 2] == 0x9C)
		return 1;  /* Author, “Title” */
	return i + 4 <= len && is_year_text(text + i, 4);
}

/* Footnote block with label n, or NULL. */
static const struct block *footnote_find(const struct document *doc, const char *n)
{
	size_t i;

	for (i = 0; i < doc->nblocks; i++)
		if (doc->blocks[i].kind == BLOCK_FOOTNOTE && doc->blocks[i].label
		    && !strcmp(doc->blocks[i].label, n))
			return &doc->blocks[i];
	return NULL;
}

/* The source named by a footnote that the sentence [ss, se) points at after the figure. */
static char *attrib_footnote(const struct docctx *dc, const struct block *b, size_t fe, size_t se)
{
	size_t r;

	for (r = 0; r < b->nrefs; r++) {
		const struct block *fn;
		char *s;
		int cue;
		if (b->refs[r].at < fe || b->refs[r].at > se)
			continue;
		fn = footnote_find(dc->doc, b->refs[r].n);
		if (!fn)
			continue;
		cue = ci_find(fn->text, 0, fn->len, "source") != (size_t)-1;
		s = source_text(dc, fn->id, fn, 0, fn->len, 0);
		/* a footnote without "Source" names a source when it begins with an
		 * organisation or reads like a citation ("US Dept of State, 2007: …") */
		if (s && (cue || org_in(dc, fn->id, fn, 0, fn->len < 80 ? fn->len : 80, NULL)
			  || citation_like(fn->text, fn->len, s)))
			return s;
		free(s);
	}
	return NULL;
}

/* ---- periods ---- */

struct period {
	char from[11], to[11];
	const char *kind;
};

static int iso_year(const char *iso)
{
	return (iso[0] - '0') * 1000 + (iso[1] - '0') * 100 + (iso[2] - '0') * 10 + (iso[3] - '0');
}

/* Kind of a period from its bounds and the words around the date. */
static const char *period_kind_of(const char *from, const char *to, const char *quote,
				  const char *prec)
{
	size_t ql = quote ? strlen(quote) : 0;

	if (quote && (ci_find(quote, 0, ql, "first") != (size_t)-1 || ci_find(quote, 0, ql, "last") != (size_t)-1
		      || ci_find(quote, 0, ql, "half") != (size_t)-1 || ci_find(quote, 0, ql, "quarter") != (size_t)-1
		      || ci_find(quote, 0, ql, "months") != (size_t)-1))
		return iso_year(from) == iso_year(to) ? "partial" : "multi-year";
	if (iso_year(from) != iso_year(to))
		return "multi-year";
	if (!strcmp(from + 4, "-01-01") && !strcmp(to + 4, "-12-31"))
		return "annual";
	if (!strcmp(from, to))
		return "stock";
	(void)prec;
	return "partial";
}

/* Classify the words before a date at byte ds: 0 skip (not the figure's period:
 * "since", "of", "dated"), 1 plain ("in", "during", none), 2 cumulative ("by",
 * "until"), 3 stock ("as of", "at the end of", "on"). */
static int date_lead(const char *text, size_t len, size_t ds, const char *prec)
{
	/* in the order they are tried; lead[k] is the answer for words[k] */
	static const struct lead_word words[] = { LEAD("as of"), LEAD("as at"), LEAD("end of"),
		LEAD("on"), LEAD("at"), LEAD("by"), LEAD("until"), LEAD("till"), LEAD("up to"),
		LEAD("since"), LEAD("of"), LEAD("dated"), LEAD("no."), LEAD("before"), LEAD("after"),
		LEAD("adopted"), LEAD("signed"), LEAD("approved"), LEAD("established"), LEAD("from") };
	static const int lead[] = { 3, 3, 3, 3, 3, 2, 2, 2, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1 };
	int k = lead_word_end(text, ds, words, sizeof(words) / sizeof(words[0]));

	(void)len;
	if (k < 0)
		return 1;
	if (lead[k] < 0)  /* "from" */
		return prec && strcmp(prec, "range") ? 0 : 1;
	return lead[k];
}

static void period_from_date(struct period *p, const char *from, const char *to, const char *quote,
			     const char *prec, int lead)
{
	snprintf(p->from, sizeof(p->from), "%.10s", from);
	snprintf(p->to, sizeof(p->to), "%.10s", to);
	p->kind = period_kind_of(p->from, p->to, quote, prec);
	if (lead == 2)
		p->kind = "cumulative";
	else if (lead == 3 && strcmp(p->kind, "multi-year"))
		p->kind = "stock";
}

/* "2007 (9 months)", "2007, first 6 months": a header year restricted to its first
 * N months. */
static void months_after(const char *s, size_t len, size_t at, struct period *p)
{
	static const char *const words[] = { "one", "two", "three", "four", "five", "six", "seven",
		"eight", "nine", "ten", "eleven" };
	static const char *const ends[] = { "01-31", "02-28", "03-31", "04-30", "05-31", "06-30",
		"07-31", "08-31", "09-30", "10-31", "11-30" };
	size_t i = at, n = 0, w;

	if (strcmp(p->kind, "annual"))
		return;
	while (i < len && (s[i] == ' ' || s[i] == '(' || s[i] == ','))
		i++;
	if (ci_prefix(s + i, len - i, "first "))
		i += 6;
	if (i < len && s[i] >= '1' && s[i] <= '9') {
		n = (size_t)(s[i] - '0');
		i++;
		if (i < len && s[i] >= '0' && s[i] <= '1' && n == 1)
			n = 10 + (size_t)(s[i++] - '0');
	} else {
		for (w = 0; w < sizeof(words) / sizeof(words[0]); w++)
			if (ci_prefix(s + i, len - i, words[w])) {
				n = w + 1;
				i += strlen(words[w]);
				break;
			}
	}
	while (i < len && s[i] == ' ')
		i++;
	if (n < 1 || n > 11 || !ci_prefix(s + i, len - i, "month"))
		return;
	snprintf(p->to + 5, sizeof(p->to) - 5, "%s", ends[n - 1]);
	p->kind = "partial";
}

/* A date in a table header or caption text: the first one dates_parse finds. */
static int period_in_text(const char *s, size_t len, struct period *p)
{
	size_t i;
	struct date_value dv;

	for (i = 0; i < len; i++) {
		if (i > 0 && phrase_word_char_at(s, len, i - 1))
			continue;
		if (dates_parse(s, len, i, &dv)) {
			char *q = xstrndup(s + dv.start, dv.end - dv.start);
			period_from_date(p, dv.from, dv.to, q, dv.precision, date_lead(s, len, dv.start, dv.precision));
			free(q);
			months_after(s, len, dv.end, p);
			return 1;
		}
	}
	return 0;
}

/* 1 when a date starts within a few bytes after byte at ("-5,500 in 2000"). */
static int date_right_after(const struct pos *dates, size_t ndates, size_t at)
{
	size_t j;

	for (j = 0; j < ndates; j++)
		if (dates[j].bs >= at && dates[j].bs <= at + 16)
			return 1;
	return 0;
}

/* 1 when the figure at fs stands inside a bracket opened right after a date ending
 * at de ("in 2004 (11 women and 19 minors"). */
static int bracket_after(const char *text, size_t de, size_t fs)
{
	size_t i = de, j;

	while (i < fs && text[i] == ' ')
		i++;
	if (i >= fs || text[i] != '(')
		return 0;
	for (j = i; j < fs; j++)
		if (text[j] == ')')
			return 0;
	return 1;  /* the figure stands in a bracket opened right after the date */
}

/* 1 when a parenthesis opens in [fe, ds) and is still open at ds. */
static int paren_opens(const char *text, size_t fe, size_t ds)
{
	int depth = 0;
	size_t i;

	for (i = fe; i < ds; i++)
		if (text[i] == '(')
			depth++;
		else if (text[i] == ')' && depth > 0)
			depth--;
	return depth > 0;
}

/* A date after the figure inside a parenthesis that holds other figures ("4 victims
 * (1 in 2021, 2 in 2022)") dates those figures, not this one. 1 when the date may
 * still be the figure's. */
static int between_clean_paren(const char *text, size_t fe, size_t ds, const struct pos *figs,
			       size_t nfig)
{
	size_t i, open = (size_t)-1, k;
	int depth = 0;

	for (i = fe; i < ds; i++)
		if (text[i] == '(') {
			if (!depth)
				open = i;
			depth++;
		} else if (text[i] == ')' && depth > 0)
			depth--;
	if (!depth)
		return 1;
	for (k = 0; k < nfig; k++)
		if (figs[k].bs > open && figs[k].be <= ds)
			return 0;
	return 1;
}

/* 1 when bytes [ds, de) lie inside a parenthesis closed before byte fs. */
static int in_closed_paren(const char *text, size_t ss, size_t ds, size_t de, size_t fs)
{
	size_t i, open = (size_t)-1;

	for (i = ds; i > ss; i--) {
		if (text[i - 1] == ')')
			return 0;
		if (text[i - 1] == '(') {
			open = i - 1;
			break;
		}
	}
	if (open == (size_t)-1)
		return 0;
	for (i = de; i < fs; i++)
		if (text[i] == ')')
			return 1;
	return 0;
}

/* "4 victims (1 in 2021, 2 in 2022, 1 in 6 months of the current year)": a figure
 * followed by a parenthesis that spreads it over dated parts covers all of them;
 * "the current year" / "this year" is the year up to the document's date. */
static int period_from_breakdown(const struct document *doc, const struct block *b,
				 const struct fact *facts, const struct pos *figs, size_t nfig,
				 const struct pos *dates, size_t ndates, size_t i, size_t se,
				 struct period *p)
{
	size_t fe = figs[i].be, open, close, j;
	const char *lo = NULL, *hi = NULL;
	int nparts = 0, ndated = 0;

	for (open = fe; open < se && open < fe + 60 && b->text[open] != '('; open++)
		if (b->text[open] == ',' || b->text[open] == ';' || b->text[open] == '.')
			return 0;
	if (open >= se || b->text[open] != '(')
		return 0;
	for (close = open; close < se && b->text[close] != ')'; close++)
		;
	if (close >= se)
		return 0;
	for (j = 0; j < nfig; j++)
		if (figs[j].bs > open && figs[j].be <= close)
			nparts++;
	for (j = 0; j < ndates; j++) {
		const struct fact *df = &facts[dates[j].fact];
		const char *f = fact_get(df, "date_from"), *t = fact_get(df, "date_to");
		if (dates[j].bs <= open || dates[j].be > close || !f || !t || strlen(f) < 10 || strlen(t) < 10)
			continue;
		if (!lo || strcmp(f, lo) < 0)
			lo = f;
		if (!hi || strcmp(t, hi) > 0)
			hi = t;
		ndated++;
	}
	if (nparts < 2 || ndated < 2 || !lo)
		return 0;
	snprintf(p->from, sizeof(p->from), "%.10s", lo);
	snprintf(p->to, sizeof(p->to), "%.10s", hi);
	if ((ci_find(b->text, open, close, "current year") != (size_t)-1
	     || ci_find(b->text, open, close, "this year") != (size_t)-1)
	    && doc->date && strlen(doc->date) >= 4 && strncmp(doc->date, p->to, 4) > 0) {
		if (strlen(doc->date) >= 10)
			snprintf(p->to, sizeof(p->to), "%.10s", doc->date);
		else
			snprintf(p->to, sizeof(p->to), "%.4s-12-31", doc->date);
	}
	p->kind = iso_year(p->from) == iso_year(p->to) ? "partial" : "multi-year";
	return 1;
}

/* ---- the pass ---- */

struct figinfo {
	int measure;      /* index or -1 */
	int part;         /* a breakdown of another figure ("11 women") */
	int bare;         /* nothing but dates/fillers after it: "(789 in 2009)" */
	int label;        /* counts kinds of things ("three categories"): never a measure */
};

static const char *const part_words[] = { "women", "men", "girls", "boys", "minors", "children",
	"adults", "female", "male", "females", "males", "including", "aged" };
static const char *const kind_words[] = { "categories", "types", "kinds", "times", "ways", "forms",
	"stages", "steps", "groups", "articles", "paragraphs", "laws", "decrees", "points", "levels",
	"chapters", "sections", "tiers", "fold", "priorities", "directions", "principles" };
static const char *const filler_words[] = { "in", "during", "for", "the", "of", "and", "alone",
	"only", "respectively", "persons", "people", "year", "by", "as", "at", "end", "to", "on",
	"a", "an", "while", "compared", "with", "against", "about", "than" };

static int word_in(const char *w, size_t n, const char *const *list, size_t nlist)
{
	size_t i;

	if (!n)
		return 0;
	for (i = 0; i < nlist; i++)  /* the lists are short words: compare before strlen */
		if (list[i][0] == w[0] && !strncmp(list[i], w, n) && !list[i][n])
			return 1;
	return 0;
}

static int is_month_or_number(const char *w, size_t n)
{
	static const char *const months[] = { "january", "february", "march", "april", "may", "june",
		"july", "august", "september", "october", "november", "december" };
	size_t i;

	for (i = 0; i < n; i++)
		if (w[i] < '0' || w[i] > '9')
			break;
	if (i == n)
		return 1;
	return word_in(w, n, months, 12);
}

/* Inspect the folded words right after the figure: part (a breakdown noun first) and
 * bare (only fillers and dates up to the clause end). */
static void after_words(const struct window *w, struct figinfo *fi)
{
	const char *key = w->k->key.buf;
	size_t i = w->kfe, nwords = 0;

	fi->part = 0;
	fi->bare = 1;
	fi->label = 0;
	while (i < w->ke) {
		size_t s, e;
		while (i < w->ke && key[i] == ' ')
			i++;
		s = i;
		while (i < w->ke && key[i] != ' ')
			i++;
		e = i;
		if (e == s)
			break;
		if (nwords < 2 && word_in(key + s, e - s, part_words, sizeof(part_words) / sizeof(part_words[0])))
			fi->part = 1;
		if (nwords == 0 && word_in(key + s, e - s, kind_words, sizeof(kind_words) / sizeof(kind_words[0])))
			fi->label = 1;
		if (nwords == 0 && e - s == 2 && !memcmp(key + s, "of", 2)) {
			size_t t = e + 1, u = t;
			while (u < w->ke && key[u] != ' ')
				u++;
			if ((u - t == 4 && (!memcmp(key + t, "them", 4) || !memcmp(key + t, "whom", 4)))
			    || (u - t == 5 && !memcmp(key + t, "which", 5)))
				fi->part = 1;
		}
		if (fi->bare && !word_in(key + s, e - s, filler_words, sizeof(filler_words) / sizeof(filler_words[0]))
		    && !is_month_or_number(key + s, e - s))
			fi->bare = 0;
		nwords++;
		if (nwords >= 2 && !fi->bare)
			break;  /* the later words can change nothing */
	}
}

/* 1 when the words right before the figure mark it as a part ("of whom 12", "including 5"). */
static int part_before(const char *text, size_t ss, size_t fs)
{
	static const struct lead_word lead[] = { LEAD("of whom"), LEAD("of them"), LEAD("of which"),
		LEAD("including"), LEAD("among them"), LEAD("among whom"), LEAD("incl."),
		LEAD("in particular") };

	return fs >= ss && lead_word_end(text, fs, lead, sizeof(lead) / sizeof(lead[0])) >= 0;
}

/* 1 when text[s, e) holds a letter ("migrants: The 57 persons" cuts at the colon,
 * "Refugees in the country: 3,412" does not). */
static int has_letter(const char *text, size_t s, size_t e)
{
	for (; s < e; s++)
		if ((text[s] >= 'a' && text[s] <= 'z') || (text[s] >= 'A' && text[s] <= 'Z'))
			return 1;
	return 0;
}

/* 1 when the figure refers back to a set counted elsewhere ("out of these 2,888
 * foreign nationals", "of the 900 immigrants"): what it counts is not in its clause. */
static int ref_before(const char *text, size_t fs)
{
	static const struct lead_word lead[] = { LEAD("out of"), LEAD("out of these"),
		LEAD("out of the"), LEAD("of these"), LEAD("of the"), LEAD("of those"),
		LEAD("from among") };

	return lead_word_end(text, fs, lead, sizeof(lead) / sizeof(lead[0])) >= 0;
}

/* 1 when the words right before the figure make it a label, not a count ("article
 * 144", "Tier 2", "the age of 18"). */
static int label_before(const char *text, size_t ss, size_t fs)
{
	static const struct lead_word lead[] = { LEAD("article"), LEAD("articles"), LEAD("art."),
		LEAD("paragraph"), LEAD("para."), LEAD("no."), LEAD("no"), LEAD("number"), LEAD("nos."),
		LEAD("tier"), LEAD("level"), LEAD("category"), LEAD("categories"), LEAD("grade"),
		LEAD("class"), LEAD("group"), LEAD("chapter"), LEAD("section"), LEAD("point"),
		LEAD("item"), LEAD("clause"), LEAD("annex"), LEAD("part"), LEAD("age of"), LEAD("aged"),
		LEAD("decree"), LEAD("decision"), LEAD("resolution"), LEAD("order"), LEAD("law"),
		LEAD("code"), LEAD("page"), LEAD("p."), LEAD("pp."), LEAD("table"), LEAD("figure"),
		LEAD("box"), LEAD("room"), LEAD("phase"), LEAD("stage") };

	/* "144-3", "144-1": one part of a hyphenated article or code number */
	if (fs >= 2 && fs > ss && text[fs - 1] == '-' && text[fs - 2] >= '0' && text[fs - 2] <= '9')
		return 1;
	return fs >= ss && lead_word_end(text, fs, lead, sizeof(lead) / sizeof(lead[0])) >= 0;
}

/* 1 when the figure is followed by "-digit" ("144-1"): a number, not a count. */
static int label_after(const char *text, size_t len, size_t fe)
{
	return fe + 1 < len && text[fe] == '-' && text[fe + 1] >= '0' && text[fe + 1] <= '9';
}

static void set_or_clear(struct fact *f, const char *key, const char *v)
{
	fact_set(f, key, v && *v ? v : NULL);
}

/* Window of folded text for bytes [s, e) of the folded block, around figure [fs, fe). */
static void window_set(struct window *w, const struct docctx *dc, size_t s, size_t e, size_t fs,
		       size_t fe)
{
	const struct phrase_key *k = &dc->k;

	memset(w, 0, sizeof(*w));
	w->k = k;
	w->occ = &dc->occ;
	w->kb = phrase_key_pos(k, s);
	w->ke = phrase_key_pos(k, e);
	w->kfs = phrase_key_pos(k, fs);
	w->kfe = phrase_key_pos(k, fe);
	if (w->kfe < w->kfs)
		w->kfe = w->kfs;
}

/* The caption of a table: the short block right before it. */
static const struct block *table_caption(const struct document *doc, const struct block *b)
{
	size_t i = b->id - 1;  /* index of b */
	size_t back;

	for (back = 1; back <= 2 && back <= i; back++) {
		const struct block *c = &doc->blocks[i - back];
		if (c->kind == BLOCK_FOOTNOTE)
			continue;
		if ((c->kind == BLOCK_HEADING || c->kind == BLOCK_PARAGRAPH) && c->len < 300)
			return c;
		break;
	}
	return NULL;
}

/* "Source: …" of a table: a row of it, or one of the two blocks after it. */
static char *table_source(const struct docctx *dc, const struct block *b)
{
	size_t i = b->id - 1, next;
	char *s = source_text(dc, b->id, b, 0, b->len, 1);

	if (s)
		return s;
	for (next = 1; next <= 2 && i + next < dc->doc->nblocks; next++) {
		const struct block *n = &dc->doc->blocks[i + next];
		if (n->kind == BLOCK_TABLE || n->kind == BLOCK_HEADING)
			break;
		if (ci_prefix(n->text, n->len, "source"))
			return source_text(dc, n->id, n, 0, n->len, 1);
	}
	return NULL;
}

static int total_like(const char *s)
{
	size_t n = s ? strlen(s) : 0, i;

	if (!n)
		return 1;
	if (ci_prefix(s, n, "total") || ci_prefix(s, n, "all ") || ci_prefix(s, n, "both sexes"))
		return 1;
	for (i = 0; i < n; i++)
		if (!(s[i] >= '0' && s[i] <= '9') && s[i] != ' ' && s[i] != '-' && (unsigned char)s[i] < 0x80
		    && s[i] != '/')
			return 0;
	return 1;  /* a year or range of years */
}

/* 1 when column col sits under an "of which" / "including" header: a breakdown. */
static int breakdown_col(const struct block *b, size_t col)
{
	size_t c, s, e, r;

	for (r = 0; r < 2 && r < b->nrows; r++)
		for (c = 1; c <= col; c++)
			if (block_cell(b, r, c, &s, &e) == 0
			    && (ci_prefix(b->text + s, e - s, "of which") || ci_prefix(b->text + s, e - s, "of them")
				|| ci_prefix(b->text + s, e - s, "of whom") || ci_prefix(b->text + s, e - s, "including")
				|| ci_prefix(b->text + s, e - s, "incl")))
				return 1;
	return 0;
}

static void cell_text(const struct block *b, size_t row, size_t col, struct strbuf *out)
{
	size_t s, e;

	strbuf_reset(out);
	if (block_cell(b, row, col, &s, &e) == 0)
		strbuf_add(out, b->text + s, e - s);
}

static void attribute_table_figure(struct docctx *dc, const struct block *b, struct fact *f,
				   size_t fs, const struct block *caption, const char *source)
{
	struct strbuf rh = STRBUF_INIT, ch = STRBUF_INIT, all = STRBUF_INIT;
	const char *frh = fact_get(f, "row_header"), *fch = fact_get(f, "col_header");
	const char *unit = fact_get(f, "unit");
	struct window hw, cw;
	struct period per;
	int m = -1, have_period = 0;
	size_t row, col;
	const struct measures *ms = dc->ms;

	block_cell_at(b, fs, &row, &col);
	if (frh)
		strbuf_adds(&rh, frh);
	else if (col > 0)
		cell_text(b, row, 0, &rh);
	if (fch)
		strbuf_adds(&ch, fch);
	else if (row > 0)
		cell_text(b, b->header_rows ? b->header_rows - 1 : 0, col, &ch);

	/* measure: row header, then column header, then caption when the row is a total */
	strbuf_addf(&all, "%s | %s | %s", rh.buf, ch.buf, caption ? caption->text : "");
	if (dc_fold(dc, all.buf, all.len) == 0) {
		size_t r_end = rh.len, c_end = rh.len + 3 + ch.len;
		struct window nw;
		/* context: everything; none-of: the headers only */
		window_set(&cw, dc, 0, all.len, 0, 0);
		window_set(&nw, dc, 0, c_end, 0, 0);
		free(scope_find(dc, &cw));
		nw.in_home = cw.in_home;
		nw.from_home = cw.from_home;
		/* a caption that names one measure says what the whole table counts: the
		 * cells of its total rows and columns count it, the others are breakdowns;
		 * a caption naming several measures leaves it to the headers */
		int cm = -1;
		if (caption) {
			window_set(&hw, dc, c_end, all.len, c_end, c_end);
			if (measure_count(ms, &dc->pick, &hw, &cw, unit) == 1)
				cm = measure_pick(ms, &dc->pick, &hw, &cw, &cw, unit);
		}
		if (!total_like(rh.buf) || !total_like(ch.buf) || breakdown_col(b, col)) {
			/* the headers name what the cell counts, or it is a breakdown */
			window_set(&hw, dc, 0, r_end, 0, 0);
			m = measure_pick(ms, &dc->pick, &hw, &cw, &nw, unit);
			if (m < 0) {
				window_set(&hw, dc, r_end, c_end, r_end, r_end);
				m = measure_pick(ms, &dc->pick, &hw, &cw, &nw, unit);
			}
			if (breakdown_col(b, col))
				m = -1;
		} else if (cm >= 0) {
			if (termset_find(&nw, &ms->m[cm].none, NULL) < 0)
				m = cm;
		} else {
			window_set(&hw, dc, 0, c_end, 0, 0);
			m = measure_pick(ms, &dc->pick, &hw, &cw, &nw, unit);
		}
	}
	/* period: a date in the row header, the column header, else the caption */
	if (rh.len && period_in_text(rh.buf, rh.len, &per))
		have_period = 1;
	else if (ch.len && period_in_text(ch.buf, ch.len, &per))
		have_period = 1;
	else if (caption && period_in_text(caption->text, caption->len, &per)
		 && strcmp(per.kind, "multi-year"))
		have_period = 1;
	if (m >= 0 && have_period && !strcmp(ms->m[m].flow, "stock") && strcmp(per.kind, "multi-year"))
		per.kind = "stock";

	set_or_clear(f, "measure", m >= 0 ? ms->m[m].key : NULL);
	set_or_clear(f, "period_from", have_period ? per.from : NULL);
	set_or_clear(f, "period_to", have_period ? per.to : NULL);
	set_or_clear(f, "period_kind", have_period ? per.kind : NULL);
	set_or_clear(f, "scope", NULL);
	set_or_clear(f, "attributed_to", source);
	strbuf_release(&rh);
	strbuf_release(&ch);
	strbuf_release(&all);
}

/* Figures of one prose block, in order; pos[] holds their byte spans. */
static int attribute_prose(struct docctx *dc, const struct block *b, struct pos *figs, size_t nfig,
			   struct pos *dates, size_t ndates, struct pos *named, size_t nnamed,
			   const struct span *sent, size_t nsent, unsigned char *in_note)
{
	struct figinfo *info = xcalloc(nfig ? nfig : 1, sizeof(*info));
	const struct measures *ms = dc->ms;
	size_t i;

	struct span *orgk = NULL;
	size_t norgk = 0, ocap = 0;

	if (dc_fold(dc, b->text, b->len) < 0) {
		free(info);
		return 0;
	}
	for (i = 0; i < nnamed; i++) {
		XGROW(orgk, ocap, norgk + 1);
		orgk[norgk].start = phrase_key_pos(&dc->k, named[i].bs);
		orgk[norgk].end = phrase_key_pos(&dc->k, named[i].be);
		norgk++;
	}
	for (i = 0; i < nfig; i++) {
		struct fact *f = &dc->facts->v[figs[i].fact];
		size_t fs = figs[i].bs, fe = figs[i].be, ss = 0, se = b->len, cs, ce, j, asp_s = 0, asp_e = 0;
		const char *unit = fact_get(f, "unit");
		struct window hw, sw, scw;
		struct period per;
		int have = 0, m, cont;
		char *scope, *attr;
		size_t best = (size_t)-1;

		for (j = 0; j < nsent; j++)
			if (sent[j].start <= fs && fs < sent[j].end) {
				ss = sent[j].start;
				se = sent[j].end;
				break;
			}
		/* inline footnotes ("[6: Over 6,300 …]") and bracketed notes are sentences
		 * of their own */
		for (j = fs; j > ss; j--)
			if (b->text[j - 1] == '[' || b->text[j - 1] == ']') {
				size_t d2 = j;
				while (d2 < fs && b->text[d2] >= '0' && b->text[d2] <= '9')
					d2++;
				if (b->text[j - 1] == '[' && d2 > j && d2 < fs && b->text[d2] == ':')
					in_note[figs[i].fact] = 1;  /* "[6: Over 6,300 …]" */
				ss = j;
				break;
			}
		if (b->kind == BLOCK_FOOTNOTE)
			in_note[figs[i].fact] = 1;
		for (j = fe; j < se; j++)
			if (b->text[j] == '[' || b->text[j] == ']') {
				se = j;
				break;
			}
		/* a figure across a sentence break ("approx. 592" split after "approx."):
		 * its sentence is taken to hold all of it, so no window ends before it */
		if (ss > fs)
			ss = fs;
		if (se < fe)
			se = fe;
		/* the clause: between the neighbouring figures, within ';' and 200 bytes */
		cs = ss;
		ce = se;
		if (i > 0 && figs[i - 1].be > cs && figs[i - 1].be <= fs)
			cs = figs[i - 1].be;
		if (i + 1 < nfig && figs[i + 1].bs < ce && figs[i + 1].bs >= fe)
			ce = figs[i + 1].bs;
		for (j = fs; j > cs; j--)
			if (b->text[j - 1] == ';' || (b->text[j - 1] == ':' && has_letter(b->text, j, fs))
			    || (j >= 3 && (unsigned char)b->text[j - 3] == 0xE2 && (unsigned char)b->text[j - 2] == 0x80
				&& ((unsigned char)b->text[j - 1] == 0x93 || (unsigned char)b->text[j - 1] == 0x94))) {
				cs = j;
				break;
			}
		for (j = fe; j < ce; j++)
			if (b->text[j] == ';') {
				ce = j;
				break;
			}
		if (i > 0 && cs == figs[i - 1].be) {
			/* "2,618 refugees and 686,586 IDPs": the words up to the coordinator
			 * belong to the previous figure */
			size_t c2 = ci_find(b->text, cs, fs, " and ");
			if (c2 == (size_t)-1)
				c2 = ci_find(b->text, cs, fs, ", ");
			if (c2 != (size_t)-1 && c2 > cs)
				cs = c2 + 1;
		}
		if (fs > cs + 200)
			cs = fs - 200;
		if (ce > fe + 200)
			ce = fe + 200;

		window_set(&hw, dc, cs, ce, fs, fe);
		window_set(&sw, dc, ss, se, fs, fe);
		hw.skip = sw.skip = orgk;
		hw.nskip = sw.nskip = norgk;
		{
			/* a place names the scope when it stands in the figure's own phrase:
			 * "5,517, most of them from Georgia" does not scope the 5,517 */
			const char *comma = memchr(b->text + fe, ',', ce - fe);
			size_t sce = comma ? (size_t)(comma - b->text) : ce;
			window_set(&scw, dc, cs, sce, fs, fe);
			scw.skip = orgk;
			scw.nskip = norgk;
			scope = scope_find(dc, &scw);
			free(scope_find(dc, &hw));  /* in_home / from_home of the clause */
		}
		free(scope_find(dc, &sw));
		after_words(&hw, &info[i]);
		if (part_before(b->text, cs, fs))
			info[i].part = 1;
		/* "…, including 11 Afghans, 5 Pakistanis and 1 Iranian": the list goes on */
		cont = 0;
		if (i > 0 && info[i - 1].part && figs[i - 1].be >= ss && figs[i - 1].be <= fs
		    && fs - figs[i - 1].be <= 40 && !memchr(b->text + figs[i - 1].be, ';', fs - figs[i - 1].be)
		    && !memchr(b->text + figs[i - 1].be, '.', fs - figs[i - 1].be)
		    && !memchr(b->text + figs[i - 1].be, ')', fs - figs[i - 1].be))
			info[i].part = cont = 1;
		if (part_before(b->text, cs, fs))
			cont = 1;
		m = label_before(b->text, ss, fs) || label_after(b->text, b->len, fe) || info[i].label
			    || ref_before(b->text, fs)
			    ? -1 : measure_pick(ms, &dc->pick, &hw, &sw, &hw, unit);
		if (m >= 0 && cont)
			m = -1;  /* "including 11 Afghans, 5 Pakistanis and 1 Turk" */
		if (m >= 0 && info[i].part) {
			/* a breakdown keeps a measure only when its own words name one right after it */
			struct window aw = hw;
			aw.kb = hw.kfe;
			aw.ke = hw.kfe + 28 < hw.ke ? hw.kfe + 28 : hw.ke;  /* about four words */
			if (measure_pick(ms, &dc->pick, &aw, &sw, &hw, unit) != m)
				m = -1;
		}
		if (m < 0 && !info[i].part && i > 0 && figs[i - 1].be <= fs && fs - figs[i - 1].be <= 60
		    && !memchr(b->text + figs[i - 1].be, ';', fs - figs[i - 1].be)
		    && figs[i - 1].bs >= ss && is_lower_ascii_word_end(b->text, figs[i - 1].bs, figs[i - 1].bs, "between")
		    && (ci_find(b->text, figs[i - 1].be, fs, " and ") != (size_t)-1
			|| ci_find(b->text, figs[i - 1].be, fs, " to ") != (size_t)-1))
			m = info[i - 1].measure;  /* "between 579,000 … and 687,000 IDPs" */
		if (m < 0 && info[i].bare && !info[i].part) {
			/* "… 30 victims in 2004 and only nine in 2005": take the measure of the
			 * nearest earlier whole figure of the sentence with the same unit */
			size_t k2;
			for (k2 = i; k2-- > 0;) {
				const struct fact *pf = &dc->facts->v[figs[k2].fact];
				const char *pu = fact_get(pf, "unit");
				if (figs[k2].bs < ss)
					break;
				if (info[k2].part)
					continue;
				if (info[k2].measure >= 0 && pu && unit && !strcmp(pu, unit))
					m = info[k2].measure;
				break;
			}
		}
		info[i].measure = m;

		/* attribution */
		attr = attrib_sentence(dc, b->id, b, ss, se, fs, fe, &asp_s, &asp_e);
		if (!attr)
			attr = attrib_footnote(dc, b, fe, se);

		/* period: the first clean date after the figure, else the nearest before it,
		 * else a date after a run of coordinated figures */
		{
			size_t after_clean = (size_t)-1, before = (size_t)-1, after_any = (size_t)-1;
			/* "2,618 refugees and 686,586 IDPs were registered … by the end of 2006":
			 * a figure coordinated with the next one shares its date */
			int coordinated = i + 1 < nfig && figs[i + 1].bs >= fe && figs[i + 1].bs - fe <= 40
					  && figs[i + 1].bs <= se
					  && (ci_find(b->text, fe, figs[i + 1].bs, " and ") != (size_t)-1
					      || ci_find(b->text, fe, figs[i + 1].bs, " or ") != (size_t)-1)
					  && !memchr(b->text + fe, '(', figs[i + 1].bs - fe)
					  && !memchr(b->text + fe, ')', figs[i + 1].bs - fe);
			for (j = 0; j < ndates; j++) {
				size_t ds = dates[j].bs, de = dates[j].be, k2;
				const struct fact *df = &dc->facts->v[dates[j].fact];
				int lead, bad = 0;
				if (ds < ss || de > se)
					continue;
				if (ds < fe && de > fs)
					continue;
				if (asp_e > asp_s && ds >= asp_s && de <= asp_e)
					continue;
				for (k2 = 0; k2 < nnamed; k2++)
					if (ds < named[k2].be && de > named[k2].bs)
						bad = 1;
				if (bad)
					continue;
				lead = date_lead(b->text, b->len, ds, fact_get(df, "precision"));
				if (ds >= fe && !between_clean_paren(b->text, fe, ds, figs, nfig))
					continue;
				if (lead == 2 && ci_find(df->quote, 0, strlen(df->quote), "end of") != (size_t)-1)
					lead = 3;
				if (!lead)
					continue;
				if (ds >= fe) {
					int between = 0, semi = 0;
					for (k2 = 0; k2 < nfig; k2++)
						if (figs[k2].bs >= fe && figs[k2].be <= ds)
							between = 1;
					for (k2 = fe; k2 < ds; k2++)
						if (b->text[k2] == ';')
							semi = 1;
					/* a date that opens the next clause (", and in September 2023
					 * alone, 873 …") belongs to the figure after it */
					if (ci_find(b->text, fe, ds, ", and ") != (size_t)-1
					    || ci_find(b->text, fe, ds, ", but ") != (size_t)-1
					    || ci_find(b->text, fe, ds, ", while ") != (size_t)-1
					    || ci_find(b->text, fe, ds, ", whereas ") != (size_t)-1)
						semi = 1;
					for (k2 = 0; k2 < nfig; k2++)
						if (ds > fe + 10 && figs[k2].bs >= de && figs[k2].bs <= de + 12 && k2 != i
						    && memchr(b->text + de, ',', figs[k2].bs - de)
						    && !date_right_after(dates, ndates, figs[k2].be))
							semi = 1;
					if (semi || ds - fe > 160)
						continue;
					if (!between && after_clean == (size_t)-1)
						after_clean = j;
					if (after_any == (size_t)-1 && coordinated && !paren_opens(b->text, fe, ds))
						after_any = j;
				} else {
					int semi = 0;
					for (k2 = de; k2 < fs; k2++)
						if (b->text[k2] == ';')
							semi = 1;
					/* "2 in 2022, 1 in …": a date right after another figure is
					 * that figure's own */
					for (k2 = 0; k2 < nfig; k2++)
						if (k2 != i && figs[k2].be <= ds && ds - figs[k2].be <= 8)
							semi = 1;
					/* "5 were accepted in 2021, 3 in 2022 and 2 in …": a date
					 * that closes an earlier figure's clause is that figure's,
					 * unless this figure opens a bracket right after it
					 * ("identified in 2004 (11 women …") */
					if (!semi && !bracket_after(b->text, de, fs)) {
						for (k2 = 0; k2 < nfig; k2++) {
							size_t k3;
							int clean = 1;
							if (k2 == i || figs[k2].be > ds || figs[k2].bs < ss || ds - figs[k2].be > 60)
								continue;
							for (k3 = 0; k3 < nfig; k3++)
								if (figs[k3].bs >= figs[k2].be && figs[k3].be <= ds)
									clean = 0;
							if (memchr(b->text + figs[k2].be, ',', ds - figs[k2].be)
							    || memchr(b->text + figs[k2].be, ';', ds - figs[k2].be))
								clean = 0;  /* ", and in September 2023 alone, 873" */
							if (clean)
								semi = 1;
						}
					}
					if (!semi && !in_closed_paren(b->text, ss, ds, de, fs))
						before = j;  /* the last one before the figure */
				}
			}
			best = after_clean != (size_t)-1 ? after_clean : before != (size_t)-1 ? before : after_any;
			if (best != (size_t)-1) {
				const struct fact *df = &dc->facts->v[dates[best].fact];
				const char *df_from = fact_get(df, "date_from"), *df_to = fact_get(df, "date_to");
				if (df_from && df_to && strlen(df_from) >= 10 && strlen(df_to) >= 10) {
					int lead = date_lead(b->text, b->len, dates[best].bs, fact_get(df, "precision"));
					if (ci_find(df->quote, 0, strlen(df->quote), "end of") != (size_t)-1
					    || ci_find(df->quote, 0, strlen(df->quote), "beginning of") != (size_t)-1)
						lead = 3;
					period_from_date(&per, df_from, df_to, df->quote, fact_get(df, "precision"), lead);
					have = 1;
				}
			}
		}
		if (!have)
			have = period_from_breakdown(dc->doc, b, &dc->facts->v[0], figs, nfig, dates, ndates,
						     i, se, &per);
		if (have) {
			/* not in the index (id -1): term_find scans for them directly */
			static const struct term avg[] = { { "per year", 8, 0, 0, -1, -1, -1, 0 },
				{ "annually", 8, 0, 0, -1, -1, -1, 0 }, { "a year", 6, 0, 0, -1, -1, -1, 0 },
				{ "each year", 9, 0, 0, -1, -1, -1, 0 }, { "every year", 10, 0, 0, -1, -1, -1, 0 },
				{ "on average", 10, 0, 0, -1, -1, -1, 0 }, { "average", 7, 0, 0, -1, -1, -1, 0 },
				{ "per annum", 9, 0, 0, -1, -1, -1, 0 } };
			struct termset ts = { (struct term *)avg, sizeof(avg) / sizeof(avg[0]), 0 };
			if (termset_find(&hw, &ts, NULL) >= 0)
				per.kind = "average";
			else if (m >= 0 && !strcmp(ms->m[m].flow, "stock") && strcmp(per.kind, "multi-year"))
				per.kind = "stock";
		}
		set_or_clear(f, "measure", m >= 0 ? ms->m[m].key : NULL);
		set_or_clear(f, "period_from", have ? per.from : NULL);
		set_or_clear(f, "period_to", have ? per.to : NULL);
		set_or_clear(f, "period_kind", have ? per.kind : NULL);
		set_or_clear(f, "scope", scope);
		set_or_clear(f, "attributed_to", attr);
		free(scope);
		free(attr);
	}
	free(orgk);
	free(info);
	return 0;
}

/* A note that restates a figure of the text ("[6: Over 6,300 illegal migrants
 * detained …]") without a date of its own: it takes the period of the figure with
 * the same value, unit and measure that the text dates. */
static void note_periods(struct fact_list *facts, const unsigned char *in_note)
{
	size_t i, j;

	for (i = 0; i < facts->n; i++) {
		struct fact *f = &facts->v[i];
		const char *m = fact_get(f, "measure"), *v = fact_get(f, "value"), *u = fact_get(f, "unit");
		if (!in_note[i] || f->kind != FACT_FIGURE || !m || !v || !u || fact_get(f, "period_from"))
			continue;
		for (j = 0; j < facts->n; j++) {
			const struct fact *g = &facts->v[j];
			const char *gm, *gv, *gu;
			if (j == i || in_note[j] || g->kind != FACT_FIGURE || !fact_get(g, "period_from"))
				continue;
			gm = fact_get(g, "measure");
			gv = fact_get(g, "value");
			gu = fact_get(g, "unit");
			if (!gm || !gv || !gu || strcmp(gm, m) || strcmp(gv, v) || strcmp(gu, u))
				continue;
			fact_set(f, "period_from", fact_get(g, "period_from"));
			fact_set(f, "period_to", fact_get(g, "period_to"));
			fact_set(f, "period_kind", fact_get(g, "period_kind"));
			break;
		}
	}
}

static int run_attribute(const struct document *doc, const struct lexicon *lex, struct fact_list *facts,
			 struct diag *d)
{
	struct docctx dc;
	struct sentence_breaker *sb = NULL;
	struct pos *figs = NULL, *dates = NULL, *named = NULL;
	size_t fcap = 0, dcap = 0, ncap = 0, i = 0;
	unsigned char *in_note;
	int rc = 0;

	memset(&dc, 0, sizeof(dc));
	dc.doc = doc;
	dc.facts = facts;
	dc.ms = measures_get(lex);
	if (!dc.ms) {
		static const struct measures empty;
		dc.ms = &empty;
	}
	phrase_key_init(&dc.k);
	pick_scratch_init(&dc.pick, dc.ms->nm);
	dc.home = home_detect(&dc);
	in_note = xcalloc(facts->n + 1, 1);
	while (i < facts->n) {
		size_t blk = facts->v[i].block, j, nf = 0, nd = 0, nn = 0;
		const struct block *b;

		for (j = i; j < facts->n && facts->v[j].block == blk; j++) {
			const struct fact *f = &facts->v[j];
			struct pos p;
			if (blk < 1 || blk > doc->nblocks)
				continue;
			p.fact = j;
			p.bs = extract_byte_offset(&doc->blocks[blk - 1], f->start);
			p.be = extract_byte_offset(&doc->blocks[blk - 1], f->end);
			if (f->kind == FACT_FIGURE) {
				XGROW(figs, fcap, nf + 1);
				figs[nf++] = p;
			} else if (f->kind == FACT_DATE) {
				XGROW(dates, dcap, nd + 1);
				dates[nd++] = p;
			} else if (f->kind == FACT_LAW || f->kind == FACT_DECREE || f->kind == FACT_ORG) {
				XGROW(named, ncap, nn + 1);
				named[nn++] = p;
			}
		}
		if (nf && blk >= 1 && blk <= doc->nblocks) {
			b = &doc->blocks[blk - 1];
			if (b->kind == BLOCK_TABLE) {
				const struct block *cap = table_caption(doc, b);
				char *src = table_source(&dc, b);
				size_t k2;
				for (k2 = 0; k2 < nf; k2++)
					attribute_table_figure(&dc, b, &facts->v[figs[k2].fact], figs[k2].bs, cap, src);
				free(src);
			} else {
				struct span *sent = NULL;
				size_t nsent = 0;
				const struct span *have = extract_block_sentences(doc, b, &nsent);
				if (have) {
					attribute_prose(&dc, b, figs, nf, dates, nd, named, nn, have, nsent, in_note);
					i = j;
					continue;
				}
				if (!sb) {
					sb = sentence_breaker_new(doc->lang, d);
					if (!sb) {
						rc = -1;
						break;
					}
				}
				if (sentence_breaker_split(sb, b->text, b->len, &sent, &nsent, d) < 0) {
					rc = -1;
					break;
				}
				attribute_prose(&dc, b, figs, nf, dates, nd, named, nn, sent, nsent, in_note);
				free(sent);
			}
		}
		i = j;
	}
	if (!rc)
		note_periods(facts, in_note);
	free(in_note);
	free(figs);
	free(dates);
	free(named);
	phrase_key_release(&dc.k);
	pick_scratch_release(&dc.pick);
	free(dc.occ.v);
	sentence_breaker_free(sb);
	return rc;
}

const struct pass attribute_pass = { "attribute", run_attribute };
