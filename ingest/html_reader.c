/* html_reader.c: HTML/XHTML → blocks with libxml2's HTML parser (HTML_PARSE_NONET,
 * no entity loading). Headings, paragraphs, list items and tables (rows × cells)
 * come from the markup; <sup> markers and links to footnotes become note-refs;
 * elements marked as footnotes become footnote blocks. Exports html_reader only. */
#include "ingest.h"

#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "unicode.h"
#include "banned.h"

struct html_builder {
	struct document *doc;
	struct strbuf text;          /* inline text of the open block (markers removed) */
	struct pending_refs refs;
	enum block_kind kind;
	char *label;
};

static int name_is(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->name && !strcasecmp((const char *)n->name, name);
}

static int is_block_element(const xmlNode *n)
{
	static const char *const names[] = { "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul",
		"ol", "table", "tr", "td", "th", "thead", "tbody", "tfoot", "blockquote", "section",
		"article", "header", "footer", "nav", "aside", "main", "body", "dl", "dt", "dd", "pre",
		"figure", "figcaption", "caption", "hr", "address", "center", "form", "fieldset", NULL };
	size_t i;

	if (n->type != XML_ELEMENT_NODE)
		return 0;
	for (i = 0; names[i]; i++)
		if (!strcasecmp((const char *)n->name, names[i]))
			return 1;
	return 0;
}

static int is_skipped(const xmlNode *n)
{
	return name_is(n, "script") || name_is(n, "style") || name_is(n, "head") ||
	       name_is(n, "noscript") || name_is(n, "template") || name_is(n, "svg");
}

static int contains_ci(const char *s, const char *word)
{
	size_t n = strlen(word);

	for (; *s; s++)
		if (!strncasecmp(s, word, n))
			return 1;
	return 0;
}

static int attr_contains(const xmlNode *n, const char *attr, const char *word)
{
	xmlChar *v = xmlGetProp(n, BAD_CAST attr);
	int r = 0;

	if (v) {
		r = contains_ci((const char *)v, word);
		xmlFree(v);
	}
	return r;
}

static int is_footnote_body(const xmlNode *n)
{
	xmlChar *id;
	int r = 0;

	if (attr_contains(n, "class", "footnote") || attr_contains(n, "role", "doc-footnote") ||
	    attr_contains(n, "role", "doc-endnote") || attr_contains(n, "class", "endnote"))
		return !name_is(n, "sup") && !name_is(n, "a");
	id = xmlGetProp(n, BAD_CAST "id");
	if (id) {
		r = (!strncasecmp((const char *)id, "fn", 2) || !strncasecmp((const char *)id, "ftn", 3)) &&
		    (name_is(n, "li") || name_is(n, "p") || name_is(n, "div"));
		xmlFree(id);
	}
	return r;
}

/* Append a text node's content. libxml2 2.9's HTML parser, switching to Latin-1 at
 * the first byte that is not UTF-8, can leave a text node that starts inside a
 * character: such content is mended here, before any offset into the block text
 * (a note-ref's) is taken. */
static void add_content(struct strbuf *out, const xmlChar *content)
{
	const char *s = (const char *)content;
	size_t len = strlen(s);

	if (utf8_valid(s, len))
		strbuf_add(out, s, len);
	else
		utf8_sanitize(out, s, len);
}

/* Text and CDATA below n; entity references are never expanded (an XHTML file may
 * declare entities: they stay inert). */
static void collect_text(const xmlNode *n, struct strbuf *out)
{
	const xmlNode *c;

	for (c = n->children; c; c = c->next) {
		if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
			add_content(out, c->content);
		else if (c->type == XML_ELEMENT_NODE && !is_skipped(c))
			collect_text(c, out);
	}
}

/* The text content of n with white space squeezed. */
static void node_text(const xmlNode *n, struct strbuf *out)
{
	collect_text(n, out);
	layout_squeeze(out);
}

/* A footnote marker: <sup>3</sup>, <sup><a href="#fn3">3</a></sup>, <a class="footnote-ref">. */
static int is_marker(const xmlNode *n, struct strbuf *label)
{
	size_t i;

	if (!name_is(n, "sup") && !(name_is(n, "a") && (attr_contains(n, "class", "footnote") ||
							attr_contains(n, "role", "doc-noteref"))))
		return 0;
	strbuf_reset(label);
	node_text(n, label);
	if (label->len && label->buf[0] == '[' && label->buf[label->len - 1] == ']') {
		memmove(label->buf, label->buf + 1, label->len - 2);
		strbuf_setlen(label, label->len - 2);
	}
	if (!label->len || label->len > 4)
		return 0;
	for (i = 0; i < label->len; i++)
		if (!strchr("0123456789*abcdefghij", label->buf[i]))
			return 0;
	return 1;
}

