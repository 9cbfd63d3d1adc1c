/* phrase_index.h: a compiled index of lexicon phrases (organisation names, law titles,
 * issuer words) matched longest-first on word boundaries, case- and accent-insensitively.
 *
 * Text and phrases are folded the same way into a KEY: unicode_fold_key() (ICU case
 * folding, accents removed, Azerbaijani letters mapped: "Lənkəran", "Länkäran" and
 * "Lankaran" all fold to "lankaran"), then every run of characters that are neither
 * letters nor digits becomes one space, and the token "the" is dropped. So "Exit, Entry and Passports Act" and "exit
 * entry and passports act" have the same key, and "Children's" matches "Children’s".
 * Plain ASCII is folded without ICU; other code points go through ICU once each and
 * are cached per key.
 *
 * PHRASE_EXACT entries (acronyms) match only when the letters and digits of the text
 * equal those of the phrase byte for byte: "IOM" is found, "iom" and "Iom" are not.
 *
 * Matching walks the key token by token from each token start, looking up prefixes in
 * a hash table that holds every token prefix of every phrase: the cost is
 * O(tokens × longest phrase), never quadratic in the text.
 */
#ifndef PHRASE_INDEX_H
#define PHRASE_INDEX_H

#include <stddef.h>
#include <stdint.h>

#include "strbuf.h"

enum phrase_flags {
	PHRASE_EXACT = 1 << 0,  /* case-sensitive: letters and digits as written */
};

struct phrase_index;

/* A folded text: key bytes and, for each, the first source byte of the character
 * that produced it (phrase_key_src_end gives the end). */
struct phrase_tok {
	size_t start, end;  /* key bytes of a token */
	unsigned bit;       /* its filter bit (phrase_index.c) */
};

struct phrase_key {
	struct strbuf key;
	size_t *from;   /* key.len entries: first source byte of key byte i */
	size_t cap;
	size_t src_len; /* length of the text folded */
	uint32_t cache_cp[64];  /* small direct-mapped cache of ICU folds */
	char cache_out[64][8];
	/* the tokens of the key, made by phrase_key_of_block for the scans that share
	 * it; has_tok is 0 after every other fold */
	struct phrase_tok *tok;
	size_t ntok, tokcap;
	int has_tok;
};

void phrase_key_init(struct phrase_key *k);
void phrase_key_release(struct phrase_key *k);
/* Fold text[0..len) into k (reset first). Returns 0, or -1 on an ICU error. */
int phrase_key_fold(struct phrase_key *k, const char *text, size_t len);
/* The same key without from (left stale): for callers that read only k->key, not
 * for phrase_key_pos or phrase_index_scan. */
int phrase_key_fold_text(struct phrase_key *k, const char *text, size_t len);

struct phrase_hit {
	size_t start, end;  /* source bytes, end exclusive */
	int id;             /* the id given to phrase_index_add */
	unsigned flags;
};

struct phrase_index *phrase_index_new(void);
void phrase_index_free(struct phrase_index *pi);
/* Add phrase[0..len) with caller's id. Returns 1 when added, 0 when the phrase folds
 * to nothing or the same (key, flags) is already present (the first id is kept). */
int phrase_index_add(struct phrase_index *pi, const char *phrase, size_t len, int id,
		     unsigned flags);
/* Add every '|'-separated alternative of cell (a lexicon cell). Returns how many. */
int phrase_index_add_alts(struct phrase_index *pi, const char *cell, int id, unsigned flags);
size_t phrase_index_count(const struct phrase_index *pi);

/* Leftmost-longest, non-overlapping hits in a folded text, appended to *hits
 * (malloc'd, *nhits entries). */
void phrase_index_scan(const struct phrase_index *pi, const struct phrase_key *k,
		       const char *src, struct phrase_hit **hits, size_t *nhits);
/* The id of the phrase whose key equals the key of s[0..len) as a whole, or -1
 * (acronyms only when written exactly so). */
int phrase_index_lookup(const struct phrase_index *pi, const char *s, size_t len);
/* The folded key of text[0..len), shared by the recognisers that scan one block:
 * folded once and reused while the same text is asked for again. The key stays valid
 * until the next call with another text. */
const struct phrase_key *phrase_key_of_block(const char *text, size_t len);
/* The end (exclusive) of the source character of key byte i; src is the text k was
 * folded from (phrase_key_fold). */
size_t phrase_key_src_end(const struct phrase_key *k, const char *src, size_t i);
/* Key byte index of the first key byte at or after source byte at (k->key.len if none). */
size_t phrase_key_pos(const struct phrase_key *k, size_t at);

#endif
