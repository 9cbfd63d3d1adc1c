/* text_reader.c: plain text → pages (form feeds) → blocks. Paragraphs are rebuilt
 * from hard-wrapped lines; list items, table rows (TAB-separated), headings, bare
 * paragraph labels ("46." alone on a line) and footnote bodies stay apart. Exports
 * text_reader only. */
#include "ingest.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "unicode.h"
#include "banned.h"

struct line {
	const char *s;
	size_t len;  /* bytes, trimmed of trailing blanks */
};

/* What the page is being turned into. */
struct builder {
	struct document *doc;
	int page;
	struct strbuf para;   /* raw text of the open paragraph */
	enum block_kind kind;
	char *label;          /* label for the open paragraph */
	char *pending_label;  /* label seen alone on a line, for the next paragraph */
	struct strbuf prefix; /* "I." alone on a line: starts the next heading */
	size_t nlines;        /* lines in the open paragraph */
	struct strbuf table;  /* TAB/LF text of the open table */
	size_t table_rows;
	size_t wrap;          /* typical line width when the text is hard-wrapped, else 0 */
	int star_refs;        /* a '*' footnote marker was seen: "* text" is its body */
};

static int is_upper_start(const char *s, size_t len)
{
	size_t k = 0;
	uint32_t c = utf8_next(s, len, &k);
	return unicode_is_alpha(c) && !(c >= 'a' && c <= 'z') && (c < 0x80 ? 1 : c != 0xDF);
}

static int is_lower_start(const char *s, size_t len)
{
	size_t k = 0;
	uint32_t c = utf8_next(s, len, &k);
	return (c >= 'a' && c <= 'z') || (c >= 0xDF && c < 0x250 && unicode_is_alpha(c) && c != 0xD7);
}

static int ends_sentence(const char *s, size_t len)
{
	while (len && (s[len - 1] == '"' || s[len - 1] == ')' || s[len - 1] == '*'))
		len--;
	if (len >= 3 && !memcmp(s + len - 3, "\xE2\x80\x9D", 3))
		len -= 3;
	return len && strchr(".!?:;", s[len - 1]);
}

/* Remove markdown emphasis (**bold**, *italic*) and simple inline HTML tags that
 * text exports carry; a lone '*' glued to a word is left for the footnote rule. */
static void strip_markup(struct strbuf *out, const char *s, size_t len)
{
	static const char *const tags[] = { "<i>", "</i>", "<b>", "</b>", "<em>", "</em>", "<strong>",
		"</strong>", "<u>", "</u>", "<sup>", "</sup>", "<sub>", "</sub>", "<br>", "<br/>", NULL };
	size_t i = 0, t;

	while (i < len) {
		if (s[i] == '*' && i + 1 < len && s[i + 1] == '*') {
			i += 2;
			continue;
		}
		/* "*word" opening italics: '*' after a space (or at start) before a letter,
		 * with a closing '*' glued to a word later in the line */
		if (s[i] == '*' && (i == 0 || s[i - 1] == ' ' || s[i - 1] == '(') && i + 1 < len &&
		    isalpha((unsigned char)s[i + 1])) {
			const char *close = memchr(s + i + 1, '*', len - i - 1);
			if (close && isalpha((unsigned char)close[-1])) {
				strbuf_add(out, s + i + 1, (size_t)(close - s) - i - 1);
				i = (size_t)(close - s) + 1;
				continue;
			}
		}
		if (s[i] == '<') {
			for (t = 0; tags[t]; t++) {
				size_t tl = strlen(tags[t]);
				if (len - i >= tl && !strncmp(s + i, tags[t], tl))
					break;
			}
			if (tags[t]) {
				i += strlen(tags[t]);
				continue;
			}
		}
		/* dot leaders of tables of contents and fact sheets ("Refugees..... 126,068") */
		if (s[i] == '.' && i + 3 < len && !memcmp(s + i, "....", 4)) {
			while (i < len && s[i] == '.')
				i++;
			strbuf_addch(out, ' ');
			continue;
		}
		strbuf_addch(out, s[i++]);
	}
}

/* A heading is words, not a figure line: no percent sign, no amount with thousands
 * separators, letters at least half of what is printed. */
static int heading_like(const char *s, size_t len)
{
	size_t i, letters = 0, printed = 0;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '%' || (i + 4 < len && isdigit(c) && s[i + 1] == ',' && isdigit((unsigned char)s[i + 2])))
			return 0;
		if (c == ' ')
			continue;
		printed++;
		if (isalpha(c) || c >= 0x80)
			letters++;
	}
	return letters * 2 >= printed;
}

