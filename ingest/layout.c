/* layout.c: reader-independent layout rules: paragraph labels, footnote markers
 * kept out of the text, white space, and metadata guessed from the first blocks.
 * Invariant: text handed on has no TAB or LF (tables excepted, which do not come
 * here) and footnote markers only as note_refs. */
#include "ingest.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "unicode.h"
#include "banned.h"

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

size_t layout_label(const char *t, size_t len, char **label)
{
	size_t i = 0, j;

	*label = NULL;
	while (i < len && is_digit(t[i]))
		i++;
	if (i == 0 || i > 3 || i >= len || t[i] != '.' || t[0] == '0')
		return 0;
	j = i + 1;
	if (j >= len || (t[j] != ' ' && (unsigned char)t[j] != 0xC2))
		return 0;
	while (j < len && t[j] == ' ')
		j++;
	/* "1. 1" or "2. 5%" are not labels followed by text */
	if (j >= len || is_digit(t[j]))
		return 0;
	*label = xstrndup(t, i);
	return j;
}

int layout_bare_label(const char *line, size_t len, char **label)
{
	size_t i = 0;

	*label = NULL;
	while (len && (line[len - 1] == ' ' || line[len - 1] == '\t'))
		len--;
	while (i < len && (line[i] == ' ' || line[i] == '\t'))
		i++;
	line += i;
	len -= i;
	if (len < 2 || len > 4 || line[len - 1] != '.' || line[0] == '0')
		return 0;
	for (i = 0; i + 1 < len; i++)
		if (!is_digit(line[i]))
			return 0;
	*label = xstrndup(line, len - 1);
	return 1;
}

static void refs_add(struct pending_refs *r, size_t at, const char *n, size_t nlen)
{
	XGROW(r->v, r->cap, r->n + 1);
	r->v[r->n].at = at;
	r->v[r->n].n = xstrndup(n, nlen);
	r->n++;
}

void pending_refs_move(struct pending_refs *refs, struct block *b)
{
	size_t i;

	for (i = 0; i < refs->n; i++) {
		block_add_ref(b, refs->v[i].at, refs->v[i].n);
		free(refs->v[i].n);
	}
	refs->n = 0;
}

void pending_refs_release(struct pending_refs *refs)
{
	size_t i;

	for (i = 0; i < refs->n; i++)
		free(refs->v[i].n);
	free(refs->v);
	refs->v = NULL;
	refs->n = refs->cap = 0;
}

/* Byte length of "[footnoteRef:12]" or "[12]" at t (0 if none); digits → *n. */
static size_t bracket_ref(const char *t, size_t len, const char **n, size_t *nlen)
{
	static const char fr[] = "[footnoteRef:";
	size_t i = 1, d;

	if (len < 3 || t[0] != '[')
		return 0;
	if (len > sizeof(fr) - 1 && !memcmp(t, fr, sizeof(fr) - 1))
		i = sizeof(fr) - 1;
	for (d = i; d < len && is_digit(t[d]); d++)
		;
	if (d == i || d - i > 3 || d >= len || t[d] != ']')
		return 0;
	*n = t + i;
	*nlen = d - i;
	return d + 1;
}

/* Does the text just before (sb's tail) allow a glued marker: a letter, digit or
 * closing punctuation, not white space? */
static int glued(const struct strbuf *sb)
{
	unsigned char c;

	if (!sb->len)
		return 0;
	c = (unsigned char)sb->buf[sb->len - 1];
	return c != ' ';
}

/* "km²", "m³": superscripts that are exponents of a unit, not markers. */
static int unit_exponent(const struct strbuf *sb)
{
	size_t n = sb->len;

	if (n >= 2 && sb->buf[n - 1] == 'm' && (sb->buf[n - 2] == 'k' || sb->buf[n - 2] == ' ' ||
						 sb->buf[n - 2] == 'c'))
		return 1;
	return n == 1 && sb->buf[0] == 'm';
}

