/* context.c: what a fact row carries besides its own columns: where its context lies
 * in the block (the sentence or table row around the quote, cut to about CONTEXT_SIDE
 * bytes each side; the views cut it out of block.text) and the JSON of the fields that
 * have no column. Exports fact_texts_of for one fact, and fact_texts_start /
 * fact_texts_wait for all the facts of a new document, computed on a thread of their
 * own while the writer stores the blocks and their full-text index (they depend on
 * the block text alone, never on the store).
 *
 * Invariant: fact_texts_wait gives for fact i exactly what fact_texts_of gives when
 * called on the facts in order with the same blocks. */
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>

#include "banned.h"

/* Context is cut to about this many bytes on each side of the quote. */
#define CONTEXT_SIDE 240

/* Byte offset n code points after byte i (stops at len). */
static size_t advance_cp(const char *t, size_t len, size_t i, size_t n)
{
	for (; i < len && n; n--)
		for (i++; i < len && ((unsigned char)t[i] & 0xC0) == 0x80; i++)
			;
	return i;
}

/* Code points in bytes [from, to) of t. */
static size_t count_cp(const char *t, size_t from, size_t to)
{
	size_t n = 0;

	for (; from < to; from++)
		n += ((unsigned char)t[from] & 0xC0) != 0x80;
	return n;
}

static size_t block_byte_of_cp(struct loaded_block *b, size_t cp)
{
	size_t from;

	if (cp < b->cur_cp) {
		b->cur_cp = 0;
		b->cur_byte = 0;
	}
	from = b->cur_byte;
	b->cur_byte = advance_cp(b->text, b->len, from, cp - b->cur_cp);
	/* a code point past the end stops at it: cur_cp stays exact */
	b->cur_cp = b->cur_byte < b->len ? cp : b->cur_cp + count_cp(b->text, from, b->cur_byte);
	return b->cur_byte;
}

/* Words after which a full stop does not end a sentence. */
static const char *const abbreviations[] = {
	"No", "Nos", "no", "nos", "art", "Art", "arts", "para", "paras", "Para", "p", "pp",
	"Mr", "Mrs", "Ms", "Dr", "St", "vol", "Vol", "e.g", "i.e", "etc", "cf", "Rev", "Add",
	"Corr", "Suppl", "approx", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep",
	"Sept", "Oct", "Nov", "Dec", "Ltd", "Inc", "Co",
};

static int is_abbreviation(const char *t, size_t dot)
{
	size_t w = dot, i;

	while (w > 0 && t[w - 1] != ' ' && t[w - 1] != '(')
		w--;
	if (dot - w == 1)
		return 1;  /* initials: "J. Smith", "(a)." is rare enough */
	for (i = 0; i < sizeof(abbreviations) / sizeof(abbreviations[0]); i++)
		if (strlen(abbreviations[i]) == dot - w && !memcmp(t + w, abbreviations[i], dot - w))
			return 1;
	return 0;
}

/* Is byte at a sentence end ("." "?" "!" followed by a space and a capital or digit)? */
static int sentence_end(const char *t, size_t len, size_t at)
{
	unsigned char next;

	if (t[at] != '.' && t[at] != '?' && t[at] != '!')
		return 0;
	if (at + 1 >= len)
		return 1;
	if (t[at + 1] != ' ' || at + 2 >= len)
		return 0;
	next = (unsigned char)t[at + 2];
	if (!((next >= 'A' && next <= 'Z') || (next >= '0' && next <= '9') || next >= 0x80 ||
	      next == '"' || next == '('))
		return 0;
	return !(t[at] == '.' && is_abbreviation(t, at));
}

/* Can a sentence start at byte s (the start of the text or just after an end)? */
static int sentence_start(const char *t, size_t len, size_t s)
{
	return s == 0 || (s >= 2 && sentence_end(t, len, s - 2));
}

/* The sentence bounds [s, e) around bytes [bs, be) of a paragraph: s the last start
 * at or before bs, e the first end at or after be (the full stop excluded). The
 * previous answer bounds the scans: no start lies in (sent_s, sent_bs], no end in
 * [sent_be, sent_e). */
