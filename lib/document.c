/* document.c: Contract 1, written with xmlTextWriter and read with libxml2's parser
 * under XML_PARSE_NONET and without entity substitution or DTD loading, so that a
 * document never reaches the network or the file system. */
#include "document.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>

#include "unicode.h"
#include "banned.h"

#define BLOCK_NAME(e, s) s,
static const char *const block_names[] = { BLOCK_KINDS(BLOCK_NAME) };
#undef BLOCK_NAME

const char *block_kind_name(enum block_kind k)
{
	return (unsigned)k < BLOCK_KIND_COUNT ? block_names[k] : "?";
}

int block_kind_parse(const char *s, enum block_kind *out)
{
	int i;

	for (i = 0; i < BLOCK_KIND_COUNT; i++)
		if (!strcmp(s, block_names[i])) {
			*out = (enum block_kind)i;
			return 0;
		}
	return -1;
}

struct document *document_new(void)
{
	return xcalloc(1, sizeof(struct document));
}

void document_free(struct document *doc)
{
	size_t i, j;

	if (!doc)
		return;
	for (i = 0; i < doc->nblocks; i++) {
		struct block *b = &doc->blocks[i];
		for (j = 0; j < b->nrefs; j++)
			free(b->refs[j].n);
		free(b->refs);
		free(b->label);
		free(b->text);
		free(b->row_index);
	}
	free(doc->blocks);
	free(doc->sha256);
	free(doc->source);
	free(doc->media_type);
	free(doc->title);
	free(doc->lang);
	free(doc->date);
	free(doc->symbol);
	free(doc->author);
	free(doc);
}

void document_set(char **field, const char *value)
{
	free(*field);
	*field = value ? xstrdup(value) : NULL;
}

struct block *document_add_block(struct document *doc, enum block_kind kind, int page,
				 const char *text, size_t len)
{
	struct block *b;
	size_t i;

	XGROW(doc->blocks, doc->blocks_cap, doc->nblocks + 1);
	b = &doc->blocks[doc->nblocks++];
	memset(b, 0, sizeof(*b));
	b->id = doc->nblocks;
	b->kind = kind;
	b->page = page;
	b->text = xstrndup(text, len);
	b->len = len;
	if (kind == BLOCK_TABLE) {
		b->nrows = len ? 1 : 0;
		for (i = 0; i < len; i++)
			if (text[i] == '\n')
				b->nrows++;
	}
	return b;
}

void block_add_ref(struct block *b, size_t at, const char *n)
{
	XGROW(b->refs, b->refs_cap, b->nrefs + 1);
	b->refs[b->nrefs].at = at;
	b->refs[b->nrefs].n = xstrdup(n);
	b->nrefs++;
}

/* ---- writing ---- */

static int w_text(xmlTextWriterPtr w, const char *s, size_t len)
{
	struct strbuf sb = STRBUF_INIT;
	int rc;

	strbuf_init(&sb);
	utf8_sanitize(&sb, s, len);
	rc = xmlTextWriterWriteString(w, (const xmlChar *)sb.buf);
	strbuf_release(&sb);
	return rc < 0 ? -1 : 0;
}

static int w_attr(xmlTextWriterPtr w, const char *name, const char *v)
{
	struct strbuf sb = STRBUF_INIT;
	int rc;

	if (!v)
		return 0;
	strbuf_init(&sb);
	utf8_sanitize(&sb, v, strlen(v));
	rc = xmlTextWriterWriteAttribute(w, (const xmlChar *)name, (const xmlChar *)sb.buf);
	strbuf_release(&sb);
	return rc < 0 ? -1 : 0;
}

static int w_elem(xmlTextWriterPtr w, const char *name, const char *v)
{
	if (!v)
		return 0;
	if (xmlTextWriterStartElement(w, (const xmlChar *)name) < 0 || w_text(w, v, strlen(v)) < 0 ||
	    xmlTextWriterEndElement(w) < 0)
		return -1;
	return 0;
}

/* Text s[from..to) with the note-refs that fall inside it (at in [from, to], refs
 * at `to` only when last). */
