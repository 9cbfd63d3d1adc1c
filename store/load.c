/* load.c: writing documents, names and facts. Exports store_load_document,
 * store_name_content and store_replace_facts.
 *
 * Invariants: each exported call is one transaction; a name has at most one current
 * file row; a document is retired exactly when no current name points at it; a fact's
 * known fields land in their own columns and the others in `extra` (JSON).
 */
#include "store.h"

#include <stdlib.h>
#include <string.h>

#include "store_internal.h"
#include "strbuf.h"
#include "banned.h"

/* The known field keys, each with its own column in `fact` (schema.sql) and a
 * parameter of the same name in insert_fact_sql and update_fact_sql. */
static const char *const fact_columns[] = {
	"value", "unit", "qualifier", "approx", "lo", "hi", "lo_open", "hi_open", "measure",
	"period_from", "period_to", "period_kind", "scope", "attributed_to", "row_header",
	"col_header", "date_from", "date_to", "precision", "canonical", "number", "article",
	"issuer", "type", "title", "acronym", "org_type",
};
#define NCOLUMNS (sizeof(fact_columns) / sizeof(fact_columns[0]))

static const char insert_fact_sql[] =
	"INSERT INTO fact(doc_id, block_id, kind, start_cp, end_cp, quote, ctx_start, ctx_end, "
	"ctx_cut, sentence, extra, "
	"value, unit, qualifier, approx, lo, hi, lo_open, hi_open, measure, period_from, "
	"period_to, period_kind, scope, attributed_to, row_header, col_header, date_from, "
	"date_to, precision, canonical, number, article, issuer, type, title, acronym, org_type) "
	"VALUES (:doc_id, :block_id, :kind, :start_cp, :end_cp, :quote, :ctx_start, :ctx_end, "
	":ctx_cut, :sentence, :extra, "
	":value, :unit, :qualifier, :approx, :lo, :hi, :lo_open, :hi_open, :measure, :period_from, "
	":period_to, :period_kind, :scope, :attributed_to, :row_header, :col_header, :date_from, "
	":date_to, :precision, :canonical, :number, :article, :issuer, :type, :title, :acronym, "
	":org_type)";

static const char update_fact_sql[] =
	"UPDATE fact SET ctx_start = :ctx_start, ctx_end = :ctx_end, ctx_cut = :ctx_cut, "
	"sentence = :sentence, extra = :extra, value = :value, unit = :unit, "
	"qualifier = :qualifier, approx = :approx, lo = :lo, hi = :hi, lo_open = :lo_open, "
	"hi_open = :hi_open, measure = :measure, period_from = :period_from, "
	"period_to = :period_to, period_kind = :period_kind, scope = :scope, "
	"attributed_to = :attributed_to, row_header = :row_header, col_header = :col_header, "
	"date_from = :date_from, date_to = :date_to, precision = :precision, "
	"canonical = :canonical, number = :number, article = :article, issuer = :issuer, "
	"type = :type, title = :title, acronym = :acronym, org_type = :org_type "
	"WHERE fact_id = :fact_id";

/* ---- binding facts ---- */

/* An INSERT or UPDATE of fact prepared once per load, with its parameter indexes
 * looked up once (0: the statement lacks that parameter). Texts are bound
 * SQLITE_STATIC: the fact, the block and the two buffers outlive the step. */
struct fact_stmt {
	sqlite3_stmt *st;
	int col[NCOLUMNS];
	int doc_id, block_id, kind, start_cp, end_cp, quote, ctx_start, ctx_end, ctx_cut;
	int sentence, extra, fact_id;
	struct strbuf sentence_buf, extra_buf;
};

static int fact_stmt_prepare(struct store *s, struct fact_stmt *fs, const char *sql,
			     struct diag *d)
{
	char name[40];
	size_t i;

	memset(fs, 0, sizeof(*fs));
	strbuf_init(&fs->sentence_buf);
	strbuf_init(&fs->extra_buf);
	if (!(fs->st = store_prepare(s, sql, d)))
		return -1;
	for (i = 0; i < NCOLUMNS; i++) {
		snprintf(name, sizeof(name), ":%s", fact_columns[i]);
		fs->col[i] = sqlite3_bind_parameter_index(fs->st, name);
	}
	fs->doc_id = sqlite3_bind_parameter_index(fs->st, ":doc_id");
	fs->block_id = sqlite3_bind_parameter_index(fs->st, ":block_id");
	fs->kind = sqlite3_bind_parameter_index(fs->st, ":kind");
	fs->start_cp = sqlite3_bind_parameter_index(fs->st, ":start_cp");
	fs->end_cp = sqlite3_bind_parameter_index(fs->st, ":end_cp");
	fs->quote = sqlite3_bind_parameter_index(fs->st, ":quote");
	fs->ctx_start = sqlite3_bind_parameter_index(fs->st, ":ctx_start");
	fs->ctx_end = sqlite3_bind_parameter_index(fs->st, ":ctx_end");
	fs->ctx_cut = sqlite3_bind_parameter_index(fs->st, ":ctx_cut");
	fs->sentence = sqlite3_bind_parameter_index(fs->st, ":sentence");
	fs->extra = sqlite3_bind_parameter_index(fs->st, ":extra");
	fs->fact_id = sqlite3_bind_parameter_index(fs->st, ":fact_id");
	return 0;
}

