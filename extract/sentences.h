/* sentences.h: ICU sentence breaks inside a block, as byte spans of its UTF-8 text. */
#ifndef SENTENCES_H
#define SENTENCES_H

#include <stddef.h>

#include "extract.h"

struct sentence_breaker;

struct sentence_breaker *sentence_breaker_new(const char *locale, struct diag *d);
void sentence_breaker_free(struct sentence_breaker *sb);
/* Split text into sentences; *out is malloc'd (caller frees), *n its length. */
int sentence_breaker_split(struct sentence_breaker *sb, const char *text, size_t len,
			   struct span **out, size_t *n, struct diag *d);

#endif