static void flush(struct html_builder *b)
{
	struct strbuf t = STRBUF_INIT;
	size_t skip = 0, i, lead = 0;
	char *label = b->label;
	struct block *blk;

	b->label = NULL;
	strbuf_init(&t);
	/* squeeze, tracking how refs shift: rebuild with positions mapped */
	{
		size_t *map = xmalloc((b->text.len + 1) * sizeof(size_t));
		int space = 1;
		for (i = 0; i < b->text.len; i++) {
			char c = b->text.buf[i];
			map[i] = t.len;
			if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
				if (!space)
					strbuf_addch(&t, ' ');
				space = 1;
			} else {
				strbuf_addch(&t, c);
				space = 0;
			}
		}
		map[b->text.len] = t.len;
		for (i = 0; i < b->refs.n; i++)
			b->refs.v[i].at = map[b->refs.v[i].at];
		free(map);
	}
	if (t.len && t.buf[t.len - 1] == ' ')
		strbuf_setlen(&t, t.len - 1);
	if (!label && b->kind != BLOCK_FOOTNOTE && b->kind != BLOCK_TABLE)
		skip = layout_label(t.buf, t.len, &label);
	if (b->kind == BLOCK_FOOTNOTE && !label && b->refs.n && b->refs.v[0].at == 0) {
		label = xstrdup(b->refs.v[0].n);
		lead = 1;
	}
	if (b->kind == BLOCK_FOOTNOTE && !label) {
		/* "1 UNICEF country office": the body begins with its number */
		size_t k = 0;
		while (k < t.len && k < 3 && t.buf[k] >= '0' && t.buf[k] <= '9')
			k++;
		if (k && k < t.len && (t.buf[k] == ' ' || t.buf[k] == '.')) {
			label = xstrndup(t.buf, k);
			skip = k + 1;
			while (skip < t.len && t.buf[skip] == ' ')
				skip++;
		}
	}
	if (t.len > skip) {
		blk = document_add_block(b->doc, b->kind, 0, t.buf + skip, t.len - skip);
		blk->label = label;
		label = NULL;
		for (i = lead; i < b->refs.n; i++) {
			size_t at = b->refs.v[i].at > skip ? b->refs.v[i].at - skip : 0;
			block_add_ref(blk, at > blk->len ? blk->len : at, b->refs.v[i].n);
		}
	}
	free(label);
	pending_refs_release(&b->refs);
	strbuf_release(&t);
	strbuf_reset(&b->text);
	b->kind = BLOCK_PARAGRAPH;
}

static void walk(struct html_builder *b, const xmlNode *n);

static void read_table(struct html_builder *b, const xmlNode *table)
{
	struct strbuf t = STRBUF_INIT, cell = STRBUF_INIT;
	const xmlNode *stack[8];
	size_t depth = 0, rows = 0;
	unsigned header_rows = 0;
	int header_run = 1;
	const xmlNode *n;

	strbuf_init(&t);
	strbuf_init(&cell);
	flush(b);
	/* rows may sit in thead/tbody/tfoot: walk two levels */
	stack[depth++] = table->children;
	while (depth) {
		n = stack[--depth];
		for (; n; n = n->next) {
			const xmlNode *c;
			int all_th = 1, ncells = 0;
			if (name_is(n, "thead") || name_is(n, "tbody") || name_is(n, "tfoot")) {
				if (depth < 7) {
					stack[depth++] = n->next;
					stack[depth++] = n->children;
				}
				break;
			}
			if (!name_is(n, "tr"))
				continue;
			if (rows)
				strbuf_addch(&t, '\n');
			for (c = n->children; c; c = c->next) {
				if (!name_is(c, "td") && !name_is(c, "th"))
					continue;
				if (!name_is(c, "th"))
					all_th = 0;
				strbuf_reset(&cell);
				node_text(c, &cell);
				if (ncells++)
					strbuf_addch(&t, '\t');
				strbuf_add(&t, cell.buf, cell.len);
			}
			if (!ncells) {
				strbuf_addch(&t, ' ');
				strbuf_setlen(&t, t.len - 1);
			}
			if (header_run && (all_th || (n->parent && name_is(n->parent, "thead"))) && ncells)
				header_rows++;
			else
				header_run = 0;
			rows++;
		}
	}
	if (rows && t.len) {
		struct block *blk;
		/* squeeze left no TAB/LF inside cells: node_text folded them */
		blk = document_add_block(b->doc, BLOCK_TABLE, 0, t.buf, t.len);
		blk->header_rows = header_rows;
	}
	strbuf_release(&cell);
	strbuf_release(&t);
}