static void fact_stmt_finalize(struct fact_stmt *fs)
{
	sqlite3_finalize(fs->st);
	fs->st = NULL;
	strbuf_release(&fs->sentence_buf);
	strbuf_release(&fs->extra_buf);
}

int fact_column_of(const char *key)
{
	size_t i;

	for (i = 0; i < NCOLUMNS; i++)
		if (fact_columns[i][0] == key[0] && !strcmp(fact_columns[i], key))
			return (int)i;
	return -1;
}

static void bind_static(sqlite3_stmt *st, int i, const char *v, size_t len)
{
	if (i > 0)
		sqlite3_bind_text(st, i, v, (int)len, SQLITE_STATIC);
}

/* Clear fs, then bind the field columns from f (an empty value is NULL), the context
 * bounds, the sentence of a law or decree and the extra fields' JSON (each NULL when
 * empty). */
static void bind_fact_fields(struct fact_stmt *fs, const struct fact *f, struct loaded_block *b)
{
	sqlite3_stmt *st = fs->st;
	struct fact_context ctx;
	size_t i;
	int c;

	sqlite3_clear_bindings(st);
	for (i = 0; i < f->nfields; i++) {
		const char *v = f->fields[i].value;
		if ((c = fact_column_of(f->fields[i].key)) >= 0 && fs->col[c] > 0 && v && *v)
			bind_static(st, fs->col[c], v, strlen(v));
	}
	fact_texts_of(b, f, &ctx, &fs->sentence_buf, &fs->extra_buf);
	sqlite3_bind_int64(st, fs->ctx_start, (long long)ctx.start);
	sqlite3_bind_int64(st, fs->ctx_end, (long long)ctx.end);
	sqlite3_bind_int(st, fs->ctx_cut, ctx.cut);
	if (fs->sentence_buf.len)
		bind_static(st, fs->sentence, fs->sentence_buf.buf, fs->sentence_buf.len);
	if (fs->extra_buf.len)
		bind_static(st, fs->extra, fs->extra_buf.buf, fs->extra_buf.len);
}

/* ---- documents and names ---- */

static int insert_document(struct store *s, const struct document *doc, const char *name,
			   long long *doc_id, struct diag *d)
{
	sqlite3_stmt *st = store_prepare(s,
		"INSERT INTO document(sha256, name, media_type, title, lang, date, symbol, author, "
		"npages, loaded_at, extracted_at) VALUES (:sha256, :name, :media_type, :title, "
		":lang, :date, :symbol, :author, :npages, :now, :now)", d);
	char now[32];
	int rc;

	if (!st)
		return -1;
	store_now(now);
	store_bind_text(st, ":sha256", doc->sha256);
	store_bind_text(st, ":name", name);
	store_bind_text(st, ":media_type", doc->media_type);
	store_bind_text(st, ":title", doc->title);
	store_bind_text(st, ":lang", doc->lang);
	store_bind_text(st, ":date", doc->date);
	store_bind_text(st, ":symbol", doc->symbol);
	store_bind_text(st, ":author", doc->author);
	store_bind_int(st, ":npages", doc->npages);
	store_bind_text(st, ":now", now);
	rc = store_step_done(s, st, d);
	sqlite3_finalize(st);
	*doc_id = sqlite3_last_insert_rowid(s->db);
	return rc;
}

/* The blocks go in with one INSERT … SELECT over a sequence 0..nblocks-1, the values
 * coming from doc through a function private to this connection: FTS5 (the block_ai
 * trigger) flushes its pending terms to disk at the end of every statement, so one
 * statement per block would write a segment per block (half the load time). */
enum { BLK_N, BLK_KIND, BLK_PAGE, BLK_LABEL, BLK_TEXT, BLK_HEADER_ROWS };

static void block_value(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const struct document *doc = sqlite3_user_data(ctx);
	sqlite3_int64 k = sqlite3_value_int64(argv[0]);
	const struct block *b;

	(void)argc;
	if (k < 0 || (size_t)k >= doc->nblocks) {
		sqlite3_result_error(ctx, "attest_block: no such block", -1);
		return;
	}
	b = &doc->blocks[k];
	switch (sqlite3_value_int(argv[1])) {
	case BLK_N: sqlite3_result_int64(ctx, (sqlite3_int64)b->id); break;
	case BLK_KIND: sqlite3_result_text(ctx, block_kind_name(b->kind), -1, SQLITE_STATIC); break;
	case BLK_PAGE: sqlite3_result_int64(ctx, b->page); break;
	case BLK_LABEL:
		if (b->label)
			sqlite3_result_text(ctx, b->label, -1, SQLITE_STATIC);
		else
			sqlite3_result_null(ctx);
		break;
	case BLK_TEXT: sqlite3_result_text(ctx, b->text ? b->text : "", -1, SQLITE_STATIC); break;
	case BLK_HEADER_ROWS: sqlite3_result_int64(ctx, b->header_rows); break;
	default: sqlite3_result_null(ctx);
	}
}