static int w_run(xmlTextWriterPtr w, const struct block *b, size_t from, size_t to,
		 size_t *ri, int last)
{
	size_t pos = from;

	while (*ri < b->nrefs && (b->refs[*ri].at < to || (last && b->refs[*ri].at == to))) {
		const struct note_ref *r = &b->refs[*ri];
		size_t at = r->at < pos ? pos : r->at;
		if (at > pos && w_text(w, b->text + pos, at - pos) < 0)
			return -1;
		pos = at;
		if (xmlTextWriterStartElement(w, BAD_CAST "note-ref") < 0 || w_attr(w, "n", r->n) < 0 ||
		    xmlTextWriterEndElement(w) < 0)
			return -1;
		(*ri)++;
	}
	if (to > pos && w_text(w, b->text + pos, to - pos) < 0)
		return -1;
	return 0;
}

static int w_table(xmlTextWriterPtr w, const struct block *b)
{
	size_t i = 0, ri = 0, row = 0;

	while (i <= b->len) {
		size_t eol = i;
		while (eol < b->len && b->text[eol] != '\n')
			eol++;
		if (xmlTextWriterStartElement(w, BAD_CAST "row") < 0)
			return -1;
		if (row < b->header_rows && w_attr(w, "header", "1") < 0)
			return -1;
		{
			size_t c = i;
			while (c <= eol) {
				size_t e = c;
				while (e < eol && b->text[e] != '\t')
					e++;
				if (xmlTextWriterStartElement(w, BAD_CAST "cell") < 0 ||
				    w_run(w, b, c, e, &ri, e == b->len) < 0 || xmlTextWriterEndElement(w) < 0)
					return -1;
				c = e + 1;
			}
		}
		if (xmlTextWriterEndElement(w) < 0)
			return -1;
		row++;
		i = eol + 1;
		if (eol >= b->len)
			break;
	}
	return 0;
}

static int w_block(xmlTextWriterPtr w, const struct block *b)
{
	struct strbuf id = STRBUF_INIT;
	size_t ri = 0;
	int rc = -1;

	strbuf_init(&id);
	strbuf_addf(&id, "%zu", b->id);
	if (xmlTextWriterStartElement(w, BAD_CAST "block") < 0 || w_attr(w, "id", id.buf) < 0 ||
	    w_attr(w, "kind", block_kind_name(b->kind)) < 0 || w_attr(w, "label", b->label) < 0)
		goto out;
	if (b->kind == BLOCK_TABLE) {
		if (w_table(w, b) < 0)
			goto out;
	} else if (w_run(w, b, 0, b->len, &ri, 1) < 0) {
		goto out;
	}
	if (xmlTextWriterEndElement(w) < 0)
		goto out;
	rc = 0;
out:
	strbuf_release(&id);
	return rc;
}

static int w_document(xmlTextWriterPtr w, const struct document *doc)
{
	struct strbuf num = STRBUF_INIT;
	size_t i = 0;
	int page, last = doc->npages > 0 ? doc->npages : 0;
	int rc = -1;

	strbuf_init(&num);
	if (xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL) < 0 ||
	    xmlTextWriterStartElement(w, BAD_CAST "document") < 0)
		goto out;
	strbuf_addf(&num, "%d", DOCUMENT_VERSION);
	if (w_attr(w, "version", num.buf) < 0 || w_attr(w, "sha256", doc->sha256 ? doc->sha256 : "") < 0 ||
	    w_attr(w, "source", doc->source ? doc->source : "-") < 0 ||
	    w_attr(w, "media-type", doc->media_type ? doc->media_type : "text/plain") < 0)
		goto out;
	strbuf_reset(&num);
	strbuf_addf(&num, "%d", doc->npages);
	if (w_attr(w, "pages", num.buf) < 0 || xmlTextWriterWriteString(w, BAD_CAST "\n") < 0)
		goto out;
	if (xmlTextWriterStartElement(w, BAD_CAST "meta") < 0 || w_elem(w, "title", doc->title) < 0 ||
	    w_elem(w, "author", doc->author) < 0 || w_elem(w, "lang", doc->lang) < 0 ||
	    w_elem(w, "date", doc->date) < 0 || w_elem(w, "symbol", doc->symbol) < 0 ||
	    xmlTextWriterEndElement(w) < 0 || xmlTextWriterWriteString(w, BAD_CAST "\n") < 0)
		goto out;
	/* unpaged text is one page element without n; paged documents get every page,
	 * even an empty one, so that page numbers stay those of the original */
	for (page = last ? 1 : 0; page <= last; page++) {
		if (xmlTextWriterStartElement(w, BAD_CAST "page") < 0)
			goto out;
		if (last) {
			strbuf_reset(&num);
			strbuf_addf(&num, "%d", page);
			if (w_attr(w, "n", num.buf) < 0)
				goto out;
		}
		if (xmlTextWriterWriteString(w, BAD_CAST "\n") < 0)
			goto out;
		while (i < doc->nblocks && (!last || doc->blocks[i].page <= page)) {
			if (w_block(w, &doc->blocks[i]) < 0 || xmlTextWriterWriteString(w, BAD_CAST "\n") < 0)
				goto out;
			i++;
		}
		if (xmlTextWriterEndElement(w) < 0 || xmlTextWriterWriteString(w, BAD_CAST "\n") < 0)
			goto out;
	}
	if (xmlTextWriterEndElement(w) < 0 || xmlTextWriterEndDocument(w) < 0)
		goto out;
	rc = 0;
