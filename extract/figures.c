/* figures.c: recognises figures: numbers that state a quantity. Exports
 * figures_recogniser only.
 *
 * A figure is [hedge] [currency] number [scale word] [unit]: "about 690", "USD 9,000",
 * "1.15 million", "nearly a billion dollars", "26.4 per cent", "up to six months",
 * "2.14-fold". Its value is a plain decimal (scale applied); its interval follows
 * the hedge (lexicon/hedges.tsv) and, for numbers printed with decimals or a scale
 * word, widens to what rounds to the printed value. In "16 to 25 per cent" and
 * "between 579,000 and 687,000" each number is a figure and the first takes the
 * scale and unit of the second. Numbers that are references (article, No., page ...,
 * lexicon/number-words.tsv labels), list ordinals, ordinals ("3rd"), times, phone
 * and code-like numbers ("144-1-2", "CMW/C/2"), and anything marked MASK_NUMBER or
 * MASK_DATE are not figures. In tables each numeric data cell is a figure with its
 * row and column headers, and a unit or scale stated in the caption or the column
 * header ("(thousand persons)", "(Million USD)", "%") applies to it.
 * Units, when the text names none, are persons if the sentence speaks of people,
 * else count.
 */
#include "extract.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "numbers.h"
#include "phrases.h"
#include "unicode.h"
#include "units.h"
#include "banned.h"

struct figure {
	double value;
	int decimals;           /* printed decimals after scaling, for the value string */
	double scale;           /* 1 when no scale word */
	int printed_decimals;   /* decimals as printed, for rounding */
	const char *unit;       /* NULL when the text names none */
	const struct phrase *hedge;
	size_t start, end;      /* quote, bytes */
	size_t num_start, num_end;  /* the number itself (and scale word) */
};

/* Words that may stand between a number and its unit noun ("287 foreign victims")
 * are any lower-case words except these, which end the noun phrase. */
static const char *const stop_words[] = { "a", "after", "against", "all", "an", "and", "are",
	"as", "at", "be", "been", "before", "between", "but", "by", "during", "for", "from",
	"had", "has", "have", "in", "including", "into", "is", "it", "its", "not", "of", "on",
	"or", "since", "than", "that", "the", "their", "them", "these", "they", "this", "those",
	"to", "under", "until", "was", "were", "which", "while", "who", "whom", "with",
	"within", "year", "years" };

