/* extract.h: the recogniser registry and the scan context they share.
 *
 * attest-extract runs every recogniser of recognisers[] over each block, in table
 * order, then the passes of passes[] over the facts of the whole document. Order
 * matters and is the contract between recognisers: laws and decrees run first and
 * mark the digits of their numbers and article references MASK_NUMBER, so that dates
 * and figures do not read "592-IQ" or "144-1" as a year or an amount; dates mark
 * their spans MASK_DATE so that figures skip years used as dates.
 *
 * Offsets inside a scan are BYTES of block text; scan_emit() converts them to the
 * code-point offsets of contract 2.
 */
#ifndef EXTRACT_H
#define EXTRACT_H

#include <stddef.h>

#include "diag.h"
#include "document.h"
#include "facts.h"

struct lexicon;

enum mask_flags {
	MASK_NUMBER = 1 << 0,  /* law/decree/article/phone/ISBN number: not a date or figure */
	MASK_DATE = 1 << 1,    /* part of a date expression */
	MASK_FIGURE = 1 << 2,  /* part of a figure */
	MASK_NAME = 1 << 3,    /* inside a law, decree or organisation name */
	MASK_LABEL = 1 << 4,   /* a list ordinal, section or row index */
};

struct span {
	size_t start, end;  /* bytes, end exclusive */
};

struct scan {
	const struct document *doc;
	const struct block *block;
	const char *text;          /* block text, UTF-8 */
	size_t len;                /* bytes */
	const struct lexicon *lex;
	unsigned char *mask;       /* len entries of enum mask_flags */
	struct sentence_cache *sent;  /* the block's ICU sentence breaks, made on first use */
	struct fact_list *out;     /* facts of the whole document */
	size_t cp_byte, cp_char;   /* scan_emit's cache: byte cp_byte is code point cp_char */
};

struct recogniser {
	const char *name;
	int (*scan)(struct scan *s, struct diag *d);  /* 0, or -1 with d set */
};

/* A pass sees the whole document's facts after every block was scanned
 * (attribution, acronyms defined once and used later, table headers). */
struct pass {
	const char *name;
	int (*run)(const struct document *doc, const struct lexicon *lex, struct fact_list *facts,
		   struct diag *d);
};

extern const struct recogniser laws_recogniser;
extern const struct recogniser decrees_recogniser;
extern const struct recogniser orgs_recogniser;
extern const struct recogniser dates_recogniser;
extern const struct recogniser figures_recogniser;
extern const struct recogniser home_recogniser;
extern const struct pass acronyms_pass;
extern const struct pass attribute_pass;
extern const struct pass supersede_pass;

extern const struct recogniser *const recognisers[];
extern const size_t nrecognisers;
extern const struct pass *const passes[];
extern const size_t npasses;

/* Emit a fact for text[bstart..bend): sets block, code-point span and quote. */
struct fact *scan_emit(struct scan *s, enum fact_kind kind, size_t bstart, size_t bend);
void scan_mark(struct scan *s, size_t bstart, size_t bend, unsigned flags);
/* 1 when any byte of [bstart, bend) carries one of flags. */
int scan_masked(const struct scan *s, size_t bstart, size_t bend, unsigned flags);
/* The sentence holding byte at (the whole block when there are no sentences). */
struct span scan_sentence(const struct scan *s, size_t at);

/* Run every recogniser and pass over doc; facts are appended to out, sorted. */
int extract_document(const struct document *doc, const struct lexicon *lex,
		     struct fact_list *out, struct diag *d);
/* Sentence spans of block b (computed on first request, once per block); valid
 * inside extract_document() only (passes), NULL elsewhere or when ICU failed. */
const struct span *extract_block_sentences(const struct document *doc, const struct block *b,
					   size_t *n);
/* Byte offset in block b of code-point offset cp (for passes that revisit text). */
size_t extract_byte_offset(const struct block *b, size_t cp);
/* The reverse: code-point offset of byte offset byte (at a character boundary). */
size_t extract_cp_offset(const struct block *b, size_t byte);

/* ---- dates.c: exported for laws/decrees and the period logic ---- */

struct date_value {
	char from[11], to[11];  /* ISO days, inclusive */
	const char *precision;  /* "day", "month", "year", "decade", "range" */
	size_t start, end;      /* bytes of the expression in the text */
};

/* Parse one date expression beginning exactly at byte at of text. Returns the number
 * of bytes consumed (0 when there is no date there). Does not consult masks. */
size_t dates_parse(const char *text, size_t len, size_t at, struct date_value *out);

#endif