out:
	strbuf_release(&num);
	return rc;
}

int document_write_buf(const struct document *doc, struct strbuf *out, struct diag *d)
{
	xmlBufferPtr buf = xmlBufferCreate();
	xmlTextWriterPtr w;
	int rc = -1;

	if (!buf)
		return diag_set(d, "cannot allocate an XML buffer");
	if (!(w = xmlNewTextWriterMemory(buf, 0))) {
		xmlBufferFree(buf);
		return diag_set(d, "cannot create an XML writer");
	}
	if (w_document(w, doc) < 0) {
		diag_set(d, "cannot write the document XML");
		goto out;
	}
	xmlFreeTextWriter(w);
	w = NULL;
	strbuf_add(out, xmlBufferContent(buf), (size_t)xmlBufferLength(buf));
	rc = 0;
out:
	if (w)
		xmlFreeTextWriter(w);
	xmlBufferFree(buf);
	return rc;
}

int document_write(const struct document *doc, FILE *out, struct diag *d)
{
	struct strbuf sb = STRBUF_INIT;
	int rc;

	strbuf_init(&sb);
	rc = document_write_buf(doc, &sb, d);
	if (!rc && fwrite(sb.buf, 1, sb.len, out) != sb.len)
		rc = diag_set(d, "cannot write the output");
	strbuf_release(&sb);
	return rc;
}

/* ---- reading ---- */

static int is(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

static char *attr(const xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetProp(n, BAD_CAST name);
	char *r;

	if (!v)
		return NULL;
	r = xstrdup((const char *)v);
	xmlFree(v);
	return r;
}

/* Gather text and note-refs of n's children into sb / refs of b. */
static int r_inline(const xmlNode *n, struct strbuf *sb, struct block *b, struct diag *d)
{
	const xmlNode *c;

	for (c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			const char *t = (const char *)c->content;
			size_t len = strcspn(t, "\t\n\r");
			if (t[len])
				return diag_set(d, "line %d: tab or line break inside block text",
						c->line);
			strbuf_add(sb, t, len);
		} else if (is(c, "note-ref")) {
			char *v = attr(c, "n");
			block_add_ref(b, sb->len, v ? v : "");
			free(v);
		} else if (c->type == XML_ELEMENT_NODE) {
			return diag_set(d, "line %d: unexpected element <%s> in block", c->line,
					(const char *)c->name);
		}
	}
	return 0;
}

static int r_table(const xmlNode *n, struct strbuf *sb, struct block *b, struct diag *d)
{
	const xmlNode *row, *cell;
	size_t r = 0;

	for (row = n->children; row; row = row->next) {
		size_t c = 0;
		if (row->type != XML_ELEMENT_NODE)
			continue;
		if (!is(row, "row"))
			return diag_set(d, "line %d: expected <row> in table", row->line);
		if (r)
			strbuf_addch(sb, '\n');
		{
			char *h = attr(row, "header");
			if (h && !strcmp(h, "1") && b->header_rows == r)
				b->header_rows++;
			free(h);
		}
		for (cell = row->children; cell; cell = cell->next) {
			if (cell->type != XML_ELEMENT_NODE)
				continue;
			if (!is(cell, "cell"))
				return diag_set(d, "line %d: expected <cell> in row", cell->line);
			if (c)
				strbuf_addch(sb, '\t');
			if (r_inline(cell, sb, b, d) < 0)
				return -1;
			c++;
		}
		r++;
	}
	b->nrows = r;
	return 0;
}

