/* extract.c: runs the recogniser registry over a document. Exports extract_document,
 * the scan_* helpers and the registry tables. Invariant: every fact appended to the
 * list has a code-point span inside its block and a quote equal to that span. */
#include "extract.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sentences.h"
#include "unicode.h"
#include "banned.h"

/* Order is part of the contract: see extract.h. */
const struct recogniser *const recognisers[] = {
	&laws_recogniser,
	&decrees_recogniser,
	&orgs_recogniser,
	&home_recogniser,  /* after the scans that fold the block (phrase_key_of_block) */
	&dates_recogniser,
	&figures_recogniser,
};
const size_t nrecognisers = sizeof(recognisers) / sizeof(recognisers[0]);

/* Code point index of byte offset b; counts on from the last answer when it can, so
 * that emitting in text order stays linear even in a table of 100,000 cells. */
static size_t cp_of(struct scan *s, size_t b)
{
	if (b < s->cp_byte) {
		s->cp_byte = 0;
		s->cp_char = 0;
	}
	s->cp_char += utf8_chars(s->text + s->cp_byte, b - s->cp_byte);
	s->cp_byte = b;
	return s->cp_char;
}

struct fact *scan_emit(struct scan *s, enum fact_kind kind, size_t bstart, size_t bend)
{
	size_t cs;

	if (bend > s->len)
		bend = s->len;
	if (bstart > bend)
		bstart = bend;
	cs = cp_of(s, bstart);
	return fact_list_take(s->out, kind, s->block->id, cs,
			      cs + utf8_chars(s->text + bstart, bend - bstart),
			      xstrndup(s->text + bstart, bend - bstart));
}

void scan_mark(struct scan *s, size_t bstart, size_t bend, unsigned flags)
{
	size_t i;

	for (i = bstart; i < bend && i < s->len; i++)
		s->mask[i] |= (unsigned char)flags;
}

int scan_masked(const struct scan *s, size_t bstart, size_t bend, unsigned flags)
{
	size_t i;

	for (i = bstart; i < bend && i < s->len; i++)
		if (s->mask[i] & flags)
			return 1;
	return 0;
}

/* The sentence spans of every block of the document being extracted, made when a
 * recogniser or pass first asks for them (most blocks never need them: ICU sentence
 * breaking is the most expensive thing done to a block that holds no figure) and
 * kept for the passes. */
struct sentence_cache {
	const struct document *doc;
	struct sentence_breaker *sb;
	struct span **v;
	size_t *n;
	unsigned char *done;
	int failed;        /* ICU failed on some block: extract_document fails */
	struct diag err;
};

static struct sentence_cache *sent_cache;

static const struct span *sentences_of(struct sentence_cache *sc, size_t i, size_t *n)
{
	if (!sc->done[i]) {
		const struct block *b = &sc->doc->blocks[i];
		sc->done[i] = 1;
		if (sentence_breaker_split(sc->sb, b->text, b->len, &sc->v[i], &sc->n[i], &sc->err) < 0) {
			sc->failed = 1;
			sc->v[i] = NULL;
			sc->n[i] = 0;
		}
	}
	*n = sc->n[i];
	return sc->v[i];
}

struct span scan_sentence(const struct scan *s, size_t at)
{
	struct span whole = { 0, s->len };
	const struct span *v;
	size_t lo = 0, hi = 0;

	if (!s->sent || !s->block->id || s->block->id > s->doc->nblocks)
		return whole;
	v = sentences_of(s->sent, s->block->id - 1, &hi);
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (v[mid].end <= at)
			lo = mid + 1;
		else if (v[mid].start > at)
			hi = mid;
		else
			return v[mid];
	}
	return whole;
}

/* The offset converters' cache: passes ask for offsets near the last ones asked,
 * so each conversion walks from the last answer, forwards or backwards, instead of
 * from the block start: linear over a block, not quadratic. It is keyed by the
 * block's text pointer, which is only unique while one document lives, so
 * extract_document() clears it before every document. */
static const char *last_text;
static size_t last_cp, last_byte;

static void offsets_sync(const struct block *b)
{
	if (b->text != last_text || last_byte > b->len) {
		last_text = b->text;
		last_cp = 0;
		last_byte = 0;
	}
}

