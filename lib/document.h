/* document.h: Contract 1, the normalised document that ingest writes and extract and
 * load read. XML, version 1, described by lib/document.rng:
 *
 *   <document version="1" sha256="…" source="reply.pdf" media-type="application/pdf" pages="12">
 *     <meta><title>…</title><lang>en</lang><date>2024-03-06</date><symbol>CMW/C/AZE/2</symbol></meta>
 *     <page n="3">
 *       <block id="7" kind="paragraph" label="46">text<note-ref n="2"/> more text</block>
 *       <block id="8" kind="table"><row header="1"><cell>Year</cell><cell>2005</cell></row>…</block>
 *       <block id="9" kind="footnote" label="2">Source: …</block>
 *     </page>
 *   </document>
 *
 * Invariants (the reader enforces them, later stages rely on them):
 * - block ids are 1..nblocks in document order; offsets in facts count code points of
 *   struct block.text;
 * - the text of a heading/paragraph/list-item/footnote has no TAB or LF; the text of a
 *   table is its cells joined by TAB and its rows by LF, so cell (r, c) is found by
 *   counting separators;
 * - note-ref markers are not part of the text: a block keeps them as (offset, label);
 * - text is UTF-8 NFC with no character XML 1.0 forbids;
 * - a page without n (pages="0") holds unpaged text: its blocks have page 0.
 */
#ifndef DOCUMENT_H
#define DOCUMENT_H

#include <stddef.h>
#include <stdio.h>

#include "diag.h"
#include "strbuf.h"

#define DOCUMENT_VERSION 1

/* X-macro: enum and names cannot drift apart. */
#define BLOCK_KINDS(X) \
	X(BLOCK_HEADING, "heading") \
	X(BLOCK_PARAGRAPH, "paragraph") \
	X(BLOCK_LIST_ITEM, "list-item") \
	X(BLOCK_TABLE, "table") \
	X(BLOCK_FOOTNOTE, "footnote")

#define BLOCK_ENUM(e, s) e,
enum block_kind { BLOCK_KINDS(BLOCK_ENUM) BLOCK_KIND_COUNT };
#undef BLOCK_ENUM

const char *block_kind_name(enum block_kind k);
int block_kind_parse(const char *s, enum block_kind *out);  /* 0 or -1 */

struct note_ref {
	size_t at;   /* byte offset in block text where the marker stood */
	char *n;     /* the marker as printed: "2", "a", "*" */
};

struct block {
	size_t id;              /* 1-based, document order */
	enum block_kind kind;
	int page;               /* 1-based; 0 in unpaged documents */
	char *label;            /* the document's own paragraph label ("46"), or NULL */
	char *text;             /* UTF-8, see the invariants above */
	size_t len;             /* bytes of text */
	struct note_ref *refs;  /* sorted by at */
	size_t nrefs, refs_cap;
	size_t nrows;           /* tables: rows (LF-separated lines of text) */
	unsigned header_rows;   /* tables: leading rows marked as header */
	/* block_cell*'s index of row starts, built on first use; valid while row_index_of
	 * equals text (a reader that replaces text makes it rebuild). */
	size_t *row_index, row_index_n;
	const char *row_index_of;
};

struct document {
	char *sha256;       /* hex of the original bytes */
	char *source;       /* file name as given to ingest */
	char *media_type;   /* text/plain, text/html, application/pdf */
	char *title, *lang, *date, *symbol, *author;  /* NULL when unknown */
	int npages;         /* 0 for unpaged text */
	struct block *blocks;
	size_t nblocks, blocks_cap;
};

struct document *document_new(void);
void document_free(struct document *doc);
/* Append a block (text copied; the caller keeps its buffer). Returns the new block. */
struct block *document_add_block(struct document *doc, enum block_kind kind, int page,
				 const char *text, size_t len);
void block_add_ref(struct block *b, size_t at, const char *n);
void document_set(char **field, const char *value);  /* replaces a metadata string */

/* Serialise to out (XML, UTF-8). Returns 0 or -1 with d set. */
int document_write(const struct document *doc, FILE *out, struct diag *d);
int document_write_buf(const struct document *doc, struct strbuf *out, struct diag *d);
/* Parse version-1 XML from memory (no network, no entities, no DTD). A program that
 * calls it off its main thread calls document_read_init first, on the main thread
 * (libxml2's one-time set-up is not thread-safe). */
void document_read_init(void);
int document_read(const char *xml, size_t len, struct document **out, struct diag *d);

/* Tables: bounds of cell (row, col) in b->text as byte offsets; -1 when absent. */
int block_cell(const struct block *b, size_t row, size_t col, size_t *start, size_t *end);
/* Tables: which row/column the byte offset at lies in. */
void block_cell_at(const struct block *b, size_t at, size_t *row, size_t *col);

#endif
