/* pdf_compose.c: positioned lines → page text for the paragraph rules. A paragraph
 * ends where the geometry says so (a vertical gap, a change of size, a short line
 * before a new sentence, an indented first line, a label or bullet at the start);
 * its lines are joined into one text line, hyphenated words put back together (the
 * hyphen stays when the document spells the word with one elsewhere, or never
 * spells it without). Footnotes at the page bottom follow the body, each starting
 * with its marker as a superscript. Rows of aligned columns stay TAB-separated lines.
 * A paragraph still open at the end of a page takes the next page's first lines. */
#include "pdf.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ingest.h"
#include "unicode.h"
#include "banned.h"

/* Footnote print: at most this share of the body size. */
#define NOTE_SIZE 0.9
/* A paragraph gap: more white than this share of the line height between lines. */
#define PARA_GAP 0.45

/* ---- the document's vocabulary, for hyphenation ---- */

struct vocab {
	uint64_t *h;  /* open addressing; 0 = empty */
	size_t cap, n;
};

static uint64_t word_hash(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL;
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		h = (h ^ c) * 1099511628211ULL;
	}
	return h ? h : 1;
}

static void vocab_add(struct vocab *v, uint64_t h)
{
	size_t i;

	if ((v->n + 1) * 2 > v->cap) {
		struct vocab nv = { NULL, v->cap ? v->cap * 2 : 4096, 0 };
		nv.h = xcalloc(nv.cap, sizeof(*nv.h));
		for (i = 0; i < v->cap; i++)
			if (v->h[i])
				vocab_add(&nv, v->h[i]);
		free(v->h);
		*v = nv;
	}
	for (i = h & (v->cap - 1); v->h[i]; i = (i + 1) & (v->cap - 1))
		if (v->h[i] == h)
			return;
	v->h[i] = h;
	v->n++;
}

static int vocab_has(const struct vocab *v, uint64_t h)
{
	size_t i;

	if (!v->cap)
		return 0;
	for (i = h & (v->cap - 1); v->h[i]; i = (i + 1) & (v->cap - 1))
		if (v->h[i] == h)
			return 1;
	return 0;
}

static int word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

/* Words of a line; words glued by a hyphen inside the line also go in whole
 * ("non-governmental"), marked by the hyphen they keep. The last word of a line
 * that ends in a hyphen is a fragment and stays out. */
static void vocab_line(struct vocab *v, const char *t, size_t len)
{
	size_t i = 0;

	while (i < len) {
		size_t j = i, k;
		while (j < len && word_byte((unsigned char)t[j]))
			j++;
		if (j == i) {
			i++;
			continue;
		}
		k = j;
		while (k + 1 < len && t[k] == '-' && word_byte((unsigned char)t[k + 1])) {
			k++;
			while (k < len && word_byte((unsigned char)t[k]))
				k++;
		}
		if (k == len || t[k] != '-' || k + 1 < len)
			vocab_add(v, word_hash(t + i, k - i));
		i = k;
	}
}

/* ---- line classes ---- */

static int is_lower_start(const char *s, size_t len)
{
	size_t k = 0;
	uint32_t c = utf8_next(s, len, &k);
	return (c >= 'a' && c <= 'z') || (c >= 0xDF && c < 0x250 && unicode_is_alpha(c) && c != 0xD7) ||
	       (c >= 0x430 && c <= 0x45F);
}

static int ends_sentence(const char *s, size_t len)
{
	while (len && (s[len - 1] == '"' || s[len - 1] == ')' || s[len - 1] == '\'' ||
		       (unsigned char)s[len - 1] >= 0x80)) {
		/* step over closing quotes and superscript markers */
		size_t p = (unsigned char)s[len - 1] >= 0x80 ? utf8_prev(s, len) : len - 1;
		size_t k = p;
		uint32_t c = utf8_next(s, len, &k);
		if (c < 0x80 || c == 0x201D || c == 0x2019 || c == 0xBB || unicode_superscript_digit(c) >= 0)
			len = p;
		else
			break;
	}
	return len && strchr(".!?:;", s[len - 1]);
}

