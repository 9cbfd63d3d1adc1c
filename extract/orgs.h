/* orgs.h: what the acronyms pass needs from orgs.c. */
#ifndef ORGS_H
#define ORGS_H

#include <stddef.h>

struct lexicon;

struct org_info {
	const char *canonical;
	const char *acronym;   /* first acronym of the lexicon row, "" when none */
	const char *type;
};

/* The lexicon row whose canonical name, alias or acronym equals name[0..len) as a
 * whole (folded; acronyms as written). Returns 1 and fills *out, or 0. */
int orgs_lookup(const struct lexicon *lex, const char *name, size_t len, struct org_info *out);

#endif