/* Run sql, whose one parameter is :doc_id, to completion. */
static int exec_for_doc(struct store *s, const char *sql, long long doc_id, struct diag *d)
{
	sqlite3_stmt *st = store_prepare(s, sql, d);
	int rc;

	if (!st)
		return -1;
	store_bind_int(st, ":doc_id", doc_id);
	rc = store_step_done(s, st, d);
	sqlite3_finalize(st);
	return rc;
}

/* The full-text index of a document's blocks, in one statement (see schema.sql). */
static int block_index(struct store *s, long long doc_id, struct diag *d)
{
	return exec_for_doc(s, "INSERT INTO block_fts(rowid, text) "
			    "SELECT block_id, text FROM block WHERE doc_id = :doc_id", doc_id, d);
}

static int insert_blocks(struct store *s, const struct document *doc, long long doc_id,
			 struct loaded_block *out, struct diag *d)
{
	sqlite3_stmt *bst = NULL, *ids = NULL, *rst = NULL;
	size_t i, j;
	int rc = -1, r_block, r_seq, r_at, r_n;

	if (!doc->nblocks)
		return 0;
	if (sqlite3_create_function(s->db, "attest_block", 2, SQLITE_UTF8, (void *)doc,
				    block_value, NULL, NULL) != SQLITE_OK)
		return store_sql_error(s, d, "attest_block");
	if (!(bst = store_prepare(s,
		"WITH RECURSIVE seq(k) AS "
		"(SELECT 0 UNION ALL SELECT k + 1 FROM seq WHERE k + 1 < :nblocks) "
		"INSERT INTO block(doc_id, n, kind, page, label, text, header_rows) "
		"SELECT :doc_id, attest_block(k, 0), attest_block(k, 1), attest_block(k, 2), "
		"attest_block(k, 3), attest_block(k, 4), attest_block(k, 5) FROM seq", d)))
		goto out;
	store_bind_int(bst, ":nblocks", (long long)doc->nblocks);
	store_bind_int(bst, ":doc_id", doc_id);
	if (store_step_done(s, bst, d) < 0)
		goto out;
	timing_mark(s->timing, "blocks");
	if (block_index(s, doc_id, d) < 0)
		goto out;
	timing_mark(s->timing, "index");
	/* The rows went in in doc order: their ids ascend in that order. */
	if (!(ids = store_prepare(s, "SELECT block_id FROM block WHERE doc_id = :doc_id "
				  "ORDER BY block_id", d)))
		goto out;
	store_bind_int(ids, ":doc_id", doc_id);
	/* only the ids: the facts' texts come from doc (context.c) */
	for (i = 0; i < doc->nblocks && sqlite3_step(ids) == SQLITE_ROW; i++) {
		memset(&out[i], 0, sizeof(out[i]));
		out[i].id = sqlite3_column_int64(ids, 0);
	}
	if (i < doc->nblocks) {
		store_sql_error(s, d, "read back block ids");
		goto out;
	}
	if (!(rst = store_prepare(s,
		"INSERT INTO note_ref(block_id, seq, at, n) VALUES (:block_id, :seq, :at, :n)", d)))
		goto out;
	r_block = sqlite3_bind_parameter_index(rst, ":block_id");
	r_seq = sqlite3_bind_parameter_index(rst, ":seq");
	r_at = sqlite3_bind_parameter_index(rst, ":at");
	r_n = sqlite3_bind_parameter_index(rst, ":n");
	for (i = 0; i < doc->nblocks; i++) {
		const struct block *b = &doc->blocks[i];
		for (j = 0; j < b->nrefs; j++) {
			sqlite3_bind_int64(rst, r_block, out[i].id);
			sqlite3_bind_int64(rst, r_seq, (long long)j);
			sqlite3_bind_int64(rst, r_at, (long long)b->refs[j].at);
			if (b->refs[j].n)
				sqlite3_bind_text(rst, r_n, b->refs[j].n, -1, SQLITE_STATIC);
			else
				sqlite3_bind_null(rst, r_n);
			if (store_step_done(s, rst, d) < 0)
				goto out;
		}
	}
	rc = 0;
out:
	sqlite3_finalize(rst);
	sqlite3_finalize(ids);
	sqlite3_finalize(bst);
	/* doc is the caller's: the function must not outlive this call */
	sqlite3_create_function(s->db, "attest_block", 2, SQLITE_UTF8, NULL, NULL, NULL, NULL);
	return rc;
}

static int insert_fact(struct store *s, struct fact_stmt *fs, long long doc_id,
		       struct loaded_block *b, const struct fact *f, struct diag *d)
{
	sqlite3_stmt *st = fs->st;
	const char *quote = f->quote ? f->quote : "";