/* Bullets and labels that open a paragraph of their own. */
static int opens_item(const char *s, size_t len)
{
	static const char *const bullets[] = { "\xE2\x80\xA2", "\xC2\xB7", "\xE2\x96\xAA", "\xE2\x97\xA6",
		"\xE2\x80\xA3", "\xE2\x80\x93 ", "\xE2\x80\x94 ", "- ", "o\t", NULL };
	size_t i;
	char *label = NULL;

	for (i = 0; bullets[i]; i++)
		if (len > strlen(bullets[i]) && !memcmp(s, bullets[i], strlen(bullets[i])))
			return 1;
	if (layout_label(s, len, &label) || layout_bare_label(s, len, &label)) {
		free(label);
		return 1;
	}
	free(label);
	/* (a) (iv) a) */
	i = s[0] == '(' ? 1 : 0;
	{
		size_t j = i;
		while (j < len && j - i < 4 && ((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= '0' && s[j] <= '9')))
			j++;
		if (j > i && j + 1 < len && s[j] == ')' && (s[j + 1] == ' ' || s[j + 1] == '\t'))
			return 2;  /* weaker: only after a line that ends a clause */
	}
	return 0;
}

/* Digits (or "n/") that start a footnote body: bytes of the marker, digits → out. */
static size_t note_marker(const char *s, size_t len, char *out, size_t outsz)
{
	size_t i = 0, nd = 0;

	while (i < len) {
		size_t k = i;
		uint32_t c = utf8_next(s, len, &k);
		int d = unicode_superscript_digit(c);
		if (d < 0 && c >= '0' && c <= '9')
			d = (int)(c - '0');
		if (d < 0 || nd + 1 >= outsz || nd >= 3)
			break;
		out[nd++] = (char)('0' + d);
		i = k;
	}
	out[nd] = '\0';
	if (!nd || out[0] == '0')
		return 0;
	if (i < len && s[i] == '/')
		i++;
	if (i < len && s[i] == '.')
		return 0;  /* "3. Text" is a numbered paragraph */
	if (i == len)
		return len;  /* the marker alone on its line, the text on the next */
	if ( (s[i] != ' ' && s[i] != '\t' && !unicode_is_alpha(utf8_next(s, len, &(size_t){ i }))))
		return 0;
	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i;
}


static int overlap_x(const struct pdf_line *a, const struct pdf_line *b)
{
	return a->x1 < b->x2 && b->x1 < a->x2;
}

/* The footnote area: lines in small print with no body-size line below them in
 * the same column (so per-column notes count too), from the highest line that
 * starts with a marker down. Vertical text (margin stamps) is dropped here too. */
void pdf_mark_footnotes(struct pdf_page *p, double body)
{
	struct pdf_line **small = xmalloc((p->n + 1) * sizeof(*small));
	struct pdf_line **big = xmalloc((p->n + 1) * sizeof(*big));
	size_t ns = 0, nb = 0, i, j;
	char mk[8];

	for (i = 0; i < p->n; i++) {
		struct pdf_line *l = &p->v[i];
		if (l->flags & PDF_LINE_RUNNING || !l->len)
			continue;
		if (l->len >= 4 && l->y2 - l->y1 > 3 * (l->x2 - l->x1)) {
			l->flags |= PDF_LINE_RUNNING;
			continue;
		}
		if (body > 0 && l->size > 0 && l->size <= body * NOTE_SIZE && l->y1 >= p->height * 0.3)
			small[ns++] = l;
		else
			big[nb++] = l;
	}
	/* small lines with body text below them are not notes */
	for (i = 0; i < ns;) {
		int below = 0;
		for (j = 0; j < nb && !below; j++)
			below = big[j]->y1 > small[i]->y1 && overlap_x(big[j], small[i]);
		if (below)
			small[i] = small[--ns];
		else
			i++;
	}
	for (i = 0; i < ns; i++)
		if (note_marker(small[i]->text, small[i]->len, mk, sizeof(mk)))
			small[i]->flags |= PDF_LINE_NOTE_START;
	for (i = 0; i < ns; i++)
		for (j = 0; j < ns; j++)
			if (small[j]->flags & PDF_LINE_NOTE_START &&
			    ((overlap_x(small[i], small[j]) && small[j]->y1 <= small[i]->y1 + 0.5) ||
			     (small[j]->y1 - small[i]->y1 < small[i]->size && small[i]->y1 - small[j]->y1 < small[i]->size))) {
				small[i]->flags |= PDF_LINE_FOOTNOTE;
				break;
			}
	for (i = 0; i < ns; i++)
		if (!(small[i]->flags & PDF_LINE_FOOTNOTE))
			small[i]->flags &= ~(unsigned)PDF_LINE_NOTE_START;
	/* small print right above the first note of a column, in the lower half of
	 * the page: the end of a note from the page before (bottom-up, line by line).
	 * On a page without notes, the small print at the very bottom is a candidate
	 * (pdf_compose() takes it only after a note left unfinished). */
	for (i = 0, j = 0; i < ns; i++)
		j += !!(small[i]->flags & PDF_LINE_NOTE_START);
	if (!j)
		for (i = 0; i < ns; i++)
			if (small[i]->y1 >= p->height * 0.75)
				small[i]->flags |= PDF_LINE_FOOTNOTE;
	for (;;) {
		int grew = 0;
		for (i = 0; i < ns; i++) {
			if (small[i]->flags & PDF_LINE_FOOTNOTE || small[i]->y1 < p->height * 0.5)
				continue;
			for (j = 0; j < ns; j++)
				if (small[j]->flags & PDF_LINE_FOOTNOTE && overlap_x(small[i], small[j]) &&
				    small[j]->y1 > small[i]->y1 && small[j]->y1 - small[i]->y2 < small[i]->size) {
					small[i]->flags |= PDF_LINE_FOOTNOTE;
					grew = 1;
					break;
				}
		}
		if (!grew)
			break;
	}
	free(small);
	free(big);
}

