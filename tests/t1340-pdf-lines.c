/* t1340-pdf-lines: the PDF layout steps on synthetic pages, without poppler: lines
 * from characters and boxes (superscript markers, column gaps, ligatures), running
 * headers and page numbers across pages, footnote areas, and the composed blocks
 * (hyphenation by the document's own vocabulary, paragraphs over a page break). */
#include "../ingest/ingest.h"
#include "../ingest/pdf.h"

#include <stdlib.h>
#include <string.h>

#include "unicode.h"
#include "tap.h"
#include "banned.h"

/* Lay out text as one line at (x, top) in size sz: each character a box of
 * sz/2 width; returns the x after it. Boxes are appended to r, text to sb. */
static double run(struct strbuf *sb, struct pdf_rect *r, size_t *nr, const char *text, double x,
		  double top, double sz, double raise)
{
	size_t i = 0;

	while (i < strlen(text)) {
		size_t k = i;
		utf8_next(text, strlen(text), &k);
		strbuf_add(sb, text + i, k - i);
		r[*nr].x1 = x;
		r[*nr].x2 = x + sz / 2;
		r[*nr].y1 = top - raise;
		r[*nr].y2 = top + sz - raise;
		r[*nr].size = sz;
		(*nr)++;
		x += sz / 2;
		i = k;
	}
	return x;
}

static void newline(struct strbuf *sb, struct pdf_rect *r, size_t *nr)
{
	strbuf_addch(sb, '\n');
	memset(&r[*nr], 0, sizeof(r[*nr]));
	(*nr)++;
}

/* A page from lines given as (x, top, size, text); text "^" + digits = superscript
 * run glued to the previous one. */
struct spec {
	double x, top, size;
	const char *text;
};

static void make_page(struct pdf_page *p, const struct spec *s, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	struct pdf_rect *r = xcalloc(4096, sizeof(*r));
	size_t nr = 0, i;
	double x = 0;

	strbuf_init(&sb);
	memset(p, 0, sizeof(*p));
	p->width = 595;
	p->height = 842;
	for (i = 0; i < n; i++) {
		if (s[i].text[0] == '^') {
			x = run(&sb, r, &nr, s[i].text + 1, x, s[i - 1].top, s[i - 1].size * 0.6, 3);
			continue;
		}
		if (i)
			newline(&sb, r, &nr);
		x = run(&sb, r, &nr, s[i].text, s[i].x, s[i].top, s[i].size, 0);
	}
	pdf_page_lines(p, sb.buf, sb.len, r, nr);
	strbuf_release(&sb);
	free(r);
}

static const struct block *find(const struct document *doc, const char *needle)
{
	size_t i;

	for (i = 0; i < doc->nblocks; i++)
		if (strstr(doc->blocks[i].text, needle))
			return &doc->blocks[i];
	return NULL;
}

int main(void)
{
	struct pdf_page p[3];
	struct document *doc;
	const struct block *b;
	size_t i;

	{
		static const struct spec s[] = {
			{ 56, 100, 10, "reached 181,818 (2005)" }, { 0, 0, 0, "^2" },
			{ 56, 112, 10, "Year        Arrivals" },
			{ 56, 124, 10, "the \xEF\xAC\x81rst of\xE2\x80\x82them" },
		};
		make_page(&p[0], s, 4);
		is_int(p[0].n, 3, "three lines");
		is_str(p[0].v[0].text, "reached 181,818 (2005)\xC2\xB2", "a raised small digit is a superscript glued to the figure");
		ok(p[0].v[0].size == 10, "the line's size is its body size, not the marker's");
		is_str(p[0].v[1].text, "Year\tArrivals", "a wide gap between glyphs is a TAB");
		ok(p[0].v[1].flags & PDF_LINE_TABBED, "and the line is marked tabbed");
		is_str(p[0].v[2].text, "the first of them", "ligature expanded, en space made a space");
		pdf_page_release(&p[0]);
	}

	/* running header, page numbers, a footnote, a word broken over the page */
	{
		static const struct spec a[] = {
			{ 56, 40, 9, "A/HRC/99/12" },
			{ 56, 100, 10, "1. The delegation met the officials in charge" },
			{ 56, 112, 10, "of the registration of migrants and of regis-" },
			{ 56, 760, 8, "3 Letter of the Ministry of the Interior." },
			{ 290, 800, 9, "7" },
		};
		static const struct spec c[] = {
			{ 56, 40, 9, "A/HRC/99/12" },
			{ 56, 100, 10, "tration procedures at the border." },
			{ 56, 124, 10, "2. The Working Group visited two centres." },
			{ 290, 800, 9, "8" },
		};
		static const struct spec d[] = {
			{ 56, 40, 9, "A/HRC/99/12" },
			{ 56, 100, 10, "3. A non-governmental organization and a non-" },
			{ 56, 112, 10, "governmental body were heard." },
			{ 290, 800, 9, "9" },
		};
		double body;

		make_page(&p[0], a, 5);
		make_page(&p[1], c, 4);
		make_page(&p[2], d, 4);
		pdf_mark_running(p, 3);
		ok(p[0].v[0].flags & PDF_LINE_RUNNING && p[1].v[0].flags & PDF_LINE_RUNNING &&
		   p[2].v[0].flags & PDF_LINE_RUNNING, "the header repeated on every page is running");
		ok(p[0].v[4].flags & PDF_LINE_RUNNING && p[1].v[3].flags & PDF_LINE_RUNNING,
		   "page numbers 7, 8, 9 (one offset to the page index) are running");
		ok(!(p[0].v[1].flags & PDF_LINE_RUNNING), "body lines are not");
		body = pdf_body_size(p, 3);
		ok(body == 10, "body size is 10 (got %g)", body);
		for (i = 0; i < 3; i++)
			pdf_mark_footnotes(&p[i], body);
		ok(p[0].v[3].flags & PDF_LINE_NOTE_START, "small print at the bottom with a marker starts a note");
		ok(!(p[0].v[2].flags & PDF_LINE_FOOTNOTE), "body text is no footnote");
		doc = document_new();
		pdf_compose(doc, p, 3, body);
		b = find(doc, "registration procedures");
		ok(b && b->page == 1 && b->label && !strcmp(b->label, "1"),
		   "the word broken over the page is mended in paragraph 1, on page 1");
		ok(b && !strcmp(b->text + b->len - 7, "border."), "and the paragraph ends on the next page's line");
		b = find(doc, "Letter of the Ministry");
		ok(b && b->kind == BLOCK_FOOTNOTE && b->label && !strcmp(b->label, "3"), "footnote 3");
		ok(!find(doc, "A/HRC/99/12"), "no running header in the blocks");
		b = find(doc, "non-governmental body");
		ok(b != NULL, "a hyphen the document also spells is kept (non-governmental)");
		for (i = 0; i < doc->nblocks; i++)
			ok(strcmp(doc->blocks[i].text, "7") && strcmp(doc->blocks[i].text, "8"),
			   "block %zu is no page number", i + 1);
		document_free(doc);
		for (i = 0; i < 3; i++)
			pdf_page_release(&p[i]);
	}
	return done_testing();
}
