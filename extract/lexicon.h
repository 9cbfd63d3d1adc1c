/* lexicon.h: the human-editable data of the lexicon/ TSV files, loaded once at start.
 *
 * File format (lexicon/README.md for users): UTF-8, one record a line, TAB-separated;
 * '#' starts a comment line; the first non-comment line names the columns; a cell may
 * hold several values separated by '|' (aliases, acronyms). Every *.tsv in the folder
 * becomes a table named after the file ("organisations.tsv" → "organisations").
 */
#ifndef LEXICON_H
#define LEXICON_H

#include <stddef.h>

#include "diag.h"

struct lexicon_table {
	char *name;
	size_t ncols;
	char **colnames;   /* ncols */
	size_t nrows;
	char **cells;      /* nrows × ncols, row-major; never NULL ("" when empty) */
	size_t *lines;     /* source line of each row, for messages */
};

/* Recognisers compile their tables lazily and park the result here (slot is theirs). */
enum lexicon_slot { LEX_SLOT_ORGS, LEX_SLOT_LAWS, LEX_SLOT_DECREES, LEX_SLOT_DATES,
	LEX_SLOT_FIGURES, LEX_SLOT_MEASURES, LEX_SLOT_ATTRIBUTE, LEX_SLOT_COUNT };

struct lexicon {
	char *dir;
	struct lexicon_table **tables;
	size_t ntables;
	void *compiled[LEX_SLOT_COUNT];  /* per-recogniser compiled matchers, owned via free_compiled */
	void (*free_compiled[LEX_SLOT_COUNT])(void *);
};

/* Parse one table from memory. Returns 0 or -1 with d set ("line N: …"). */
int lexicon_table_parse(const char *name, const char *buf, size_t len,
			struct lexicon_table **out, struct diag *d);
void lexicon_table_free(struct lexicon_table *t);
/* Column index by name, or -1. */
int lexicon_column(const struct lexicon_table *t, const char *col);
const char *lexicon_cell(const struct lexicon_table *t, size_t row, int col);

/* Load every *.tsv of dir (sorted by name). */
struct lexicon *lexicon_load(const char *dir, struct diag *d);
void lexicon_free(struct lexicon *lex);
const struct lexicon_table *lexicon_table(const struct lexicon *lex, const char *name);
/* The folder used when none is given: $ATTEST_LEXICON, else ../lexicon or
 * ../share/attest/lexicon next to the running program. Caller frees. */
char *lexicon_default_dir(void);


void *lexicon_compiled(const struct lexicon *lex, enum lexicon_slot slot);
void lexicon_set_compiled(const struct lexicon *lex, enum lexicon_slot slot, void *p,
			  void (*free_fn)(void *));

#endif