/* ---- composing ---- */

struct composer {
	struct strbuf out;    /* the page text */
	struct strbuf para;   /* the open paragraph */
	const struct pdf_line *last;  /* last line of the open paragraph */
	const struct pdf_line *first; /* its first line */
	int para_lines;
	const struct vocab *vocab;
};

/* A web address broken over two lines: the tail of the paragraph is an address and
 * the break fell where an address goes on (after / - _ % = & ? #, or before a part
 * that holds a slash or a percent escape). */
static int url_break(const struct strbuf *p, const char *s, size_t len)
{
	size_t a = p->len, e = 0;
	char last;

	while (a && p->buf[a - 1] != ' ')
		a--;
	if (!strstr(p->buf + a, "://") && strncmp(p->buf + a, "www.", 4))
		return 0;
	last = p->buf[p->len - 1];
	if (strchr("/-_%=&?#", last))
		return 1;
	while (e < len && s[e] != ' ')
		e++;
	return s[0] == '%' || memchr(s, '/', e) || (e >= 4 && !memcmp(s + e - 4, ".pdf", 4));
}

/* Append a line to the open paragraph, mending a hyphenated word. */
static void para_join(struct composer *c, const char *s, size_t len)
{
	struct strbuf *p = &c->para;

	if (!p->len) {
		strbuf_add(p, s, len);
		return;
	}
	if (p->len >= 2 && !memcmp(p->buf + p->len - 2, "\xC2\xAD", 2)) {
		strbuf_setlen(p, p->len - 2);  /* soft hyphen: always a break */
	} else if (p->len >= 2 && p->buf[p->len - 1] == '-' && word_byte((unsigned char)p->buf[p->len - 2]) &&
		   is_lower_start(s, len)) {
		/* fragment before the hyphen and after it */
		size_t a = p->len - 1, e = 0;
		struct strbuf w = STRBUF_INIT;
		while (a && word_byte((unsigned char)p->buf[a - 1]))
			a--;
		while (e < len && word_byte((unsigned char)s[e]))
			e++;
		strbuf_init(&w);
		strbuf_add(&w, p->buf + a, p->len - 1 - a);
		strbuf_add(&w, s, e);
		if (vocab_has(c->vocab, word_hash(w.buf, w.len))) {
			strbuf_reset(&w);
			strbuf_add(&w, p->buf + a, p->len - a);
			strbuf_add(&w, s, e);
			/* both spellings occur: the hyphen goes only if the joined one is
			 * not also a hyphenated compound elsewhere */
			if (!vocab_has(c->vocab, word_hash(w.buf, w.len)))
				strbuf_setlen(p, p->len - 1);
		}
		strbuf_release(&w);
	} else if (!url_break(p, s, len)) {
		strbuf_addch(p, ' ');
	}
	strbuf_add(p, s, len);
}

static void para_flush(struct composer *c)
{
	size_t i;

	if (c->para.len) {
		/* a paragraph is one line: stray TABs (a label gap) become spaces */
		for (i = 0; i < c->para.len; i++)
			if (c->para.buf[i] == '\t')
				c->para.buf[i] = ' ';
		if (c->out.len)
			strbuf_addch(&c->out, '\n');
		strbuf_add(&c->out, c->para.buf, c->para.len);
		strbuf_addch(&c->out, '\n');
	}
	strbuf_reset(&c->para);
	c->last = c->first = NULL;
	c->para_lines = 0;
}