static int r_block(struct document *doc, const xmlNode *n, int page, struct diag *d)
{
	struct strbuf sb = STRBUF_INIT;
	enum block_kind kind;
	struct block tmp, *b;
	char *k = attr(n, "kind");
	int rc = -1;

	strbuf_init(&sb);
	memset(&tmp, 0, sizeof(tmp));
	if (!k || block_kind_parse(k, &kind) < 0) {
		diag_set(d, "line %d: block without a known kind", n->line);
		goto out;
	}
	tmp.kind = kind;
	if ((kind == BLOCK_TABLE ? r_table(n, &sb, &tmp, d) : r_inline(n, &sb, &tmp, d)) < 0)
		goto out;
	if (!utf8_valid(sb.buf, sb.len)) {
		diag_set(d, "line %d: block text is not UTF-8", n->line);
		goto out;
	}
	b = document_add_block(doc, kind, page, sb.buf, sb.len);
	b->label = attr(n, "label");
	b->refs = tmp.refs;
	b->nrefs = tmp.nrefs;
	b->refs_cap = tmp.refs_cap;
	b->header_rows = tmp.header_rows;
	if (kind == BLOCK_TABLE)
		b->nrows = tmp.nrows;
	tmp.refs = NULL;
	tmp.nrefs = 0;
	rc = 0;
out:
	{
		size_t j;
		for (j = 0; j < tmp.nrefs; j++)
			free(tmp.refs[j].n);
		free(tmp.refs);
	}
	free(k);
	strbuf_release(&sb);
	return rc;
}

