/* numbers.h: numerals and spelled-out numbers, the atoms of figures. */
#ifndef NUMBERS_H
#define NUMBERS_H

#include <stddef.h>

#include "phrases.h"

struct numeral {
	double value;     /* sign included */
	int decimals;     /* digits printed after the decimal mark */
	int groups;       /* thousands separators seen */
	size_t start, end;  /* bytes */
};

enum decimal_mode {
	DECIMAL_POINT,    /* ',' only groups thousands */
	DECIMAL_COMMA,    /* ',' is the decimal mark (a table whose cells read "-0,3") */
	DECIMAL_AUTO,     /* ',' + 1-2 digits is a decimal mark, ',' + 3 digits a group */
};

/* Arabic numeral starting at text[at] (a digit): thousands groups by comma, space,
 * no-break or narrow no-break space, thin space; a decimal point or comma. Returns
 * bytes consumed, 0 when none. The sign is the caller's business. */
size_t numbers_numeral(const char *text, size_t len, size_t at, enum decimal_mode mode,
		       struct numeral *out);
/* Spelled-out cardinal starting at text[at] ("Fifteen", "twenty-five", "one hundred
 * and twenty"), parsed by ICU's rule-based spell-out format. words is the lexicon's
 * number-words set (the WORD_CARDINAL entries make the cheap pre-check). Returns
 * bytes consumed, 0 when none. */
size_t numbers_spelled(const struct phrase_set *words, const char *text, size_t len, size_t at,
		       double *value);
/* Plain decimal: no exponent, no trailing zeros ("1150000", "0.9", "-2.25"). */
void numbers_format(char *buf, size_t size, double v, int decimals);

#endif