static double fmax2(double a, double b)
{
	return a > b ? a : b;
}

/* Does cur start a new paragraph after prev (lines of the same flow)? */
static int new_paragraph(const struct pdf_line *first, const struct pdf_line *prev,
			 const struct pdf_line *cur, double lead)
{
	double sz, gap;
	int item;

	if (!prev)
		return 1;
	sz = fmax2(prev->size, cur->size);
	gap = cur->y1 - prev->y2;
	if (sz <= 0)
		return 1;
	if ((prev->size > cur->size ? prev->size - cur->size : cur->size - prev->size) > 0.12 * sz)
		return 1;
	if ((item = opens_item(cur->text, cur->len)) == 1)
		return 1;
	if (item == 2 && (ends_sentence(prev->text, prev->len) || prev->text[prev->len - 1] == ','))
		return 1;
	if (cur->y1 >= prev->y1 - 0.3 * sz) {
		/* below: a gap ends the paragraph */
		if (lead > 0 ? cur->y1 - prev->y1 > lead + PARA_GAP * sz : gap > PARA_GAP * sz)
			return 1;
		if (cur->y1 < prev->y2 - 0.3 * sz && cur->x1 > prev->x2)
			return 1;  /* same height, to the right: another column's line */
	} else {
		/* moved up: the next column, or a block out of the flow. A full line
		 * that ends mid-sentence goes on at the top of the next column. */
		if (ends_sentence(prev->text, prev->len))
			return 1;
		if (is_lower_start(cur->text, cur->len))
			return 0;
		return !first || first == prev || prev->x2 < first->x2 - 3 * sz || cur->x1 < prev->x2;
	}
	/* a short line before a new sentence */
	if (ends_sentence(prev->text, prev->len) || !is_lower_start(cur->text, cur->len)) {
		/* short: the first word of cur would have fitted at the end of prev,
		 * so prev ended there on purpose */
		double right = fmax2(cur->x2, first ? first->x2 : cur->x2);
		size_t chars = utf8_chars(prev->text, prev->len), fw = 0;
		double avg = chars ? (prev->x2 - prev->x1) / (double)chars : sz / 2;
		while (fw < cur->len && cur->text[fw] != ' ' && cur->text[fw] != '\t')
			fw++;
		if (prev->x2 + (double)(utf8_chars(cur->text, fw) + 1) * avg < right - 0.5 * sz)
			return 1;
		/* an indented first line */
		if (cur->x1 > prev->x1 + 1.2 * sz && ends_sentence(prev->text, prev->len))
			return 1;
	}
	return 0;
}

/* The gap after a label, bullet or section number ("III.<gap>FACTS") is not a
 * column: a line whose only TAB follows such a short first cell is no table row. */
static int tabbed_row(const struct pdf_line *l)
{
	const char *tab;
	size_t first;

	if (!(l->flags & PDF_LINE_TABBED))
		return 0;
	tab = memchr(l->text, '\t', l->len);
	first = (size_t)(tab - l->text);
	if (!memchr(tab + 1, '\t', l->len - first - 1) && first <= 6 &&
	    (opens_item(l->text, l->len) || strchr(".)", l->text[first - 1]) ||
	     (unsigned char)l->text[0] >= 0x80))
		return 0;
	return 1;
}

/* Tabbed lines are table rows only in runs of two or more. */
static int row_line(const struct pdf_page *p, const size_t *idx, size_t n, size_t k)
{
	if (!tabbed_row(&p->v[idx[k]]))
		return 0;
	return (k > 0 && tabbed_row(&p->v[idx[k - 1]])) || (k + 1 < n && tabbed_row(&p->v[idx[k + 1]]));
}

/* The body lines of a page, in reading order, then its footnote lines. */
static size_t page_lines(const struct pdf_page *p, size_t *idx, int notes)
{
	size_t i, n = 0;

	for (i = 0; i < p->n; i++) {
		unsigned f = p->v[i].flags;
		if (f & PDF_LINE_RUNNING || !p->v[i].len)
			continue;
		if (!!(f & PDF_LINE_FOOTNOTE) == notes)
			idx[n++] = i;
	}
	return n;
}

