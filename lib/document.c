/* document.c: Contract 1, written with xmlTextWriter and read with libxml2's parser
 * under XML_PARSE_NONET and without entity substitution or DTD loading, so that a
 * document never reaches the network or the file system. Reading streams through
 * SAX2 callbacks; the DOM reader runs only to judge what the stream declines. */
#include "document.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/SAX2.h>
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
		/* document.rng: a row has a cell and a table a row; an empty table would
		 * not write back as itself (the writer gives every table one row) */
		if (!c)
			return diag_set(d, "line %d: row without a cell", row->line);
		r++;
	}
	if (!r)
		return diag_set(d, "line %d: table without a row", n->line);
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

/* The DOM reader: it gives the verdict and the message whenever the streaming pass
 * below declines a document. */
static int dom_read(const char *xml, size_t len, struct document **out, struct diag *d)
{
	struct document *doc = NULL;
	xmlDocPtr x = NULL;
	struct diag perr;
	int rc = -1;

	*out = NULL;
	diag_init(&perr);
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


/* ---- streaming read ----
 *
 * The same libxml2 parser with the same options, but SAX2 callbacks build the
 * document directly: no tree to allocate, walk and free. The pass only handles what
 * the DOM reader accepts as shown; on any error, warning, DTD, entity reference,
 * namespace or check that fails it declines and dom_read reruns on the same bytes,
 * so that verdicts and messages stay those of the DOM reader. */

enum sax_mode { S_TOP, S_DOC, S_META, S_PAGE, S_INLINE, S_TABLE, S_ROW, S_CELL, S_DONE };

struct sax_state {
	struct document *doc;
	enum sax_mode mode;
	int bad;                /* declined: dom_read decides */
	unsigned opaque;        /* depth inside a subtree read only for its text, or not at all */
	char **field;           /* meta field whose text the opaque subtree gives, or NULL */
	long last_page, page;
	struct strbuf text;     /* block or meta field text */
	struct block tmp;       /* kind, refs, header_rows, nrows of the open block */
	char *label;
	size_t cells;           /* cells of the open row */
};

/* Attribute name of an element as a new string, or NULL when absent. Values with a
 * reference left in them ("&#38;" stands for '&' until the tree builder reparses it)
 * decline. */
static char *sax_attr(struct sax_state *st, const xmlChar **attrs, int nattrs,
		      const char *name)
{
	int i;

	for (i = 0; i < nattrs; i++) {
		const xmlChar **a = attrs + 5 * i;
		size_t n = (size_t)(a[4] - a[3]);
		if (strcmp((const char *)a[0], name))
			continue;
		if (memchr(a[3], '&', n)) {
			st->bad = 1;
			return NULL;
		}
		return xstrndup((const char *)a[3], n);
	}
	return NULL;
}

static void sax_root(struct sax_state *st, const char *name,
		     const xmlChar **attrs, int nattrs)
{
	struct document *doc = st->doc;
	char *v;
	long ver = 0, np = 0;
	int ok;

	if (strcmp(name, "document")) {
		st->bad = 1;
		return;
	}
	v = sax_attr(st, attrs, nattrs, "version");
	ok = parse_int(v, 1, 1000000, &ver) == 0 && ver == DOCUMENT_VERSION;
	free(v);
	doc->sha256 = sax_attr(st, attrs, nattrs, "sha256");
	doc->source = sax_attr(st, attrs, nattrs, "source");
	doc->media_type = sax_attr(st, attrs, nattrs, "media-type");
	v = sax_attr(st, attrs, nattrs, "pages");
	ok = ok && parse_int(v, 0, 100000000, &np) == 0;
	free(v);
	if (!ok || !doc->sha256 || !doc->source || !doc->media_type) {
		st->bad = 1;
		return;
	}
	doc->npages = (int)np;
	st->mode = S_DOC;
}

static void sax_page(struct sax_state *st, const xmlChar **attrs, int nattrs)
{
	char *v = sax_attr(st, attrs, nattrs, "n");
	long pn = 0;
	int np = st->doc->npages;
	int ok = !v || parse_int(v, 1, 100000000, &pn) == 0;

	free(v);
	if (!ok || (np == 0 ? pn != 0 : (pn == 0 || pn > np || pn < st->last_page))) {
		st->bad = 1;
		return;
	}
	st->last_page = st->page = pn;
	st->mode = S_PAGE;
}

static void sax_block(struct sax_state *st, const xmlChar **attrs, int nattrs)
{
	char *k = sax_attr(st, attrs, nattrs, "kind");
	enum block_kind kind;
	int ok = k && block_kind_parse(k, &kind) == 0;

	free(k);
	if (!ok) {
		st->bad = 1;
		return;
	}
	memset(&st->tmp, 0, sizeof(st->tmp));
	st->tmp.kind = kind;
	st->label = sax_attr(st, attrs, nattrs, "label");
	strbuf_reset(&st->text);
	st->mode = kind == BLOCK_TABLE ? S_TABLE : S_INLINE;
}

static void sax_row(struct sax_state *st, const xmlChar **attrs, int nattrs)
{
	char *h = sax_attr(st, attrs, nattrs, "header");

	if (st->tmp.nrows)
		strbuf_addch(&st->text, '\n');
	if (h && !strcmp(h, "1") && st->tmp.header_rows == st->tmp.nrows)
		st->tmp.header_rows++;
	free(h);
	st->cells = 0;
	st->mode = S_ROW;
}

static void sax_end_block(struct sax_state *st)
{
	struct block *b;

	if (!utf8_valid(st->text.buf, st->text.len)) {
		st->bad = 1;
		return;
	}
	b = document_add_block(st->doc, st->tmp.kind, (int)st->page, st->text.buf, st->text.len);
	b->label = st->label;
	b->refs = st->tmp.refs;
	b->nrefs = st->tmp.nrefs;
	b->refs_cap = st->tmp.refs_cap;
	b->header_rows = st->tmp.header_rows;
	if (b->kind == BLOCK_TABLE)
		b->nrows = st->tmp.nrows;
	st->label = NULL;
	memset(&st->tmp, 0, sizeof(st->tmp));
	st->mode = S_PAGE;
}

static char **meta_field(struct document *doc, const char *name)
{
	if (!strcmp(name, "title")) return &doc->title;
	if (!strcmp(name, "author")) return &doc->author;
	if (!strcmp(name, "lang")) return &doc->lang;
	if (!strcmp(name, "date")) return &doc->date;
	if (!strcmp(name, "symbol")) return &doc->symbol;
	return NULL;
}

static void sax_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
		      const xmlChar *uri, int nns, const xmlChar **ns, int nattrs, int ndefaulted,
		      const xmlChar **attrs)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct sax_state *st = ctxt->_private;
	const char *name = (const char *)localname;

	(void)uri;
	(void)ns;
	if (st->bad)
		return;
	if (prefix || nns || ndefaulted) {
		st->bad = 1;
		return;
	}
	if (st->opaque) {
		st->opaque++;
		return;
	}
	switch (st->mode) {
	case S_TOP:
		sax_root(st, name, attrs, nattrs);
		return;
	case S_DOC:
		if (!strcmp(name, "meta")) {
			st->mode = S_META;
			return;
		}
		if (!strcmp(name, "page")) {
			sax_page(st, attrs, nattrs);
			return;
		}
		break;
	case S_META:
		/* a field's value is all text below it; other elements are skipped */
		st->field = meta_field(st->doc, name);
		strbuf_reset(&st->text);
		st->opaque = 1;
		return;
	case S_PAGE:
		if (!strcmp(name, "block")) {
			sax_block(st, attrs, nattrs);
			return;
		}
		break;
	case S_INLINE:
	case S_CELL:
		if (!strcmp(name, "note-ref")) {
			char *v = sax_attr(st, attrs, nattrs, "n");
			block_add_ref(&st->tmp, st->text.len, v ? v : "");
			free(v);
			st->field = NULL;
			st->opaque = 1;
			return;
		}
		break;
	case S_TABLE:
		if (!strcmp(name, "row")) {
			sax_row(st, attrs, nattrs);
			return;
		}
		break;
	case S_ROW:
		if (!strcmp(name, "cell")) {
			if (st->cells++)
				strbuf_addch(&st->text, '\t');
			st->mode = S_CELL;
			return;
		}
		break;
	case S_DONE:
		break;
	}
	st->bad = 1;
}