static int is_stop_word(const char *t, size_t n)
{
	size_t lo = 0, hi = sizeof(stop_words) / sizeof(stop_words[0]);

	while (lo < hi) {
		size_t mid = (lo + hi) / 2, k = strlen(stop_words[mid]);
		int c = strncmp(stop_words[mid], t, n < k ? n : k);
		if (!c)
			c = k < n ? -1 : k > n ? 1 : 0;
		if (!c)
			return 1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

static int digit_at(const char *t, size_t len, size_t i)
{
	return i < len && t[i] >= '0' && t[i] <= '9';
}

static int alpha_ascii(unsigned char c)
{
	return (c | 32) >= 'a' && (c | 32) <= 'z';
}

static size_t skip_sp(const char *t, size_t len, size_t i)
{
	return i + phrase_space_len(t, len, i);
}


static int after_label_word(const struct units_lexicon *u, const char *t, size_t len, size_t at);

/* The word before byte at (skipping spaces, an opening parenthesis and a list of other
 * references) is a label. */
static int after_label(const struct scan *s, const struct units_lexicon *u, size_t at)
{
	const char *t = s->text;
	size_t len = s->len, i = at;

	size_t k;

	/* a list of references: "paragraphs 16, 36, 60 and 62", "articles 5-7" */
	for (k = 0; k < 12; k++) {
		size_t j = i;
		while (j > 0 && (t[j - 1] == ' ' || t[j - 1] == ','))
			j--;
		if (j > 0 && ((s->mask[j - 1] & MASK_DATE) || t[j - 1] == ')')) {
			/* "resolutions 822 (1993) of 30 April 1993, 853 ...": dates inside the list */
			while (j > 0 && ((s->mask[j - 1] & MASK_DATE) || t[j - 1] == ')' || t[j - 1] == '(' ||
					 t[j - 1] == ' '))
				j--;
			if (j >= 3 && !strncmp(t + j - 2, "of", 2) && t[j - 3] == ' ')
				j -= 2;
			while (j > 0 && t[j - 1] == ' ')
				j--;
			if (j > 0 && ((s->mask[j - 1] & MASK_DATE) || t[j - 1] == ')'))
				while (j > 0 && ((s->mask[j - 1] & MASK_DATE) || t[j - 1] == ')' ||
						 t[j - 1] == '(' || t[j - 1] == ' '))
					j--;
			if (j > 0 && digit_at(t, len, j - 1))
				while (j > 0 && digit_at(t, len, j - 1))
					j--;
		} else if (j > 0 && (digit_at(t, len, j - 1) || t[j - 1] == '-' || t[j - 1] == '.')) {
			while (j > 0 && (digit_at(t, len, j - 1) || t[j - 1] == '-' || t[j - 1] == '.' ||
					 alpha_ascii((unsigned char)t[j - 1])) && !(t[j - 1] == '.' && !digit_at(t, len, j)))
				j--;
		} else if (j >= 3 && !strncmp(t + j - 3, "and", 3)) {
			j -= 3;
		} else if (j >= 2 && (!strncmp(t + j - 2, "or", 2) || !strncmp(t + j - 2, "to", 2))) {
			j -= 2;
		} else if (j >= 7 && !strncmp(t + j - 7, "finally", 7)) {
			j -= 7;
		} else {
			break;
		}
		if (j == i || (j > 0 && alpha_ascii((unsigned char)t[j - 1])))
			break;
		if (after_label_word(u, t, len, j))
			return 1;
		i = j;
	}
	i = at;
	return after_label_word(u, t, len, i);
}

static int after_label_word(const struct units_lexicon *u, const char *t, size_t len, size_t at)
{
	const struct phrase *p;
	size_t i = at, e, w;

	while (i > 0 && (t[i - 1] == ' ' || t[i - 1] == '(' || t[i - 1] == ':'))
		i--;
	e = i;
	if (i > 0 && (t[i - 1] == '.' || t[i - 1] == '#'))
		i--;
	if (i >= 3 && (unsigned char)t[i - 1] == 0x96 && (unsigned char)t[i - 2] == 0x84)
		i -= 3;  /* № */
	while (i > 0 && alpha_ascii((unsigned char)t[i - 1]))
		i--;
	if (i == e)
		return 0;
	w = phrase_set_match(&u->words, t, len, i, &p);
	return w && i + w == e && p->ival == WORD_LABEL;
}

/* Unit noun after byte at: directly, or past up to three lower-case modifiers.
 * *adjacent is 1 when no modifier was skipped. Returns the unit's end, 0 when none. */
static size_t unit_after(const struct units_lexicon *u, const char *t, size_t len, size_t at,
			 const char **unit, int *adjacent)
{
	const struct phrase *p;
	size_t i = at, n, k;

	*adjacent = 1;
	/* "26.4%", "2.14-fold", "5-year" attach without a space */
	if ((n = phrase_set_match(&u->after, t, len, i, &p)) &&
	    (!phrase_word_char_fast(t, len, i) || (i > 0 && t[i - 1] == ' ') || t[i] == '-')) {
		*unit = p->str;
		return i + n;
	}
	if (i >= len || (t[i] != ' ' && phrase_space_len(t, len, i) == 0))
		return 0;
	i = skip_sp(t, len, i);
	if ((n = phrase_set_match(&u->after, t, len, i, &p))) {
		*unit = p->str;
		return i + n;
	}
	for (k = 0; k < 3; k++) {
		size_t w = i;
		while (w < len && (alpha_ascii((unsigned char)t[w]) || t[w] == '-'))
			w++;
		if (w == i || (t[i] >= 'A' && t[i] <= 'Z' && k > 0) || is_stop_word(t + i, w - i))
			return 0;
		if (w >= len || t[w] != ' ')
			return 0;
		i = w + 1;
		if ((n = phrase_set_match(&u->after, t, len, i, &p))) {
			if (!strcmp(p->str, "years") || !strcmp(p->str, "months") ||
			    !strcmp(p->str, "days") || !strcmp(p->str, "hours"))
				return 0;  /* "5 new year…" reads badly; time units attach directly */
			*unit = p->str;
			*adjacent = 0;
			return i + n;
		}
	}
	return 0;
}

/* A rate unit within the next few words: "-2.25 migrants/1,000 population". */
static size_t rate_after(const struct units_lexicon *u, const char *t, size_t len, size_t at)
{
	const struct phrase *p;
	size_t i = at, k, n;

	for (k = 0; k < 3 && i < len; k++) {
		i = skip_sp(t, len, i);
		if ((n = phrase_set_match(&u->after, t, len, i, &p)) && !strcmp(p->str, "rate"))
			return i + n;
		while (i < len && (alpha_ascii((unsigned char)t[i]))) {
			i++;
			if (i < len && t[i] == '/' &&
			    (n = phrase_set_match(&u->after, t, len, i, &p)) && !strcmp(p->str, "rate"))
				return i + n;
		}
	}
	return 0;
}

/* The number at p: numeral (with sign), "a"/"an" + scale word, spelled-out cardinal,
 * or a multiplier word. Fills num_start/num_end, value, printed_decimals. */
static int parse_number(const struct scan *s, const struct units_lexicon *u, size_t p,
			enum decimal_mode mode, int table_cell_start, struct figure *f)
{
	const char *t = s->text;
	size_t len = s->len, n, d, q;
	const struct phrase *w;
	struct numeral nu;
	int neg = 0;

	f->num_start = p;
	if ((d = utf8_dash_len(t, len, p)) && (p == 0 || !phrase_word_char_fast(t, len, utf8_prev(t, p)))) {
		q = p + d;
		if (table_cell_start && q < len && t[q] == ' ')
			q++;
		if (digit_at(t, len, q)) {
			neg = 1;
			p = q;
		}
	}
	if (digit_at(t, len, p)) {
		n = numbers_numeral(t, len, p, mode, &nu);
		f->value = neg ? -nu.value : nu.value;
		f->printed_decimals = nu.decimals;
		f->num_end = p + n;
		return 1;
	}
	if (neg)
		return 0;
	if ((t[p] | 32) == 'a' && (n = (p + 1 < len && (t[p + 1] | 32) == 'n') ? 2 : 1) &&
	    !phrase_word_char_fast(t, len, p + n) && p + n < len && t[p + n] == ' ') {
		q = p + n + 1;
		if ((n = phrase_set_match(&u->words, t, len, q, &w)) && w->ival == WORD_SCALE) {
			f->value = 1;
			f->num_end = q;  /* the scale word is taken by the caller */
			return 4;
		}
		return 0;
	}
	/* a spelled-out cardinal or a multiplier: both start with a number word */
	if (!(d = phrase_set_match(&u->words, t, len, p, &w)))
		return 0;
	if (w->ival == WORD_CARDINAL && (n = numbers_spelled(&u->words, t, len, p, &f->value))) {
		f->num_end = p + n;
		return 2;
	}
	if (w->ival == WORD_MULTIPLIER) {
		f->value = w->num;
		f->num_end = p + d;
		f->unit = "count";
		return 3;
	}
	return 0;
}

/* Reasons a numeral is not a figure, judged on its surroundings. */
static int numeral_rejected(const struct scan *s, const struct units_lexicon *u, size_t a,
			    size_t e, int range_right)
{
	const char *t = s->text;
	size_t len = s->len, pa;

	if (scan_masked(s, a, e, MASK_NUMBER | MASK_DATE | MASK_FIGURE | MASK_LABEL))
		return 1;
	if (a > 0) {
		pa = utf8_prev(t, a);
		if (phrase_word_char_fast(t, len, pa))
			return 1;
		if ((t[pa] == '/' || t[pa] == ':' || t[pa] == '.' || t[pa] == ',' || t[pa] == '+' ||
		     t[pa] == '#' || t[pa] == '_' || t[pa] == '\\') &&
		    pa > 0 && (t[pa] == '+' || phrase_word_char_fast(t, len, pa - 1)))
			return 1;
		if (t[pa] == '-' && pa > 0 && phrase_word_char_fast(t, len, pa - 1) && !range_right)
			return 1;  /* "COVID-19", "144-1" */
	}
	if (e < len) {
		if (phrase_word_char_fast(t, len, e))
			return 1;  /* "3rd", "5th", "10am", "2x" */
		if ((t[e] == '/' || t[e] == ':' || t[e] == '.' || t[e] == '_') && digit_at(t, len, e + 1))
			return 1;  /* "12/2005", "10:30", "1.2.3" */
		if (t[e] == '/' && e + 1 < len && alpha_ascii((unsigned char)t[e + 1]) &&
		    !phrase_word_char_fast(t, len, e + 2))
			return 0;
	}
	/* "144-2": a hyphened pair whose second part is smaller is a reference, not a range */
	if (!range_right && e + 1 < len && t[e] == '-' && digit_at(t, len, e + 1)) {
		struct numeral r;
		size_t n = numbers_numeral(t, len, e + 1, DECIMAL_POINT, &r);
		double l = 0;
		size_t k;
		for (k = a; k < e && digit_at(t, len, k); k++)
			l = l * 10 + (t[k] - '0');
		if (n && k == e && r.value < l)
			return 1;
	}
	/* "144-1-2", "498-13-45": chains of three or more numbers */
	if (e + 1 < len && t[e] == '-' && digit_at(t, len, e + 1)) {
		size_t j = e + 1;
		while (digit_at(t, len, j))
			j++;
		if (j + 1 < len && (t[j] == '-' || t[j] == '/') && digit_at(t, len, j + 1))
			return 1;
	}
	if (after_label(s, u, a))
		return 1;
	/* inline footnote markers "[6: text]", "[6]" */
	if (a > 0 && t[a - 1] == '[' && e < len && (t[e] == ':' || t[e] == ']'))
		return 1;
	/* codes and phone numbers: "07644", "498 09 72" */
	if (t[a] == '0' && digit_at(t, len, a + 1))
		return 1;
	if (e + 1 < len && t[e] == ' ' && digit_at(t, len, e + 1) && !(s->mask[e + 1] & MASK_DATE))
		return 1;
	if (a >= 2 && t[a - 1] == ' ' && digit_at(t, len, a - 2) && !(s->mask[a - 2] & MASK_DATE))
		return 1;
	/* section numbers opening a block or line: "1.1. Number of immigrants", "2) ..." */
	{
		size_t b = a;
		while (b > 0 && t[b - 1] == ' ')
			b--;
		if ((b == 0 || t[b - 1] == '\n' || t[b - 1] == '\t') && e < len &&
		    ((t[e] == '.' || t[e] == ')') ||
		     (s->block->kind == BLOCK_HEADING && t[e] == ' ' && b == 0)) &&
		    (e + 1 >= len || t[e + 1] == ' ' || t[e] == ' '))
			return 1;
	}
	/* list ordinals: "1." or "1)" or "(a)" opening a block or a line; "(2)" alone */
	if (e < len && (t[e] == ')' || t[e] == '.') && e - a <= 2) {
		size_t b = a;
		while (b > 0 && (t[b - 1] == ' ' || t[b - 1] == '('))
			b--;
		if (b == 0 || t[b - 1] == '\n' || t[b - 1] == '\t' || t[b - 1] == ';' ||
		    (a > 0 && t[a - 1] == '(' && t[e] == ')'))
			if (e + 1 >= len || t[e + 1] == ' ')
				return 1;
	}
	return 0;
}

static double round_half(const struct figure *f)
{
	if (f->printed_decimals == 0 && f->scale <= 1)
		return 0;
	return 0.5 * pow(10, -f->printed_decimals) * f->scale;
}

static void set_num(struct fact *fa, const char *key, double v, int decimals)
{
	char buf[64];

	numbers_format(buf, sizeof(buf), v, decimals);
	fact_set(fa, key, buf);
}

/* lo/hi/lo_open/hi_open of a figure from its hedge and rounding. */
static void set_interval(struct fact *fa, const struct figure *f)
{
	const char *bound = f->hedge ? f->hedge->str2 : "exact";
	double v = f->value, half = round_half(f), band = 0.1 * fabs(v), lo = v - half, hi = v + half;
	int dec = f->decimals + 2, hi_open = half > 0, lo_open = 0, has_hi = 1;

	if (!strcmp(bound, "band") || !strcmp(bound, "sentence")) {
		if (band > half)
			lo = v - band, hi = v + band, hi_open = 0;
	} else if (!strcmp(bound, "near_below")) {
		lo = v - band;
		hi = v, hi_open = 0;
	} else if (!strcmp(bound, "below")) {
		lo = 0, hi = v, hi_open = 0;
	} else if (!strcmp(bound, "below_open")) {
		lo = 0, hi = v, hi_open = 1;
	} else if (!strcmp(bound, "above")) {
		lo = v, has_hi = 0;
	} else if (!strcmp(bound, "above_open")) {
		lo = v, lo_open = 1, has_hi = 0;
	}
	set_num(fa, "lo", lo, dec);
	fact_set(fa, "hi", has_hi ? NULL : "");
	if (has_hi)
		set_num(fa, "hi", hi, dec);
	if (lo_open)
		fact_set(fa, "lo_open", "1");
	if (hi_open && has_hi)
		fact_set(fa, "hi_open", "1");
}

static const char *unit_in_span(const struct scan *s, const struct units_lexicon *u, struct span sp);

/* The last sentence asked about in the current block (reset by scan_figures). */
static int cached_valid;
static size_t cached_start, cached_end;
static const char *cached_unit;

/* The sentence-level hedge ("According to estimates, ...") in force at byte at: the
 * first such phrase of the sentence, if it comes before at. */
static int cached_hedge_valid;
static size_t cached_hedge_start, cached_hedge_at;
static const struct phrase *cached_hedge;

static const struct phrase *sentence_hedge(const struct scan *s, const struct units_lexicon *u,
					   size_t at)
{
	struct span sp = scan_sentence(s, at);
	const struct phrase *p;
	size_t i;

	if (!(cached_hedge_valid && cached_hedge_start == sp.start)) {
		cached_hedge_valid = 1, cached_hedge_start = sp.start, cached_hedge = NULL;
		for (i = sp.start; i < sp.end && !cached_hedge; i++) {
			if (!alpha_ascii((unsigned char)s->text[i]) ||
			    (i > 0 && phrase_word_char_fast(s->text, s->len, i - 1)))
				continue;
			if (phrase_set_match(&u->hedges, s->text, s->len, i, &p) &&
			    !strcmp(p->str2, "sentence"))
				cached_hedge = p, cached_hedge_at = i;
			i += phrase_ascii_word_len(s->text, s->len, i) - 1;  /* no word starts inside */
		}
	}
	return cached_hedge && cached_hedge_at < at ? cached_hedge : NULL;
}

/* Persons when the sentence around at speaks of people, else count. */
static const char *unit_from_sentence(const struct scan *s, const struct units_lexicon *u,
				      size_t at)
{
	/* one answer per sentence: several figures of a sentence ask the same question */
	struct span sp = scan_sentence(s, at);

	if (s->block->kind == BLOCK_TABLE)
		return "count";
	if (cached_valid && cached_start == sp.start && cached_end == sp.end)
		return cached_unit;
	cached_valid = 1, cached_start = sp.start, cached_end = sp.end;
	cached_unit = unit_in_span(s, u, sp);
	return cached_unit;
}

static const char *unit_in_span(const struct scan *s, const struct units_lexicon *u, struct span sp)
{
	const struct phrase *p;
	size_t i;

	for (i = sp.start; i < sp.end; i++) {
		if (!alpha_ascii((unsigned char)s->text[i]) ||
		    (i > 0 && phrase_word_char_fast(s->text, s->len, i - 1)))
			continue;
		if (phrase_set_match(&u->after, s->text, s->len, i, &p) && !strcmp(p->str, "persons"))
			return "persons";
		i += phrase_ascii_word_len(s->text, s->len, i) - 1;  /* no word starts inside */
	}
	return "count";
}

/* Parse a whole figure at at (hedge and currency included). Returns 1 with f set. */
static int parse_figure(const struct scan *s, const struct units_lexicon *u, size_t at,
			enum decimal_mode mode, int range_right, struct figure *f);

/* Unit and scale after the number of f; the range partner is looked at by the caller. */
static void parse_tail(const struct scan *s, const struct units_lexicon *u, struct figure *f)
{
	const char *t = s->text;
	size_t len = s->len, i = f->num_end, n, e;
	const struct phrase *w;
	int adjacent;
	const char *unit = NULL;

	f->scale = 1;
	i = skip_sp(t, len, i);
	if ((n = phrase_set_match(&u->words, t, len, i, &w)) && w->ival == WORD_SCALE) {
		f->scale = w->num;
		f->num_end = i + n;
		i = skip_sp(t, len, f->num_end);
		/* "one million and a half" */
		if (i + 10 <= len && !strncmp(t + i, "and a half", 10) &&
		    !phrase_word_char_fast(t, len, i + 10)) {
			f->value += 0.5;
			f->printed_decimals = 1;
			f->num_end = i + 10;
		}
	}
	else if (f->value >= 1 && i + 10 <= len && !strncmp(t + i, "and a half", 10) &&
		 !phrase_word_char_fast(t, len, i + 10)) {
		/* "one million and a half": half of the last scale the words named;
		 * "two and a half years": half of one */
		double sc = f->value >= 1000 ? pow(1000, floor(log10(f->value) / 3)) : 1;
		f->value += 0.5 * sc;
		if (sc == 1 && f->printed_decimals < 1)
			f->printed_decimals = 1;
		f->num_end = i + 10;
	}
	f->end = f->num_end;
	if (f->unit)
		return;  /* a currency before the number, or "twice" */
	if ((e = rate_after(u, t, len, f->num_end))) {
		f->unit = "rate";
		scan_mark((struct scan *)s, f->num_end, e, MASK_FIGURE);
		return;
	}
	if ((e = unit_after(u, t, len, f->num_end, &unit, &adjacent))) {
		f->unit = unit;
		if (adjacent && units_quoted(unit))
			f->end = e;
	}
}

static int parse_figure(const struct scan *s, const struct units_lexicon *u, size_t at,
			enum decimal_mode mode, int range_right, struct figure *f)
{
	const char *t = s->text;
	size_t len = s->len, p = at, n;
	const struct phrase *ph;
	int kind, cell_start;

	memset(f, 0, sizeof(*f));
	f->start = at;
	if (!range_right && (n = phrase_set_match(&u->hedges, t, len, p, &ph)) &&
	    strcmp(ph->str2, "sentence")) {
		size_t q = skip_sp(t, len, p + n);
		if (q > p + n || !phrase_word_char_fast(t, len, p + n)) {
			f->hedge = ph;
			p = q;
		}
	}
	if ((n = phrase_set_match(&u->before, t, len, p, &ph))) {
		size_t q = skip_sp(t, len, p + n);
		if (digit_at(t, len, q)) {
			f->unit = ph->str;
			p = q;
		}
	}
	cell_start = s->block->kind == BLOCK_TABLE && (p == 0 || t[p - 1] == '\t' || t[p - 1] == '\n');
	if (!(kind = parse_number(s, u, p, mode, cell_start, f)))
		return 0;
	if (kind == 1) {
		size_t a = digit_at(t, len, f->num_start) ? f->num_start : p;
		while (a < f->num_end && !digit_at(t, len, a))
			a++;
		if (numeral_rejected(s, u, a, f->num_end, range_right))
			return 0;
		if (a > f->num_start && scan_masked(s, f->num_start, a, MASK_NUMBER))
			return 0;
	} else if (scan_masked(s, p, f->num_end, MASK_NUMBER | MASK_DATE | MASK_FIGURE | MASK_NAME) ||
		   after_label(s, u, p)) {
		return 0;
	}
	parse_tail(s, u, f);
	/* "TX 77253", "Guba 373160": prose writes amounts of five digits and more with
	 * separators, so a bare run of them without a unit is a postal code or an id */
	if (kind == 1 && !f->unit && f->scale == 1 && s->block->kind != BLOCK_TABLE &&
	    f->num_end - f->num_start >= 5 && fabs(f->value) >= 10000 && f->printed_decimals == 0 &&
	    !memchr(t + f->num_start, ',', f->num_end - f->num_start) &&
	    !memchr(t + f->num_start, ' ', f->num_end - f->num_start) &&
	    (unsigned char)t[f->num_start + 1] < 0x80)
		return 0;
	if (kind == 2 && f->value == 1 && f->scale == 1 && (!f->unit || !units_quoted(f->unit)))
		return 0;  /* "one of the ...": a pronoun, not a count */
	if (kind == 2 && !f->hedge && !f->unit && f->scale == 1 && f->value < 2)
		return 0;
	if (kind == 2 && f->value == 0)
		return 0;
	f->decimals = f->printed_decimals - (int)lround(log10(f->scale));
	f->value *= f->scale;
	return 1;
}

/* Range connector after byte e: "to", "-", "–", or "and" after "between". */
static size_t range_link(const char *t, size_t len, size_t e, int between)
{
	size_t i = skip_sp(t, len, e), n;

	if ((n = utf8_dash_len(t, len, i)))
		return skip_sp(t, len, i + n) - e;
	if (i == e)
		return 0;
	if ((i + 3 <= len && !strncmp(t + i, "to ", 3)) ||
	    (between && i + 4 <= len && !strncmp(t + i, "and ", 4)))
		return skip_sp(t, len, i + (t[i] == 't' ? 3 : 4)) - e;
	return 0;
}

static int word_before_is(const char *t, size_t at, const char *w)
{
	size_t n = strlen(w), i = at;

	while (i > 0 && t[i - 1] == ' ')
		i--;
	if (i < n)
		return 0;
	if (strncmp(t + i - n, w, n) && !(t[i - n] == (w[0] ^ 32) && !strncmp(t + i - n + 1, w + 1, n - 1)))
		return 0;
	return i == n || !alpha_ascii((unsigned char)t[i - n - 1]);
}

/* ---- tables ---- */

struct table_ctx {
	int contents;          /* a table of contents: page numbers, not figures */
	const char *caption_unit;
	double caption_scale;
	enum decimal_mode mode;
};

/* First unit and scale word named anywhere in text[a..b). */
static void units_in(const struct units_lexicon *u, const char *t, size_t a, size_t b,
		     const char **unit, double *scale)
{
	const struct phrase *p;
	size_t i;

	for (i = a; i < b; i++) {
		if (i > a && phrase_word_char_fast(t, b, i - 1) && phrase_word_char_fast(t, b, i))
			continue;
		if (!*unit && (phrase_set_match(&u->after, t, b, i, &p) ||
			       phrase_set_match(&u->before, t, b, i, &p)))
			*unit = p->str;
		if (*scale <= 1 && phrase_set_match(&u->words, t, b, i, &p) && p->ival == WORD_SCALE)
			*scale = p->num;
	}
}

static int contents_caption(const char *t, size_t len)
{
	static const char *const words[] = { "contents", "table of contents", "list of tables" };
	size_t k, n;

	for (k = 0; k < 3; k++) {
		n = strlen(words[k]);
		if (len >= n && len <= n + 4 && !strncasecmp(t, words[k], n))
			return 1;
	}
	return 0;
}

static void table_prepare(const struct scan *s, const struct units_lexicon *u, struct table_ctx *tc)
{
	const struct block *b = s->block;
	size_t i;

	tc->caption_unit = NULL;
	tc->caption_scale = 1;
	tc->mode = DECIMAL_AUTO;
	if (b->id >= 2) {
		const struct block *cap = &s->doc->blocks[b->id - 2];
		if ((cap->kind == BLOCK_HEADING || (cap->kind == BLOCK_PARAGRAPH && cap->len < 300))) {
			units_in(u, cap->text, 0, cap->len, &tc->caption_unit, &tc->caption_scale);
			tc->contents = contents_caption(cap->text, cap->len);
		}
	}
	/* decimal commas: a cell that reads "-0,3" or "12,5" */
	for (i = 0; i + 2 < b->len; i++) {
		if (b->text[i] == ',' && digit_at(b->text, b->len, i - (i > 0)) && i > 0 &&
		    digit_at(b->text, b->len, i + 1)) {
			size_t j = i + 1;
			while (digit_at(b->text, b->len, j))
				j++;
			if (j - i - 1 <= 2 && (j == b->len || b->text[j] == '\t' || b->text[j] == '\n')) {
				tc->mode = DECIMAL_COMMA;
				break;
			}
		}
	}
}

static char *cell_text(const struct block *b, size_t row, size_t col)
{
	size_t cs, ce;

	if (block_cell(b, row, col, &cs, &ce) < 0)
		return NULL;
	while (cs < ce && b->text[cs] == ' ')
		cs++;
	while (ce > cs && b->text[ce - 1] == ' ')
		ce--;
	return xstrndup(b->text + cs, ce - cs);
}

/* Table placement of a figure: 0 to drop it (header cell, row index), else 1 with the
 * headers set and the caption's unit and scale applied. */
static int table_place(const struct scan *s, const struct units_lexicon *u,
		       const struct table_ctx *tc, struct figure *f, struct fact **out)
{
	const struct block *b = s->block;
	size_t row, col, cs, ce, r;
	unsigned hr = b->header_rows;
	const char *unit = NULL;
	double scale = 1;
	char *rh = NULL, *ch = NULL;
	struct fact *fa;

	block_cell_at(b, f->num_start, &row, &col);
	if (row < hr)
		return 0;
	if (block_cell(b, row, col, &cs, &ce) < 0)
		return 0;
	/* the first column holds row headers ("2007 (9 months)", "Group 1"), not data */
	if (col == 0 && memchr(b->text, '\t', b->len))
		return 0;
	if (col == 0 && f->printed_decimals == 0 && fabs(f->value) < 1000 && !f->unit &&
	    !f->hedge) {
		size_t k = cs;
		while (k < ce && (b->text[k] == ' ' || b->text[k] == '.' || digit_at(b->text, ce, k) ||
				  b->text[k] == ')'))
			k++;
		if (k == ce)
			return 0;  /* a row index */
	}
	/* the row header: the first cell of the row that is not an index number */
	for (r = 0; r < col && !rh; r++) {
		const char *q;
		rh = cell_text(b, row, r);
		size_t nd = 0;
		for (q = rh; q && *q && ((*q >= '0' && *q <= '9') || *q == '.' || *q == ')'); q++)
			nd += *q >= '0' && *q <= '9';
		if (rh && !*q && nd <= 3) {
			free(rh);
			rh = NULL;
		}
	}
	for (r = hr; r > 0 && !ch; r--) {
		ch = cell_text(b, r - 1, col);
		if (ch && !*ch) {
			free(ch);
			ch = NULL;
		}
	}
	if (ch)
		units_in(u, ch, 0, strlen(ch), &unit, &scale);
	if (!unit)
		unit = tc->caption_unit;
	if (scale <= 1)
		scale = tc->caption_scale;
	if (f->scale <= 1 && scale > 1) {
		f->value *= scale;
		f->scale = scale;
		f->decimals -= (int)lround(log10(scale));
	}
	if (!f->unit)
		f->unit = unit ? unit : "count";
	fa = scan_emit((struct scan *)s, FACT_FIGURE, f->start, f->end);
	if (rh && *rh)
		fact_set(fa, "row_header", rh);
	if (ch)
		fact_set(fa, "col_header", ch);
	free(rh);
	free(ch);
	*out = fa;
	return 1;
}

/* 1 when the words after e name a people by nationality: a capitalised plural
 * ("11 Afghans", "3,000 ethnic Chechens", "50,000 Meskhetian Turks"). */
static int next_is_demonym(const char *t, size_t len, size_t e)
{
	size_t i = skip_sp(t, len, e), k;

	if (i == e)
		return 0;
	if (i + 7 <= len && !strncmp(t + i, "ethnic ", 7))
		i += 7;
	for (k = 0; k < 2; k++) {
		size_t w = i + 1;
		if (i >= len || t[i] < 'A' || t[i] > 'Z')
			return 0;
		while (w < len && t[w] >= 'a' && t[w] <= 'z')
			w++;
		if (w - i < 4 || phrase_word_char_fast(t, len, w))
			return 0;
		if (t[w - 1] == 's')
			return 1;
		i = w + 1;  /* "Meskhetian Turks" */
		if (w >= len || t[w] != ' ')
			return 0;
	}
	return 0;
}

/* 1 when a lower-case word that is not a stop word follows: the number counts that
 * noun ("three languages"), so the sentence's people do not decide its unit. */
static int next_is_noun(const char *t, size_t len, size_t e)
{
	size_t i = skip_sp(t, len, e), w = i;

	if (i == e)
		return 0;
	while (w < len && t[w] >= 'a' && t[w] <= 'z')
		w++;
	if (w - i < 3 || phrase_word_char_fast(t, len, w))
		return 0;
	if (w - i > 2 && t[w - 1] == 'd' && t[w - 2] == 'e')
		return 0;  /* "were arrested", "detained": a verb */
	return !is_stop_word(t + i, w - i);
}

static void emit(struct scan *s, const struct units_lexicon *u, const struct table_ctx *tc,
		 struct figure *f)
{
	struct fact *fa = NULL;

	if (s->block->kind == BLOCK_TABLE) {
		if (!table_place(s, u, tc, f, &fa))
			return;
	} else {
		if (!f->unit && next_is_demonym(s->text, s->len, f->num_end))
			f->unit = "persons";
		if (!f->unit)
			f->unit = next_is_noun(s->text, s->len, f->num_end) ? "count" :
				  unit_from_sentence(s, u, f->num_start);
		if (!f->hedge)
			f->hedge = sentence_hedge(s, u, f->start);
		fa = scan_emit(s, FACT_FIGURE, f->start, f->end);
	}
	set_num(fa, "value", f->value, f->decimals);
	fact_set(fa, "unit", f->unit);
	fact_set(fa, "qualifier", f->hedge ? f->hedge->str : "exact");
	fact_set(fa, "approx", f->hedge ? "1" : "0");
	set_interval(fa, f);
	scan_mark(s, f->start, f->end, MASK_FIGURE);
}

/* Far from any digit only a spelled-out number can start a figure: a cardinal or
 * multiplier word, or a hedge (which parse_figure checks further). */
static int worth_parsing(const struct units_lexicon *u, const char *t, size_t len, size_t i)
{
	const struct phrase *p;

	if ((t[i] | 32) == 'a' && i + 2 < len && (t[i + 1] == ' ' || ((t[i + 1] | 32) == 'n' && t[i + 2] == ' ')))
		return phrase_set_match(&u->words, t, len, i + (t[i + 1] == ' ' ? 2 : 3), &p) &&
		       p->ival == WORD_SCALE;  /* "a million" */
	if (phrase_set_match(&u->words, t, len, i, &p))
		return p->ival == WORD_CARDINAL || p->ival == WORD_MULTIPLIER;
	return phrase_set_match(&u->hedges, t, len, i, &p) && strcmp(p->str2, "sentence");
}

/* 0 when parse_figure at i must fail: a word of ASCII letters that starts no hedge,
 * currency, number word or "a"/"an" (as in "a million"). Most words of a text start
 * none, and one filter of the three lists answers for all of them. */
static int may_start_figure(const struct phrase_filter *sf, const char *t, size_t len, size_t i)
{
	unsigned char c = (unsigned char)t[i];

	if (!alpha_ascii(c))
		return 1;
	if ((c | 32) == 'a' && !(i + 1 < len && alpha_ascii((unsigned char)t[i + 1]) &&
				 ((t[i + 1] | 32) != 'n' || (i + 2 < len && alpha_ascii((unsigned char)t[i + 2])))))
		return 1;  /* "a" or "an" */
	return phrase_filter_lead_ok(sf, t, len, i) &&
	       phrase_filter_head_ok(sf, phrase_head_hash(t, len, i));
}

/* Scan text[from..s->len) for figures. */
static void scan_span(struct scan *s, const struct units_lexicon *u, const struct table_ctx *tc0,
		      size_t from)
{
	const char *t = s->text;
	size_t i = from, len = s->len, nd = from;
	struct table_ctx tc = *tc0;
	const struct phrase_filter *sf = &u->start;

	while (i < len) {
		unsigned char c = (unsigned char)t[i];
		struct figure f, g;
		size_t link;

		if (c < 0x80 && !(c >= '0' && c <= '9') && !alpha_ascii(c) && c != '$' && c != '-') {
			i++;
			continue;
		}
		if (s->mask[i] & (MASK_NUMBER | MASK_DATE | MASK_FIGURE)) {
			i++;
			continue;
		}
		if (nd < i)
			nd = phrase_next_digit(t, len, i);
		/* an ASCII byte before i is a whole character: no need to step back over one */
		if ((i == 0 || !phrase_word_char_fast(t, len, (unsigned char)t[i - 1] < 0x80 ? i - 1 :
						      utf8_prev(t, i))) &&
		    may_start_figure(sf, t, len, i) &&
		    (nd - i <= 40 || worth_parsing(u, t, len, i)) &&
		    parse_figure(s, u, i, tc.mode, 0, &f)) {
			/* a range: the left number takes the scale and unit of the right one */
			int between = word_before_is(t, f.hedge ? f.start : f.num_start, "between") ||
				      word_before_is(t, f.hedge ? f.start : f.num_start, "from");
			if ((link = range_link(t, len, f.num_end, between)) &&
			    parse_figure(s, u, f.num_end + link, tc.mode, 1, &g)) {
				if (f.scale <= 1 && g.scale > 1 && f.end == f.num_end) {
					f.value *= g.scale;
					f.scale = g.scale;
					f.decimals -= (int)lround(log10(g.scale));
				}
				if (!f.unit || (f.end == f.num_end && g.unit && !strcmp(f.unit, "count")))
					f.unit = g.unit;
				if (!g.hedge && f.hedge && !strcmp(f.hedge->str2, "band"))
					g.hedge = f.hedge;
				emit(s, u, &tc, &f);
				if (!g.unit)
					g.unit = f.unit;
				emit(s, u, &tc, &g);
				i = g.end;
				continue;
			}
			emit(s, u, &tc, &f);
			i = f.end > i ? f.end : i + 1;
			continue;
		}
		i += phrase_ascii_word_len(t, len, i);  /* the ASCII part, before the general loop */
		while (i < len && phrase_word_char_fast(t, len, i))
			i += utf8_step(t, len, i);
		if (i < len && !phrase_word_char_fast(t, len, i))
			i += utf8_step(t, len, i);
	}
}

static int scan_figures(struct scan *s, struct diag *d)
{
	const struct units_lexicon *u = units_lexicon(s->lex);
	struct table_ctx tc = { 0, NULL, 1, DECIMAL_AUTO };
	size_t a = 0, e, full = s->len;

	(void)d;
	cached_valid = 0;
	cached_hedge_valid = 0;
	if (s->block->kind != BLOCK_TABLE) {
		scan_span(s, u, &tc, 0);
		return 0;
	}
	table_prepare(s, u, &tc);
	if (tc.contents)
		return 0;
	/* one cell at a time, so that units never reach into the next cell */
	while (a < full) {
		for (e = a; e < full && s->text[e] != '\t' && s->text[e] != '\n'; e++)
			;
		s->len = e;
		scan_span(s, u, &tc, a);
		s->len = full;
		a = e + 1;
	}
	return 0;
}

const struct recogniser figures_recogniser = { "figures", scan_figures };