/* The end of the last footnote of the pages before, continued here: appended to
 * that block (a note belongs to the page where it starts). */
static void continue_footnote(struct document *doc, const char *s, size_t len)
{
	struct strbuf sb = STRBUF_INIT, nfc = STRBUF_INIT;
	struct block *b = NULL;
	size_t i;

	for (i = doc->nblocks; i-- > 0;)
		if (doc->blocks[i].kind == BLOCK_FOOTNOTE) {
			b = &doc->blocks[i];
			break;
		}
	if (!b)
		return;
	strbuf_init(&sb);
	strbuf_init(&nfc);
	strbuf_add(&sb, b->text, b->len);
	if (sb.len >= 2 && sb.buf[sb.len - 1] == '-' && word_byte((unsigned char)sb.buf[sb.len - 2]) &&
	    is_lower_start(s, len))
		strbuf_setlen(&sb, sb.len - 1);
	else if (!url_break(&sb, s, len))
		strbuf_addch(&sb, ' ');
	for (i = 0; i < len; i++)  /* no markers here: superscripts read as text */
		strbuf_addch(&sb, s[i] == '\t' ? ' ' : s[i]);
	layout_squeeze(&sb);
	if (unicode_nfc(&nfc, sb.buf, sb.len) == 0) {
		free(b->text);
		b->text = strbuf_detach(&nfc, &b->len);
	}
	strbuf_release(&sb);
	strbuf_release(&nfc);
}

/* The last footnote so far stops mid-sentence. */
static int last_note_open(const struct document *doc)
{
	size_t i;

	for (i = doc->nblocks; i-- > 0;)
		if (doc->blocks[i].kind == BLOCK_FOOTNOTE)
			return !ends_sentence(doc->blocks[i].text, doc->blocks[i].len);
	return 0;
}

static void add_footnotes(struct composer *c, struct document *doc, const struct pdf_page *p,
			  const size_t *idx, size_t n)
{
	size_t k;
	char mk[8];

	/* lines before the first marker end a note of an earlier page */
	for (k = 0; k < n && !(p->v[idx[k]].flags & PDF_LINE_NOTE_START); k++) {
		const struct pdf_line *l = &p->v[idx[k]];
		if (c->last && l->y1 - c->last->y2 > l->size)
			break;
		para_join(c, l->text, l->len);
		c->last = l;
	}
	if (c->para.len) {
		if (k < n || last_note_open(doc)) {
			continue_footnote(doc, c->para.buf, c->para.len);
			strbuf_reset(&c->para);
		} else {
			para_flush(c);  /* small print of its own */
		}
	}
	c->last = NULL;
	for (; k < n; k++) {
		const struct pdf_line *l = &p->v[idx[k]];
		size_t m;
		if (l->flags & PDF_LINE_NOTE_START && (m = note_marker(l->text, l->len, mk, sizeof(mk)))) {
			size_t d;
			para_flush(c);
			for (d = 0; mk[d]; d++) {
				static const uint32_t sup[10] = { 0x2070, 0xB9, 0xB2, 0xB3, 0x2074, 0x2075,
					0x2076, 0x2077, 0x2078, 0x2079 };
				utf8_put(&c->para, sup[mk[d] - '0']);
			}
			strbuf_addch(&c->para, ' ');
			if (m < l->len)
				strbuf_add(&c->para, l->text + m, l->len - m);
			else
				strbuf_setlen(&c->para, c->para.len - 1);
		} else {
			/* small print further down after a gap (a job number, a
			 * printer's line) is not part of the note above it */
			if (c->last && l->y1 - c->last->y2 > l->size)
				para_flush(c);
			para_join(c, l->text, l->len);
		}
		c->last = l;
	}
	para_flush(c);
}

/* The page's line step: the most common distance from one line's top to the
 * next's, between lines of one size going down, when it is wider than plain
 * single spacing (double-spaced transcripts); 0 otherwise, and the plain gap rule
 * applies. */
