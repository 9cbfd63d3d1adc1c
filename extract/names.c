/* names.c: word-level helpers of names.h. Exports names_* only. Offsets are bytes;
 * nothing here allocates except names_title's output buffer. */
#include "names.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

#include "diag.h"
#include "lexicon.h"
#include "phrase_index.h"
#include "unicode.h"
#include "banned.h"

const unsigned char names_alnum_tab[256] = {
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1,
	['8'] = 1, ['9'] = 1,
	['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1,
	['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1,
	['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
	['y'] = 1, ['z'] = 1,
	['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1,
	['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1,
	['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1,
	['Y'] = 1, ['Z'] = 1,
};


/* The non-ASCII case of names_word_char; *next receives the byte after the code
 * point. */
static int word_char_slow(const char *t, size_t len, size_t i, size_t *next)
{
	uint32_t cp = utf8_next(t, len, &i);

	*next = i;
	return unicode_is_alpha(cp) || u_isdigit((UChar32)cp) || u_getCombiningClass((UChar32)cp);
}

/* names_word_char with the ASCII case inline: the hot loops below call it per byte. */
static inline int word_char_at(const char *t, size_t len, size_t i)
{
	size_t next;

	if (i >= len)
		return 0;
	if ((unsigned char)t[i] < 0x80)
		return names_ascii_alnum((unsigned char)t[i]);
	return word_char_slow(t, len, i, &next);
}

int names_word_char(const char *t, size_t len, size_t i)
{
	return word_char_at(t, len, i);
}

size_t names_word_end(const char *t, size_t len, size_t i)
{
	while (i < len) {
		unsigned char c = (unsigned char)t[i];
		size_t next;
		if (c < 0x80) {
			if (names_ascii_alnum(c)) {
				i++;
				while (i < len && names_alnum_tab[(unsigned char)t[i]])
					i++;
				continue;
			}
			/* inner hyphen or apostrophe: "Anti-Trafficking", "Children's" */
			if ((c == '-' || c == '\'') && i + 1 < len && word_char_at(t, len, i + 1) &&
			    i > 0 && word_char_at(t, len, i - 1)) {
				i++;
				continue;
			}
			break;
		}
		if (word_char_slow(t, len, i, &next)) {
			i = next;
			continue;
		}
		if (c == 0xE2 && i + 3 < len && (unsigned char)t[i + 1] == 0x80 &&
		    ((unsigned char)t[i + 2] == 0x99 || (unsigned char)t[i + 2] == 0x91) &&
		    word_char_at(t, len, i + 3)) {
			i += 3;  /* ’ or ‑ inside a word */
			continue;
		}
		break;
	}
	return i;
}

size_t names_skip_space(const char *t, size_t len, size_t i)
{
	while (i < len) {
		size_t j = i;
		unsigned char c = (unsigned char)t[i];
		if (c < 0x80) {
			if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v')
				break;
			i++;
			continue;
		}
		uint32_t cp = utf8_next(t, len, &j);
		if (!unicode_is_space(cp))
			break;
		i = j;
	}
	return i;
}

size_t names_word_before(const char *t, size_t end)
{
	size_t i = end;

	while (i > 0 && (t[i - 1] == ' ' || t[i - 1] == '\t' || t[i - 1] == '\n'))
		i--;
	end = i;
	while (i > 0) {
		size_t p = utf8_prev(t, i);
		if (names_word_char(t, end, p) ||
		    ((t[p] == '-' || t[p] == '\'') && p > 0 && names_word_char(t, end, p - 1)))
			i = p;
		else
			break;
	}
	return i;
}

int names_is_upper(const char *t, size_t len, size_t i)
{
	uint32_t cp;

	if (i >= len)
		return 0;
	if ((unsigned char)t[i] < 0x80)
		return t[i] >= 'A' && t[i] <= 'Z';
	cp = utf8_next(t, len, &i);
	return cp < 0x80 ? (cp >= 'A' && cp <= 'Z') : u_isupper((UChar32)cp);
}

int names_all_caps(const char *t, size_t i, size_t end)
{
	int letters = 0;

	while (i < end) {
		uint32_t cp = utf8_next(t, end, &i);
		if (cp < 0x80 ? ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') : unicode_is_alpha(cp)) {
			if (cp < 0x80 ? !(cp >= 'A' && cp <= 'Z') : !u_isupper((UChar32)cp))
				return 0;
			letters++;
		}
	}
	return letters >= 2;
}

/* Word lists are static strings: each is split once into a hash set, found again by
 * its address (the lists are few, so a small table suffices). */
struct wordset {
	const char *list;
	uint64_t *h;   /* sorted hashes of the lower-case words */
	size_t n;
	uint32_t lens;        /* bit n set when a word has n bytes (n < 32) */
	uint32_t first[8];    /* bit c set when a word starts with lower-case byte c */
	uint32_t lens_of[26]; /* for a word starting with letter 'a' + k: lens of those words */
	uint32_t second_of[26];  /* ... and second_bit of their second bytes */
};

/* A bit for the byte after a word's first: 0..25 for a letter (either case), 26 for
 * another byte, 27 for a word of one byte. */
static uint32_t second_bit(const char *w, size_t n)
{
	unsigned char c;

	if (n < 2)
		return 1u << 27;
	c = (unsigned char)(w[1] | 0x20);
	return c >= 'a' && c <= 'z' ? 1u << (c - 'a') : 1u << 26;
}

static uint64_t word_hash(const char *w, size_t n)
{
	uint64_t h = 1469598103934665603ULL;
	size_t k;

	for (k = 0; k < n; k++) {
		unsigned char c = (unsigned char)w[k];
		if (c >= 'A' && c <= 'Z')
			c += 32;
		h = (h ^ c) * 1099511628211ULL;
	}
	return h;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

static struct {
	struct wordset sets[32];
	size_t n;
	const struct wordset *slot[256];  /* by address: most lookups hit here */
} wordsets;

static unsigned wordset_slot(const char *list)
{
	return (unsigned)(((uint64_t)(uintptr_t)list * 0x9E3779B97F4A7C15ULL) >> 56);
}

/* wordset_of when the address slot misses: find or compile the set. */
static const struct wordset *wordset_add(const char *list)
{
	struct wordset *ws;
	const char *p;
	size_t i, cap = 0;

	for (i = 0; i < wordsets.n; i++)
		if (wordsets.sets[i].list == list)
			return wordsets.slot[wordset_slot(list)] = &wordsets.sets[i];
	if (wordsets.n == sizeof(wordsets.sets) / sizeof(wordsets.sets[0]))
		return NULL;
	ws = &wordsets.sets[wordsets.n++];
	ws->list = list;
	for (p = list; *p;) {
		const char *bar = strchr(p, '|');
		size_t n = bar ? (size_t)(bar - p) : strlen(p);
		unsigned char c = (unsigned char)p[0];
		XGROW(ws->h, cap, ws->n + 1);
		ws->h[ws->n++] = word_hash(p, n);
		ws->lens |= n < 32 ? 1u << n : 0;
		if (c >= 'A' && c <= 'Z')
			c += 32;
		ws->first[c >> 5] |= 1u << (c & 31);
		if (c >= 'a' && c <= 'z' && n < 32) {
			ws->lens_of[c - 'a'] |= 1u << n;
			ws->second_of[c - 'a'] |= second_bit(p, n);
		}
		if (!bar)
			break;
		p = bar + 1;
	}
	if (ws->n)
		qsort(ws->h, ws->n, sizeof(*ws->h), cmp_u64);
	wordsets.slot[wordset_slot(list)] = ws;
	return ws;
}

static const struct wordset *wordset_of(const char *list)
{
	const struct wordset *ws = wordsets.slot[wordset_slot(list)];

	return ws && ws->list == list ? ws : wordset_add(list);
}

/* names_in without a compiled set (more lists than slots). */
static int in_list(const char *t, size_t i, size_t end, const char *list)
{
	const char *p = list;

	while (*p) {
		const char *bar = strchr(p, '|');
		size_t n = bar ? (size_t)(bar - p) : strlen(p);
		if (n == end - i && word_hash(p, n) == word_hash(t + i, n))
			return 1;
		if (!bar)
			break;
		p = bar + 1;
	}
	return 0;
}

/* 1 when the word w of n bytes is in ws (by hash). */
static int wordset_has(const struct wordset *ws, const char *w, size_t n)
{
	uint64_t h = word_hash(w, n);
	size_t lo = 0, hi = ws->n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (ws->h[mid] < h)
			lo = mid + 1;
		else if (ws->h[mid] > h)
			hi = mid;
		else
			return 1;
	}
	return 0;
}

/* 64-bit FNV over a few dozen short words: a collision is not a practical concern.
 * The rejects come first and alone: most calls end there. */
int names_in(const char *t, size_t i, size_t end, const char *list)
{
	const struct wordset *ws;
	unsigned char c;

	if (end <= i || end - i > 24)
		return 0;
	if (!(ws = wordset_of(list)))
		return in_list(t, i, end, list);
	/* cheap rejects before hashing: length, first and second byte */
	c = (unsigned char)t[i];
	if (c >= 'A' && c <= 'Z')
		c += 32;
	if (c >= 'a' && c <= 'z' ? !(ws->lens_of[c - 'a'] & (1u << (end - i))) ||
					   !(ws->second_of[c - 'a'] & second_bit(t + i, end - i))
				 : !(ws->lens & (1u << (end - i))) || !(ws->first[c >> 5] & (1u << (c & 31))))
		return 0;
	return wordset_has(ws, t + i, end - i);
}

/* A word of up to 8 bytes as a number, ASCII lower-cased; 0 when longer. */
static uint64_t word_pack(const char *w, size_t n)
{
	uint64_t v = 0;
	size_t k;

	if (n > 8)
		return 0;
	for (k = 0; k < n; k++) {
		unsigned char c = (unsigned char)w[k];
		v = v << 8 | (uint64_t)(c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
	return v;
}

/* Slot of a packed word in a 64-slot table. */
static unsigned word_slot(uint64_t v)
{
	return (unsigned)((v * 0x9E3779B97F4A7C15ULL) >> 58);
}

/* The function words of names_title, in lower case. */
static const char function_words[] = "of|and|for|on|the|in|against|with|to|at|by|from|or|relating|"
				     "concerning|its|their|a|an|de|la|des|du|le|les|et|del|y|und|für";

/* The compiled function_words: packed words in open addressing (0 = empty), and per
 * first byte (either case) the byte lengths of the words starting with it. */
static struct {
	uint64_t slot[64];
	uint32_t lens[256];
	int ready;
} fw;

static void function_words_build(void)
{
	const char *p = function_words;

	for (;;) {
		const char *bar = strchr(p, '|');
		size_t n = bar ? (size_t)(bar - p) : strlen(p);
		unsigned char c = (unsigned char)p[0];
		if (n <= 8) {
			uint64_t v = word_pack(p, n);
			unsigned h = word_slot(v);
			while (fw.slot[h] && fw.slot[h] != v)
				h = (h + 1) & 63;
			fw.slot[h] = v;
		}
		fw.lens[c] |= 1u << n;
		if (c >= 'a' && c <= 'z')
			fw.lens[c - 32] |= 1u << n;
		if (!bar)
			break;
		p = bar + 1;
	}
	fw.ready = 1;
}

/* names_in over function_words, spelled out: it runs for every word of every block,
 * so the first byte and length reject most words before any packing. */
static inline int function_word_built(const char *t, size_t i, size_t end)
{
	uint64_t v;
	unsigned h;

	if (end <= i || end - i > 10 || !(fw.lens[(unsigned char)t[i]] & (1u << (end - i))))
		return 0;
	if (end - i > 8)
		return names_is(t, i, end, "concerning");
	v = word_pack(t + i, end - i);
	for (h = word_slot(v); fw.slot[h]; h = (h + 1) & 63)
		if (fw.slot[h] == v)
			return 1;
	return 0;
}

static inline int names_function_word(const char *t, size_t i, size_t end)
{
	if (!fw.ready)
		function_words_build();
	return function_word_built(t, i, end);
}

size_t names_quote_at(const char *t, size_t len, size_t i)
{
	unsigned char c;

	if (i >= len)
		return 0;
	c = (unsigned char)t[i];
	if (c == '"')
		return 1;
	if (c == 0xC2 && i + 1 < len && ((unsigned char)t[i + 1] == 0xAB || (unsigned char)t[i + 1] == 0xBB))
		return 2;  /* « » */
	if (c == 0xE2 && i + 2 < len && (unsigned char)t[i + 1] == 0x80) {
		unsigned char d = (unsigned char)t[i + 2];
		if (d == 0x9C || d == 0x9D || d == 0x9E || d == 0x9F)
			return 3;  /* “ ” „ ‟ */
	}
	return 0;
}

static int is_digit(const char *t, size_t len, size_t i)
{
	return i < len && t[i] >= '0' && t[i] <= '9';
}

size_t names_number_marker(const char *t, size_t len, size_t i)
{
	size_t j = i, w;

	/* every marker starts with "N", "n", "#" or the first byte of "№" */
	if (i >= len || (t[i] != 'N' && t[i] != 'n' && t[i] != '#' && (unsigned char)t[i] != 0xE2))
		return 0;
	if (i + 3 <= len && !memcmp(t + i, "\xE2\x84\x96", 3)) {  /* № */
		j = names_skip_space(t, len, i + 3);
		return is_digit(t, len, j) ? j - i : 0;
	}
	if (i < len && t[i] == '#') {
		j = names_skip_space(t, len, i + 1);
		return is_digit(t, len, j) ? j - i : 0;
	}
	w = names_word_end(t, len, i);
	/* (the marker words have three bytes at most) */
	if (w - i > 3 || !(names_is(t, i, w, "no") || names_is(t, i, w, "n") || names_is(t, i, w, "nr") ||
	      names_is(t, i, w, "nos")))
		return 0;
	j = w;
	if (j < len && t[j] == '.')
		j++;
	else if (j + 2 <= len && !memcmp(t + j, "\xC2\xB0", 2))  /* N° */
		j += 2;
	else if (names_is(t, i, w, "n") && j < len && t[j] != ' ')
		return 0;
	j = names_skip_space(t, len, j);
	/* "N" alone must be upper case and followed by a number ("N 592-IQ") */
	if (names_is(t, i, w, "n") && t[i] != 'N')
		return 0;
	return is_digit(t, len, j) ? j - i : 0;
}

size_t names_number_end(const char *t, size_t len, size_t i)
{
	size_t j = i;

	if (!is_digit(t, len, j))
		return i;
	while (is_digit(t, len, j))
		j++;
	for (;;) {
		size_t k = j;
		if (k < len && (t[k] == '-' || t[k] == '/')) {
			size_t s = ++k;
			while (k < len && (names_ascii_alnum((unsigned char)t[k])))
				k++;
			/* a part is digits or a short code of letters ("IQ", "IIIQ", "r") */
			if (k > s && k - s <= 6) {
				j = k;
				continue;
			}
		} else if (k + 3 <= len && (unsigned char)t[k] == 0xE2 && (unsigned char)t[k + 1] == 0x80 &&
			   ((unsigned char)t[k + 2] == 0x90 || (unsigned char)t[k + 2] == 0x91 ||
			    (unsigned char)t[k + 2] == 0x93)) {
			size_t s = k += 3;
			while (k < len && names_ascii_alnum((unsigned char)t[k]))
				k++;
			if (k > s && k - s <= 6) {
				j = k;
				continue;
			}
		}
		break;
	}
	return j;
}

static void add_word(struct strbuf *out, const char *w, size_t n, int first, int caps_title)
{
	size_t i = 0;

	if (out->len)
		strbuf_addch(out, ' ');
	if (!first && names_function_word(w, 0, n)) {
		for (i = 0; i < n; i++)
			strbuf_addch(out, (w[i] >= 'A' && w[i] <= 'Z') ? w[i] + 32 : w[i]);
		return;
	}
	if (caps_title && names_all_caps(w, 0, n) && n > 3) {
		struct strbuf lower = STRBUF_INIT;
		size_t j = utf8_step(w, n, 0);
		strbuf_add(out, w, j);
		for (i = j; i < n;) {
			uint32_t cp = utf8_next(w, n, &i);
			utf8_put(&lower, cp < 0x80 ? ((cp >= 'A' && cp <= 'Z') ? cp + 32 : cp)
					       : (uint32_t)u_tolower((UChar32)cp));
		}
		strbuf_add(out, lower.buf, lower.len);
		strbuf_release(&lower);
		return;
	}
	if (n && !names_is_upper(w, n, 0) && names_word_char(w, n, 0)) {
		uint32_t cp;
		i = 0;
		cp = utf8_next(w, n, &i);
		utf8_put(out, cp < 0x80 ? ((cp >= 'a' && cp <= 'z') ? cp - 32 : cp)
				       : (uint32_t)u_toupper((UChar32)cp));
		strbuf_add(out, w + i, n - i);
		return;
	}
	strbuf_add(out, w, n);
}

void names_title(struct strbuf *out, const char *t, size_t len)
{
	size_t i = 0;
	int first = 1, caps = names_all_caps(t, 0, len);

	strbuf_reset(out);
	while (i < len) {
		size_t e;
		if (!names_word_char(t, len, i)) {
			/* keep commas and inner dashes; drop quotes and other marks */
			if (t[i] == ',' && out->len)
				strbuf_addch(out, ',');
			i += utf8_step(t, len, i);
			continue;
		}
		e = names_word_end(t, len, i);
		if (first && names_is(t, i, e, "the")) {
			i = e;
			continue;
		}
		add_word(out, t + i, e - i, first, caps);
		first = 0;
		i = e;
	}
}

void names_mark_skipping_years(const char *t, size_t start, size_t end,
			       void (*mark)(void *ctx, size_t a, size_t b), void *ctx)
{
	size_t i = start, from = start;

	while (i < end) {
		if (is_digit(t, end, i) && (i == 0 || !names_word_char(t, end, i - 1))) {
			size_t j = i;
			while (is_digit(t, end, j))
				j++;
			if (j - i == 4 && (t[i] == '1' || t[i] == '2') && !names_word_char(t, end, j)) {
				if (i > from)
					mark(ctx, from, i);
				from = j;
			}
			i = j;
			continue;
		}
		i++;
	}
	if (end > from)
		mark(ctx, from, end);
}

/* names_words into a caller's growing buffer *v of *cap words. */
static size_t words_into(const char *t, size_t len, struct name_word **out, size_t *capp)
{
	size_t i = 0, n = 0, cap = *capp;
	struct name_word *v = *out;

	if (!fw.ready)
		function_words_build();  /* once here, not once a word */
	while (i < len) {
		size_t e, next;
		/* the gap before the word, skipped in one loop that also tells whether it
		 * holds only spaces and no-break spaces */
		int clean = n > 0;
		unsigned char c;
		for (;;) {
			c = (unsigned char)t[i];
			if (c < 0x80) {
				if (names_alnum_tab[c])
					break;
				clean &= c == ' ';
				i++;
			} else {
				if (word_char_slow(t, len, i, &next))
					break;
				clean &= c == 0xC2 && next == i + 2 && (unsigned char)t[i + 1] == 0xA0;
				i = next;
			}
			if (i >= len)
				goto done;
		}
		if (c < 0x80) {
			/* the ASCII run inline; names_word_end only goes on past a byte that can
			 * continue a word (a hyphen, an apostrophe or a non-ASCII byte) */
			e = i + 1;
			while (e < len && names_alnum_tab[(unsigned char)t[e]])
				e++;
			if (e < len && (t[e] == '-' || t[e] == '\'' || (unsigned char)t[e] >= 0x80))
				e = names_word_end(t, len, e);
		} else {
			e = names_word_end(t, len, i);
		}
		if (n + 1 > cap)
			XGROW(v, cap, n + 1);
		v[n].start = i;
		v[n].end = e;
		v[n].upper = c < 0x80 ? c >= 'A' && c <= 'Z' : names_is_upper(t, len, i);
		v[n].func = function_word_built(t, i, e);
		v[n].clean_gap = clean;
		n++;
		i = e;
	}
done:
	*out = v;
	*capp = cap;
	return n;
}

size_t names_words(const char *t, size_t len, struct name_word **out)
{
	size_t cap = 0;

	*out = NULL;
	return words_into(t, len, out, &cap);
}

size_t names_words_of_block(const char *t, size_t len, const struct name_word **out)
{
	/* single-threaded, like the rest of extract; the copy guards against a new block
	 * at the address of an old one */
	static struct name_word *w;
	static size_t n, cap;
	static struct strbuf copy;
	static int ready;

	if (ready && copy.len == len && !memcmp(copy.buf, t, len)) {
		*out = w;
		return n;
	}
	n = words_into(t, len, &w, &cap);  /* the buffer is kept from block to block */
	strbuf_reset(&copy);
	strbuf_add(&copy, t, len);
	ready = 1;
	*out = w;
	return n;
}

/* ---- countries ---- */

/* The compiled countries table, parked here rather than in a lexicon slot: it is
 * shared by the laws and orgs recognisers. Rebuilt when another table is asked for;
 * the first cell is kept to tell a reloaded lexicon that reuses the old addresses. */
struct country_row {
	char *name;
	int home;
};

static struct {
	const struct lexicon_table *t;
	char **cells;
	size_t nrows;
	char *first;
	struct phrase_index *pi;
	struct country_row *rows;
	size_t n;
	size_t maxwords;  /* words of the longest entry */
} countries;

static size_t count_words(const char *s, size_t len)
{
	size_t i, n = 0;
	int in = 0;

	for (i = 0; i < len; i++) {
		if (s[i] == ' ')
			in = 0;
		else if (!in)
			in = 1, n++;
	}
	return n;
}

static void countries_add(const char *cell, int id, unsigned flags)
{
	const char *p = cell;

	while (p && *p) {
		const char *bar = strchr(p, '|');
		size_t len = bar ? (size_t)(bar - p) : strlen(p), nw = count_words(p, len);
		if (phrase_index_add(countries.pi, p, len, id, flags) && nw > countries.maxwords)
			countries.maxwords = nw;
		p = bar ? bar + 1 : NULL;
	}
}

static void countries_clear(void)
{
	size_t i;

	for (i = 0; i < countries.n; i++)
		free(countries.rows[i].name);
	free(countries.rows);
	phrase_index_free(countries.pi);
	free(countries.first);
	memset(&countries, 0, sizeof(countries));
}

static const struct phrase_index *countries_get(const struct lexicon *lex)
{
	const struct lexicon_table *t = lexicon_table(lex, "countries");
	int cname, cols[3], chome;
	size_t r, c;

	if (!t || !t->nrows || (cname = lexicon_column(t, "name")) < 0)
		return NULL;
	if (countries.pi && countries.t == t && countries.cells == t->cells &&
	    countries.nrows == t->nrows && !strcmp(countries.first, t->cells[0]))
		return countries.pi;
	countries_clear();
	countries.t = t;
	countries.cells = t->cells;
	countries.nrows = t->nrows;
	countries.first = xstrdup(t->cells[0]);
	countries.pi = phrase_index_new();
	countries.rows = xcalloc(t->nrows, sizeof(*countries.rows));
	cols[0] = lexicon_column(t, "adjective");
	cols[1] = lexicon_column(t, "aliases");
	cols[2] = lexicon_column(t, "acronyms");
	chome = lexicon_column(t, "home");
	for (r = 0; r < t->nrows; r++) {
		const char *name = lexicon_cell(t, r, cname);
		int id = (int)countries.n;
		if (!*name)
			continue;
		countries.rows[id].name = xstrdup(name);
		countries.rows[id].home = chome >= 0 && !strcmp(lexicon_cell(t, r, chome), "yes");
		countries.n++;
		countries_add(name, id, 0);
		for (c = 0; c < 3; c++)
			if (cols[c] >= 0)
				countries_add(lexicon_cell(t, r, cols[c]), id, c == 2 ? PHRASE_EXACT : 0);
	}
	return countries.pi;
}

size_t names_country_end(const struct lexicon *lex, const char *t, size_t len, size_t i,
			 struct name_country *out)
{
	const struct phrase_index *pi;
	size_t ends[8], nw = 0, j = i, k;

	if (i >= len || !word_char_at(t, len, i) || !(pi = countries_get(lex)))
		return i;
	while (nw < countries.maxwords && nw < sizeof(ends) / sizeof(ends[0])) {
		size_t e;
		if (nw) {
			size_t g = names_skip_space(t, len, j);
			if (g == j)
				break;
			j = g;
		}
		e = names_word_end(t, len, j);
		if (e == j)
			break;
		ends[nw++] = e;
		j = e;
	}
	for (k = nw; k-- > 0;) {
		int id = phrase_index_lookup(pi, t + i, ends[k] - i);
		if (id >= 0) {
			if (out) {
				out->name = countries.rows[id].name;
				out->home = countries.rows[id].home;
			}
			return ends[k];
		}
	}
	return i;
}