static void sax_end(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct sax_state *st = ctxt->_private;

	(void)localname;
	(void)prefix;
	(void)uri;
	if (st->bad)
		return;
	if (st->opaque) {
		if (!--st->opaque && st->field)
			document_set(st->field, st->text.buf);
		return;
	}
	switch (st->mode) {
	case S_DOC:
		st->mode = S_DONE;
		break;
	case S_META:
	case S_PAGE:
		st->mode = S_DOC;
		break;
	case S_INLINE:
		sax_end_block(st);
		break;
	case S_TABLE:
		if (!st->tmp.nrows) {
			st->bad = 1;  /* a table without a row: dom_read refuses it */
			break;
		}
		sax_end_block(st);
		break;
	case S_ROW:
		if (!st->cells) {
			st->bad = 1;  /* a row without a cell, likewise */
			break;
		}
		st->tmp.nrows++;
		st->mode = S_TABLE;
		break;
	case S_CELL:
		st->mode = S_ROW;
		break;
	default:
		st->bad = 1;
	}
}

static void sax_text(void *ctx, const xmlChar *ch, int n)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct sax_state *st = ctxt->_private;
	const char *t = (const char *)ch;

	if (st->bad)
		return;
	if (st->opaque) {
		if (st->field)
			strbuf_add(&st->text, t, (size_t)n);
		return;
	}
	if (st->mode != S_INLINE && st->mode != S_CELL)
		return;
	if (memchr(t, '\t', (size_t)n) || memchr(t, '\n', (size_t)n) || memchr(t, '\r', (size_t)n)) {
		st->bad = 1;
		return;
	}
	strbuf_add(&st->text, t, (size_t)n);
}