static void flush_table(struct builder *b)
{
	struct block *blk;
	size_t i, nrows = 0, ncols0 = 0, numeric0 = 0;
	const char *t;

	if (!b->table_rows)
		return;
	blk = document_add_block(b->doc, BLOCK_TABLE, b->page, b->table.buf, b->table.len);
	/* a first row without amounts is a header row (years count as headers) */
	t = blk->text;
	for (i = 0; i <= blk->len && !nrows; i++) {
		if (i == blk->len || t[i] == '\t' || t[i] == '\n') {
			ncols0++;
			if (i == blk->len || t[i] == '\n')
				nrows = 1;
		}
	}
	{
		size_t c = 0, start = 0;
		for (i = 0; i <= blk->len; i++) {
			if (i == blk->len || t[i] == '\t' || t[i] == '\n') {
				size_t k, digits = 0, other = 0;
				for (k = start; k < i; k++) {
					if (isdigit((unsigned char)t[k]))
						digits++;
					else if (t[k] != ' ')
						other++;
				}
				if (digits && !(digits == 4 && !other) && other <= digits)
					numeric0++;
				c++;
				start = i + 1;
				if (i == blk->len || t[i] == '\n')
					break;
			}
		}
	}
	if (blk->nrows > 1 && ncols0 > 1 && numeric0 == 0)
		blk->header_rows = 1;
	strbuf_reset(&b->table);
	b->table_rows = 0;
}

static void flush_para(struct builder *b)
{
	struct strbuf clean = STRBUF_INIT, text = STRBUF_INIT;
	struct pending_refs refs = { NULL, 0, 0 };
	struct block *blk;
	char *label = b->label;
	size_t skip = 0;

	b->label = NULL;
	if (!b->para.len) {
		free(label);
		return;
	}
	strbuf_init(&clean);
	strbuf_init(&text);
	strip_markup(&clean, b->para.buf, b->para.len);
	layout_squeeze(&clean);
	if (!label && b->kind != BLOCK_FOOTNOTE)
		skip = layout_label(clean.buf, clean.len, &label);
	layout_strip_refs(&text, &refs, clean.buf + skip, clean.len - skip);
	layout_squeeze(&text);
	if (text.len) {
		enum block_kind kind = b->kind;
		if (kind == BLOCK_PARAGRAPH && b->nlines <= 2 && text.len < 120 &&
		    !ends_sentence(text.buf, text.len) && text.buf[text.len - 1] != ',' &&
		    (is_upper_start(text.buf, text.len) || isdigit((unsigned char)text.buf[0])) &&
		    !strchr(text.buf, ':') && heading_like(text.buf, text.len))
			kind = BLOCK_HEADING;
		/* refs past the end of squeezed text are clamped to its end */
		{
			size_t i;
			for (i = 0; i < refs.n; i++)
				if (refs.v[i].at > text.len)
					refs.v[i].at = text.len;
		}
		blk = document_add_block(b->doc, kind, b->page, text.buf, text.len);
		blk->label = label;
		label = NULL;
		pending_refs_move(&refs, blk);
		if (blk->nrefs && !strcmp(blk->refs[0].n, "*"))
			b->star_refs = 1;
	}
	free(label);
	pending_refs_release(&refs);
	strbuf_release(&clean);
	strbuf_release(&text);
	strbuf_reset(&b->para);
	b->nlines = 0;
	b->kind = BLOCK_PARAGRAPH;
}

/* Start a block of kind with s; label (owned) is its own label, NULL for the label
 * pending from a line of its own, which a label of the block's own replaces. */
static void start_para(struct builder *b, enum block_kind kind, const char *s, size_t len,
		       char *label)
{
	flush_para(b);
	b->kind = kind;
	if (label) {
		free(b->pending_label);
		b->label = label;
	} else {
		b->label = b->pending_label;
	}
	b->pending_label = NULL;
	if (b->prefix.len) {
		strbuf_add(&b->para, b->prefix.buf, b->prefix.len);
		strbuf_addch(&b->para, ' ');
		strbuf_reset(&b->prefix);
	}
	strbuf_add(&b->para, s, len);
	b->nlines = 1;
}