static void sentence_bounds(struct loaded_block *b, size_t bs, size_t be, size_t *s_out,
			    size_t *e_out)
{
	const char *t = b->text;
	size_t len = b->len, s = bs, e = be;

	if (b->have_sentence && bs >= b->sent_bs) {
		while (s > b->sent_bs && !sentence_start(t, len, s))
			s--;
		if (s == b->sent_bs)
			s = b->sent_s;
	} else {
		while (s > 0 && !sentence_start(t, len, s))
			s--;
	}
	if (b->have_sentence && be >= b->sent_be && be <= b->sent_e) {
		e = b->sent_e;
	} else {
		while (e < len && !sentence_end(t, len, e))
			e++;
	}
	b->have_sentence = 1;
	b->sent_bs = bs;
	b->sent_s = s;
	b->sent_be = be;
	b->sent_e = e;
	*s_out = s;
	*e_out = e;
}

/* Append bytes [s, e) of t to out, tabs and line ends (table cells and rows) as
 * spaces, "…" before and after as cut says: what the view fact_sentence shows. */
static void context_text(const char *t, size_t s, size_t e, int cut, struct strbuf *out)
{
	size_t i;
	char *p;

	if (cut & FACT_CONTEXT_CUT_BEFORE)
		strbuf_adds(out, "…");
	strbuf_grow(out, e - s);
	p = out->buf + out->len;
	for (i = s; i < e; i++)
		*p++ = t[i] == '\n' || t[i] == '\t' ? ' ' : t[i];
	strbuf_setlen(out, out->len + (e - s));
	if (cut & FACT_CONTEXT_CUT_AFTER)
		strbuf_adds(out, "…");
}

/* The context of the quote at bytes [bs, be) of b, code points [cs, ce): the sentence
 * (or table row) around it, cut at a space about CONTEXT_SIDE bytes from the quote;
 * its text appended to text unless that is NULL. */
static void context_of(struct loaded_block *b, size_t bs, size_t be, size_t cs, size_t ce,
		       struct fact_context *ctx, struct strbuf *text)
{
	const char *t = b->text;
	size_t len = b->len, s = bs, e = be, cut;

	if (b->table) {
		while (s > 0 && t[s - 1] != '\n')
			s--;
		while (e < len && t[e] != '\n')
			e++;
	} else {
		sentence_bounds(b, bs, be, &s, &e);
		if (e < len)
			e++;  /* keep the full stop */
	}
	ctx->cut = 0;
	if (bs > s + CONTEXT_SIDE) {
		cut = bs - CONTEXT_SIDE;
		while (cut < bs && t[cut] != ' ')
			cut++;
		s = cut < bs ? cut + 1 : bs;
		ctx->cut |= FACT_CONTEXT_CUT_BEFORE;
	}
	cut = e;
	if (e > be + CONTEXT_SIDE) {
		cut = be + CONTEXT_SIDE;
		while (cut > be && t[cut] != ' ')
			cut--;
	}
	if (cut < e)
		ctx->cut |= FACT_CONTEXT_CUT_AFTER;
	/* s <= bs <= be <= cut: count from the quote, not from the block start */
	ctx->start = cs - count_cp(t, s, bs);
	ctx->end = ce + count_cp(t, be, cut);
	if (text)
		context_text(t, s, cut, ctx->cut, text);
}

/* Laws and decrees keep their context as text too (fact.sentence): the discrepancy
 * rules read it for every mention. */
static int keeps_sentence(const struct fact *f)
{
	return f->kind == FACT_LAW || f->kind == FACT_DECREE;
}

/* Append the fields of f that have no column of their own to sb as one JSON object;
 * nothing when there are none. */
static void extra_json(const struct fact *f, struct strbuf *sb)
{
	size_t i, n = 0;

	for (i = 0; i < f->nfields; i++) {
		if (fact_column_of(f->fields[i].key) >= 0)
			continue;
		strbuf_addch(sb, n++ ? ',' : '{');
		store_json_string(sb, f->fields[i].key);
		strbuf_addch(sb, ':');
		store_json_string(sb, f->fields[i].value);
	}
	if (n)
		strbuf_addch(sb, '}');
}

