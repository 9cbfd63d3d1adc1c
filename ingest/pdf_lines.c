/* pdf_lines.c: one page's text in poppler's reading order, with a box per character,
 * → lines with a box and a printed size. Within a line: superscript digits (smaller
 * glyphs raised above the baseline) become ⁰..⁹ glued to the word they follow, so the
 * marker never merges with a figure; wide gaps between glyphs (table columns) become
 * TAB; ligatures and odd spaces are normalised here, before NFC, because NFKC would
 * also fold the superscripts we just made. */
#include "pdf.h"

#include <stdlib.h>
#include <string.h>

#include "unicode.h"
#include "banned.h"

/* A column gap: this many times the glyph height between two glyphs of a line. */
#define GAP_TAB 1.6
/* A superscript glyph: at most this share of the line's glyph height ... */
#define SUP_SIZE 0.82
/* ... with its bottom raised by at least this share of it above the baseline. */
#define SUP_RAISE 0.18

struct glyph {
	uint32_t c;
	struct pdf_rect r;
	int boxed;
};

/* The most frequent of a few distinct values (within 0.05 pt); values past the
 * first 16 distinct ones are not counted, which a line never needs. */
struct mode {
	double v[16];
	size_t n[16];
	size_t k;
};

static void mode_add(struct mode *m, double v)
{
	size_t i;

	for (i = 0; i < m->k; i++)
		if (v - m->v[i] < 0.05 && m->v[i] - v < 0.05) {
			m->n[i]++;
			return;
		}
	if (m->k < 16) {
		m->v[m->k] = v;
		m->n[m->k++] = 1;
	}
}

static double mode_get(const struct mode *m)
{
	size_t i, best = 0;

	for (i = 1; i < m->k; i++)
		if (m->n[i] > m->n[best])
			best = i;
	return m->k ? m->v[best] : 0;
}

static inline int is_blank(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\r' || (c >= 0x2000 && c <= 0x200B) || c == 0x3000 ||
	       c == 0x205F || c == 0x1680 || c == 0xA0 || c == 0x202F;
}

/* Letters and digits of the scripts our reports are written in; glyphs a font maps
 * to nowhere useful show up as ASCII punctuation or as Latin Extended-B/IPA letters. */
static int plausible_letter(uint32_t c)
{
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
	if (c >= 0x180 && c <= 0x2AF)
		return 0;
	return unicode_is_alpha(c) || (c >= 0x2070 && c <= 0x2079) || c == 0xB9 || c == 0xB2 || c == 0xB3;
}

/* Characters that fill space without saying anything: dot leaders, rules. */
static int filler(uint32_t c)
{
	return c == '.' || c == '_' || c == '-' || c == 0x2026 || c == 0x2013 || c == 0x2014 || c == 0xB7;
}

static const char *ligature(uint32_t c)
{
	switch (c) {
	case 0xFB00: return "ff";
	case 0xFB01: return "fi";
	case 0xFB02: return "fl";
	case 0xFB03: return "ffi";
	case 0xFB04: return "ffl";
	case 0xFB05: return "st";
	case 0xFB06: return "st";
	default: return NULL;
	}
}

static const uint32_t sup_digit[10] = { 0x2070, 0xB9, 0xB2, 0xB3, 0x2074, 0x2075, 0x2076, 0x2077,
	0x2078, 0x2079 };

static double glyph_size(const struct glyph *g)
{
	return g->r.size > 0 ? g->r.size : g->r.y2 - g->r.y1;
}

