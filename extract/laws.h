/* laws.h: helpers laws.c shares with decrees.c: trailing citation details. */
#ifndef LAWS_H
#define LAWS_H

#include <stddef.h>

#include "extract.h"

/* Number and date that follow a citation at byte at: "(Baku, 22 December 1998 N
 * 592-IQ)", " No. 435-IIQ dated 13.05.2003", " of 28 October 1999", ", dated 29 June
 * 2005", " on 23 May 2007". Fills what it finds; returns the end of the last element
 * consumed (at when none). Number bytes are marked MASK_NUMBER. */
struct citation_tail {
	size_t num_start, num_end;  /* bytes; equal when no number */
	struct date_value date;     /* date.from[0] == '\0' when no date */
};
size_t laws_citation_tail(struct scan *s, size_t at, struct citation_tail *out);

#endif
