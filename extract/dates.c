/* dates.c: recognises dates and periods. Exports dates_recogniser, dates_parse (for
 * laws and decrees) and dates_use_lexicon (dates.h).
 *
 * Bounds are inclusive ISO days: "2007" → 2007-01-01..2007-12-31 (precision year),
 * "May 2007" → 2007-05-01..2007-05-31 (month), "2006–2008" → 2006-01-01..2008-12-31
 * (range). Forms: day-month-year and month-day-year with month names from
 * lexicon/months.tsv (English built in), numeric D.M.YYYY, D/M/YYYY, D-M-YYYY, M/YYYY
 * and YYYY-MM-DD (also with '/' or '.'),
 * years, decades ("1990s"), ranges joined by a dash, "to", "until" or ("between" …)
 * "and", where the left side may leave out what the right side states ("5–7 March
 * 2010", "November 30-December 1, 2022", "2010–11"), and period phrases in front
 * ("the first nine months of 2007", "first half of 2008"; "end of", "beginning of",
 * "early", … only widen the quote). A date needs a year: "5 March" is not pinned on a
 * calendar. Spans that overlap MASK_NUMBER (law and decree numbers) are skipped, and
 * a bare year that a figure owns ("2000 persons", "USD 2010") is left to figures.
 */
#include "extract.h"

#include <stdlib.h>
#include <string.h>

#include "dates.h"
#include "lexicon.h"
#include "phrases.h"
#include "unicode.h"
#include "units.h"
#include "banned.h"

#define YEAR_MIN 1800
#define YEAR_MAX 2099
/* bytes from the start of a date to its first digit, at most ("the first nine months of 2007") */
#define DIGIT_REACH 48

/* Built in so that dates_parse works without a lexicon (laws may call it first). */
static const char *const builtin_months[12] = {
	"january|jan|jan.", "february|feb|feb.", "march|mar|mar.", "april|apr|apr.", "may",
	"june|jun|jun.", "july|jul|jul.", "august|aug|aug.", "september|sep|sep.|sept|sept.",
	"october|oct|oct.", "november|nov|nov.", "december|dec|dec.",
};

enum mod_kind { MOD_NONE, MOD_WIDEN, MOD_HALF1, MOD_HALF2, MOD_Q1, MOD_Q2, MOD_Q3, MOD_Q4,
	MOD_FIRST_MONTHS, MOD_LAST_MONTHS };

/* Period phrases before a date (English; case-insensitive, "the" optional in front). */
static const struct {
	const char *text;
	enum mod_kind kind;
} modifiers[] = {
	{ "beginning of", MOD_WIDEN }, { "start of", MOD_WIDEN }, { "end of", MOD_WIDEN },
	{ "middle of", MOD_WIDEN }, { "mid-", MOD_WIDEN }, { "mid ", MOD_WIDEN },
	{ "early ", MOD_WIDEN }, { "late ", MOD_WIDEN }, { "the turn of", MOD_WIDEN },
	{ "first half of", MOD_HALF1 }, { "second half of", MOD_HALF2 },
	{ "first quarter of", MOD_Q1 }, { "second quarter of", MOD_Q2 },
	{ "third quarter of", MOD_Q3 }, { "fourth quarter of", MOD_Q4 },
	{ "last quarter of", MOD_Q4 }, { "first ", MOD_FIRST_MONTHS }, { "last ", MOD_LAST_MONTHS },
};

static const char *const small_numbers[] = { "one", "two", "three", "four", "five", "six",
	"seven", "eight", "nine", "ten", "eleven", "twelve" };

static struct phrase_set builtin;
static const struct phrase_set *active;

static void build_builtin(void)
{
	int m;

	phrase_set_init(&builtin);
	for (m = 0; m < 12; m++)
		phrase_set_add_alts(&builtin, builtin_months[m], m + 1, 0, NULL, NULL);
	phrase_set_finish(&builtin);
}