/* UTF-8 of c at o (at most 4 bytes; U+FFFD for what is not a scalar value). */
static inline size_t put_utf8(char *o, uint32_t c)
{
	if (c < 0x80) {
		o[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		o[0] = (char)(0xC0 | (c >> 6));
		o[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	if ((c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF)
		c = 0xFFFD;
	if (c < 0x10000) {
		o[0] = (char)(0xE0 | (c >> 12));
		o[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		o[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	o[0] = (char)(0xF0 | (c >> 18));
	o[1] = (char)(0x80 | ((c >> 12) & 0x3F));
	o[2] = (char)(0x80 | ((c >> 6) & 0x3F));
	o[3] = (char)(0x80 | (c & 0x3F));
	return 4;
}

static void add_line(struct pdf_page *p, const struct glyph *g, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	double medh, base;
	size_t i;
	struct pdf_line *l;
	int have_prev = 0, pending_space = 0, tabs = 0;
	double prev_x2 = 0;
	char *o;
	size_t len;

	while (n && is_blank(g[n - 1].c))
		n--;
	while (n && is_blank(g[0].c))
		g++, n--;
	if (!n)
		return;
	/* the printed size: the most common font size of the line (where poppler
	 * knows it, else the box height); the baseline: the most common glyph bottom
	 * among glyphs of about that size */
	{
		struct mode ms, mb;
		memset(&ms, 0, sizeof(ms));
		memset(&mb, 0, sizeof(mb));
		for (i = 0; i < n; i++)
			if (g[i].boxed && !is_blank(g[i].c) && g[i].r.y2 > g[i].r.y1)
				mode_add(&ms, glyph_size(&g[i]));
		medh = mode_get(&ms);
		for (i = 0; i < n; i++)
			if (g[i].boxed && !is_blank(g[i].c) && glyph_size(&g[i]) >= medh * 0.9)
				mode_add(&mb, g[i].r.y2);
		base = mode_get(&mb);
	}

	XGROW(p->v, p->cap, p->n + 1);
	l = &p->v[p->n++];
	memset(l, 0, sizeof(*l));
	l->x1 = l->y1 = 1e9;
	l->x2 = l->y2 = -1e9;
	/* written straight into the buffer: per glyph at most a space or TAB (an NBSP
	 * is 2 bytes) and 4 bytes of UTF-8 (a ligature is 3) */
	strbuf_init(&sb);
	strbuf_grow(&sb, n * 6 + 8);
	o = sb.buf;
	len = 0;
	for (i = 0; i < n; i++) {
		uint32_t c = g[i].c;
		const char *lig;
		int sup = 0;

		if (is_blank(c)) {
			if (c == 0xA0 || c == 0x202F)
				pending_space = 2;  /* kept: thousands separator */
			else if (!pending_space)
				pending_space = 1;
			continue;
		}
		p->visible += !filler(c);
		p->letters += plausible_letter(c);
		if (g[i].boxed) {
			double gh = g[i].r.y2 - g[i].r.y1;
			sup = medh > 0 && c >= '0' && c <= '9' && glyph_size(&g[i]) <= medh * SUP_SIZE &&
			      g[i].r.y2 <= base - gh * SUP_RAISE && len;
			if (have_prev && medh > 0 && g[i].r.x1 - prev_x2 > GAP_TAB * medh && !sup) {
				o[len++] = '\t';
				pending_space = 0;
				tabs++;
			}
			if (!sup) {
				if (g[i].r.x1 < l->x1)
					l->x1 = g[i].r.x1;
				if (g[i].r.x2 > l->x2)
					l->x2 = g[i].r.x2;
				if (g[i].r.y1 < l->y1)
					l->y1 = g[i].r.y1;
				if (g[i].r.y2 > l->y2)
					l->y2 = g[i].r.y2;
			}
			prev_x2 = g[i].r.x2;
			have_prev = 1;
		}
		if (sup) {
			/* glue the marker to what it follows: "(2005) ²" → "(2005)²" */
			len += put_utf8(o + len, sup_digit[c - '0']);
			pending_space = 0;
			/* a word right after the marker needs its space back */
			if (i + 1 < n && !is_blank(g[i + 1].c) &&
			    !(g[i + 1].c >= '0' && g[i + 1].c <= '9') && g[i + 1].c != ',' && g[i + 1].c != '.' &&
			    g[i + 1].c != ';' && g[i + 1].c != ')')
				pending_space = 1;
			continue;
		}
		if (pending_space) {
			if (len && o[len - 1] != '\t') {
				if (pending_space == 2)
					len += put_utf8(o + len, 0xA0);
				else
					o[len++] = ' ';
			}
			pending_space = 0;
		}
		if ((lig = ligature(c))) {
			size_t k = strlen(lig);
			memcpy(o + len, lig, k);
			len += k;
		} else if (c == 0xF0B7 || c == 0xF0A7)
			len += put_utf8(o + len, 0x2022);  /* Symbol-font bullets in the private use area */
		else if (c < 0x20 || c == 0xFFFE || c == 0xFFFF)
			continue;
		else
			len += put_utf8(o + len, c);
	}
	strbuf_setlen(&sb, len);
	if (l->x1 > l->x2) {  /* no boxes at all: an empty box at the origin */
		l->x1 = l->x2 = l->y1 = l->y2 = 0;
	}
	l->size = medh;
	if (tabs)
		l->flags |= PDF_LINE_TABBED;
	l->text = strbuf_detach(&sb, &l->len);
}

void pdf_page_lines(struct pdf_page *p, const char *text, size_t len, const struct pdf_rect *r,
		    size_t nr)
{
	struct glyph *g = NULL;
	size_t n = 0, cap = 0, i = 0, k = 0;

	while (i < len) {
		uint32_t c = utf8_next(text, len, &i);
		if (c == '\n') {
			add_line(p, g, n);
			n = 0;
		} else {
			XGROW(g, cap, n + 1);
			g[n].c = c;
			g[n].boxed = k < nr;
			if (k < nr)
				g[n].r = r[k];
			n++;
		}
		k++;
	}
	add_line(p, g, n);
	free(g);
}

void pdf_page_release(struct pdf_page *p)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		free(p->v[i].text);
	for (i = 0; i < p->ntables; i++)
		free(p->tables[i].text);
	free(p->tables);
	p->tables = NULL;
	p->ntables = p->tables_cap = 0;
	free(p->v);
	p->v = NULL;
	p->n = p->cap = 0;
}