	bind_fact_fields(fs, f, b);
	sqlite3_bind_int64(st, fs->doc_id, doc_id);
	sqlite3_bind_int64(st, fs->block_id, b->id);
	sqlite3_bind_text(st, fs->kind, fact_kind_name(f->kind), -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, fs->start_cp, (long long)f->start);
	sqlite3_bind_int64(st, fs->end_cp, (long long)f->end);
	bind_static(st, fs->quote, quote, strlen(quote));
	return store_step_done(s, st, d);
}

/* ---- the facts of a new document, FACT_BATCH rows per INSERT ----
 * A one-row INSERT pays for opening the table and its four indexes and for ending the
 * statement, about as much as the row itself; so load_content inserts FACT_BATCH rows
 * per statement (rows go in in order: fact ids are those of one-row inserts). The
 * parameters are anonymous "?", numbered in order: row r, column c is number
 * r * FACT_NCOLS + c + 1, the columns in prepare_fact_insert's order ("?NNN" would
 * make the prepare quadratic in the number of parameters). */
#define FACT_BATCH 64
enum { FC_DOC_ID, FC_BLOCK_ID, FC_KIND, FC_START_CP, FC_END_CP, FC_QUOTE, FC_CTX_START,
       FC_CTX_END, FC_CTX_CUT, FC_SENTENCE, FC_EXTRA, FC_FIRST_FIELD };
#define FACT_NCOLS (FC_FIRST_FIELD + (int)NCOLUMNS)

struct fact_batch {
	sqlite3_stmt *many, *one;    /* batch rows; one row (the tail) */
	long long doc_id;
	const struct fact_texts *texts;
	size_t batch;                /* rows of many: FACT_BATCH, fewer if SQLite caps parameters */
	size_t n;                    /* rows pending */
	size_t i[FACT_BATCH];        /* the fact's index in texts->facts */
	long long block_id[FACT_BATCH];
};

static sqlite3_stmt *prepare_fact_insert(struct store *s, int rows, struct diag *d)
{
	struct strbuf sql = STRBUF_INIT;
	sqlite3_stmt *st;
	size_t i;
	int r, c;

	strbuf_init(&sql);
	strbuf_adds(&sql, "INSERT INTO fact(doc_id, block_id, kind, start_cp, end_cp, quote, "
		    "ctx_start, ctx_end, ctx_cut, sentence, extra");
	for (i = 0; i < NCOLUMNS; i++)
		strbuf_addf(&sql, ", %s", fact_columns[i]);
	strbuf_adds(&sql, ") VALUES ");
	for (r = 0; r < rows; r++) {
		strbuf_adds(&sql, r ? ", (" : "(");
		for (c = 0; c < FACT_NCOLS; c++)
			strbuf_adds(&sql, c ? ", ?" : "?");
		strbuf_addch(&sql, ')');
	}
	st = store_prepare(s, sql.buf, d);
	strbuf_release(&sql);
	return st;
}

static int fact_batch_init(struct store *s, struct fact_batch *fb, long long doc_id,
			   const struct fact_texts *texts, struct diag *d)
{
	memset(fb, 0, sizeof(*fb));
	fb->doc_id = doc_id;
	fb->texts = texts;
	fb->batch = (size_t)sqlite3_limit(s->db, SQLITE_LIMIT_VARIABLE_NUMBER, -1) / FACT_NCOLS;
	if (fb->batch > FACT_BATCH)
		fb->batch = FACT_BATCH;
	if (fb->batch < 1)
		fb->batch = 1;
	if (!(fb->many = prepare_fact_insert(s, (int)fb->batch, d)) ||
	    !(fb->one = prepare_fact_insert(s, 1, d)))
		return -1;
	return 0;
}

static void fact_batch_release(struct fact_batch *fb)
{
	sqlite3_finalize(fb->many);
	sqlite3_finalize(fb->one);
}

/* Bind pending row r at parameter offset base of st (texts SQLITE_STATIC: the facts
 * and fb's texts outlive the step). */
static void fact_batch_bind(struct fact_batch *fb, sqlite3_stmt *st, size_t r, int base)
{
	const struct fact *f = &fb->texts->facts->v[fb->i[r]];
	const char *quote = f->quote ? f->quote : "", *sentence, *extra;
	const struct fact_context *ctx;
	size_t i, sentence_len, extra_len;
	int c;

	fact_texts_get(fb->texts, fb->i[r], &ctx, &sentence, &sentence_len, &extra, &extra_len);

	sqlite3_bind_int64(st, base + FC_DOC_ID + 1, fb->doc_id);
	sqlite3_bind_int64(st, base + FC_BLOCK_ID + 1, fb->block_id[r]);
	sqlite3_bind_text(st, base + FC_KIND + 1, fact_kind_name(f->kind), -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, base + FC_START_CP + 1, (long long)f->start);
	sqlite3_bind_int64(st, base + FC_END_CP + 1, (long long)f->end);
	sqlite3_bind_text(st, base + FC_QUOTE + 1, quote, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, base + FC_CTX_START + 1, (long long)ctx->start);
	sqlite3_bind_int64(st, base + FC_CTX_END + 1, (long long)ctx->end);
	sqlite3_bind_int(st, base + FC_CTX_CUT + 1, ctx->cut);
	if (sentence_len)
		sqlite3_bind_text(st, base + FC_SENTENCE + 1, sentence, (int)sentence_len,
				  SQLITE_STATIC);
	if (extra_len)
		sqlite3_bind_text(st, base + FC_EXTRA + 1, extra, (int)extra_len, SQLITE_STATIC);
	for (i = 0; i < f->nfields; i++) {
		const char *v = f->fields[i].value;
		if ((c = fact_column_of(f->fields[i].key)) >= 0 && v && *v)
			sqlite3_bind_text(st, base + FC_FIRST_FIELD + c + 1, v, -1, SQLITE_STATIC);
	}
}

