/* t0300-document: Contract 1 round trip, invariants the reader enforces, and inert
 * parsing (no DTD, no entities, no network). */
#include "document.h"

#include <stdlib.h>
#include <string.h>

#include "tap.h"

static struct document *sample(void)
{
	struct document *doc = document_new();
	struct block *b;

	document_set(&doc->sha256, "0000000000000000000000000000000000000000000000000000000000000000");
	document_set(&doc->source, "reply.txt");
	document_set(&doc->media_type, "text/plain");
	document_set(&doc->title, "Reply & <remarks>");
	document_set(&doc->symbol, "CMW/C/AZE/2");
	document_set(&doc->lang, "en");
	doc->npages = 2;
	b = document_add_block(doc, BLOCK_HEADING, 1, "I. Introduction", 15);
	b = document_add_block(doc, BLOCK_PARAGRAPH, 1, "Immigrants 181,818 (2005) in all.", 33);
	b->label = strdup("46");
	block_add_ref(b, 25, "2");
	block_add_ref(b, 33, "3");
	b = document_add_block(doc, BLOCK_TABLE, 2, "Year\t2005\t2006\nTotal\t1,257\t2,500", 32);
	b->header_rows = 1;
	block_add_ref(b, 19, "4");
	document_add_block(doc, BLOCK_FOOTNOTE, 2, "Source: UNHCR.", 14)->label = strdup("2");
	return doc;
}

/* The cell functions use a row index; check them against a plain scan everywhere. */
static void check_cells_against_scan(void)
{
	struct document *doc = document_new();
	struct strbuf t = STRBUF_INIT;
	const struct block *b;
	size_t r, c, at, bad = 0, s, e;
	unsigned seed = 7;

	strbuf_init(&t);
	for (r = 0; r < 40; r++) {
		if (r)
			strbuf_addch(&t, '\n');
		for (c = 0; c < 1 + (seed = seed * 1103515245 + 12345) % 5; c++)
			strbuf_addf(&t, "%s%u", c ? "\t" : "", seed % 1000);
	}
	b = document_add_block(doc, BLOCK_TABLE, 0, t.buf, t.len);
	for (at = 0; at <= b->len; at++) {
		size_t rr = 0, cc = 0, i;
		for (i = 0; i < at; i++) {
			if (b->text[i] == '\n') {
				rr++;
				cc = 0;
			} else if (b->text[i] == '\t') {
				cc++;
			}
		}
		block_cell_at(b, at, &r, &c);
		bad += r != rr || c != cc;
		if (block_cell(b, rr, cc, &s, &e) < 0 || s > at || e < at)
			bad++;
	}
	is_int(bad, 0, "block_cell_at and block_cell agree with a plain scan at every offset");
	ok(block_cell(b, 40, 0, &s, &e) < 0, "block_cell refuses the row after the last");
	ok(block_cell(b, 0, 9, &s, &e) < 0, "block_cell refuses a column past the row's end");
	document_free(doc);
	strbuf_release(&t);
}

static int read_str(const char *xml, struct document **out, struct diag *d)
{
	diag_init(d);
	return document_read(xml, strlen(xml), out, d);
}

/* The reader feeds libxml2 1 MiB at a time: blocks, tags and UTF-8 sequences that
 * straddle a slice boundary come back whole, and a document is UTF-8 whatever its
 * declaration says. */
