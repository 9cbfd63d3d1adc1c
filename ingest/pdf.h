/* pdf.h: the steps of the PDF reader (pdf_reader.c) that work on positioned lines
 * rather than on poppler objects: lines of a page (pdf_lines.c), running headers and
 * footers across pages (pdf_running.c), and the page text handed to the paragraph
 * rules (pdf_compose.c). Coordinates are PDF points, y growing downwards. */
#ifndef PDF_H
#define PDF_H

#include <stddef.h>

#include "document.h"
#include "strbuf.h"

enum pdf_line_flags {
	PDF_LINE_RUNNING = 1 << 0,   /* repeated header/footer or page number: dropped */
	PDF_LINE_FOOTNOTE = 1 << 1,  /* in the footnote area at the page bottom */
	PDF_LINE_NOTE_START = 1 << 2, /* starts a footnote body (text begins with its marker) */
	PDF_LINE_TABBED = 1 << 3,    /* text holds TABs where the glyphs leave column gaps */
	PDF_LINE_TABLE = 1 << 4,     /* a cell of a table found by geometry (pdf_tables.c) */
};

struct pdf_line {
	char *text;          /* UTF-8, normalised; superscript markers as ⁰..⁹ */
	size_t len;
	double x1, y1, x2, y2;  /* bounding box of the glyphs */
	double size;         /* median glyph height: the font size as printed */
	unsigned flags;      /* enum pdf_line_flags */
	int table;           /* PDF_LINE_TABLE: index in the page's tables */
};

struct pdf_table {
	size_t first;        /* the line (index in v) where the table goes in reading order */
	char *text;          /* rows by LF, cells by TAB */
	size_t len;
};

struct pdf_page {
	struct pdf_line *v;
	size_t n, cap;
	double width, height;
	int visible;         /* printable characters on the page */
	int letters;         /* of which letters and digits from a plausible script */
	struct pdf_table *tables;
	size_t ntables, tables_cap;
};

/* pdf_lines.c: split poppler's page text (its reading order, one line per LF) into
 * lines with boxes from the per-character rectangles (n_rects may differ from the
 * text's characters on odd files: extra characters then get no box). */
struct pdf_rect {
	double x1, y1, x2, y2;
	double size;  /* font size of the character, 0 when unknown */
};
void pdf_page_lines(struct pdf_page *p, const char *text, size_t len, const struct pdf_rect *r,
		    size_t nr);
void pdf_page_release(struct pdf_page *p);

/* pdf_running.c: mark repeated header/footer lines and page numbers on all pages. */
void pdf_mark_running(struct pdf_page *pages, size_t n);
/* Drop the line numbers printed down the left margin of a page. */
void pdf_strip_line_numbers(struct pdf_page *p);
/* Body font size of the document: the size that holds most characters. */
double pdf_body_size(const struct pdf_page *pages, size_t n);

/* pdf_tables.c: tables whose cells poppler reads as separate lines (a column at a
 * time): runs of rows of three or more short lines side by side at one height. */
void pdf_find_tables(struct pdf_page *p);

/* pdf_compose.c: mark the footnote area of each page, then turn every page into
 * text for text_page_blocks(): one line per paragraph, blank lines between them,
 * TAB-separated table rows; paragraphs running on to the next page are finished on
 * the page where they start. */
void pdf_mark_footnotes(struct pdf_page *p, double body);
void pdf_compose(struct document *doc, struct pdf_page *pages, size_t n, double body);

#endif
