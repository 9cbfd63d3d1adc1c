/* context.c: the two texts a fact row carries besides its fields: the context (the
 * sentence or table row around the quote, cut to about CONTEXT_SIDE bytes each side)
 * and the fields JSON. Exports fact_texts_of for one fact, and fact_texts_start /
 * fact_texts_wait for all the facts of a new document, computed on a thread of their
 * own while the writer stores the blocks and their full-text index (the texts depend
 * on the block text alone, never on the store).
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

static size_t block_byte_of_cp(struct loaded_block *b, size_t cp)
{
	if (cp < b->cur_cp) {
		b->cur_cp = 0;
		b->cur_byte = 0;
	}
	b->cur_byte = advance_cp(b->text, b->len, b->cur_byte, cp - b->cur_cp);
	b->cur_cp = cp;
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

/* Append the context of bytes [bs, be) of b to out. */
static void context_of(struct loaded_block *b, size_t bs, size_t be, struct strbuf *out)
{
	const char *t = b->text;
	size_t len = b->len, s = bs, e = be, cut, i, n;
	char *p;

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
	if (bs > s + CONTEXT_SIDE) {
		cut = bs - CONTEXT_SIDE;
		while (cut < bs && t[cut] != ' ')
			cut++;
		s = cut < bs ? cut + 1 : bs;
		strbuf_adds(out, "…");
	}
	cut = e;
	if (e > be + CONTEXT_SIDE) {
		cut = be + CONTEXT_SIDE;
		while (cut > be && t[cut] != ' ')
			cut--;
	}
	if (cut > s) {
		n = cut - s;
		strbuf_grow(out, n);
		p = out->buf + out->len;
		for (i = 0; i < n; i++)
			p[i] = t[s + i] == '\n' || t[s + i] == '\t' ? ' ' : t[s + i];
		strbuf_setlen(out, out->len + n);
	}
	if (cut < e)
		strbuf_adds(out, "…");
}

/* Append every key=value of f to sb as one JSON object. */
static void fields_json(const struct fact *f, struct strbuf *sb)
{
	size_t i;

	strbuf_addch(sb, '{');
	for (i = 0; i < f->nfields; i++) {
		if (i)
			strbuf_addch(sb, ',');
		store_json_string(sb, f->fields[i].key);
		strbuf_addch(sb, ':');
		store_json_string(sb, f->fields[i].value);
	}
	strbuf_addch(sb, '}');
}


/* Bytes [bs, be) of f's quote in b. */
static void quote_span(struct loaded_block *b, const struct fact *f, size_t *bs, size_t *be)
{
	*bs = block_byte_of_cp(b, f->start);
	*be = f->end > f->start ? advance_cp(b->text, b->len, *bs, f->end - f->start) : *bs;
}

void fact_texts_of(struct loaded_block *b, const struct fact *f, struct strbuf *context,
		   struct strbuf *fields)
{
	size_t bs, be;

	quote_span(b, f, &bs, &be);
	strbuf_reset(context);
	context_of(b, bs, be, context);
	strbuf_reset(fields);
	fields_json(f, fields);
}

/* ---- all the facts of a new document, off the writer's thread ---- */

static void *fact_texts_run(void *arg)
{
	struct fact_texts *t = arg;
	const struct document *doc = t->doc;
	struct loaded_block *blocks = xcalloc(doc->nblocks + 1, sizeof(*blocks));
	size_t i, bs, be;

	for (i = 0; i < doc->nblocks; i++) {
		blocks[i].text = doc->blocks[i].text ? doc->blocks[i].text : "";
		blocks[i].len = doc->blocks[i].text ? doc->blocks[i].len : 0;
		blocks[i].table = doc->blocks[i].kind == BLOCK_TABLE;
	}
	for (i = 0; i < t->facts->n; i++) {
		const struct fact *f = &t->facts->v[i];
		t->off[2 * i] = t->buf.len;
		/* a fact outside the document gets empty texts; the writer rejects it */
		if (f->block >= 1 && f->block <= doc->nblocks) {
			struct loaded_block *b = &blocks[f->block - 1];
			quote_span(b, f, &bs, &be);
			context_of(b, bs, be, &t->buf);
			t->off[2 * i + 1] = t->buf.len;
			fields_json(f, &t->buf);
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
	t->off = xcalloc(2 * facts->n + 1, sizeof(*t->off));
	task_start(&t->task, fact_texts_run, t, facts->n >= FACT_TEXTS_THREAD_MIN);
}

void fact_texts_wait(struct fact_texts *t)
{
	task_wait(&t->task);
}

void fact_texts_get(const struct fact_texts *t, size_t i, const char **context,
		    size_t *context_len, const char **fields, size_t *fields_len)
{
	*context = t->buf.buf + t->off[2 * i];
	*context_len = t->off[2 * i + 1] - t->off[2 * i];
	*fields = t->buf.buf + t->off[2 * i + 1];
	*fields_len = t->off[2 * i + 2] - t->off[2 * i + 1];
}

void fact_texts_release(struct fact_texts *t)
{
	fact_texts_wait(t);
	strbuf_release(&t->buf);
	free(t->off);
	t->off = NULL;
}
