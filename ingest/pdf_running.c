/* pdf_running.c: running headers, footers and page numbers, found by position (the
 * top or bottom band of the page) and repetition across pages: a band line whose
 * text, with digits folded, comes back on enough pages is running matter, and so is
 * a band line that is only a page number ("7", "- 7 -", "Page 7", "7 of 20"). */
#include "pdf.h"

#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "banned.h"

/* Bands: the top and bottom share of the page height where running matter lives. */
#define BAND 0.12
/* Lines longer than this are body text even in a band. */
#define RUNNING_MAX_LEN 160

struct key {
	char *k;
	size_t page;
};

static int in_band(const struct pdf_page *p, const struct pdf_line *l)
{
	if (p->height <= 0)
		return 0;
	return l->y2 <= p->height * BAND || l->y1 >= p->height * (1 - BAND);
}

/* The line's text with digit runs folded to '#', lower case, blanks squeezed. */
static char *fold_key(const struct pdf_line *l)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	strbuf_init(&sb);
	for (i = 0; i < l->len; i++) {
		unsigned char c = (unsigned char)l->text[i];
		if (isdigit(c)) {
			if (!sb.len || sb.buf[sb.len - 1] != '#')
				strbuf_addch(&sb, '#');
		} else if (c == ' ' || c == '\t') {
			if (sb.len && sb.buf[sb.len - 1] != ' ')
				strbuf_addch(&sb, ' ');
		} else {
			strbuf_addch(&sb, tolower(c));
		}
	}
	strbuf_rtrim(&sb);
	return strbuf_detach(&sb, NULL);
}

/* "7", "- 7 -", "– 7 –", "Page 7", "page 7 of 20", "7/20", "[7]", "p. 7", roman "vii". */
static int page_number_key(const char *k)
{
	static const char *const forms[] = { "#", "- # -", "-#-", "\xe2\x80\x93 # \xe2\x80\x93", "page #",
		"page # of #", "# of #", "#/#", "[#]", "(#)", "p. #", "pag. #", "página #", "# | page",
		"page | #", NULL };
	size_t i;

	for (i = 0; forms[i]; i++)
		if (!strcmp(k, forms[i]))
			return 1;
	for (i = 0; k[i]; i++)
		if (!strchr("ivx", k[i]))
			return 0;
	return i > 0 && i <= 5;
}

static int cmp_key(const void *a, const void *b)
{
	const struct key *x = a, *y = b;
	int c = strcmp(x->k, y->k);
	return c ? c : (x->page > y->page) - (x->page < y->page);
}

/* The page number printed by a band line in one of the forms above: its value, -2
 * for a roman numeral, -1 when the line is not one. */
static long page_number_value(const struct pdf_line *l, const char *key)
{
	size_t i;
	long v = 0;

	if (!page_number_key(key))
		return -1;
	for (i = 0; i < l->len && !isdigit((unsigned char)l->text[i]); i++)
		;
	if (i == l->len)
		return -2;
	for (; i < l->len && isdigit((unsigned char)l->text[i]) && v < 100000; i++)
		v = v * 10 + (l->text[i] - '0');
	return v;
}

static size_t key_letters(const char *k)
{
	size_t n = 0;

	for (; *k; k++)
		n += (*k >= 'a' && *k <= 'z') || (unsigned char)*k >= 0x80;
	return n;
}

/* Lone numbers in the bands are page numbers when they keep one offset to the page
 * index (printed = index + offset) on several pages: a table row of figures at the
 * top of a page does not. Returns the offset, or LONG_MIN when there is none. */
static long page_number_offset(const struct pdf_page *pages, size_t n)
{
	long *offs = NULL, best = LONG_MIN;
	size_t no = 0, cap = 0, i, j, run, bestrun = 0;

	for (i = 0; i < n; i++)
		for (j = 0; j < pages[i].n; j++) {
			const struct pdf_line *l = &pages[i].v[j];
			char *k;
			long v;
			if (!in_band(&pages[i], l) || l->len > 24)
				continue;
			k = fold_key(l);
			v = page_number_value(l, k);
			free(k);
			if (v < 0)
				continue;
			XGROW(offs, cap, no + 1);
			offs[no++] = v - (long)(i + 1);
		}
	for (i = 0; i < no; i++) {
		for (run = 0, j = 0; j < no; j++)
			run += offs[j] == offs[i];
		if (run > bestrun || (run == bestrun && offs[i] == 0)) {
			bestrun = run;
			best = offs[i];
		}
		if (no > 64 && i > 64)
			break;  /* the mode shows in the first pages already */
	}
	free(offs);
	if (bestrun >= 2 || (n == 1 && bestrun == 1 && best == 0))
		return best;
	return LONG_MIN;
}