/* List markers: bullets are dropped; "(a)", "a)", "(iv)" stay in the text. */
static size_t list_marker(const char *s, size_t len, int *keep)
{
	static const char *const bullets[] = { "\xE2\x80\xA2", "\xC2\xB7", "\xE2\x96\xAA", "\xE2\x97\xA6",
		"\xE2\x80\xA3", "\xEF\x82\xB7", "-", "\xE2\x80\x93", "\xE2\x80\x94", "*", "o", NULL };
	size_t i;

	*keep = 0;
	for (i = 0; bullets[i]; i++) {
		size_t bl = strlen(bullets[i]);
		if (len > bl + 1 && !memcmp(s, bullets[i], bl) && (s[bl] == ' ' || s[bl] == '\t')) {
			size_t j = bl;
			while (j < len && (s[j] == ' ' || s[j] == '\t'))
				j++;
			return j;
		}
	}
	/* (a) (b) (iv) a) 1) */
	i = s[0] == '(' ? 1 : 0;
	{
		size_t j = i;
		while (j < len && j - i < 4 && (islower((unsigned char)s[j]) || isdigit((unsigned char)s[j])))
			j++;
		if (j > i && j < len && s[j] == ')' && j + 1 < len && s[j + 1] == ' ') {
			*keep = 1;
			return j + 2;
		}
	}
	return 0;
}

/* Roman numeral or capital letter section number alone on its line ("I.", "IV.", "A."). */
static int bare_section(const char *s, size_t len)
{
	size_t i;

	if (len < 2 || len > 6 || s[len - 1] != '.')
		return 0;
	if (len == 2 && isupper((unsigned char)s[0]))
		return 1;
	for (i = 0; i + 1 < len; i++)
		if (!strchr("IVX", s[i]))
			return 0;
	return 1;
}

/* Open emphasis "**" with no closing one yet: the line break is inside a bold span. */
static int open_bold(const struct strbuf *p)
{
	size_t i, n = 0;

	for (i = 0; i + 1 < p->len; i++)
		if (p->buf[i] == '*' && p->buf[i + 1] == '*') {
			n++;
			i++;
		}
	return n % 2;
}

static int should_join(const struct builder *b, const struct line *prev, const struct line *cur)
{
	if (!b->para.len)
		return 0;
	if (open_bold(&b->para))
		return 1;
	if (b->kind == BLOCK_HEADING)
		return 0;
	if (is_lower_start(cur->s, cur->len) && !ends_sentence(prev->s, prev->len))
		return 1;
	if (b->wrap && prev->len * 4 >= b->wrap * 3 && !ends_sentence(prev->s, prev->len))
		return 1;
	if (b->wrap && prev->len * 4 >= b->wrap * 3 && is_lower_start(cur->s, cur->len))
		return 1;
	return 0;
}

/* Append a continuation line, joining a word hyphenated across the line end. */
static void join_line(struct builder *b, const char *s, size_t len)
{
	struct strbuf *p = &b->para;

	if (p->len >= 2 && p->buf[p->len - 1] == '-' && isalpha((unsigned char)p->buf[p->len - 2]) &&
	    is_lower_start(s, len)) {
		strbuf_setlen(p, p->len - 1);
	} else {
		strbuf_addch(p, ' ');
	}
	strbuf_add(p, s, len);
	b->nlines++;
}

static void add_table_row(struct builder *b, const char *s, size_t len)
{
	struct strbuf cell = STRBUF_INIT;
	size_t i, start = 0;

	strbuf_init(&cell);
	if (b->table_rows)
		strbuf_addch(&b->table, '\n');
	for (i = 0; i <= len; i++) {
		if (i == len || s[i] == '\t') {
			struct pending_refs refs = { NULL, 0, 0 };
			struct strbuf clean = STRBUF_INIT;
			strbuf_init(&clean);
			strbuf_reset(&cell);
			strip_markup(&clean, s + start, i - start);
			/* table cells keep no markers: a note-ref in a cell would need
			 * cell-relative offsets; drop markers, keep the number clean */
			layout_strip_refs(&cell, &refs, clean.buf, clean.len);
			layout_squeeze(&cell);
			if (start)
				strbuf_addch(&b->table, '\t');
			strbuf_add(&b->table, cell.buf, cell.len);
			pending_refs_release(&refs);
			strbuf_release(&clean);
			start = i + 1;
		}
	}
	b->table_rows++;
	strbuf_release(&cell);
}

/* Typical width of a hard-wrapped text, or 0 when lines are paragraphs. */
static size_t wrap_width(const struct line *lines, size_t n)
{
	size_t i, nonempty = 0, longl = 0, hist[201] = { 0 }, acc = 0;

	for (i = 0; i < n; i++) {
		if (!lines[i].len)
			continue;
		nonempty++;
		if (lines[i].len > 200)
			longl++;
		else
			hist[lines[i].len]++;
	}
	if (nonempty < 8 || longl * 20 > nonempty)
		return 0;
	for (i = 200; i > 0; i--) {
		acc += hist[i];
		if (acc * 10 >= nonempty)
			return i >= 40 ? i : 0;
	}
	return 0;
}