static void check_large_and_declared(void)
{
	struct document *doc = document_new(), *back = NULL;
	struct strbuf xml = STRBUF_INIT, text = STRBUF_INIT;
	struct diag d;
	size_t i, k, bad = 0;

	strbuf_init(&xml);
	strbuf_init(&text);
	diag_init(&d);
	document_set(&doc->sha256, "0000000000000000000000000000000000000000000000000000000000000000");
	document_set(&doc->source, "big.txt");
	document_set(&doc->media_type, "text/plain");
	for (i = 0; i < 4000; i++) {
		strbuf_reset(&text);
		/* odd lengths, so that boundaries fall inside two- and three-byte characters */
		strbuf_addf(&text, "Block %zu: Azərbaycan — ", i);
		for (k = 0; k < i % 1999; k++)
			strbuf_addch(&text, 'x');
		strbuf_adds(&text, " ‘quoted’ & <b>");
		document_add_block(doc, i % 7 ? BLOCK_PARAGRAPH : BLOCK_HEADING, 0, text.buf, text.len);
	}
	ok(document_write_buf(doc, &xml, &d) == 0, "a large document serialises");
	ok(xml.len > (3u << 20), "it is %zu bytes: over three slices", xml.len);
	ok(document_read(xml.buf, xml.len, &back, &d) == 0, "it reads back: %s", d.msg);
	if (back) {
		is_int(back->nblocks, 4000, "all 4,000 blocks come back");
		for (i = 0; i < back->nblocks; i++)
			bad += back->blocks[i].len != doc->blocks[i].len ||
			       memcmp(back->blocks[i].text, doc->blocks[i].text, doc->blocks[i].len) ||
			       back->blocks[i].kind != doc->blocks[i].kind;
		is_int(bad, 0, "every block's text and kind come back byte for byte");
		document_free(back);
		back = NULL;
	}
	ok(read_str("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><document version=\"1\" sha256=\"\" "
		    "source=\"x\" media-type=\"text/plain\" pages=\"0\"><page>"
		    "<block id=\"1\" kind=\"paragraph\">Café</block></page></document>", &back, &d) == 0 &&
	   back && back->nblocks == 1 && !strcmp(back->blocks[0].text, "Café"),
	   "a declared ISO-8859-1 is ignored: the bytes are read as UTF-8 (%s)", d.msg);
	document_free(back);
	document_free(doc);
	strbuf_release(&xml);
	strbuf_release(&text);
}