static void free_months(void *p)
{
	struct phrase_set *ps = p;

	if (active == ps)
		active = NULL;
	phrase_set_release(ps);
	free(ps);
}

void dates_use_lexicon(const struct lexicon *lex)
{
	const struct lexicon_table *t;
	struct phrase_set *ps;
	int cm, cn;
	size_t r;

	if ((ps = lexicon_compiled(lex, LEX_SLOT_DATES))) {
		active = ps;
		return;
	}
	if (!(t = lexicon_table(lex, "months")))
		return;
	cm = lexicon_column(t, "month");
	cn = lexicon_column(t, "names");
	if (cm < 0 || cn < 0)
		return;
	ps = xmalloc(sizeof(*ps));
	phrase_set_init(ps);
	for (r = 0; r < t->nrows; r++) {
		long m = strtol(lexicon_cell(t, r, cm), NULL, 10);
		if (m >= 1 && m <= 12)
			phrase_set_add_alts(ps, lexicon_cell(t, r, cn), (int)m, 0, NULL, NULL);
	}
	phrase_set_finish(ps);
	lexicon_set_compiled(lex, LEX_SLOT_DATES, ps, free_months);
	active = ps;
}

/* The month names in use: the lexicon's, else the built-in ones. */
static const struct phrase_set *month_set(void)
{
	if (!active) {
		if (!builtin.sorted)
			build_builtin();
		active = &builtin;
	}
	return active;
}

static int dates_month_at(const char *text, size_t len, size_t at, size_t *end)
{
	const struct phrase *p;
	size_t n;

	if (!(n = phrase_set_match(month_set(), text, len, at, &p)))
		return 0;
	/* lower-case "may" is the modal verb ("it may 2007 ..."); the month is capitalised */
	if (n == 3 && !strncmp(text + at, "may", 3))
		return 0;
	*end = at + n;
	return p->ival;
}

/* ---- small lexical helpers (bytes) ---- */

static int is_digit(const char *t, size_t len, size_t i)
{
	return i < len && t[i] >= '0' && t[i] <= '9';
}

/* Up to max ASCII digits at i; returns how many, value in *v. */
static size_t read_digits(const char *t, size_t len, size_t i, size_t max, int *v)
{
	size_t n = 0;
	int x = 0;

	while (n < max && is_digit(t, len, i + n))
		x = x * 10 + (t[i + n] - '0'), n++;
	if (is_digit(t, len, i + n))
		return 0;  /* longer number than allowed */
	*v = x;
	return n;
}

static size_t skip_space(const char *t, size_t len, size_t i)
{
	return i + phrase_space_len(t, len, i);
}


/* Case-insensitive ASCII word w (lower case, not empty) at i, followed by a non-word
 * character. The first byte is tested before strlen: most calls fail there. */
static size_t word_at(const char *t, size_t len, size_t i, const char *w)
{
	size_t n, k;
	unsigned char c0;

	if (i >= len)
		return 0;
	c0 = (unsigned char)t[i];
	if ((c0 >= 'A' && c0 <= 'Z' ? c0 + 32 : c0) != (unsigned char)w[0])
		return 0;
	n = strlen(w);
	if (i + n > len)
		return 0;
	for (k = 0; k < n; k++) {
		unsigned char c = (unsigned char)t[i + k];
		if (c >= 'A' && c <= 'Z')
			c += 32;
		if (c != (unsigned char)w[k])
			return 0;
	}
	if (w[n - 1] != ' ' && w[n - 1] != '-' && phrase_word_char_fast(t, len, i + n))
		return 0;
	return n;
}

