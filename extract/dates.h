/* dates.h: what the figures recogniser needs from dates.c besides dates_parse
 * (declared in extract.h). */
#ifndef DATES_H
#define DATES_H

#include <stddef.h>

struct lexicon;

/* Month number (1..12) of the month name at text[at] (word-bounded), 0 when none;
 * *end gets the byte after the name. Uses the "months" table once the dates recogniser
 * has compiled it, else built-in English names. */
int dates_month_at(const char *text, size_t len, size_t at, size_t *end);
/* Compile the months table of lex (if any) and make dates_parse use it. */
void dates_use_lexicon(const struct lexicon *lex);

#endif