/* 1 when the 8 bytes at p are all ASCII: 8 bytes that are 8 code points. */
static int ascii8(const char *p)
{
	uint64_t x;

	memcpy(&x, p, 8);
	return !(x & 0x8080808080808080ULL);
}

size_t extract_byte_offset(const struct block *b, size_t cp)
{
	offsets_sync(b);
	/* whole ASCII words of 8 bytes first: most text is ASCII and the walks are long */
	while (last_cp >= cp + 8 && last_byte >= 8 && ascii8(b->text + last_byte - 8)) {
		last_byte -= 8;
		last_cp -= 8;
	}
	while (last_cp > cp && last_byte > 0) {
		last_byte = (unsigned char)b->text[last_byte - 1] < 0x80 ? last_byte - 1 :
			    utf8_prev(b->text, last_byte);
		last_cp--;
	}
	while (last_byte < b->len && last_cp < cp) {
		if (cp - last_cp >= 8 && b->len - last_byte >= 8 && ascii8(b->text + last_byte)) {
			last_byte += 8;
			last_cp += 8;
			continue;
		}
		unsigned char c = (unsigned char)b->text[last_byte];
		last_byte += c < 0x80 ? 1 : utf8_step(b->text, b->len, last_byte);
		last_cp++;
	}
	return last_byte;
}

size_t extract_cp_offset(const struct block *b, size_t byte)
{
	offsets_sync(b);
	if (byte > b->len)
		byte = b->len;
	if (byte >= last_byte)
		last_cp += utf8_chars(b->text + last_byte, byte - last_byte);
	else
		last_cp -= utf8_chars(b->text + byte, last_byte - byte);
	last_byte = byte;
	return last_cp;
}

const struct span *extract_block_sentences(const struct document *doc, const struct block *b,
					   size_t *n)
{
	const struct span *v;

	if (!sent_cache || doc != sent_cache->doc || !b->id || b->id > doc->nblocks
	    || &doc->blocks[b->id - 1] != b)
		return NULL;
	v = sentences_of(sent_cache, b->id - 1, n);
	return sent_cache->failed ? NULL : v;
}

int extract_document(const struct document *doc, const struct lexicon *lex,
		     struct fact_list *out, struct diag *d)
{
	struct sentence_cache sc;
	unsigned char *mask = NULL;
	size_t i, j, maskcap = 0;
	int rc = -1;

	memset(&sc, 0, sizeof(sc));
	sc.sb = sentence_breaker_new(doc->lang, d);
	if (!sc.sb)
		return -1;
	diag_init(&sc.err);
	last_text = NULL;
	sc.doc = doc;
	sc.v = xcalloc(doc->nblocks + 1, sizeof(*sc.v));
	sc.n = xcalloc(doc->nblocks + 1, sizeof(*sc.n));
	sc.done = xcalloc(doc->nblocks + 1, 1);
	sent_cache = &sc;
	for (i = 0; i < doc->nblocks; i++) {
		const struct block *b = &doc->blocks[i];
		struct scan s;

		XGROW(mask, maskcap, b->len + 1);
		memset(mask, 0, b->len + 1);
		memset(&s, 0, sizeof(s));
		s.doc = doc;
		s.block = b;
		s.text = b->text;
		s.len = b->len;
		s.lex = lex;
		s.mask = mask;
		s.sent = &sc;
		s.out = out;
		for (j = 0; j < nrecognisers; j++)
			if (recognisers[j]->scan(&s, d) < 0)
				goto out;
		if (sc.failed) {
			diag_set(d, "%s", sc.err.msg);
			goto out;
		}
	}
	fact_list_sort(out);
	for (j = 0; j < npasses; j++)
		if (passes[j]->run(doc, lex, out, d) < 0)
			goto out;
	fact_list_sort(out);
	rc = 0;
out:
	for (i = 0; i < doc->nblocks; i++)
		free(sc.v[i]);
	free(sc.v);
	free(sc.n);
	free(sc.done);
	sent_cache = NULL;
	free(mask);
	sentence_breaker_free(sc.sb);
	return rc;
}