void pdf_mark_running(struct pdf_page *pages, size_t n)
{
	struct key *keys = NULL;
	size_t nk = 0, cap = 0, i, j, need;
	long offset = page_number_offset(pages, n);

	for (i = 0; i < n; i++)
		for (j = 0; j < pages[i].n; j++) {
			struct pdf_line *l = &pages[i].v[j];
			if (!in_band(&pages[i], l) || l->len > RUNNING_MAX_LEN)
				continue;
			XGROW(keys, cap, nk + 1);
			keys[nk].k = fold_key(l);
			keys[nk].page = i;
			nk++;
		}
	if (nk)
		qsort(keys, nk, sizeof(*keys), cmp_key);
	/* a header on every other page (alternating left/right) still counts */
	need = n / 4 > 2 ? n / 4 : 2;
	for (i = 0; i < n; i++)
		for (j = 0; j < pages[i].n; j++) {
			struct pdf_line *l = &pages[i].v[j];
			struct key probe;
			size_t pages_with = 0, a, prev = (size_t)-1, lo = 0, hi = nk;
			long v;
			if (!in_band(&pages[i], l) || l->len > RUNNING_MAX_LEN)
				continue;
			probe.k = fold_key(l);
			probe.page = 0;
			v = page_number_value(l, probe.k);
			if (v == -2 || (v >= 0 && offset != LONG_MIN && v - (long)(i + 1) == offset)) {
				l->flags |= PDF_LINE_RUNNING;
				free(probe.k);
				continue;
			}
			/* repetition: only for lines with words, not labels or figures */
			if (key_letters(probe.k) < 2 || n < 2) {
				free(probe.k);
				continue;
			}
			while (lo < hi) {
				size_t mid = (lo + hi) / 2;
				if (cmp_key(&keys[mid], &probe) < 0)
					lo = mid + 1;
				else
					hi = mid;
			}
			for (a = lo; a < nk && !strcmp(keys[a].k, probe.k); a++)
				if (keys[a].page != prev) {
					pages_with++;
					prev = keys[a].page;
				}
			if (pages_with >= need)
				l->flags |= PDF_LINE_RUNNING;
			free(probe.k);
		}
	for (i = 0; i < nk; i++)
		free(keys[i].k);
	free(keys);
}

double pdf_body_size(const struct pdf_page *pages, size_t n)
{
	/* histogram of sizes in half points, weighted by characters */
	size_t hist[200] = { 0 }, i, j, best = 0, bi = 0;

	for (i = 0; i < n; i++)
		for (j = 0; j < pages[i].n; j++) {
			const struct pdf_line *l = &pages[i].v[j];
			size_t b = (size_t)(l->size * 2 + 0.5);
			if (l->flags & PDF_LINE_RUNNING || b >= 200)
				continue;
			hist[b] += l->len;
		}
	for (i = 0; i < 200; i++)
		if (hist[i] > best) {
			best = hist[i];
			bi = i;
		}
	return bi / 2.0;
}

/* ---- margin line numbers ---- */

struct numbered {
	struct pdf_line *l;
	long v;
	size_t cut;  /* bytes of "N\t" at the start of the line, or its length */
};

static int by_top(const void *a, const void *b)
{
	const struct numbered *x = a, *y = b;
	return x->l->y1 < y->l->y1 ? -1 : x->l->y1 > y->l->y1;
}

/* Line numbers printed down the left margin (transcripts, pleadings): a left-edge
 * integer on five or more lines in a row, counting up by one. They are not part of
 * the text; lines that hold nothing else are dropped, the others lose the number. */
void pdf_strip_line_numbers(struct pdf_page *p)
{
	struct numbered *v = xmalloc((p->n + 1) * sizeof(*v));
	size_t n = 0, i, j;

	for (i = 0; i < p->n; i++) {
		struct pdf_line *l = &p->v[i];
		size_t k = 0;
		long val = 0;
		if (l->x1 > p->width * 0.25 || l->flags & PDF_LINE_RUNNING)
			continue;
		while (k < l->len && k < 4 && isdigit((unsigned char)l->text[k]))
			val = val * 10 + (l->text[k++] - '0');
		if (!k || (k < l->len && l->text[k] != '\t'))
			continue;
		v[n].l = l;
		v[n].v = val;
		v[n].cut = k < l->len ? k + 1 : k;
		n++;
	}
	if (n)
		qsort(v, n, sizeof(*v), by_top);
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && v[j].v == v[j - 1].v + 1; j++)
			;
		if (j - i >= 5) {
			size_t k;
			for (k = i; k < j; k++) {
				struct pdf_line *l = v[k].l;
				if (v[k].cut >= l->len) {
					l->flags |= PDF_LINE_RUNNING;
					continue;
				}
				memmove(l->text, l->text + v[k].cut, l->len - v[k].cut + 1);
				l->len -= v[k].cut;
				if (!memchr(l->text, '\t', l->len))
					l->flags &= ~(unsigned)PDF_LINE_TABBED;
			}
		}
	}
	free(v);
}
