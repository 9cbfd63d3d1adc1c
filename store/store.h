/* store.h: the SQLite provenance store (schema in store/schema.sql), used by
 * attest-load (store/main.c) and the attest driver (driver/).
 *
 * Invariants: every write runs in one BEGIN IMMEDIATE transaction, so a document and
 * its facts appear together or not at all, and concurrent writers (two `attest inbox`
 * runs, an analyst's sqlite3) serialise through busy_timeout instead of failing. A
 * document is its content (SHA-256 of the original bytes); names point at contents.
 * All SQL is constant text with named parameters.
 */
#ifndef STORE_H
#define STORE_H

#include <stdio.h>

#include "diag.h"
#include "document.h"
#include "facts.h"

/* Bump when a table changes, and add the migration step in db.c. */
#define STORE_SCHEMA_VERSION 3

struct store;
struct sqlite3;

enum store_open_flags {
	STORE_READONLY = 1 << 0,   /* refuse to create; no schema upgrade */
	STORE_NO_CREATE = 1 << 1,  /* the store must exist (query commands) */
};

/* Open (creating when absent) and bring the schema up to date. A store written by a
 * newer program is refused with a clear message. Returns 0 or -1 with d set. */
int store_open(const char *path, unsigned flags, struct store **out, struct diag *d);
void store_close(struct store *s);
struct sqlite3 *store_sqlite(struct store *s);  /* borrowed, for query.c */
/* Report the load's phases (blocks, index, facts, commit, ...) as marks of t, which
 * must outlive the store's use; NULL stops it. */
struct timing;
void store_set_timing(struct store *s, struct timing *t);

/* Transactions (BEGIN IMMEDIATE … COMMIT / ROLLBACK). */
int store_begin(struct store *s, struct diag *d);
int store_commit(struct store *s, struct diag *d);
void store_rollback(struct store *s);

/* UTC ISO time for stored timestamps: $ATTEST_NOW when set, else $SOURCE_DATE_EPOCH,
 * else the clock. out holds at least 32 bytes. */
void store_now(char out[32]);

/* A name as found in the inbox, with stat data (size/mtime_ns < 0 when unknown). */
struct store_file {
	const char *name;
	long long size;
	long long mtime_ns;
};

enum store_load_result {
	STORE_ADDED,      /* new content loaded */
	STORE_RENAMED,    /* known content, recorded under a new name */
	STORE_UNCHANGED,  /* known content under a known name */
};

/* Load doc and its facts (one transaction), or record file->name as another name of
 * the same content. A name that held other content gets a new version and the old
 * content is retired when no current name holds it. doc->sha256 is required. */
int store_load_document(struct store *s, const struct document *doc,
			const struct fact_list *facts, const struct store_file *file,
			enum store_load_result *out, struct diag *d);

/* Record file as a name of the already stored content sha256 (no document needed).
 * Returns 0 with *out set, 1 when sha256 is not stored, -1 with d set. */
int store_name_content(struct store *s, const char *sha256, const struct store_file *file,
		       enum store_load_result *out, struct diag *d);

/* What the store knows about name: its current content's sha256 and stat data.
 * Returns 1 when known, 0 when not, -1 with d set. */
struct store_file_state {
	char sha256[65];
	long long size, mtime_ns;
	int rejected;  /* 1: the name's latest attempt failed (sha256/size/mtime of it) */
};
int store_file_state(struct store *s, const char *name, struct store_file_state *out,
		     struct diag *d);

/* Rejects and runs (attest inbox). */
int store_run_begin(struct store *s, const char *dir, long long *run_id, struct diag *d);
struct store_run_counts {
	long long added, renamed, unchanged, rejected, skipped;
};
int store_run_end(struct store *s, long long run_id, const struct store_run_counts *c,
		  struct diag *d);
int store_reject(struct store *s, long long run_id, const struct store_file *file,
		 const char *sha256, const char *stage, const char *status, const char *reason,
		 struct diag *d);

/* Re-extraction and merge: the stored document (blocks, refs, metadata) of doc_id. */
int store_document_read(struct store *s, long long doc_id, struct document **out,
			struct diag *d);
/* The stored facts of doc_id, fields included, in (block, start) order. */
int store_facts_read(struct store *s, long long doc_id, struct fact_list *out, struct diag *d);
/* Current document ids, ascending. Caller frees *ids. */
int store_document_ids(struct store *s, int include_retired, long long **ids, size_t *n,
		       struct diag *d);
/* Names of doc_id (current first), for merge. Caller frees each and the array. */
int store_document_names(struct store *s, long long doc_id, char ***names, size_t *n,
			 struct diag *d);

struct store_reextract_counts {
	long long kept, added, removed;
};
/* Replace doc_id's facts with facts (one transaction). A new fact with the same block,
 * span, kind and quote as a stored one keeps its fact_id (its fields are updated). */
int store_replace_facts(struct store *s, long long doc_id, const struct fact_list *facts,
			struct store_reextract_counts *c, struct diag *d);

/* ---- query.c: the read side behind attest status|cite|facts|conflicts ---- */

enum store_format { FORMAT_TABLE, FORMAT_TSV, FORMAT_CSV, FORMAT_JSON, FORMAT_JSONL,
		    FORMAT_MD, FORMAT_PLAIN };
int store_format_parse(const char *s, enum store_format *out);

int store_write_status(struct store *s, FILE *out, struct diag *d);
/* Returns 0, 1 when fact_id does not exist, -1 with d set. */
int store_write_citation(struct store *s, long long fact_id, enum store_format fmt, FILE *out,
			 struct diag *d);
/* doc and kind may be NULL (no filter). */
int store_write_facts(struct store *s, const char *doc, const char *kind, enum store_format fmt,
		      FILE *out, struct diag *d);
/* Returns the number of rows written, or -1 with d set. labels: NULL, or pairs of
 * measure key and label ending in NULL (lexicon/measures.tsv), for the md sections. */
long long store_write_conflicts(struct store *s, const char *measure, const char *const *labels,
				enum store_format fmt, FILE *out, struct diag *d);

#endif