void layout_strip_refs(struct strbuf *sb, struct pending_refs *refs, const char *t, size_t len)
{
	size_t i = 0;

	while (i < len) {
		size_t k = i, blen;
		const char *n;
		size_t nlen;
		uint32_t c;

		/* a run of ASCII other than '[' and '*' (no superscript is ASCII) is copied
		 * as it is: only those two characters and superscripts start a marker */
		while (k < len && (unsigned char)t[k] < 0x80 && t[k] != '[' && t[k] != '*')
			k++;
		if (k > i) {
			strbuf_add(sb, t + i, k - i);
			i = k;
			continue;
		}
		c = utf8_next(t, len, &k);

		if (unicode_superscript_digit(c) >= 0 && glued(sb) && !unit_exponent(sb)) {
			char digits[16];
			size_t nd = 0;
			size_t j = i;
			while (j < len) {
				size_t kk = j;
				int dv = unicode_superscript_digit(utf8_next(t, len, &kk));
				if (dv < 0)
					break;
				if (nd < sizeof(digits) - 1)
					digits[nd++] = (char)('0' + dv);
				j = kk;
			}
			refs_add(refs, sb->len, digits, nd);
			i = j;
			continue;
		}
		/* "[3]" glued to a word, or after a space when punctuation or the end follows
		 * ("was 980 [2]."): the space before goes with the marker */
		if (c == '[' && (blen = bracket_ref(t + i, len - i, &n, &nlen)) &&
		    (glued(sb) || (sb->len && (i + blen >= len || strchr(".,;:) ", t[i + blen]))))) {
			if (!glued(sb))
				strbuf_setlen(sb, sb->len - 1);
			refs_add(refs, sb->len, n, nlen);
			i += blen;
			continue;
		}
		if (c == '*' && glued(sb) && sb->buf[sb->len - 1] != '*' &&
		    (k >= len || t[k] == ' ' || t[k] == '*' || t[k] == ',' || t[k] == '.')) {
			size_t j = i;
			while (j < len && t[j] == '*')
				j++;
			refs_add(refs, sb->len, t + i, j - i);
			i = j;
			continue;
		}
		strbuf_add(sb, t + i, k - i);
		i = k;
	}
}

size_t layout_footnote_marker(const char *t, size_t len, char **label)
{
	size_t i = 0, nd = 0;
	char digits[16];
	const char *n;
	size_t nlen, blen;

	*label = NULL;
	while (i < len) {
		size_t k = i;
		int dv = unicode_superscript_digit(utf8_next(t, len, &k));
		if (dv < 0)
			break;
		if (nd < sizeof(digits) - 1)
			digits[nd++] = (char)('0' + dv);
		i = k;
	}
	if (nd) {
		while (i < len && t[i] == ' ')
			i++;
		*label = xstrndup(digits, nd);
		return i;
	}
	if ((blen = bracket_ref(t, len, &n, &nlen))) {
		i = blen;
		while (i < len && t[i] == ' ')
			i++;
		*label = xstrndup(n, nlen);
		return i;
	}
	return 0;
}

void layout_squeeze(struct strbuf *sb)
{
	size_t i = 0, j = 0;
	int space = 1;  /* drops leading space */

	while (i < sb->len) {
		size_t k = i;
		uint32_t c;
		unsigned char b = (unsigned char)sb->buf[i];

		/* ASCII other than white space: kept as it is (the common case, byte by byte) */
		if (b < 0x80 && b != ' ' && (b < '\t' || b > '\r')) {
			sb->buf[j++] = (char)b;
			space = 0;
			i++;
			continue;
		}
		c = utf8_next(sb->buf, sb->len, &k);
		/* NBSP and NNBSP stay: they separate thousands ("4 105") */
		if (c != 0xA0 && c != 0x202F && c != 0xFEFF && (unicode_is_space(c) || c == 0xAD)) {
			if (c == 0xAD) {  /* soft hyphen: invisible */
				i = k;
				continue;
			}
			if (!space)
				sb->buf[j++] = ' ';
			space = 1;
		} else if (c == 0xFEFF) {
			/* zero-width no-break space: drop */
		} else {
			memmove(sb->buf + j, sb->buf + i, k - i);
			j += k - i;
			space = 0;
		}
		i = k;
	}
	if (j && sb->buf[j - 1] == ' ')
		j--;
	strbuf_setlen(sb, j);
}

/* ---- metadata guesses ---- */

static int is_symbol_char(char c)
{
	return isalnum((unsigned char)c) || c == '.' || c == '-' || c == '/';
}

/* A UN symbol: an upper-case body code, then two or more slash parts
 * ("CMW/C/AZE/2", "A/HRC/WG.6/7/AZE/1", "E/C.12/AZE/CO/3"). Returns its length. */
static size_t un_symbol_at(const char *t, size_t len)
{
	size_t i = 0, slashes = 0, upper = 0;

	while (i < len && isupper((unsigned char)t[i]))
		i++, upper++;
	if (!upper || upper > 6 || i >= len || t[i] != '/')
		return 0;
	while (i < len && is_symbol_char(t[i])) {
		if (t[i] == '/') {
			if (i + 1 >= len || !is_symbol_char(t[i + 1]) || t[i + 1] == '/')
				break;
			slashes++;
		}
		i++;
	}
	while (i && (t[i - 1] == '.' || t[i - 1] == '-'))
		i--;
	return slashes >= 2 ? i : 0;
}

size_t layout_un_symbol(const char *t, size_t len)
{
	return un_symbol_at(t, len);
}

static const char *const months[] = { "January", "February", "March", "April", "May", "June",
	"July", "August", "September", "October", "November", "December" };