static int fact_batch_flush(struct store *s, struct fact_batch *fb, struct diag *d)
{
	size_t r;

	if (fb->n == fb->batch) {
		sqlite3_clear_bindings(fb->many);
		for (r = 0; r < fb->n; r++)
			fact_batch_bind(fb, fb->many, r, (int)r * FACT_NCOLS);
		if (store_step_done(s, fb->many, d) < 0)
			return -1;
	} else {
		for (r = 0; r < fb->n; r++) {
			sqlite3_clear_bindings(fb->one);
			fact_batch_bind(fb, fb->one, r, 0);
			if (store_step_done(s, fb->one, d) < 0)
				return -1;
		}
	}
	fb->n = 0;
	return 0;
}

/* Add fact i, of the block stored as block_id, to the batch. */
static int fact_batch_add(struct store *s, struct fact_batch *fb, long long block_id, size_t i,
			  struct diag *d)
{
	size_t r = fb->n;

	fb->i[r] = i;
	fb->block_id[r] = block_id;
	if (++fb->n == fb->batch)
		return fact_batch_flush(s, fb, d);
	return 0;
}

static struct loaded_block *fact_block(struct loaded_block *blocks, size_t nblocks,
				       const struct fact *f, struct diag *d)
{
	if (f->block < 1 || f->block > nblocks) {
		diag_set(d, "fact '%s' points at block %zu, the document has %zu",
			 f->quote ? f->quote : "", f->block, nblocks);
		return NULL;
	}
	return &blocks[f->block - 1];
}

/* Point file->name at doc_id (see the invariants at the top). *renamed is set to 1
 * when the name did not already point there. */
static int bind_name(struct store *s, long long doc_id, const struct store_file *file,
		     int *renamed, struct diag *d)
{
	sqlite3_stmt *q = NULL, *st = NULL;
	long long old_file = -1, old_doc = -1;
	char now[32];
	int rc = -1;

	store_now(now);
	*renamed = 0;
	if (!(q = store_prepare(s, "SELECT file_id, doc_id FROM file WHERE name = :name AND current = 1", d)))
		goto out;
	store_bind_text(q, ":name", file->name);
	if (sqlite3_step(q) == SQLITE_ROW) {
		old_file = sqlite3_column_int64(q, 0);
		old_doc = sqlite3_column_int64(q, 1);
	}
	sqlite3_finalize(q);
	q = NULL;
	if (old_doc == doc_id) {
		if (!(st = store_prepare(s, "UPDATE file SET size = coalesce(:size, size), "
					 "mtime_ns = coalesce(:mtime_ns, mtime_ns) WHERE file_id = :id", d)))
			goto out;
		store_bind_int_or_null(st, ":size", file->size);
		store_bind_int_or_null(st, ":mtime_ns", file->mtime_ns);
		store_bind_int(st, ":id", old_file);
		if (store_step_done(s, st, d) < 0)
			goto out;
		goto clear_reject;
	}
	*renamed = 1;
	if (old_file >= 0) {
		if (!(st = store_prepare(s, "UPDATE file SET current = 0 WHERE file_id = :id", d)))
			goto out;
		store_bind_int(st, ":id", old_file);
		if (store_step_done(s, st, d) < 0)
			goto out;
		sqlite3_finalize(st);
	}
	if (!(st = store_prepare(s,
		"INSERT INTO file(name, doc_id, version, current, size, mtime_ns, seen_at) "
		"VALUES (:name, :doc_id, (SELECT coalesce(max(version), 0) + 1 FROM file WHERE name = :name), "
		"1, :size, :mtime_ns, :now)", d)))
		goto out;
	store_bind_text(st, ":name", file->name);
	store_bind_int(st, ":doc_id", doc_id);
	store_bind_int_or_null(st, ":size", file->size);
	store_bind_int_or_null(st, ":mtime_ns", file->mtime_ns);
	store_bind_text(st, ":now", now);
	if (store_step_done(s, st, d) < 0)
		goto out;
	sqlite3_finalize(st);
	if (!(st = store_prepare(s, "UPDATE document SET retired = 0, superseded_by = NULL "
				 "WHERE doc_id = :doc_id", d)))
		goto out;
	store_bind_int(st, ":doc_id", doc_id);
	if (store_step_done(s, st, d) < 0)
		goto out;
	if (old_doc >= 0) {
		sqlite3_finalize(st);
		if (!(st = store_prepare(s,
			"UPDATE document SET retired = 1, superseded_by = :new WHERE doc_id = :old "
			"AND NOT EXISTS (SELECT 1 FROM file WHERE doc_id = :old AND current = 1)", d)))
			goto out;
		store_bind_int(st, ":new", doc_id);
		store_bind_int(st, ":old", old_doc);
		if (store_step_done(s, st, d) < 0)
			goto out;
	}
clear_reject:
	sqlite3_finalize(st);
	if (!(st = store_prepare(s, "DELETE FROM reject WHERE name = :name", d)))
		goto out;
	store_bind_text(st, ":name", file->name);
	rc = store_step_done(s, st, d);
out:
	sqlite3_finalize(q);
	sqlite3_finalize(st);
	return rc;
}