/* Bytes [bs, be) and code points [cs, ce) of f's quote in b (both clamped to b). */
static void quote_span(struct loaded_block *b, const struct fact *f, size_t *bs, size_t *be,
		       size_t *cs, size_t *ce)
{
	*bs = block_byte_of_cp(b, f->start);
	*cs = b->cur_cp;
	*be = *bs;
	*ce = *cs;
	if (f->end > f->start) {
		*be = advance_cp(b->text, b->len, *bs, f->end - f->start);
		*ce = *be < b->len ? *cs + (f->end - f->start) : *cs + count_cp(b->text, *bs, *be);
	}
}

void fact_texts_of(struct loaded_block *b, const struct fact *f, struct fact_context *ctx,
		   struct strbuf *sentence, struct strbuf *extra)
{
	size_t bs, be, cs, ce;

	quote_span(b, f, &bs, &be, &cs, &ce);
	strbuf_reset(sentence);
	context_of(b, bs, be, cs, ce, ctx, keeps_sentence(f) ? sentence : NULL);
	strbuf_reset(extra);
	extra_json(f, extra);
}

/* ---- all the facts of a new document, off the writer's thread ---- */

static void *fact_texts_run(void *arg)
{
	struct fact_texts *t = arg;
	const struct document *doc = t->doc;
	struct loaded_block *blocks = xcalloc(doc->nblocks + 1, sizeof(*blocks));
	size_t i, bs, be, cs, ce;

	for (i = 0; i < doc->nblocks; i++) {
		blocks[i].text = doc->blocks[i].text ? doc->blocks[i].text : "";
		blocks[i].len = doc->blocks[i].text ? doc->blocks[i].len : 0;
		blocks[i].table = doc->blocks[i].kind == BLOCK_TABLE;
	}
	for (i = 0; i < t->facts->n; i++) {
		const struct fact *f = &t->facts->v[i];
		t->off[2 * i] = t->buf.len;
		/* a fact outside the document gets an empty context; the writer rejects it */
		if (f->block >= 1 && f->block <= doc->nblocks) {
			struct loaded_block *b = &blocks[f->block - 1];
			quote_span(b, f, &bs, &be, &cs, &ce);
			context_of(b, bs, be, cs, ce, &t->ctx[i], keeps_sentence(f) ? &t->buf : NULL);
			t->off[2 * i + 1] = t->buf.len;
			extra_json(f, &t->buf);
		} else {
			t->off[2 * i + 1] = t->buf.len;
		}
	}
	t->off[2 * t->facts->n] = t->buf.len;
	free(blocks);
	return NULL;
}

void fact_texts_start(struct fact_texts *t, const struct document *doc,
		      const struct fact_list *facts)
{
	memset(t, 0, sizeof(*t));
	t->doc = doc;
	t->facts = facts;
	strbuf_init(&t->buf);
	t->ctx = xcalloc(facts->n + 1, sizeof(*t->ctx));
	t->off = xcalloc(2 * facts->n + 1, sizeof(*t->off));
	task_start(&t->task, fact_texts_run, t, facts->n >= FACT_TEXTS_THREAD_MIN);
}

void fact_texts_wait(struct fact_texts *t)
{
	task_wait(&t->task);
}

void fact_texts_get(const struct fact_texts *t, size_t i, const struct fact_context **ctx,
		    const char **sentence, size_t *sentence_len, const char **extra,
		    size_t *extra_len)
{
	*ctx = &t->ctx[i];
	*sentence = t->buf.buf + t->off[2 * i];
	*sentence_len = t->off[2 * i + 1] - t->off[2 * i];
	*extra = t->buf.buf + t->off[2 * i + 1];
	*extra_len = t->off[2 * i + 2] - t->off[2 * i + 1];
}

void fact_texts_release(struct fact_texts *t)
{
	fact_texts_wait(t);
	strbuf_release(&t->buf);
	free(t->ctx);
	free(t->off);
	t->ctx = NULL;
	t->off = NULL;
}