/* "6 March 2024", "March 2024", "October 2008" as the whole of a short block → ISO. */
static int date_line(const char *t, size_t len, char out[11])
{
	int day = 0, m, year;
	size_t i = 0;

	if (len > 24)
		return 0;
	if (is_digit(t[0])) {
		while (i < len && is_digit(t[i]) && i < 2)
			day = day * 10 + (t[i++] - '0');
		if (i >= len || t[i] != ' ' || day < 1 || day > 31)
			return 0;
		i++;
	}
	for (m = 0; m < 12; m++) {
		size_t ml = strlen(months[m]);
		if (len - i > ml && !strncmp(t + i, months[m], ml) && t[i + ml] == ' ') {
			i += ml + 1;
			break;
		}
	}
	if (m == 12 || len - i != 4)
		return 0;
	for (year = 0; i < len; i++) {
		if (!is_digit(t[i]))
			return 0;
		year = year * 10 + (t[i] - '0');
	}
	if (year < 1900 || year > 2100)
		return 0;
	if (day)
		snprintf(out, 11, "%04d-%02d-%02d", year, m + 1, day);
	else
		snprintf(out, 11, "%04d-%02d", year, m + 1);
	return 1;
}

static size_t count_words(const char *t, size_t len)
{
	size_t n = 0, i;
	int in = 0;

	for (i = 0; i < len; i++) {
		int w = t[i] != ' ';
		if (w && !in)
			n++;
		in = w;
	}
	return n;
}

static int boilerplate(const char *t)
{
	static const char *const words[] = { "Distr", "Original", "GE.", "United Nations", "Advance",
		"English", "Page", "Contents", "CONTENTS", "Table of contents", NULL };
	size_t i;

	for (i = 0; words[i]; i++)
		if (!strncmp(t, words[i], strlen(words[i])))
			return 1;
	return 0;
}

/* Count occurrences of " w " words in lower-cased sample text. */
static size_t count_word(const char *s, const char *w)
{
	size_t n = 0, wl = strlen(w);
	const char *p = s;

	while ((p = strstr(p, w))) {
		if ((p == s || p[-1] == ' ') && (p[wl] == ' ' || p[wl] == '\0'))
			n++;
		p += wl;
	}
	return n;
}

static void guess_lang(struct document *doc)
{
	static const struct { const char *lang; const char *words[7]; } langs[] = {
		{ "en", { "the", "and", "of", "to", "in", "is", "for" } },
		{ "fr", { "le", "la", "les", "des", "et", "du", "est" } },
		{ "es", { "el", "los", "las", "del", "y", "que", "por" } },
		{ "de", { "der", "die", "und", "das", "von", "ist", "mit" } },
	};
	struct strbuf sb = STRBUF_INIT;
	size_t i, cyr = 0, best = 0, bi = 0;

	strbuf_init(&sb);
	for (i = 0; i < doc->nblocks && sb.len < 20000; i++) {
		const struct block *b = &doc->blocks[i];
		size_t k = 0;
		while (k < b->len) {
			uint32_t c = utf8_next(b->text, b->len, &k);
			if (c >= 0x400 && c <= 0x4FF)
				cyr++;
			if (c < 0x80)
				strbuf_addch(&sb, c == '\t' || c == '\n' ? ' ' : tolower((int)c));
			else
				strbuf_addch(&sb, ' ');
		}
		strbuf_addch(&sb, ' ');
	}
	for (i = 0; i < sizeof(langs) / sizeof(langs[0]); i++) {
		size_t j, n = 0;
		for (j = 0; j < 7; j++)
			n += count_word(sb.buf, langs[i].words[j]);
		if (n > best) {
			best = n;
			bi = i;
		}
	}
	if (cyr > 200 && cyr > best * 4)
		document_set(&doc->lang, "ru");
	else if (best >= 3)
		document_set(&doc->lang, langs[bi].lang);
	strbuf_release(&sb);
}

void layout_guess_metadata(struct document *doc)
{
	size_t i, lim = doc->nblocks < 40 ? doc->nblocks : 40;
	char iso[11];

	for (i = 0; i < lim; i++) {
		const struct block *b = &doc->blocks[i];
		size_t sl;

		if (b->kind == BLOCK_TABLE)
			continue;
		if (!doc->symbol && (sl = un_symbol_at(b->text, b->len)) && (sl == b->len || b->len < 40)) {
			char *s = xstrndup(b->text, sl);
			document_set(&doc->symbol, s);
			free(s);
		}
		if (!doc->date && date_line(b->text, b->len, iso))
			document_set(&doc->date, iso);
		if (!doc->title && b->len >= 10 && b->len < 200 && count_words(b->text, b->len) >= 3 &&
		    !boilerplate(b->text) && !un_symbol_at(b->text, b->len) && b->kind != BLOCK_FOOTNOTE &&
		    (b->kind == BLOCK_HEADING || b->text[b->len - 1] != '.'))
			document_set(&doc->title, b->text);
	}
	if (!doc->lang)
		guess_lang(doc);
}