static int parse_int(const char *s, long lo, long hi, long *out)
{
	char *end;
	long v;

	if (!s || !*s)
		return -1;
	v = strtol(s, &end, 10);
	if (*end || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

static int r_meta(struct document *doc, const xmlNode *n)
{
	const xmlNode *c;

	for (c = n->children; c; c = c->next) {
		char **field = NULL;
		xmlChar *v;
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (is(c, "title")) field = &doc->title;
		else if (is(c, "author")) field = &doc->author;
		else if (is(c, "lang")) field = &doc->lang;
		else if (is(c, "date")) field = &doc->date;
		else if (is(c, "symbol")) field = &doc->symbol;
		if (!field)
			continue;
		v = xmlNodeGetContent(c);
		document_set(field, (const char *)v);
		xmlFree(v);
	}
	return 0;
}

static int r_document(struct document *doc, const xmlNode *root, struct diag *d)
{
	const xmlNode *c, *b;
	char *v;
	long ver = 0, np = 0, last_page = 0;

	if (!is(root, "document"))
		return diag_set(d, "not an attest document: root element is <%s>", (const char *)root->name);
	v = attr(root, "version");
	if (parse_int(v, 1, 1000000, &ver) < 0) {
		free(v);
		return diag_set(d, "document has no version");
	}
	free(v);
	if (ver != DOCUMENT_VERSION)
		return diag_set(d, "document version %ld is not supported (this program reads %d)", ver,
				DOCUMENT_VERSION);
	doc->sha256 = attr(root, "sha256");
	doc->source = attr(root, "source");
	doc->media_type = attr(root, "media-type");
	if (!doc->sha256 || !doc->source || !doc->media_type)
		return diag_set(d, "document lacks its sha256, source or media-type attribute");
	v = attr(root, "pages");
	if (parse_int(v, 0, 100000000, &np) < 0) {
		free(v);
		return diag_set(d, "document has no valid page count");
	}
	free(v);
	doc->npages = (int)np;
	for (c = root->children; c; c = c->next) {
		long pn = 0;
		if (c->type != XML_ELEMENT_NODE)
			continue;
		/* pages: numbered 1..pages in order when paged, one unnumbered page when not */
		if (is(c, "meta")) {
			r_meta(doc, c);
			continue;
		}
		if (!is(c, "page"))
			return diag_set(d, "line %d: unexpected element <%s>", c->line, (const char *)c->name);
		v = attr(c, "n");
		if (v && parse_int(v, 1, 100000000, &pn) < 0) {
			free(v);
			return diag_set(d, "line %d: bad page number", c->line);
		}
		free(v);
		if (doc->npages == 0 ? pn != 0 : (pn == 0 || pn > doc->npages || pn < last_page))
			return diag_set(d, "line %d: page %ld does not fit pages=\"%d\"%s", c->line, pn,
					doc->npages, pn && pn < last_page ? " (out of order)" : "");
		last_page = pn;
		for (b = c->children; b; b = b->next) {
			if (b->type != XML_ELEMENT_NODE)
				continue;
			if (!is(b, "block"))
				return diag_set(d, "line %d: unexpected element <%s> in page", b->line,
						(const char *)b->name);
			if (r_block(doc, b, (int)pn, d) < 0)
				return -1;
		}
	}
	return 0;
}

/* libxml2 2.9 has no per-context error handler: collect the first message through the
 * structured handler for the duration of one parse. */
static void collect_error(void *ctx, xmlErrorPtr e)
{
	struct diag *d = ctx;

	if (d && !d->msg[0] && e && e->message) {
		size_t n;
		diag_set(d, "line %d: %s", e->line, e->message);
		n = strlen(d->msg);
		while (n && (d->msg[n - 1] == '\n' || d->msg[n - 1] == ' '))
			d->msg[--n] = '\0';
	}
}

int document_read(const char *xml, size_t len, struct document **out, struct diag *d)
{
	struct document *doc = NULL;
	xmlDocPtr x = NULL;
	struct diag perr;
	int rc = -1;

	*out = NULL;
	diag_init(&perr);
	if (len > 0x7fffffff)
		return diag_set(d, "document too large");
	xmlSetStructuredErrorFunc(&perr, collect_error);
	x = xmlReadMemory(xml, (int)len, "document.xml", "UTF-8",
			  XML_PARSE_NONET | XML_PARSE_HUGE | XML_PARSE_COMPACT);
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (!x) {
		diag_set(d, "document is not well-formed XML: %s", perr.msg[0] ? perr.msg : "empty");
		goto out;
	}
	if (x->intSubset || x->extSubset) {
		diag_set(d, "document must not have a DTD");
		goto out;
	}
	doc = document_new();
	if (r_document(doc, xmlDocGetRootElement(x) ? xmlDocGetRootElement(x) : (xmlNode *)x, d) < 0)
		goto out;
	*out = doc;
	doc = NULL;
	rc = 0;
out:
	document_free(doc);
	xmlFreeDoc(x);
	return rc;
}

/* The byte offset where each row of b starts. The index is a cache inside a const
 * block (logically const: it only mirrors text), so that cell look-ups in a table
 * of 100,000 cells cost a binary search, not a scan from the top. */
static const size_t *row_starts(const struct block *b, size_t *n)
{
	struct block *m = (struct block *)b;
	size_t i, k = 1, cap = 0;

	if (m->row_index && m->row_index_of == b->text) {
		*n = m->row_index_n;
		return m->row_index;
	}
	free(m->row_index);
	m->row_index = NULL;
	for (i = 0; i < b->len; i++)
		k += b->text[i] == '\n';
	XGROW(m->row_index, cap, k);
	m->row_index[0] = 0;
	for (i = 0, k = 1; i < b->len; i++)
		if (b->text[i] == '\n')
			m->row_index[k++] = i + 1;
	m->row_index_n = k;
	m->row_index_of = b->text;
	*n = k;
	return m->row_index;
}

int block_cell(const struct block *b, size_t row, size_t col, size_t *start, size_t *end)
{
	size_t nrows, i, c = 0;
	const size_t *rows = row_starts(b, &nrows);

	if (row >= nrows)
		return -1;
	i = rows[row];
	for (;;) {
		size_t e = i;
		while (e < b->len && b->text[e] != '\t' && b->text[e] != '\n')
			e++;
		if (c == col) {
			*start = i;
			*end = e;
			return 0;
		}
		if (e >= b->len || b->text[e] == '\n')
			return -1;
		c++;
		i = e + 1;
	}
}

void block_cell_at(const struct block *b, size_t at, size_t *row, size_t *col)
{
	size_t nrows, lo = 0, hi, i, c = 0;
	const size_t *rows = row_starts(b, &nrows);

	if (at > b->len)
		at = b->len;
	hi = nrows;
	/* the last row that starts at or before at */
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (rows[mid] <= at)
			lo = mid;
		else
			hi = mid;
	}
	for (i = rows[lo]; i < at; i++)
		c += b->text[i] == '\t';
	*row = lo;
	*col = c;
}