/* doc_id of content sha256, or 0 when not stored, -1 on error. */
static long long find_content(struct store *s, const char *sha256, struct diag *d)
{
	sqlite3_stmt *st = store_prepare(s, "SELECT doc_id FROM document WHERE sha256 = :sha", d);
	long long id = 0;

	if (!st)
		return -1;
	store_bind_text(st, ":sha", sha256);
	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return id;
}

/* The publisher of a document without an author: the organisation its first three
 * blocks (title page, letterhead, opening sentence) name most often; ties go to the
 * earliest mention. NULL when they name none. */
static int guess_publisher(struct store *s, long long doc_id, struct diag *d)
{
	return exec_for_doc(s,
		"UPDATE document SET publisher = ("
		" SELECT coalesce(max(f.acronym), f.canonical) FROM block b"
		" CROSS JOIN fact f ON f.block_id = b.block_id"
		" WHERE b.doc_id = :doc_id AND b.n <= 3 AND f.doc_id = :doc_id AND f.kind = 'org'"
		" AND f.canonical IS NOT NULL"
		" GROUP BY f.canonical ORDER BY count(*) DESC, min(b.n * 1000000 + f.start_cp) LIMIT 1)"
		" WHERE doc_id = :doc_id AND author IS NULL", doc_id, d);
}

static int load_content(struct store *s, const struct document *doc, const struct fact_list *facts,
			const char *name, long long *doc_id, struct diag *d)
{
	struct loaded_block *blocks = xcalloc(doc->nblocks + 1, sizeof(*blocks));
	struct fact_batch *fb = xcalloc(1, sizeof(*fb));
	struct fact_texts texts;
	size_t i;
	int rc = -1;

	/* the texts are made while the blocks and their index go in */
	fact_texts_start(&texts, doc, facts);
	if (insert_document(s, doc, name, doc_id, d) < 0 ||
	    insert_blocks(s, doc, *doc_id, blocks, d) < 0 ||
	    fact_batch_init(s, fb, *doc_id, &texts, d) < 0)
		goto out;
	timing_mark(s->timing, "notes");
	fact_texts_wait(&texts);
	timing_mark(s->timing, "texts");
	for (i = 0; i < facts->n; i++) {
		struct loaded_block *b = fact_block(blocks, doc->nblocks, &facts->v[i], d);
		if (!b || fact_batch_add(s, fb, b->id, i, d) < 0)
			goto out;
	}
	if (fact_batch_flush(s, fb, d) < 0)
		goto out;
	timing_mark(s->timing, "facts");
	if (guess_publisher(s, *doc_id, d) < 0)
		goto out;
	timing_mark(s->timing, "publisher");
	rc = 0;
out:
	fact_batch_release(fb);
	fact_texts_release(&texts);
	free(fb);
	free(blocks);
	return rc;
}

static int foreign_keys(struct store *s, int on, struct diag *d)
{
	struct diag ignored;

	diag_init(&ignored);
	if (sqlite3_exec(s->db, on ? "PRAGMA foreign_keys = ON" : "PRAGMA foreign_keys = OFF",
			 NULL, NULL, NULL) != SQLITE_OK)
		return store_sql_error(s, d ? d : &ignored, "foreign_keys");
	return 0;
}

int store_load_document(struct store *s, const struct document *doc,
			const struct fact_list *facts, const struct store_file *file,
			enum store_load_result *out, struct diag *d)
{
	struct store_file named = *file;
	long long doc_id;
	int renamed;

