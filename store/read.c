/* read.c: reading stored documents and facts back (for reextract and merge) and the
 * per-name state `attest inbox` compares against. Exports store_document_read,
 * store_facts_read, store_document_ids, store_document_names, store_file_state.
 * The document rebuilt from the store equals the one loaded (blocks, labels, pages,
 * note refs, metadata), with source set to the document's first name. */
#include "store.h"

#include <stdlib.h>
#include <string.h>

#include "store_internal.h"
#include "banned.h"

static const char *col_text(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

static int read_meta(struct store *s, long long doc_id, struct document *doc, struct diag *d)
{
	sqlite3_stmt *st = store_prepare(s,
		"SELECT sha256, name, media_type, title, lang, date, symbol, author, npages "
		"FROM document WHERE doc_id = :doc_id", d);
	int rc = -1;

	if (!st)
		return -1;
	store_bind_int(st, ":doc_id", doc_id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		diag_set(d, "%s: no document %lld", s->path, doc_id);
		goto out;
	}
	document_set(&doc->sha256, col_text(st, 0));
	document_set(&doc->source, col_text(st, 1));
	document_set(&doc->media_type, col_text(st, 2));
	document_set(&doc->title, col_text(st, 3));
	document_set(&doc->lang, col_text(st, 4));
	document_set(&doc->date, col_text(st, 5));
	document_set(&doc->symbol, col_text(st, 6));
	document_set(&doc->author, col_text(st, 7));
	doc->npages = sqlite3_column_int(st, 8);
	rc = 0;
out:
	sqlite3_finalize(st);
	return rc;
}

int store_document_read(struct store *s, long long doc_id, struct document **out, struct diag *d)
{
	struct document *doc = document_new();
	sqlite3_stmt *bst = NULL, *rst = NULL;
	int rc = -1;

	*out = NULL;
	if (read_meta(s, doc_id, doc, d) < 0 ||
	    !(bst = store_prepare(s, "SELECT block_id, kind, page, label, text, header_rows FROM block "
				  "WHERE doc_id = :doc_id ORDER BY n", d)) ||
	    !(rst = store_prepare(s, "SELECT at, n FROM note_ref WHERE block_id = :block_id ORDER BY seq", d)))
		goto out;
	store_bind_int(bst, ":doc_id", doc_id);
	while (sqlite3_step(bst) == SQLITE_ROW) {
		enum block_kind kind;
		struct block *b;
		if (block_kind_parse(col_text(bst, 1), &kind) < 0) {
			diag_set(d, "%s: document %lld: unknown block kind '%s'", s->path, doc_id,
				 col_text(bst, 1));
			goto out;
		}
		b = document_add_block(doc, kind, sqlite3_column_int(bst, 2), col_text(bst, 4),
				       (size_t)sqlite3_column_bytes(bst, 4));
		if (col_text(bst, 3))
			b->label = xstrdup(col_text(bst, 3));
		b->header_rows = (unsigned)sqlite3_column_int(bst, 5);
		store_bind_int(rst, ":block_id", sqlite3_column_int64(bst, 0));
		while (sqlite3_step(rst) == SQLITE_ROW)
			block_add_ref(b, (size_t)sqlite3_column_int64(rst, 0), col_text(rst, 1));
		sqlite3_reset(rst);
	}
	*out = doc;
	doc = NULL;
	rc = 0;
out:
	sqlite3_finalize(rst);
	sqlite3_finalize(bst);
	document_free(doc);
	return rc;
}

int store_facts_read(struct store *s, long long doc_id, struct fact_list *out, struct diag *d)
{
	sqlite3_stmt *st = store_prepare(s,
		"SELECT f.fact_id, b.n, f.start_cp, f.end_cp, f.kind, f.quote, j.key, "
		/* fact_fields prints a REAL with 15 digits; the numeric columns themselves
		 * with 17, which gives back the same number (attest merge copies it) */
		"CASE WHEN j.key = 'value' AND typeof(f.value) = 'real' THEN printf('%!.17g', f.value) "
		"WHEN j.key = 'lo' AND typeof(f.lo) = 'real' THEN printf('%!.17g', f.lo) "
		"WHEN j.key = 'hi' AND typeof(f.hi) = 'real' THEN printf('%!.17g', f.hi) "
		"ELSE j.value END "
		"FROM fact f JOIN block b ON b.block_id = f.block_id "
		"JOIN fact_fields ff ON ff.fact_id = f.fact_id LEFT JOIN json_each(ff.fields) j "
		"WHERE f.doc_id = :doc_id ORDER BY b.n, f.start_cp, f.end_cp, f.kind, f.fact_id, j.id", d);
	long long last = -1;
	struct fact *f = NULL;

	if (!st)
		return -1;
	store_bind_int(st, ":doc_id", doc_id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (sqlite3_column_int64(st, 0) != last) {
			enum fact_kind kind;
			last = sqlite3_column_int64(st, 0);
			if (fact_kind_parse(col_text(st, 4), &kind) < 0) {
				sqlite3_finalize(st);
				return diag_set(d, "%s: fact %lld: unknown kind", s->path, last);
			}
			f = fact_list_add(out, kind, (size_t)sqlite3_column_int64(st, 1),
					  (size_t)sqlite3_column_int64(st, 2),
					  (size_t)sqlite3_column_int64(st, 3), col_text(st, 5));
		}
		if (col_text(st, 6))
			fact_set(f, col_text(st, 6), col_text(st, 7) ? col_text(st, 7) : "");
	}
	sqlite3_finalize(st);
	return 0;
}

int store_document_ids(struct store *s, int include_retired, long long **ids, size_t *n,
		       struct diag *d)
{
	sqlite3_stmt *st = store_prepare(s,
		"SELECT doc_id FROM document WHERE retired = 0 OR :all ORDER BY doc_id", d);
	size_t cap = 0;

	*ids = NULL;
	*n = 0;
	if (!st)
		return -1;
	store_bind_int(st, ":all", include_retired != 0);
	while (sqlite3_step(st) == SQLITE_ROW) {
		XGROW(*ids, cap, *n + 1);
		(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	return 0;
}

int store_document_names(struct store *s, long long doc_id, char ***names, size_t *n,
			 struct diag *d)
{
	sqlite3_stmt *st = store_prepare(s,
		"SELECT name FROM file WHERE doc_id = :doc_id ORDER BY current DESC, file_id", d);
	size_t cap = 0;

	*names = NULL;
	*n = 0;
	if (!st)
		return -1;
	store_bind_int(st, ":doc_id", doc_id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		XGROW(*names, cap, *n + 1);
		(*names)[(*n)++] = xstrdup(col_text(st, 0));
	}
	sqlite3_finalize(st);
	return 0;
}

static long long col_int_or(sqlite3_stmt *st, int i, long long dflt)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? dflt : sqlite3_column_int64(st, i);
}

int store_file_state(struct store *s, const char *name, struct store_file_state *out,
		     struct diag *d)
{
	sqlite3_stmt *st = store_prepare(s,
		"SELECT coalesce(sha256, ''), size, mtime_ns, 1 FROM reject WHERE name = :name "
		"UNION ALL SELECT d.sha256, f.size, f.mtime_ns, 0 FROM file f "
		"JOIN document d ON d.doc_id = f.doc_id WHERE f.name = :name AND f.current = 1 "
		"ORDER BY 4 DESC LIMIT 1", d);
	int found = 0;

	memset(out, 0, sizeof(*out));
	if (!st)
		return -1;
	store_bind_text(st, ":name", name);
	if (sqlite3_step(st) == SQLITE_ROW) {
		snprintf(out->sha256, sizeof(out->sha256), "%s", col_text(st, 0));
		out->size = col_int_or(st, 1, -1);
		out->mtime_ns = col_int_or(st, 2, -1);
		out->rejected = sqlite3_column_int(st, 3);
		found = 1;
	}
	sqlite3_finalize(st);
	return found;
}