static double page_lead(const struct pdf_page *p, const size_t *idx, size_t n)
{
	size_t hist[64] = { 0 }, k, best = 0, total = 0;
	double sz = 0;

	for (k = 1; k < n; k++) {
		const struct pdf_line *a = &p->v[idx[k - 1]], *b = &p->v[idx[k]];
		double step = b->y1 - a->y1;
		size_t bin;
		if (a->size <= 0 || a->size != b->size || step <= 0 || step > 3 * a->size)
			continue;
		bin = (size_t)(step / a->size * 10);  /* tenths of the size */
		if (bin < 64) {
			hist[bin]++;
			total++;
			if (hist[bin] > hist[best]) {
				best = bin;
				sz = a->size;
			}
		}
	}
	if (total < 5 || hist[best] * 2 < total || best < 18)
		return 0;
	return (best + 1) / 10.0 * sz;
}

void pdf_compose(struct document *doc, struct pdf_page *pages, size_t n, double body)
{
	struct vocab vocab = { NULL, 0, 0 };
	struct composer c;
	size_t i, j, maxl = 0, *idx, *nidx, skip = 0;

	(void)body;
	for (i = 0; i < n; i++) {
		if (pages[i].n > maxl)
			maxl = pages[i].n;
		for (j = 0; j < pages[i].n; j++)
			vocab_line(&vocab, pages[i].v[j].text, pages[i].v[j].len);
	}
	idx = xmalloc((maxl + 1) * sizeof(*idx));
	nidx = xmalloc((maxl + 1) * sizeof(*nidx));
	memset(&c, 0, sizeof(c));
	strbuf_init(&c.out);
	strbuf_init(&c.para);
	c.vocab = &vocab;
	for (i = 0; i < n; i++) {
		const struct pdf_page *p = &pages[i];
		size_t nb = page_lines(p, idx, 0), k;
		double lead = page_lead(p, idx, nb);
		int in_table = 0;

		strbuf_reset(&c.out);
		for (k = skip; k < nb; k++) {
			const struct pdf_line *l = &p->v[idx[k]];
			if (l->flags & PDF_LINE_TABLE) {
				const struct pdf_table *t = &p->tables[l->table];
				if (t->first == idx[k]) {
					para_flush(&c);
					if (c.out.len)
						strbuf_addch(&c.out, '\n');
					strbuf_add(&c.out, t->text, t->len);
					strbuf_adds(&c.out, "\n\n");
				}
				continue;
			}
			if (row_line(p, idx, nb, k)) {
				if (!in_table)
					para_flush(&c);
				in_table = 1;
				strbuf_add(&c.out, l->text, l->len);
				strbuf_addch(&c.out, '\n');
				continue;
			}
			if (in_table) {
				strbuf_addch(&c.out, '\n');
				in_table = 0;
			}
			if (!c.para.len || new_paragraph(c.first, c.last, l, lead)) {
				para_flush(&c);
				c.first = l;
			}
			para_join(&c, l->text, l->len);
			c.last = l;
			c.para_lines++;
		}
		skip = 0;
		/* the open paragraph may go on over the page */
		if (c.para.len && i + 1 < n && !ends_sentence(c.para.buf, c.para.len) &&
		    !(c.para_lines == 1 && c.para.len < 80)) {
			const struct pdf_page *q = &pages[i + 1];
			size_t nq = page_lines(q, nidx, 0);
			const struct pdf_line *prev = NULL;
			while (skip < nq) {
				const struct pdf_line *l = &q->v[nidx[skip]];
				if (l->flags & (PDF_LINE_TABBED | PDF_LINE_TABLE))
					break;
				if (!prev) {
					double sz = fmax2(l->size, c.last->size);
					if (!is_lower_start(l->text, l->len) || opens_item(l->text, l->len) ||
					    (l->size > c.last->size ? l->size - c.last->size : c.last->size - l->size) > 0.12 * sz)
						break;
				} else if (new_paragraph(NULL, prev, l, page_lead(q, nidx, nq))) {
					break;
				}
				para_join(&c, l->text, l->len);
				prev = l;
				skip++;
			}
		}
		para_flush(&c);
		k = page_lines(p, idx, 1);
		add_footnotes(&c, doc, p, idx, k);
		if (c.out.len) {
			/* lines are valid UTF-8 without forbidden characters already
			 * (pdf_lines.c writes them code point by code point) */
			struct strbuf nfc = STRBUF_INIT;
			strbuf_init(&nfc);
			if (unicode_nfc(&nfc, c.out.buf, c.out.len) == 0)
				text_page_blocks(doc, (int)i + 1, nfc.buf, nfc.len);
			strbuf_release(&nfc);
		}
	}
	strbuf_release(&c.out);
	strbuf_release(&c.para);
	free(idx);
	free(nidx);
	free(vocab.h);
}