static void read_page(struct builder *b, const char *s, size_t len)
{
	struct line *lines = NULL, prev = { "", 0 };
	size_t n = 0, cap = 0, i, start = 0;

	for (i = 0; i <= len; i++)
		if (i == len || s[i] == '\n') {
			size_t l = i - start;
			while (l && (s[start + l - 1] == ' ' || s[start + l - 1] == '\t'))
				l--;
			XGROW(lines, cap, n + 1);
			lines[n].s = s + start;
			lines[n].len = l;
			n++;
			start = i + 1;
		}
	b->wrap = wrap_width(lines, n);
	for (i = 0; i < n; i++) {
		struct line cur = lines[i];
		char *label = NULL;
		size_t m;
		int keep;

		/* leading blanks matter only for tables; the rest is trimmed */
		if (memchr(cur.s, '\t', cur.len)) {
			size_t k = 0;
			while (k < cur.len && cur.s[k] == '\t')
				k++;
			if (k < cur.len && memchr(cur.s + k, '\t', cur.len - k)) {
				flush_para(b);
				add_table_row(b, cur.s, cur.len);
				prev = cur;
				continue;
			}
		}
		while (cur.len && (cur.s[0] == ' ' || cur.s[0] == '\t'))
			cur.s++, cur.len--;
		if (!cur.len) {
			flush_para(b);
			flush_table(b);
			prev = cur;
			continue;
		}
		flush_table(b);
		if (layout_bare_label(cur.s, cur.len, &label)) {
			flush_para(b);
			free(b->pending_label);
			b->pending_label = label;
		} else if (bare_section(cur.s, cur.len)) {
			flush_para(b);
			strbuf_reset(&b->prefix);
			strbuf_add(&b->prefix, cur.s, cur.len);
		} else if ((m = layout_footnote_marker(cur.s, cur.len, &label)) && m < cur.len) {
			start_para(b, BLOCK_FOOTNOTE, cur.s + m, cur.len - m, label);
		} else if (b->star_refs && cur.len > 2 && cur.s[0] == '*' && cur.s[1] == ' ') {
			free(label);
			start_para(b, BLOCK_FOOTNOTE, cur.s + 2, cur.len - 2, xstrdup("*"));
		} else if ((m = list_marker(cur.s, cur.len, &keep))) {
			free(label);
			start_para(b, BLOCK_LIST_ITEM, keep ? cur.s : cur.s + m, keep ? cur.len : cur.len - m,
				   NULL);
		} else if (!b->pending_label && should_join(b, &prev, &cur)) {
			free(label);
			join_line(b, cur.s, cur.len);
		} else {
			free(label);
			start_para(b, BLOCK_PARAGRAPH, cur.s, cur.len, NULL);
		}
		prev = cur;
	}
	flush_para(b);
	flush_table(b);
	free(lines);
}

static void builder_init(struct builder *b, struct document *doc)
{
	memset(b, 0, sizeof(*b));
	b->doc = doc;
	strbuf_init(&b->para);
	strbuf_init(&b->table);
	strbuf_init(&b->prefix);
	b->kind = BLOCK_PARAGRAPH;
}

static void builder_release(struct builder *b)
{
	free(b->pending_label);
	free(b->label);
	strbuf_release(&b->para);
	strbuf_release(&b->table);
	strbuf_release(&b->prefix);
}

void text_page_blocks(struct document *doc, int page, const char *text, size_t len)
{
	struct builder b;

	builder_init(&b, doc);
	b.page = page;
	read_page(&b, text, len);
	builder_release(&b);
}

static int text_read(const struct ingest_input *in, struct document *doc, struct diag *d)
{
	struct strbuf text = STRBUF_INIT;
	struct builder b;
	size_t i, start = 0, pages = 0;
	int rc = -1;

	strbuf_init(&text);
	if (decode_text(in->bytes, in->len, &text, d) < 0)
		goto out;
	builder_init(&b, doc);
	for (i = 0; i < text.len; i++)
		pages += text.buf[i] == '\f';
	/* form feeds make pages; a text without them is unpaged (page 0) */
	for (i = 0; i <= text.len; i++) {
		if (i == text.len || text.buf[i] == '\f') {
			b.page = pages ? b.page + 1 : 0;
			read_page(&b, text.buf + start, i - start);
			start = i + 1;
		}
	}
	doc->npages = pages ? b.page : 0;
	builder_release(&b);
	if (!doc->nblocks) {
		diag_set(d, "no text");
		goto out;
	}
	layout_guess_metadata(doc);
	rc = 0;
out:
	strbuf_release(&text);
	return rc;
}

const struct reader text_reader = { "text", "text/plain", text_read };
