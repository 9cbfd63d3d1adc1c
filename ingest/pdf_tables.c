/* pdf_tables.c: tables that poppler reads a column at a time (spreadsheet exports,
 * ruled tables): each cell is a line of its own. Rows are found by height: lines
 * whose middles lie within a third of their size of each other. A row of three or
 * more short lines side by side is a table row; three such rows in a row of rows
 * make a table. Columns come from the left edges of the cells, so that a row with a
 * missing cell keeps the others in their columns. Two- and three-column text does
 * not qualify: its lines are long. */
#include "pdf.h"

#include <stdlib.h>
#include <string.h>

#include "banned.h"

#define CELL_MAX 48       /* bytes: longer lines are text, not cells */
#define MIN_CELLS 3
#define MIN_ROWS 3
#define MAX_COLS 32

static const struct pdf_page *sort_page;

static double mid(const struct pdf_line *l)
{
	return (l->y1 + l->y2) / 2;
}

static int by_y(const void *a, const void *b)
{
	const struct pdf_line *x = &sort_page->v[*(const size_t *)a], *y = &sort_page->v[*(const size_t *)b];
	double dx = mid(x), dy = mid(y);
	if (dx != dy)
		return dx < dy ? -1 : 1;
	return x->x1 < y->x1 ? -1 : x->x1 > y->x1;
}

static int by_x(const void *a, const void *b)
{
	const struct pdf_line *x = &sort_page->v[*(const size_t *)a], *y = &sort_page->v[*(const size_t *)b];
	return x->x1 < y->x1 ? -1 : x->x1 > y->x1;
}

struct span {
	double x1, x2;
};

static int cmp_span(const void *a, const void *b)
{
	const struct span *x = a, *y = b;
	return x->x1 < y->x1 ? -1 : x->x1 > y->x1;
}

/* Is the row [a, b) of y-sorted lines (sorted by x) a table row? */
static int cell_row(const struct pdf_page *p, const size_t *v, size_t a, size_t b)
{
	size_t i, shortc = 0;

	if (b - a < MIN_CELLS || b - a > MAX_COLS)
		return 0;
	for (i = a; i < b; i++) {
		const struct pdf_line *l = &p->v[v[i]];
		if (l->len > CELL_MAX || l->flags & (PDF_LINE_TABBED | PDF_LINE_FOOTNOTE))
			return 0;
		if (i > a && l->x1 < p->v[v[i - 1]].x2)
			return 0;  /* overlapping: not side by side */
		shortc += l->len <= 24;
	}
	return shortc * 2 >= b - a;
}

static void emit_table(struct pdf_page *p, size_t *v, const size_t *rs, size_t nrows)
{
	struct span xs[MAX_COLS * 8], cols[MAX_COLS];
	size_t nx = 0, nc = 0, r, i, first = (size_t)-1;
	struct strbuf sb = STRBUF_INIT;
	struct pdf_table *t;

	/* columns: the union of overlapping cell extents, left to right */
	for (r = 0; r < nrows; r++)
		for (i = rs[r]; i < rs[r + 1] && nx < sizeof(xs) / sizeof(xs[0]); i++) {
			xs[nx].x1 = p->v[v[i]].x1;
			xs[nx++].x2 = p->v[v[i]].x2;
		}
	if (nx > 1)
		qsort(xs, nx, sizeof(*xs), cmp_span);
	for (i = 0; i < nx; i++) {
		if (nc && xs[i].x1 < cols[nc - 1].x2) {
			if (xs[i].x2 > cols[nc - 1].x2)
				cols[nc - 1].x2 = xs[i].x2;
		} else if (nc < MAX_COLS) {
			cols[nc++] = xs[i];
		}
	}
	strbuf_init(&sb);
	for (r = 0; r < nrows; r++) {
		size_t c = 0;
		if (r)
			strbuf_addch(&sb, '\n');
		for (i = rs[r]; i < rs[r + 1]; i++) {
			struct pdf_line *l = &p->v[v[i]];
			size_t k, want = 0;
			for (k = 0; k < nc; k++)
				if (l->x1 >= cols[k].x1 - 0.5)
					want = k;
			if (want < c)
				want = c;
			while (c < want) {
				strbuf_addch(&sb, '\t');
				c++;
			}
			if (i > rs[r] && c == want && sb.len && sb.buf[sb.len - 1] != '\t' && sb.buf[sb.len - 1] != '\n')
				strbuf_addch(&sb, ' ');
			for (k = 0; k < l->len; k++)
				strbuf_addch(&sb, l->text[k] == '\t' ? ' ' : l->text[k]);
			l->flags |= PDF_LINE_TABLE;
			l->table = (int)p->ntables;
			if (v[i] < first)
				first = v[i];
		}
		while (c + 1 < nc) {
			strbuf_addch(&sb, '\t');
			c++;
		}
	}
	XGROW(p->tables, p->tables_cap, p->ntables + 1);
	t = &p->tables[p->ntables++];
	t->first = first;
	t->text = strbuf_detach(&sb, &t->len);
}

void pdf_find_tables(struct pdf_page *p)
{
	size_t *v = xmalloc((p->n + 1) * sizeof(*v)), *rs = xmalloc((p->n + 2) * sizeof(*rs));
	size_t n = 0, i, a, nr = 0;

	for (i = 0; i < p->n; i++)
		if (!(p->v[i].flags & (PDF_LINE_RUNNING | PDF_LINE_FOOTNOTE)) && p->v[i].len && p->v[i].size > 0)
			v[n++] = i;
	sort_page = p;
	if (n > 1)
		qsort(v, n, sizeof(*v), by_y);
	/* rows of the y order, each sorted by x; runs of cell rows become tables */
	for (a = 0; a < n;) {
		size_t b = a + 1;
		double m = mid(&p->v[v[a]]), tol = p->v[v[a]].size / 3;
		while (b < n && mid(&p->v[v[b]]) - m <= tol)
			b++;
		if (b - a > 1)
			qsort(v + a, b - a, sizeof(*v), by_x);
		if (cell_row(p, v, a, b)) {
			if (!nr)
				rs[nr++] = a;
			rs[nr++] = b;
		} else {
			if (nr > MIN_ROWS)
				emit_table(p, v, rs, nr - 1);
			nr = 0;
		}
		a = b;
	}
	if (nr > MIN_ROWS)
		emit_table(p, v, rs, nr - 1);
	free(v);
	free(rs);
}
