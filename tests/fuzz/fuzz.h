/* fuzz.h: checks shared by the fuzz targets. A target feeds untrusted bytes to one
 * parser; when the parser accepts them, the result must keep the invariants of its
 * contract (lib/document.h, lib/facts.h), and must survive a write/read round trip.
 * A broken invariant calls fuzz_fail(), which aborts: libFuzzer and the replay
 * program (replay.c) both treat that as a crash and keep the input.
 *
 * Header-only (static functions) because the Makefile links each fuzz-NAME.o with
 * replay.o alone. */
#ifndef FUZZ_H
#define FUZZ_H

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "document.h"
#include "facts.h"
#include "strbuf.h"
#include "unicode.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#if defined(__GNUC__)
__attribute__((noreturn, format(printf, 1, 2)))
#endif
static inline void fuzz_fail(const char *fmt, ...)
{
	va_list ap;

	fputs("fuzz: invariant broken: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

static inline int fuzz_streq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return !strcmp(a, b);
}

/* Contract 1 invariants of a document a reader produced or document_read() accepted. */
static inline void fuzz_check_document(const struct document *doc)
{
	size_t i, k;

	for (i = 0; i < doc->nblocks; i++) {
		const struct block *b = &doc->blocks[i];

		if (b->id != i + 1)
			fuzz_fail("block %zu has id %zu", i + 1, b->id);
		if ((unsigned)b->kind >= BLOCK_KIND_COUNT)
			fuzz_fail("block %zu: kind %d", b->id, (int)b->kind);
		if (!b->text)
			fuzz_fail("block %zu: NULL text", b->id);
		if (strlen(b->text) != b->len)
			fuzz_fail("block %zu: len %zu but strlen %zu", b->id, b->len, strlen(b->text));
		if (!utf8_valid(b->text, b->len))
			fuzz_fail("block %zu: text is not valid UTF-8", b->id);
		for (k = 0; k < b->len; k++) {
			unsigned char c = (unsigned char)b->text[k];
			if (c < 0x20 && c != '\t' && c != '\n')
				fuzz_fail("block %zu: control byte 0x%02x at %zu", b->id, c, k);
			if (b->kind != BLOCK_TABLE && (c == '\t' || c == '\n'))
				fuzz_fail("block %zu (%s): TAB or LF at byte %zu", b->id,
					  block_kind_name(b->kind), k);
		}
		if (b->page < 0 || (doc->npages == 0 && b->page != 0) ||
		    (doc->npages > 0 && (b->page < 1 || b->page > doc->npages)))
			fuzz_fail("block %zu: page %d of %d", b->id, b->page, doc->npages);
		if (i > 0 && b->page < doc->blocks[i - 1].page)
			fuzz_fail("block %zu: page %d after page %d", b->id, b->page,
				  doc->blocks[i - 1].page);
		for (k = 0; k < b->nrefs; k++) {
			if (b->refs[k].at > b->len)
				fuzz_fail("block %zu: ref %zu at %zu beyond len %zu", b->id, k,
					  b->refs[k].at, b->len);
			if (k && b->refs[k].at < b->refs[k - 1].at)
				fuzz_fail("block %zu: refs not sorted", b->id);
			if (!b->refs[k].n)
				fuzz_fail("block %zu: ref %zu without a marker", b->id, k);
		}
		if (b->kind == BLOCK_TABLE && b->header_rows > b->nrows)
			fuzz_fail("block %zu: %u header rows of %zu", b->id, b->header_rows, b->nrows);
	}
}

/* Two documents hold the same blocks (what a write/read round trip must keep). */
static inline void fuzz_same_document(const struct document *a, const struct document *b)
{
	size_t i, k;

	if (a->nblocks != b->nblocks)
		fuzz_fail("round trip: %zu blocks became %zu", a->nblocks, b->nblocks);
	if (a->npages != b->npages)
		fuzz_fail("round trip: %d pages became %d", a->npages, b->npages);
	if (!fuzz_streq(a->sha256, b->sha256) || !fuzz_streq(a->source, b->source) ||
	    !fuzz_streq(a->media_type, b->media_type) || !fuzz_streq(a->title, b->title) ||
	    !fuzz_streq(a->lang, b->lang) || !fuzz_streq(a->date, b->date) ||
	    !fuzz_streq(a->symbol, b->symbol))
		fuzz_fail("round trip: metadata changed");
	for (i = 0; i < a->nblocks; i++) {
		const struct block *x = &a->blocks[i], *y = &b->blocks[i];

		if (x->kind != y->kind || x->page != y->page || x->len != y->len ||
		    memcmp(x->text, y->text, x->len) || !fuzz_streq(x->label, y->label))
			fuzz_fail("round trip: block %zu changed", x->id);
		if (x->nrefs != y->nrefs)
			fuzz_fail("round trip: block %zu: %zu refs became %zu", x->id, x->nrefs,
				  y->nrefs);
		for (k = 0; k < x->nrefs; k++)
			if (x->refs[k].at != y->refs[k].at || strcmp(x->refs[k].n, y->refs[k].n))
				fuzz_fail("round trip: block %zu: ref %zu changed", x->id, k);
		if (x->kind == BLOCK_TABLE && (x->nrows != y->nrows || x->header_rows != y->header_rows))
			fuzz_fail("round trip: table %zu: rows changed", x->id);
	}
}

/* Write doc as XML, read it back: the contract says every reader's output is valid
 * input of document_read(). */
static inline void fuzz_roundtrip_document(const struct document *doc)
{
	struct strbuf xml = STRBUF_INIT;
	struct document *back = NULL;
	struct diag d;

	strbuf_init(&xml);
	diag_init(&d);
	if (document_write_buf(doc, &xml, &d) < 0)
		fuzz_fail("document_write_buf: %s", d.msg);
	if (document_read(xml.buf, xml.len, &back, &d) < 0)
		fuzz_fail("document_read of our own output: %s", d.msg);
	fuzz_check_document(back);
	fuzz_same_document(doc, back);
	document_free(back);
	strbuf_release(&xml);
}

/* Byte offset of code point cp in b's text (its length when cp is past the end). */
static inline size_t fuzz_byte_offset(const struct block *b, size_t cp)
{
	size_t i = 0, n = 0;

	while (i < b->len && n < cp) {
		i += utf8_step(b->text, b->len, i);
		n++;
	}
	return i;
}

/* Contract 2 invariants of facts found in doc: spans lie in their block and the
 * quote is exactly the text there; the TSV line reads back to the same fact. */
static inline void fuzz_check_facts(const struct document *doc, const struct fact_list *facts)
{
	struct strbuf line = STRBUF_INIT, stream = STRBUF_INIT;
	struct fact_list back;
	const char *xml;
	size_t i, k, xml_len;
	struct diag d;

	strbuf_init(&line);
	strbuf_init(&stream);
	strbuf_adds(&stream, "# attest-facts 1\n");
	for (i = 0; i < facts->n; i++) {
		const struct fact *f = &facts->v[i];
		const struct block *b;
		size_t bs, be;

		if ((unsigned)f->kind >= FACT_KIND_COUNT)
			fuzz_fail("fact %zu: kind %d", i, (int)f->kind);
		if (f->block < 1 || f->block > doc->nblocks)
			fuzz_fail("fact %zu (%s): block %zu of %zu", i, fact_kind_name(f->kind),
				  f->block, doc->nblocks);
		b = &doc->blocks[f->block - 1];
		if (f->start > f->end || f->end > utf8_chars(b->text, b->len))
			fuzz_fail("fact %zu (%s '%s'): span %zu..%zu outside block %zu (%zu chars)", i,
				  fact_kind_name(f->kind), f->quote ? f->quote : "(null)", f->start,
				  f->end, f->block, utf8_chars(b->text, b->len));
		bs = fuzz_byte_offset(b, f->start);
		be = fuzz_byte_offset(b, f->end);
		if (!f->quote || strlen(f->quote) != be - bs || memcmp(f->quote, b->text + bs, be - bs))
			fuzz_fail("fact %zu (%s): quote '%s' is not the text at %zu..%zu", i,
				  fact_kind_name(f->kind), f->quote ? f->quote : "(null)", f->start, f->end);
		for (k = 0; k < f->nfields; k++) {
			if (!f->fields[k].key || !*f->fields[k].key || !f->fields[k].value)
				fuzz_fail("fact %zu: empty key or NULL value", i);
			if (!utf8_valid(f->fields[k].value, strlen(f->fields[k].value)))
				fuzz_fail("fact %zu: %s is not valid UTF-8", i, f->fields[k].key);
		}
		if (i && facts->v[i - 1].block > f->block)
			fuzz_fail("facts not sorted by block at %zu", i);
		strbuf_reset(&line);
		facts_format(&line, f);
		strbuf_add(&stream, line.buf, line.len);
	}
	fact_list_init(&back);
	diag_init(&d);
	if (facts_read(stream.buf, stream.len, &xml, &xml_len, &back, &d) < 0)
		fuzz_fail("facts_read of our own output: %s", d.msg);
	if (back.n != facts->n)
		fuzz_fail("facts round trip: %zu facts became %zu", facts->n, back.n);
	for (i = 0; i < back.n; i++) {
		const struct fact *x = &facts->v[i], *y = &back.v[i];
		if (x->kind != y->kind || x->block != y->block || x->start != y->start ||
		    x->end != y->end || strcmp(x->quote, y->quote) || x->nfields != y->nfields)
			fuzz_fail("facts round trip: fact %zu changed", i);
		for (k = 0; k < x->nfields; k++)
			if (strcmp(x->fields[k].key, y->fields[k].key) ||
			    strcmp(x->fields[k].value, y->fields[k].value))
				fuzz_fail("facts round trip: fact %zu field %s changed", i,
					  x->fields[k].key);
	}
	fact_list_release(&back);
	strbuf_release(&line);
	strbuf_release(&stream);
}

#endif