int main(void)
{
	struct document *doc = sample(), *back = NULL;
	struct strbuf xml = STRBUF_INIT, again = STRBUF_INIT;
	struct diag d;
	size_t s, e, r, c;

	strbuf_init(&xml);
	strbuf_init(&again);
	diag_init(&d);
	ok(document_write_buf(doc, &xml, &d) == 0, "a document serialises");
	ok(strstr(xml.buf, "<note-ref n=\"2\"/>") != NULL, "note-refs are elements");
	ok(strstr(xml.buf, "(2005)<note-ref") != NULL, "a marker stands where it was, outside the text");
	ok(strstr(xml.buf, "Reply &amp; &lt;remarks&gt;") != NULL, "metadata is escaped");
	ok(document_read(xml.buf, xml.len, &back, &d) == 0, "it reads back: %s", d.msg);
	if (!back)
		return done_testing();
	is_int(back->nblocks, 4, "all blocks come back");
	is_int(back->npages, 2, "the page count comes back");
	is_str(back->symbol, "CMW/C/AZE/2", "the UN symbol comes back");
	is_str(back->blocks[1].text, "Immigrants 181,818 (2005) in all.", "paragraph text has no markers");
	is_str(back->blocks[1].label, "46", "the paragraph label comes back");
	is_int(back->blocks[1].nrefs, 2, "both note-refs come back");
	is_int(back->blocks[1].refs[0].at, 25, "the first marker keeps its offset");
	is_int(back->blocks[1].refs[1].at, 33, "a marker at the end keeps its offset");
	is_int(back->blocks[2].page, 2, "blocks keep their page");
	is_str(back->blocks[2].text, "Year\t2005\t2006\nTotal\t1,257\t2,500", "table text is cells by TAB, rows by LF");
	is_int(back->blocks[2].nrows, 2, "table rows are counted");
	is_int(back->blocks[2].header_rows, 1, "the header row is marked");
	is_int(back->blocks[2].nrefs, 1, "a marker inside a cell comes back");
	is_int(back->blocks[2].refs[0].at, 19, "at its offset in the table text");
	ok(block_cell(&back->blocks[2], 1, 2, &s, &e) == 0 && e - s == 5 &&
	   !strncmp(back->blocks[2].text + s, "2,500", 5), "block_cell finds row 1, column 2");
	ok(block_cell(&back->blocks[2], 2, 0, &s, &e) < 0, "block_cell refuses a missing row");
	block_cell_at(&back->blocks[2], 21, &r, &c);
	ok(r == 1 && c == 1, "block_cell_at maps an offset to row 1, column 1");
	is_int(back->blocks[3].kind, BLOCK_FOOTNOTE, "the footnote keeps its kind");
	ok(document_write_buf(back, &again, &d) == 0 && again.len == xml.len &&
	   !memcmp(again.buf, xml.buf, xml.len), "write → read → write is stable");
	document_free(back);
	back = NULL;

	ok(read_str("<document version=\"2\" sha256=\"\" source=\"x\" media-type=\"text/plain\" pages=\"0\"><page/></document>",
		    &back, &d) < 0 && strstr(d.msg, "version 2"), "a newer major version is refused: %s", d.msg);
	ok(read_str("<notes/>", &back, &d) < 0, "another root element is refused: %s", d.msg);
	ok(read_str("<document", &back, &d) < 0 && strstr(d.msg, "well-formed"), "broken XML is refused: %s", d.msg);
	ok(read_str("", &back, &d) < 0, "empty input is refused");
	ok(read_str("<?xml version=\"1.0\"?><!DOCTYPE document [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
		    "<document version=\"1\" sha256=\"\" source=\"x\" media-type=\"text/plain\" pages=\"0\"><page>"
		    "<block id=\"1\" kind=\"paragraph\">&x;</block></page></document>", &back, &d) < 0,
	   "a DTD with an external entity is refused: %s", d.msg);
	ok(read_str("<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
		    "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY e \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]>"
		    "<document version=\"1\" sha256=\"\" source=\"x\" media-type=\"text/plain\" pages=\"0\"><page>"
		    "<block id=\"1\" kind=\"paragraph\">&e;&e;&e;&e;</block></page></document>", &back, &d) < 0,
	   "an entity expansion bomb is refused: %s", d.msg);
	ok(read_str("<document version=\"1\" sha256=\"\" source=\"x\" media-type=\"text/plain\" pages=\"0\"><page>"
		    "<block id=\"1\" kind=\"poem\">x</block></page></document>", &back, &d) < 0,
	   "an unknown block kind is refused: %s", d.msg);
	ok(read_str("<document version=\"1\" sha256=\"\" source=\"x\" media-type=\"text/plain\" pages=\"0\"><page>"
		    "<block id=\"1\" kind=\"paragraph\">a&#9;b</block></page></document>", &back, &d) < 0,
	   "a TAB inside paragraph text is refused: %s", d.msg);
	ok(read_str("<document version=\"1\" sha256=\"\" source=\"x\" media-type=\"text/plain\" pages=\"x\"><page/></document>",
		    &back, &d) < 0, "a bad page count is refused: %s", d.msg);
	ok(read_str("<document version=\"1\" sha256=\"\" source=\"x\" media-type=\"text/plain\" pages=\"1\"><page n=\"2\"/></document>",
		    &back, &d) < 0, "a page beyond the page count is refused: %s", d.msg);
	ok(read_str("<document version=\"1\" sha256=\"\" source=\"x\" media-type=\"text/plain\" pages=\"0\"><page n=\"1\"/></document>",
		    &back, &d) < 0, "a numbered page in an unpaged document is refused: %s", d.msg);
	ok(read_str("<document version=\"1\" sha256=\"\" source=\"x\" media-type=\"text/plain\" pages=\"2\"><page n=\"2\"/><page n=\"1\"/></document>",
		    &back, &d) < 0, "pages out of order are refused: %s", d.msg);
	ok(read_str("<document version=\"1\" source=\"x\" pages=\"0\"><page/></document>", &back, &d) < 0,
	   "a document without sha256 or media-type is refused: %s", d.msg);
	ok(read_str("<document version=\"1\" sha256=\"\" source=\"x\" media-type=\"text/plain\" pages=\"0\"><page>"
		    "<block id=\"1\" kind=\"paragraph\">ok</block></page></document>", &back, &d) == 0 &&
	   back->blocks[0].page == 0, "an unpaged page gives page 0");
	document_free(back);
	back = NULL;
	{
		/* text that XML cannot hold is replaced, never written raw */
		struct document *bad = document_new();
		struct strbuf out = STRBUF_INIT;
		strbuf_init(&out);
		document_add_block(bad, BLOCK_PARAGRAPH, 0, "a\x01z\xFF", 4);
		ok(document_write_buf(bad, &out, &d) == 0 && !strchr(out.buf, '\x01'),
		   "control characters are not written raw");
		ok(document_read(out.buf, out.len, &back, &d) == 0, "and the result reads back");
		document_free(back);
		document_free(bad);
		strbuf_release(&out);
	}
	is_str(block_kind_name(BLOCK_LIST_ITEM), "list-item", "block kind names come from one list");
	check_cells_against_scan();
	check_large_and_declared();
	document_free(doc);
	strbuf_release(&xml);
	strbuf_release(&again);
	return done_testing();
}
