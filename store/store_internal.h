/* store_internal.h: what the store's own files share (db.c, load.c, query.c): the
 * handle, the prepared-statement helpers and the texts of fact rows. Not for the driver. */
#ifndef STORE_INTERNAL_H
#define STORE_INTERNAL_H

#include <sqlite3.h>

#include "diag.h"
#include "document.h"
#include "facts.h"
#include "task.h"
#include "timing.h"
#include "strbuf.h"

struct store {
	sqlite3 *db;
	char *path;              /* for messages */
	struct timing *timing;   /* borrowed; NULL: no phase timings */
};

/* Fill d with "PATH: what: sqlite message"; returns -1. */
int store_sql_error(struct store *s, struct diag *d, const char *what);
sqlite3_stmt *store_prepare(struct store *s, const char *sql, struct diag *d);
/* Bind by parameter name (":name"); a name the statement lacks is ignored. NULL v
 * binds NULL; for the _or_null variant a negative v binds NULL. */
void store_bind_text(sqlite3_stmt *st, const char *param, const char *v);
void store_bind_int(sqlite3_stmt *st, const char *param, long long v);
void store_bind_int_or_null(sqlite3_stmt *st, const char *param, long long v);
/* Step a statement that returns no rows we need, then reset it. */
int store_step_done(struct store *s, sqlite3_stmt *st, struct diag *d);

/* json.c: append s as a JSON string literal (quotes included); NULL → null. */
void store_json_string(struct strbuf *sb, const char *s);

/* load.c: index of key among the fact table's field columns, or -1 (a key without a
 * column of its own goes into fact.extra). */
int fact_column_of(const char *key);
/* load.c: recompute every fact's ctx_start, ctx_end, ctx_cut and sentence from its
 * block (the migration to schema version 3, which stopped storing the context as
 * text but for laws and decrees). */
int store_contexts_rebuild(struct store *s, struct diag *d);

/* context.c: where a fact's context lies, its text for laws and decrees, and the JSON
 * of its fields without a column. */
/* A stored block as the fact writer sees it, with cursors that keep the work per
 * fact proportional to the distance from the previous fact of the block (facts come
 * in (block, start) order): the last code point → byte conversion and the last
 * sentence bounds found. Each cursor gives exactly what a scan from the block start
 * would give; a fact before the cursor scans again. */
struct loaded_block {
	long long id;
	const char *text;
	size_t len;
	int table;
	size_t cur_cp, cur_byte;      /* byte offset of code point cur_cp */
	int have_sentence;
	size_t sent_bs, sent_s;       /* the sentence start found for a quote at sent_bs */
	size_t sent_be, sent_e;       /* the sentence end found for a quote ending at sent_be */
};

/* A fact's context: code points [start, end) of its block's text, shown with "…"
 * before and/or after where it was cut (fact.ctx_start, ctx_end, ctx_cut; the
 * fact_sentence view of schema.sql turns them into the text). */
#define FACT_CONTEXT_CUT_BEFORE 1
#define FACT_CONTEXT_CUT_AFTER 2
struct fact_context {
	size_t start, end;
	int cut;
};

/* Fill ctx and (reset first) sentence and extra for f, a fact of block b. sentence
 * gets the context's text for laws and decrees only (fact.sentence); extra stays
 * empty when every field of f has its own column. */
void fact_texts_of(struct loaded_block *b, const struct fact *f, struct fact_context *ctx,
		   struct strbuf *sentence, struct strbuf *extra);

/* The contexts and extras of every fact of a new document, computed on their own
 * thread between fact_texts_start and fact_texts_wait (inline in the wait when facts
 * are few or no thread can be made). doc and facts must not change until the wait
 * returns. */
/* A thread's start and join cost about 40 µs here and the texts about 0.7 µs a fact
 * (0.12 s for the bench document's 173,213), so a thread pays from a few hundred. */
#define FACT_TEXTS_THREAD_MIN 512
struct fact_texts {
	const struct document *doc;
	const struct fact_list *facts;
	struct fact_context *ctx; /* fact i's context */
	struct strbuf buf;        /* every sentence and extra, back to back */
	size_t *off;              /* fact i: sentence [off[2i], off[2i+1]), extra up to off[2i+2] */
	struct task task;
};
void fact_texts_start(struct fact_texts *t, const struct document *doc,
		      const struct fact_list *facts);
void fact_texts_wait(struct fact_texts *t);
/* Fact i's context, sentence and extra (after the wait), valid until
 * fact_texts_release; an empty sentence or extra is stored as NULL. */
void fact_texts_get(const struct fact_texts *t, size_t i, const struct fact_context **ctx,
		    const char **sentence, size_t *sentence_len, const char **extra,
		    size_t *extra_len);
void fact_texts_release(struct fact_texts *t);

#endif