	if (!doc->sha256 || strlen(doc->sha256) != 64)
		return diag_set(d, "document has no sha256");
	if (!named.name)
		named.name = doc->source ? doc->source : doc->sha256;
	/* Every id this transaction writes into a REFERENCES column is one it has just
	 * inserted or looked up under BEGIN IMMEDIATE (no other writer meanwhile), and it
	 * deletes nothing; so the foreign-key checks, a third of the cost of a fact row,
	 * are switched off for it (the pragma is a no-op inside a transaction). */
	if (foreign_keys(s, 0, d) < 0)
		return -1;
	/* Each multi-row INSERT keeps a statement journal of the pages it changes; on
	 * disk (the default) that was half the write calls of a big load (148,788 pwrite
	 * -> 39,171 for an 82,000-fact document). A larger cache keeps the transaction's
	 * pages from spilling to the WAL before the commit. */
	if (sqlite3_exec(s->db, "PRAGMA cache_size = -262144; PRAGMA temp_store = MEMORY",
			 NULL, NULL, NULL) != SQLITE_OK) {
		store_sql_error(s, d, "cache_size");
		goto fail;
	}
	if (store_begin(s, d) < 0)
		goto fail;
	if ((doc_id = find_content(s, doc->sha256, d)) < 0)
		goto fail;
	if (doc_id) {
		if (bind_name(s, doc_id, &named, &renamed, d) < 0)
			goto fail;
		*out = renamed ? STORE_RENAMED : STORE_UNCHANGED;
	} else {
		if (load_content(s, doc, facts, named.name, &doc_id, d) < 0 ||
		    bind_name(s, doc_id, &named, &renamed, d) < 0)
			goto fail;
		*out = STORE_ADDED;
	}
	if (store_commit(s, d) < 0)
		goto fail;
	timing_mark(s->timing, "commit");
	return foreign_keys(s, 1, d);
fail:
	store_rollback(s);
	foreign_keys(s, 1, NULL);
	return -1;
}

int store_name_content(struct store *s, const char *sha256, const struct store_file *file,
		       enum store_load_result *out, struct diag *d)
{
	long long doc_id;
	int renamed;

	if (store_begin(s, d) < 0)
		return -1;
	if ((doc_id = find_content(s, sha256, d)) < 0)
		goto fail;
	if (!doc_id) {
		store_rollback(s);
		return 1;
	}
	if (bind_name(s, doc_id, file, &renamed, d) < 0 || store_commit(s, d) < 0)
		goto fail;
	*out = renamed ? STORE_RENAMED : STORE_UNCHANGED;
	return 0;
fail:
	store_rollback(s);
	return -1;
}

/* ---- re-extraction ---- */

static int cmp_id(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;
	return (x > y) - (x < y);
}

static int read_blocks(struct store *s, long long doc_id, struct loaded_block **out, size_t *n,
		       struct diag *d)
{
	sqlite3_stmt *st = store_prepare(s,
		"SELECT block_id, n, text, kind = 'table' FROM block WHERE doc_id = :doc_id ORDER BY n", d);
	size_t cap = 0;

	*out = NULL;
	*n = 0;
	if (!st)
		return -1;
	store_bind_int(st, ":doc_id", doc_id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct loaded_block *b;
		XGROW(*out, cap, *n + 1);
		b = &(*out)[(*n)++];
		memset(b, 0, sizeof(*b));
		b->id = sqlite3_column_int64(st, 0);
		b->len = (size_t)sqlite3_column_bytes(st, 2);
		b->text = xstrndup((const char *)sqlite3_column_text(st, 2), b->len);
		b->table = sqlite3_column_int(st, 3);
	}
	sqlite3_finalize(st);
	return 0;
}

int store_replace_facts(struct store *s, long long doc_id, const struct fact_list *facts,
			struct store_reextract_counts *c, struct diag *d)
{
	struct loaded_block *blocks = NULL;
	size_t nblocks = 0, nold = 0, oldcap = 0, nkept = 0, i;
	long long *old = NULL, *kept = xcalloc(facts->n + 1, sizeof(*kept));
	sqlite3_stmt *find = NULL, *del = NULL, *q = NULL;
	struct fact_stmt ins, upd;
	char now[32];
	int rc = -1;

