/* dates.h: what the figures recogniser needs from dates.c besides dates_parse
 * (declared in extract.h). */
#ifndef DATES_H
#define DATES_H

#include <stddef.h>

struct lexicon;

/* Compile the months table of lex (if any) and make dates_parse use it. */
void dates_use_lexicon(const struct lexicon *lex);

#endif