static void walk_children(struct html_builder *b, const xmlNode *n)
{
	const xmlNode *c;

	for (c = n->children; c; c = c->next)
		walk(b, c);
}

static void walk(struct html_builder *b, const xmlNode *n)
{
	struct strbuf label = STRBUF_INIT;

	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		if (n->content)
			add_content(&b->text, n->content);
		return;
	}
	if (n->type != XML_ELEMENT_NODE || is_skipped(n))
		return;
	strbuf_init(&label);
	if (is_marker(n, &label)) {
		XGROW(b->refs.v, b->refs.cap, b->refs.n + 1);
		b->refs.v[b->refs.n].at = b->text.len;
		b->refs.v[b->refs.n].n = xstrdup(label.buf);
		b->refs.n++;
		strbuf_release(&label);
		return;
	}
	strbuf_release(&label);
	if (name_is(n, "br")) {
		strbuf_addch(&b->text, ' ');
		return;
	}
	if (name_is(n, "table")) {
		read_table(b, n);
		return;
	}
	if (!is_block_element(n)) {
		walk_children(b, n);
		return;
	}
	flush(b);
	if (is_footnote_body(n))
		b->kind = BLOCK_FOOTNOTE;
	else if (n->name[0] == 'h' && n->name[1] >= '1' && n->name[1] <= '6' && !n->name[2])
		b->kind = BLOCK_HEADING;
	else if (name_is(n, "li"))
		b->kind = BLOCK_LIST_ITEM;
	{
		enum block_kind k = b->kind;
		const xmlNode *c;
		for (c = n->children; c; c = c->next) {
			walk(b, c);
			/* a nested block flushed ours: text after it keeps our kind */
			if (is_block_element(c) && !b->text.len)
				b->kind = k;
		}
	}
	flush(b);
}

static void collect_errors(void *ctx, xmlErrorPtr e)
{
	(void)ctx;
	(void)e;  /* HTML in the wild is never valid; recovery is the point */
}

static int html_read(const struct ingest_input *in, struct document *doc, struct diag *d)
{
	struct html_builder b;
	htmlDocPtr h;
	xmlNode *root;
	int rc = -1;

	if (in->len > 0x7fffffff)
		return diag_set(d, "file too large");
	memset(&b, 0, sizeof(b));
	b.doc = doc;
	b.kind = BLOCK_PARAGRAPH;
	strbuf_init(&b.text);
	xmlSetStructuredErrorFunc(NULL, collect_errors);
	/* XHTML that is well-formed XML is read as XML (its DTD subset would be text
	 * to the HTML parser); without XML_PARSE_NOENT/DTDLOAD entities stay references */
	h = NULL;
	if (in->len > 5 && !memcmp(in->bytes, "<?xml", 5))
		h = xmlReadMemory(in->bytes, (int)in->len, in->name, NULL,
				  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!h)
		h = htmlReadMemory(in->bytes, (int)in->len, in->name, NULL,
				   HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
				   HTML_PARSE_RECOVER);
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (!h || !(root = xmlDocGetRootElement(h))) {
		diag_set(d, "cannot parse the HTML");
		goto out;
	}
	{
		/* <title> is metadata, not a block */
		const xmlNode *c, *hd;
		for (hd = root->children; hd; hd = hd->next)
			if (name_is(hd, "head"))
				for (c = hd->children; c; c = c->next)
					if (name_is(c, "title")) {
						struct strbuf t = STRBUF_INIT;
						strbuf_init(&t);
						node_text(c, &t);
						if (t.len)
							document_set(&doc->title, t.buf);
						strbuf_release(&t);
					}
	}
	walk(&b, root);
	flush(&b);
	if (!doc->nblocks) {
		diag_set(d, "no text");
		goto out;
	}
	{
		/* NFC, as for text: libxml2 gives UTF-8 but not normalised */
		size_t i;
		for (i = 0; i < doc->nblocks; i++) {
			struct block *blk = &doc->blocks[i];
			struct strbuf nf = STRBUF_INIT;
			strbuf_init(&nf);
			if (!blk->nrefs && unicode_nfc(&nf, blk->text, blk->len) == 0 && nf.len != blk->len) {
				free(blk->text);
				blk->len = nf.len;
				blk->text = strbuf_detach(&nf, NULL);
			}
			strbuf_release(&nf);
		}
	}
	layout_guess_metadata(doc);
	rc = 0;
out:
	pending_refs_release(&b.refs);
	free(b.label);
	strbuf_release(&b.text);
	if (h)
		xmlFreeDoc(h);
	return rc;
}

const struct reader html_reader = { "html", "text/html", html_read };