static int days_in_month(int y, int m)
{
	static const int dm[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dm[m - 1];
}

/* ---- partial dates: what one side of a range states ---- */

struct partial {
	int y, m, d;     /* 0 when not stated */
	int decade;      /* y is the first year of a decade ("1990s") */
	size_t end;      /* byte after the expression */
};

/* Ordinal suffix after a day number: "1st", "22nd", "3rd", "4th". */
static size_t ordinal_suffix(const char *t, size_t len, size_t i)
{
	static const char *const sfx[] = { "st", "nd", "rd", "th" };
	size_t k;

	for (k = 0; k < 4; k++)
		if (word_at(t, len, i, sfx[k]))
			return 2;
	return 0;
}

/* A four-digit year at i ending on a number boundary; 0 when none. */
static size_t year_at(const char *t, size_t len, size_t i, int *y)
{
	size_t n = read_digits(t, len, i, 4, y);

	if (n != 4 || *y < YEAR_MIN || *y > YEAR_MAX)
		return 0;
	i += 4;
	if (i < len && phrase_word_char_fast(t, len, i))
		return 0;
	/* "2005.5", "2005,000" are numbers */
	if (i + 1 < len && (t[i] == '.' || t[i] == ',') && is_digit(t, len, i + 1))
		return 0;
	return 4;
}

/* After a month name: optional '.' already in the key; optional "of"/"de" glue. */
static size_t glue_of(const char *t, size_t len, size_t i)
{
	size_t j = skip_space(t, len, i), n;

	if ((n = word_at(t, len, j, "of")) || (n = word_at(t, len, j, "de")))
		return skip_space(t, len, j + n) - i;
	return 0;
}

/* Year after a month or day: [","] space year. Returns bytes up to the year's end. */
static size_t trailing_year(const char *t, size_t len, size_t i, int *y)
{
	size_t j = i, n;

	if (j < len && t[j] == ',')
		j++;
	n = skip_space(t, len, j) - j;
	if (!n && j == i)
		return 0;
	j += n;
	if ((n = word_at(t, len, j, "of")) || (n = word_at(t, len, j, "de")))
		j = skip_space(t, len, j + n);
	if (!(n = year_at(t, len, j, y)))
		return 0;
	return j + n - i;
}

/* One side of a date at i: 0 when none, 1 for a year, month or day with whatever else
 * it states, 2 for a bare day number ("5" of "5–7 March 2010", "7, 2010" of "March 5-7,
 * 2010"), which only a range can complete. A result without a year is no date alone. */
static int parse_partial_at(const char *t, size_t len, size_t i, struct partial *p)
{
	int a, b, c, m;
	size_t n, j, e;

	memset(p, 0, sizeof(*p));
	if (i >= len)
		return 0;
	if (is_digit(t, len, i)) {
		n = read_digits(t, len, i, 4, &a);
		if (!n)
			return 0;
		j = i + n;
		/* YYYY-MM-DD, also YYYY/MM/DD and YYYY.MM.DD, one-digit parts allowed */
		if (n == 4 && j + 3 < len && (t[j] == '-' || t[j] == '/' || t[j] == '.') &&
		    a >= YEAR_MIN && a <= YEAR_MAX) {
			char sep = t[j];
			size_t n2 = read_digits(t, len, j + 1, 2, &b), n3;
			if (n2 && j + 1 + n2 < len && t[j + 1 + n2] == sep &&
			    (n3 = read_digits(t, len, j + 2 + n2, 2, &c)) && b >= 1 && b <= 12 &&
			    c >= 1 && c <= days_in_month(a, b) &&
			    !phrase_word_char_fast(t, len, j + 2 + n2 + n3) &&
			    !(j + 3 + n2 + n3 < len && t[j + 2 + n2 + n3] == sep &&
			      is_digit(t, len, j + 3 + n2 + n3))) {
				p->y = a, p->m = b, p->d = c, p->end = j + 2 + n2 + n3;
				return 1;
			}
		}
		if (n == 4) {
			if (j + 1 < len && t[j] == '\'' && t[j + 1] == 's' && a % 10 == 0 &&
			    a >= YEAR_MIN && a <= YEAR_MAX && !phrase_word_char_fast(t, len, j + 2)) {
				p->y = a, p->decade = 1, p->end = j + 2;
				return 1;
			}
			if (!year_at(t, len, i, &a)) {
				/* decade "1990s", "1990's" */
				if (a >= YEAR_MIN && a <= YEAR_MAX && a % 10 == 0) {
					if (j < len && t[j] == 's' && !phrase_word_char_fast(t, len, j + 1)) {
						p->y = a, p->decade = 1, p->end = j + 1;
						return 1;
					}
					if (j + 1 < len && t[j] == '\'' && t[j + 1] == 's' &&
					    !phrase_word_char_fast(t, len, j + 2)) {
						p->y = a, p->decade = 1, p->end = j + 2;
						return 1;
					}
				}
				return 0;
			}
			p->y = a, p->end = j;
			return 1;
		}
		if (n > 2 || a < 1 || a > 31)
			return 0;
		/* "11/2016": month and year */
		if (j < len && t[j] == '/' && a <= 12 && year_at(t, len, j + 1, &c) &&
		    !(j + 5 < len && (t[j + 5] == '/' || t[j + 5] == '-') && is_digit(t, len, j + 6))) {
			p->y = c, p->m = a, p->end = j + 5;
			return 1;
		}
		/* numeric D.M.YYYY, D/M/YYYY, D-M-YYYY (M/D/YYYY when the day comes second) */
		if (j < len && (t[j] == '.' || t[j] == '/' || t[j] == '-')) {
			char sep = t[j];
			size_t n2 = read_digits(t, len, j + 1, 2, &b);
			if (n2 && j + 1 + n2 < len && t[j + 1 + n2] == sep &&
			    year_at(t, len, j + 2 + n2, &c)) {
				int d = a, mo = b;
				if (mo > 12 && d <= 12 && sep == '/')
					d = b, mo = a;
				if (mo >= 1 && mo <= 12 && d <= days_in_month(c, mo)) {
					p->y = c, p->m = mo, p->d = d, p->end = j + 2 + n2 + 4;
					return 1;
				}
			}
			return 0;
		}
		/* D [st] [of] Month [,] [YYYY] */
		e = j + ordinal_suffix(t, len, j);
		if (skip_space(t, len, e) == e)
			goto day_only;
		e = skip_space(t, len, e);
		e += glue_of(t, len, e);
		if ((m = dates_month_at(t, len, e, &e))) {
			p->d = a, p->m = m, p->end = e;
			if ((n = trailing_year(t, len, e, &b))) {
				p->y = b, p->end = e + n;
			}
			if (p->y && p->d > days_in_month(p->y, p->m))
				return 0;
			return 1;
		}
day_only:
		/* right side "7, 2010" of "March 5-7, 2010", or a bare day "7 March" handled above */
		p->d = a;
		e = j + ordinal_suffix(t, len, j);
		if ((n = trailing_year(t, len, e, &b)))
			p->y = b, e += n;
		p->end = e;
		return 2;  /* day only: valid only as the right side after "Month D" */
	}
	/* Month ... */
	if (!(m = dates_month_at(t, len, i, &e)))
		return 0;
	p->m = m;
	p->end = e;
	j = skip_space(t, len, e);
	if (j > e && (n = read_digits(t, len, j, 2, &a)) && a >= 1 && a <= 31 &&
	    !year_at(t, len, j, &b)) {
		size_t k = j + n;  /* "August 04, 2005" */
		/* "March 5, 2010", "March 5th 2010" */
		if (!phrase_word_char_fast(t, len, k) || ordinal_suffix(t, len, k)) {
			k += ordinal_suffix(t, len, k);
			p->d = a;
			p->end = k;
			if ((n = trailing_year(t, len, k, &b)))
				p->y = b, p->end = k + n;
			if (p->y && a > days_in_month(p->y, m))
				return 0;
			return 1;
		}
	}
	if ((n = trailing_year(t, len, e, &b)))
		p->y = b, p->end = e + n;
	return 1;
}

static void iso(char out[11], int y, int m, int d)
{
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = 0;
}

/* First and last day a complete partial covers. */
static void bounds(const struct partial *p, char from[11], char to[11])
{
	if (p->decade) {
		iso(from, p->y, 1, 1);
		iso(to, p->y + 9, 12, 31);
	} else if (!p->m) {
		iso(from, p->y, 1, 1);
		iso(to, p->y, 12, 31);
	} else if (!p->d) {
		iso(from, p->y, p->m, 1);
		iso(to, p->y, p->m, days_in_month(p->y, p->m));
	} else {
		iso(from, p->y, p->m, p->d);
		iso(to, p->y, p->m, p->d);
	}
}

static const char *precision(const struct partial *p)
{
	return p->decade ? "decade" : !p->m ? "year" : !p->d ? "month" : "day";
}

/* Connector between the two sides of a range at i; bytes consumed, 0 when none. */
static size_t range_connector(const char *t, size_t len, size_t i, int between, int *slash)
{
	size_t j = skip_space(t, len, i), n;

	*slash = 0;
	if ((n = utf8_dash_len(t, len, j)))
		return skip_space(t, len, j + n) - i;
	if (j == i && j < len && t[j] == '/') {
		*slash = 1;
		return 1;
	}
	if (j == i)
		return 0;
	if ((n = word_at(t, len, j, "to")) || (n = word_at(t, len, j, "until")) ||
	    (n = word_at(t, len, j, "till")) || (n = word_at(t, len, j, "through")) ||
	    (n = word_at(t, len, j, "au")) || (n = word_at(t, len, j, "al")) ||
	    (between && (n = word_at(t, len, j, "and"))) ||
	    (between && (n = word_at(t, len, j, "et"))) ||
	    (between && (n = word_at(t, len, j, "y")))) {
		size_t k = skip_space(t, len, j + n);
		if (k == j + n)
			return 0;
		return k - i;
	}
	return 0;
}

/* 1 when the word before at is "between" (or "entre"). */
static int after_between(const char *t, size_t at)
{
	size_t i = at, e;

	while (i > 0 && (t[i - 1] == ' '))
		i--;
	e = i;
	while (i > 0 && ((t[i - 1] | 32) >= 'a' && (t[i - 1] | 32) <= 'z'))
		i--;
	return (e - i == 7 && word_at(t, e, i, "between")) || (e - i == 5 && word_at(t, e, i, "entre"));
}

/* 1 when some modifier (all start with a letter) starts with byte c, in either case;
 * dates are mostly tried at digits, which start none. */
static int modifier_lead(unsigned char c)
{
	static unsigned char lead[256];
	static int ready;
	size_t k;

	if (!ready) {
		for (k = 0; k < sizeof(modifiers) / sizeof(modifiers[0]); k++) {
			unsigned char f = (unsigned char)modifiers[k].text[0];
			lead[f] = lead[f & ~32u] = 1;
		}
		ready = 1;
	}
	return lead[c];
}

/* Period phrase at i: returns bytes consumed (0 when none), kind and month count. */
static size_t parse_modifier(const char *t, size_t len, size_t i, enum mod_kind *kind, int *nmonths)
{
	size_t j = i, k, n;
	int v;

	*kind = MOD_NONE;
	*nmonths = 0;
	if ((n = word_at(t, len, j, "the")))
		j = skip_space(t, len, j + n);
	if (j >= len || !modifier_lead((unsigned char)t[j]))
		return 0;
	for (k = 0; k < sizeof(modifiers) / sizeof(modifiers[0]); k++) {
		size_t e, w;
		if ((t[j] | 32) != modifiers[k].text[0] || !(n = word_at(t, len, j, modifiers[k].text)))
			continue;
		e = j + n;
		if (modifiers[k].kind == MOD_FIRST_MONTHS || modifiers[k].kind == MOD_LAST_MONTHS) {
			/* "first nine months of", "last 6 months of" */
			size_t s, q;
			e = skip_space(t, len, e);
			v = 0;
			if ((w = read_digits(t, len, e, 2, &v))) {
				s = e + w;
			} else {
				for (q = 0; q < 12; q++)
					if ((w = word_at(t, len, e, small_numbers[q])))
						break;
				if (q == 12)
					continue;
				v = (int)q + 1;
				s = e + w;
			}
			if (v < 1 || v > 12)
				continue;
			s = skip_space(t, len, s);
			if (!(w = word_at(t, len, s, "months")) && !(w = word_at(t, len, s, "month")))
				continue;
			s = skip_space(t, len, s + w);
			if (!(w = word_at(t, len, s, "of")))
				continue;
			*nmonths = v;
			*kind = modifiers[k].kind;
			return skip_space(t, len, s + w) - i;
		}
		if (t[e - 1] != ' ' && t[e - 1] != '-') {
			size_t s = skip_space(t, len, e);
			if (s == e)
				continue;
			if ((w = word_at(t, len, s, "the")))
				s = skip_space(t, len, s + w);
			e = s;
		}
		*kind = modifiers[k].kind;
		return e - i;
	}
	return 0;
}

static void apply_modifier(enum mod_kind kind, int nmonths, const struct partial *p,
			   struct date_value *out)
{
	int y = p->y, m0 = 1, m1 = 12;

	switch (kind) {
	case MOD_HALF1: m1 = 6; break;
	case MOD_HALF2: m0 = 7; break;
	case MOD_Q1: m1 = 3; break;
	case MOD_Q2: m0 = 4, m1 = 6; break;
	case MOD_Q3: m0 = 7, m1 = 9; break;
	case MOD_Q4: m0 = 10; break;
	case MOD_FIRST_MONTHS: m1 = nmonths; break;
	case MOD_LAST_MONTHS: m0 = 13 - nmonths; break;
	default: return;
	}
	iso(out->from, y, m0, 1);
	iso(out->to, y, m1, days_in_month(y, m1));
	out->precision = "range";
}

/* dates_parse, also handing back the partial date at `at` when no period phrase
 * precedes it (*left_kind: what parse_partial_at returned; -1 when not parsed there),
 * so that scan_dates need not parse it again. */
static size_t parse_date(const char *text, size_t len, size_t at, struct date_value *out,
			 struct partial *left, int *left_kind)
{
	struct partial l, r;
	enum mod_kind mod;
	int nmonths, lk, rk, slash, yy;
	size_t p, c;
	char rfrom[11], rto[11];

	*left_kind = -1;
	p = at + parse_modifier(text, len, at, &mod, &nmonths);
	lk = parse_partial_at(text, len, p, &l);
	if (p == at) {
		*left = l;
		*left_kind = lk;
	}
	if (!lk)
		return 0;
	/* a year-quarter or month-count phrase needs a bare year */
	if (mod != MOD_NONE && mod != MOD_WIDEN && (l.m || l.decade || !l.y))
		return 0;
	if (mod == MOD_NONE || mod == MOD_WIDEN) {
		c = range_connector(text, len, l.end, !l.y || after_between(text, at), &slash);
		if (c) {
			size_t q = l.end + c;
			/* "2010–11", "2010/11": a two-digit second year */
			if (l.y && !l.m && !l.decade && read_digits(text, len, q, 2, &yy) == 2 &&
			    !phrase_word_char_fast(text, len, q + 2) &&
			    !(q + 3 < len && (text[q + 2] == '-' || text[q + 2] == '/') &&
			      is_digit(text, len, q + 3)) &&
			    !(q + 3 < len && (text[q + 2] == '.' || text[q + 2] == ',') &&
			      is_digit(text, len, q + 3))) {
				int y2 = l.y / 100 * 100 + yy;
				if (y2 <= l.y)
					y2 += 100;
				if (y2 == l.y + 1 || (!slash && y2 > l.y && y2 - l.y < 10)) {
					iso(out->from, l.y, 1, 1);
					iso(out->to, y2, 12, 31);
					out->precision = "range";
					out->start = at;
					out->end = q + 2;
					return out->end - at;
				}
			}
			rk = parse_partial_at(text, len, q, &r);
			if (rk == 2 && !(l.m && l.d && !l.y && r.y))
				rk = 0;  /* a bare right day needs "Month D–D, YYYY" */
			if (rk && r.y && !r.decade == !l.decade && (!slash || (!l.m && !r.m))) {
				struct partial lf = l;
				int ok = 1;
				if (rk == 2)
					r.m = l.m;
				if (!lf.y) {
					lf.y = r.y;
					if (!lf.m) {
						lf.m = r.m;
						if (!lf.m || !lf.d)
							ok = 0;
					}
					/* "5–7 March 2010": both sides day-precise; "March–May 2010": month */
					if ((!lf.d) != (!r.d))
						ok = 0;
				} else if (!lf.m && r.m) {
					ok = 0;  /* "2007 - 5 March 2008": not one range */
				}
				if (lf.m && lf.d && lf.y && lf.d > days_in_month(lf.y, lf.m))
					ok = 0;
				if (ok) {
					bounds(&lf, out->from, rfrom);
					bounds(&r, rfrom, rto);
					if (strcmp(out->from, rto) < 0) {
						memcpy(out->to, rto, sizeof(rto));
						out->precision = "range";
						out->start = at;
						out->end = r.end;
						return out->end - at;
					}
				}
			}
		}
	}
	if (lk != 1 || !l.y)
		return 0;
	/* a year followed by "-1", "/2", ".3" unconsumed is some other number */
	c = l.end;
	if (c + 1 < len && (text[c] == '-' || text[c] == '/' || text[c] == '.') &&
	    phrase_word_char_fast(text, len, c + 1))
		return 0;
	bounds(&l, out->from, out->to);
	out->precision = precision(&l);
	apply_modifier(mod, nmonths, &l, out);
	out->start = at;
	out->end = l.end;
	return l.end - at;
}

size_t dates_parse(const char *text, size_t len, size_t at, struct date_value *out)
{
	struct partial l;
	int lk;

	if (!text || at >= len)
		return 0;
	return parse_date(text, len, at, out, &l, &lk);
}

/* ---- the recogniser ---- */

/* 1 when a date may start at i: not inside a word or a longer number. */
static int may_start(const char *t, size_t len, size_t i)
{
	size_t p;

	if (i == 0)
		return 1;
	p = utf8_prev(t, i);
	if (phrase_word_char_fast(t, len, p))
		return 0;
	if ((t[p] == '.' || t[p] == ',' || t[p] == '/' || t[p] == '-' || t[p] == ':') && p > 0 &&
	    is_digit(t, len, p - 1))
		return 0;
	if (t[p] == '$' || t[p] == '#' || t[p] == '+')
		return 0;
	return 1;
}

/* A bare year that reads as an amount: "2000 persons", "USD 2010", "about 1900". */
static int year_is_amount(const struct scan *s, const struct date_value *v)
{
	return units_owns_number(s->lex, s->text, s->len, v->start, v->end);
}

/* Tables: a bare year in a data cell (not a header row, not the first column) is a
 * number like any other; in a header cell it is the period of the column. */
static int table_data_cell(const struct scan *s, size_t at)
{
	size_t row, col;
	unsigned hr = s->block->header_rows ? s->block->header_rows : 1;

	block_cell_at(s->block, at, &row, &col);
	return row >= hr && col > 0;
}

/* URLs and e-mail addresses hold digits that are neither dates nor figures. */
static void mark_urls(struct scan *s)
{
	size_t i = 0;

	while (i < s->len) {
		const char *t = s->text + i;
		size_t rest = s->len - i, e;
		/* the first byte decides for nearly every position, without a call */
		if ((t[0] == 'h' && rest > 7 && (!strncmp(t, "http://", 7) || !strncmp(t, "https://", 8))) ||
		    (t[0] == 'w' && rest > 4 && !strncmp(t, "www.", 4) && may_start(s->text, s->len, i))) {
			for (e = i; e < s->len && s->text[e] != ' ' && s->text[e] != '\t' &&
				    s->text[e] != '\n';
			     e++)
				;
			scan_mark(s, i, e, MASK_NUMBER);
			i = e;
			continue;
		}
		i++;
	}
}

/* Past the rest of the word or number at i and one character after it. */
static inline size_t skip_word(const char *t, size_t len, size_t i)
{
	while (i < len && phrase_word_char_fast(t, len, i))
		i += utf8_step(t, len, i);
	if (i < len && !phrase_word_char_fast(t, len, i))
		i += utf8_step(t, len, i);
	return i;
}

/* 0 when neither a date nor a day and month can start at i: each starts with a digit,
 * a modifier ("the", "early", ...) or a month name (parse_date, parse_partial_at), and
 * most words near a digit start none. */
static int date_lead_ok(const char *t, size_t len, size_t i)
{
	return is_digit(t, len, i) || modifier_lead((unsigned char)t[i]) ||
	       phrase_set_lead_ok(month_set(), t, len, i);
}


static int scan_dates(struct scan *s, struct diag *d)
{
	const char *t = s->text;
	size_t i = 0, len = s->len, nd = 0;

	(void)d;
	dates_use_lexicon(s->lex);
	if (memchr(t, ':', len))
		mark_urls(s);
	while (i < len) {
		unsigned char c = (unsigned char)t[i];
		struct date_value v;
		struct partial p;
		size_t n;
		int pk;

		if (!(c >= '0' && c <= '9') && !((c | 32) >= 'a' && (c | 32) <= 'z') && c < 0x80) {
			i++;
			continue;
		}
		/* a date needs a year: a word far from any digit cannot start one */
		if (nd < i)
			nd = phrase_next_digit(t, len, i);
		if (nd - i > DIGIT_REACH) {
			/* nor can any word before nd - DIGIT_REACH: the word-by-word walk comes
			 * to the byte after each ASCII separator, so go to the last such byte */
			size_t q = nd - DIGIT_REACH;
			while (q > i && !phrase_ascii_sep((unsigned char)t[q - 1]))
				q--;
			i = q > i ? q : skip_word(t, len, i);
			continue;
		}
		if (!date_lead_ok(t, len, i) || !may_start(t, len, i) || (s->mask[i] & MASK_NUMBER)) {
			i = skip_word(t, len, i);
			continue;
		}
		if ((n = parse_date(t, len, i, &v, &p, &pk)) &&
		    !scan_masked(s, i, i + n, MASK_NUMBER | MASK_DATE)) {
			int bare = !strcmp(v.precision, "year") && n == 4;
			/* "498 2007": the last group of a phone number */
			if (bare && i >= 2 && t[i - 1] == ' ' && is_digit(t, len, i - 2))
				bare = 2;
			if (!(bare == 2 || (bare && (year_is_amount(s, &v) ||
				       (s->block->kind == BLOCK_TABLE && table_data_cell(s, i)))))) {
				struct fact *f = scan_emit(s, FACT_DATE, i, i + n);
				fact_set(f, "date_from", v.from);
				fact_set(f, "date_to", v.to);
				fact_set(f, "precision", v.precision);
				scan_mark(s, i, i + n, MASK_DATE);
				i += n;
				continue;
			}
		}
		/* "On 18 June", "from 18 May": a day without a year is no date, nor a figure */
		if (pk < 0)
			pk = parse_partial_at(t, len, i, &p);
		if (pk == 1 && p.d && p.m && !p.y) {
			scan_mark(s, i, p.end, MASK_DATE);
			i = p.end;
			continue;
		}
		i = skip_word(t, len, i);
	}
	return 0;
}

const struct recogniser dates_recogniser = { "dates", scan_dates };
