/* title_match.h: near matches of instrument titles by their content words, for titles
 * a report renders in its own words ("law on legal status of aliens and stateless
 * persons" for the Law on the Legal Status of Foreigners and Stateless Persons).
 *
 * A title's content words are its folded words (phrase_key_fold) without the generic
 * ones (law, act, code, on, of, the, republic, the country's name ...). Two titles are
 * near when both have at least TITLE_NEAR_MIN content words and each has at most one
 * word the other lacks: one word replaced, added or dropped (or, in
 * TITLE_NEAR_NO_SWAP mode, only added or dropped). A lookup answers only when
 * exactly one entry is near, so two lexicon laws that differ by one word are never
 * confused with each other through it. */
#ifndef TITLE_MATCH_H
#define TITLE_MATCH_H

#define TITLE_NEAR_MIN 4

struct title_set;

struct title_set *title_set_new(void);
void title_set_free(struct title_set *ts);
/* Add title with the caller's id (a lexicon row). */
void title_set_add(struct title_set *ts, const char *title, int id);
/* Add every '|'-separated title of a lexicon cell. */
void title_set_add_alts(struct title_set *ts, const char *cell, int id);

enum title_near_mode {
	TITLE_NEAR_ANY,      /* one word replaced, added or dropped */
	TITLE_NEAR_NO_SWAP,  /* one word added or dropped only: for bodies, where a
			      * replaced word makes a sibling ("Ministry of Foreign Affairs
			      * of X" / "... Internal Affairs of X") */
};
/* The id of the only entry near title, or -1 (none, or entries of two ids). */
int title_set_near(const struct title_set *ts, const char *title, enum title_near_mode mode);

#endif