	memset(&ins, 0, sizeof(ins));
	memset(&upd, 0, sizeof(upd));
	memset(c, 0, sizeof(*c));
	if (store_begin(s, d) < 0)
		goto out;
	if (read_blocks(s, doc_id, &blocks, &nblocks, d) < 0 ||
	    !(q = store_prepare(s, "SELECT fact_id FROM fact WHERE doc_id = :doc_id", d)) ||
	    !(find = store_prepare(s, "SELECT fact_id FROM fact WHERE doc_id = :doc_id AND "
				   "block_id = :block_id AND start_cp = :start_cp AND end_cp = :end_cp "
				   "AND kind = :kind AND quote = :quote", d)) ||
	    fact_stmt_prepare(s, &ins, insert_fact_sql, d) < 0 ||
	    fact_stmt_prepare(s, &upd, update_fact_sql, d) < 0 ||
	    !(del = store_prepare(s, "DELETE FROM fact WHERE fact_id = :fact_id", d)))
		goto fail;
	store_bind_int(q, ":doc_id", doc_id);
	while (sqlite3_step(q) == SQLITE_ROW) {
		XGROW(old, oldcap, nold + 1);
		old[nold++] = sqlite3_column_int64(q, 0);
	}
	for (i = 0; i < facts->n; i++) {
		const struct fact *f = &facts->v[i];
		struct loaded_block *b = fact_block(blocks, nblocks, f, d);
		long long id = 0;
		if (!b)
			goto fail;
		store_bind_int(find, ":doc_id", doc_id);
		store_bind_int(find, ":block_id", b->id);
		store_bind_int(find, ":start_cp", (long long)f->start);
		store_bind_int(find, ":end_cp", (long long)f->end);
		store_bind_text(find, ":kind", fact_kind_name(f->kind));
		store_bind_text(find, ":quote", f->quote ? f->quote : "");
		while (sqlite3_step(find) == SQLITE_ROW) {
			long long cand = sqlite3_column_int64(find, 0);
			size_t k;
			for (k = 0; k < nkept && kept[k] != cand; k++)
				;
			if (k == nkept) {  /* two identical mentions: each keeps one id */
				id = cand;
				break;
			}
		}
		sqlite3_reset(find);
		if (id) {
			bind_fact_fields(&upd, f, b);
			sqlite3_bind_int64(upd.st, upd.fact_id, id);
			if (store_step_done(s, upd.st, d) < 0)
				goto fail;
			kept[nkept++] = id;
			c->kept++;
		} else {
			if (insert_fact(s, &ins, doc_id, b, f, d) < 0)
				goto fail;
			c->added++;
		}
	}
	if (nkept > 1)
		qsort(kept, nkept, sizeof(*kept), cmp_id);
	for (i = 0; i < nold; i++) {
		if (bsearch(&old[i], kept, nkept, sizeof(*kept), cmp_id))
			continue;
		store_bind_int(del, ":fact_id", old[i]);
		if (store_step_done(s, del, d) < 0)
			goto fail;
		c->removed++;
	}
	sqlite3_finalize(q);
	if (!(q = store_prepare(s, "UPDATE document SET extracted_at = :now WHERE doc_id = :doc_id", d)))
		goto fail;
	store_now(now);
	store_bind_text(q, ":now", now);
	store_bind_int(q, ":doc_id", doc_id);
	if (store_step_done(s, q, d) < 0 || guess_publisher(s, doc_id, d) < 0 ||
	    store_commit(s, d) < 0)
		goto fail;
	rc = 0;
	goto out;
fail:
	store_rollback(s);
out:
	sqlite3_finalize(q);
	sqlite3_finalize(find);
	fact_stmt_finalize(&ins);
	fact_stmt_finalize(&upd);
	sqlite3_finalize(del);
	for (i = 0; i < nblocks; i++)
		free((char *)blocks[i].text);
	free(blocks);
	free(old);
	free(kept);
	return rc;
}

/* ---- migration ---- */

int store_contexts_rebuild(struct store *s, struct diag *d)
{
	sqlite3_stmt *q = store_prepare(s,
		"SELECT f.block_id, b.text, b.kind = 'table', f.fact_id, f.start_cp, f.end_cp, f.kind "
		"FROM fact f JOIN block b ON b.block_id = f.block_id "
		"ORDER BY f.block_id, f.start_cp, f.end_cp", d);
	sqlite3_stmt *upd = store_prepare(s,
		"UPDATE fact SET ctx_start = :start, ctx_end = :end, ctx_cut = :cut, "
		"sentence = :sentence WHERE fact_id = :fact_id", d);
	struct loaded_block b;
	struct strbuf extra = STRBUF_INIT, sentence = STRBUF_INIT;
	int rc = -1, step;

	memset(&b, 0, sizeof(b));
	b.id = -1;
	if (!q || !upd)
		goto out;
	while ((step = sqlite3_step(q)) == SQLITE_ROW) {
		struct fact f;
		struct fact_context ctx;
		if (sqlite3_column_int64(q, 0) != b.id) {
			free((char *)b.text);
			memset(&b, 0, sizeof(b));
			b.id = sqlite3_column_int64(q, 0);
			b.len = (size_t)sqlite3_column_bytes(q, 1);
			b.text = xstrndup((const char *)sqlite3_column_text(q, 1), b.len);
			b.table = sqlite3_column_int(q, 2);
		}
		memset(&f, 0, sizeof(f));  /* no fields: only the span and kind are read */
		f.start = (size_t)sqlite3_column_int64(q, 4);
		f.end = (size_t)sqlite3_column_int64(q, 5);
		if (fact_kind_parse((const char *)sqlite3_column_text(q, 6), &f.kind) < 0)
			f.kind = FACT_DATE;  /* the CHECK on fact.kind keeps this from happening */
		fact_texts_of(&b, &f, &ctx, &sentence, &extra);
		store_bind_int(upd, ":start", (long long)ctx.start);
		store_bind_int(upd, ":end", (long long)ctx.end);
		store_bind_int(upd, ":cut", ctx.cut);
		store_bind_text(upd, ":sentence", sentence.len ? sentence.buf : NULL);
		store_bind_int(upd, ":fact_id", sqlite3_column_int64(q, 3));
		if (store_step_done(s, upd, d) < 0)
			goto out;
	}
	if (step != SQLITE_DONE)
		store_sql_error(s, d, "read facts");
	else
		rc = 0;
out:
	free((char *)b.text);
	strbuf_release(&sentence);
	strbuf_release(&extra);
	sqlite3_finalize(q);
	sqlite3_finalize(upd);
	return rc;
}