/* A DTD, or an entity reference the parser did not expand: dom_read judges these. */
static void sax_decline(void *ctx)
{
	struct sax_state *st = ((xmlParserCtxtPtr)ctx)->_private;

	st->bad = 1;
}

static void sax_subset(void *ctx, const xmlChar *name, const xmlChar *eid, const xmlChar *sid)
{
	(void)name;
	(void)eid;
	(void)sid;
	sax_decline(ctx);
}

static void sax_reference(void *ctx, const xmlChar *name)
{
	(void)name;
	sax_decline(ctx);
}

/* Feeds xml to a push parser; it stops at the first fatal error. */
static void push_all(xmlParserCtxtPtr ctxt, const char *xml, size_t len)
{
	enum { SLICE = 1 << 20 };
	size_t off = 0;

	while (len - off > SLICE) {
		if (xmlParseChunk(ctxt, xml + off, SLICE, 0) != 0)
			return;
		off += SLICE;
	}
	xmlParseChunk(ctxt, xml + off, (int)(len - off), 1);
}

/* 0 with *out set, or -1: the DOM reader must decide. */
static int sax_read(const char *xml, size_t len, struct document **out)
{
	struct sax_state st;
	struct diag perr;
	xmlParserCtxtPtr ctxt;
	int ok;

	*out = NULL;
	/* A push parser fed in slices: xmlCtxtReadMemory (libxml2 2.9) copies the whole
	 * input into a buffer of its own, and its encoding argument ("UTF-8") makes it
	 * convert that copy into a third: 137 MB for a 35 MB document. The document is
	 * UTF-8 whatever it declares (contract 1), as XML_PARSE_IGNORE_ENC keeps it. */
	if (!(ctxt = xmlCreatePushParserCtxt(NULL, NULL, NULL, 0, "document.xml")))
		return -1;
	memset(ctxt->sax, 0, sizeof(*ctxt->sax));
	ctxt->sax->initialized = XML_SAX2_MAGIC;
	ctxt->sax->startElementNs = sax_start;
	ctxt->sax->endElementNs = sax_end;
	ctxt->sax->characters = sax_text;
	ctxt->sax->ignorableWhitespace = sax_text;
	ctxt->sax->cdataBlock = sax_text;
	ctxt->sax->internalSubset = sax_subset;
	ctxt->sax->externalSubset = sax_subset;
	ctxt->sax->reference = sax_reference;
	ctxt->sax->getEntity = xmlSAX2GetEntity;
	memset(&st, 0, sizeof(st));
	strbuf_init(&st.text);
	st.doc = document_new();
	ctxt->_private = &st;
	diag_init(&perr);
	xmlSetStructuredErrorFunc(&perr, collect_error);
	xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_HUGE | XML_PARSE_COMPACT |
				 XML_PARSE_IGNORE_ENC);
	push_all(ctxt, xml, len);
	xmlSetStructuredErrorFunc(NULL, NULL);
	ok = !st.bad && !perr.msg[0] && ctxt->wellFormed && ctxt->nsWellFormed && st.mode == S_DONE &&
	     !ctxt->myDoc;
	if (ctxt->myDoc)
		xmlFreeDoc(ctxt->myDoc);
	xmlFreeParserCtxt(ctxt);
	{
		size_t j;
		for (j = 0; j < st.tmp.nrefs; j++)
			free(st.tmp.refs[j].n);
		free(st.tmp.refs);
	}
	free(st.label);
	strbuf_release(&st.text);
	if (!ok) {
		document_free(st.doc);
		return -1;
	}
	*out = st.doc;
	return 0;
}

void document_read_init(void)
{
	xmlInitParser();
}

int document_read(const char *xml, size_t len, struct document **out, struct diag *d)
{
	*out = NULL;
	if (len > 0x7fffffff)
		return diag_set(d, "document too large");
	if (sax_read(xml, len, out) == 0)
		return 0;
	return dom_read(xml, len, out, d);
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
