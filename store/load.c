/* load.c: writing documents, names and facts. Exports store_load_document,
 * store_name_content and store_replace_facts.
 *
 * Invariants: each exported call is one transaction; a name has at most one current
 * file row; a document is retired exactly when no current name points at it; a fact's
 * known fields land in their own columns and every field in `fields` (JSON).
 */
#include "store.h"

#include <stdlib.h>
#include <string.h>

#include "store_internal.h"
#include "strbuf.h"
#include "banned.h"

static const char fact_columns[] =
	"value, unit, qualifier, approx, lo, hi, lo_open, hi_open, measure, period_from, "
	"period_to, period_kind, scope, attributed_to, row_header, col_header, date_from, "
	"date_to, precision, canonical, number, article, issuer, type, title, acronym, "
	"org_type";

static const char insert_fact_sql[] =
	"INSERT INTO fact(doc_id, block_id, kind, start_cp, end_cp, quote, context, fields, "
	"value, unit, qualifier, approx, lo, hi, lo_open, hi_open, measure, period_from, "
	"period_to, period_kind, scope, attributed_to, row_header, col_header, date_from, "
	"date_to, precision, canonical, number, article, issuer, type, title, acronym, org_type) "
	"VALUES (:doc_id, :block_id, :kind, :start_cp, :end_cp, :quote, :context, :fields, "
	":value, :unit, :qualifier, :approx, :lo, :hi, :lo_open, :hi_open, :measure, :period_from, "
	":period_to, :period_kind, :scope, :attributed_to, :row_header, :col_header, :date_from, "
	":date_to, :precision, :canonical, :number, :article, :issuer, :type, :title, :acronym, "
	":org_type)";

static const char update_fact_sql[] =
	"UPDATE fact SET context = :context, fields = :fields, value = :value, unit = :unit, "
	"qualifier = :qualifier, approx = :approx, lo = :lo, hi = :hi, lo_open = :lo_open, "
	"hi_open = :hi_open, measure = :measure, period_from = :period_from, "
	"period_to = :period_to, period_kind = :period_kind, scope = :scope, "
	"attributed_to = :attributed_to, row_header = :row_header, col_header = :col_header, "
	"date_from = :date_from, date_to = :date_to, precision = :precision, "
	"canonical = :canonical, number = :number, article = :article, issuer = :issuer, "
	"type = :type, title = :title, acronym = :acronym, org_type = :org_type "
	"WHERE fact_id = :fact_id";

/* ---- context: the sentence around a quote ---- */

/* Context is cut to about this many bytes on each side of the quote. */
#define CONTEXT_SIDE 240

static size_t byte_of_cp(const char *t, size_t len, size_t cp)
{
	size_t i = 0;

	for (; i < len && cp; cp--)
		for (i++; i < len && ((unsigned char)t[i] & 0xC0) == 0x80; i++)
			;
	return i;
}

/* Words after which a full stop does not end a sentence. */
static const char *const abbreviations[] = {
	"No", "Nos", "no", "nos", "art", "Art", "arts", "para", "paras", "Para", "p", "pp",
	"Mr", "Mrs", "Ms", "Dr", "St", "vol", "Vol", "e.g", "i.e", "etc", "cf", "Rev", "Add",
	"Corr", "Suppl", "approx", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep",
	"Sept", "Oct", "Nov", "Dec", "Ltd", "Inc", "Co",
};

static int is_abbreviation(const char *t, size_t dot)
{
	size_t w = dot, i;

	while (w > 0 && t[w - 1] != ' ' && t[w - 1] != '(')
		w--;
	if (dot - w == 1)
		return 1;  /* initials: "J. Smith", "(a)." is rare enough */
	for (i = 0; i < sizeof(abbreviations) / sizeof(abbreviations[0]); i++)
		if (strlen(abbreviations[i]) == dot - w && !memcmp(t + w, abbreviations[i], dot - w))
			return 1;
	return 0;
}

/* Is byte at a sentence end ("." "?" "!" followed by a space and a capital or digit)? */
static int sentence_end(const char *t, size_t len, size_t at)
{
	unsigned char next;

	if (t[at] != '.' && t[at] != '?' && t[at] != '!')
		return 0;
	if (at + 1 >= len)
		return 1;
	if (t[at + 1] != ' ' || at + 2 >= len)
		return 0;
	next = (unsigned char)t[at + 2];
	if (!((next >= 'A' && next <= 'Z') || (next >= '0' && next <= '9') || next >= 0x80 ||
	      next == '"' || next == '('))
		return 0;
	return !(t[at] == '.' && is_abbreviation(t, at));
}

static void context_of(const char *t, size_t len, int table, size_t bs, size_t be,
		       struct strbuf *out)
{
	size_t s = bs, e = be, cut;

	if (table) {
		while (s > 0 && t[s - 1] != '\n')
			s--;
		while (e < len && t[e] != '\n')
			e++;
	} else {
		while (s > 0 && !(s >= 2 && sentence_end(t, len, s - 2)))
			s--;
		while (e < len && !sentence_end(t, len, e))
			e++;
		if (e < len)
			e++;  /* keep the full stop */
	}
	strbuf_reset(out);
	if (bs > s + CONTEXT_SIDE) {
		cut = bs - CONTEXT_SIDE;
		while (cut < bs && t[cut] != ' ')
			cut++;
		s = cut < bs ? cut + 1 : bs;
		strbuf_adds(out, "…");
	}
	cut = e;
	if (e > be + CONTEXT_SIDE) {
		cut = be + CONTEXT_SIDE;
		while (cut > be && t[cut] != ' ')
			cut--;
	}
	for (size_t i = s; i < cut; i++)
		strbuf_addch(out, t[i] == '\n' ? ' ' : t[i] == '\t' ? ' ' : t[i]);
	if (cut < e)
		strbuf_adds(out, "…");
}

/* ---- binding facts ---- */

static void fields_json(const struct fact *f, struct strbuf *sb)
{
	size_t i;

	strbuf_reset(sb);
	strbuf_addch(sb, '{');
	for (i = 0; i < f->nfields; i++) {
		if (i)
			strbuf_addch(sb, ',');
		store_json_string(sb, f->fields[i].key);
		strbuf_addch(sb, ':');
		store_json_string(sb, f->fields[i].value);
	}
	strbuf_addch(sb, '}');
}

/* Bind the field columns of st from f (":key" for each key the statement names),
 * then the context and fields JSON. */
static void bind_fact_fields(sqlite3_stmt *st, const struct fact *f, const char *text,
			     size_t len, int table, struct strbuf *scratch)
{
	struct strbuf name = STRBUF_INIT;
	size_t i, bs, be;

	strbuf_init(&name);
	for (i = 0; i < f->nfields; i++) {
		const char *v = f->fields[i].value;
		strbuf_reset(&name);
		strbuf_addf(&name, ":%s", f->fields[i].key);
		/* Only the field columns; :doc_id and friends are bound by the caller after. */
		if (strstr(fact_columns, f->fields[i].key))
			store_bind_text(st, name.buf, v && *v ? v : NULL);
	}
	strbuf_release(&name);
	bs = byte_of_cp(text, len, f->start);
	be = byte_of_cp(text, len, f->end);
	if (be < bs)
		be = bs;
	context_of(text, len, table, bs, be, scratch);
	store_bind_text(st, ":context", scratch->buf);
	fields_json(f, scratch);
	store_bind_text(st, ":fields", scratch->buf);
}

/* ---- documents and names ---- */

struct loaded_block {
	long long id;
	const char *text;
	size_t len;
	int table;
};

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

static int insert_blocks(struct store *s, const struct document *doc, long long doc_id,
			 struct loaded_block *out, struct diag *d)
{
	sqlite3_stmt *bst = store_prepare(s,
		"INSERT INTO block(doc_id, n, kind, page, label, text, header_rows) "
		"VALUES (:doc_id, :n, :kind, :page, :label, :text, :header_rows)", d);
	sqlite3_stmt *rst = bst ? store_prepare(s,
		"INSERT INTO note_ref(block_id, seq, at, n) VALUES (:block_id, :seq, :at, :n)", d) : NULL;
	size_t i, j;
	int rc = -1;

	if (!rst)
		goto out;
	for (i = 0; i < doc->nblocks; i++) {
		const struct block *b = &doc->blocks[i];
		store_bind_int(bst, ":doc_id", doc_id);
		store_bind_int(bst, ":n", (long long)b->id);
		store_bind_text(bst, ":kind", block_kind_name(b->kind));
		store_bind_int(bst, ":page", b->page);
		store_bind_text(bst, ":label", b->label);
		store_bind_text(bst, ":text", b->text ? b->text : "");
		store_bind_int(bst, ":header_rows", b->header_rows);
		if (store_step_done(s, bst, d) < 0)
			goto out;
		out[i].id = sqlite3_last_insert_rowid(s->db);
		out[i].text = b->text ? b->text : "";
		out[i].len = b->text ? b->len : 0;
		out[i].table = b->kind == BLOCK_TABLE;
		for (j = 0; j < b->nrefs; j++) {
			store_bind_int(rst, ":block_id", out[i].id);
			store_bind_int(rst, ":seq", (long long)j);
			store_bind_int(rst, ":at", (long long)b->refs[j].at);
			store_bind_text(rst, ":n", b->refs[j].n);
			if (store_step_done(s, rst, d) < 0)
				goto out;
		}
	}
	rc = 0;
out:
	sqlite3_finalize(rst);
	sqlite3_finalize(bst);
	return rc;
}

static int insert_fact(struct store *s, sqlite3_stmt *st, long long doc_id,
		       const struct loaded_block *b, const struct fact *f, struct strbuf *scratch,
		       struct diag *d)
{
	sqlite3_clear_bindings(st);
	bind_fact_fields(st, f, b->text, b->len, b->table, scratch);
	store_bind_int(st, ":doc_id", doc_id);
	store_bind_int(st, ":block_id", b->id);
	store_bind_text(st, ":kind", fact_kind_name(f->kind));
	store_bind_int(st, ":start_cp", (long long)f->start);
	store_bind_int(st, ":end_cp", (long long)f->end);
	store_bind_text(st, ":quote", f->quote ? f->quote : "");
	return store_step_done(s, st, d);
}

static const struct loaded_block *fact_block(const struct loaded_block *blocks, size_t nblocks,
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
	sqlite3_stmt *st = store_prepare(s,
		"UPDATE document SET publisher = ("
		" SELECT coalesce(max(f.acronym), f.canonical) FROM fact f"
		" JOIN block b ON b.block_id = f.block_id"
		" WHERE f.doc_id = :doc_id AND f.kind = 'org' AND f.canonical IS NOT NULL AND b.n <= 3"
		" GROUP BY f.canonical ORDER BY count(*) DESC, min(b.n * 1000000 + f.start_cp) LIMIT 1)"
		" WHERE doc_id = :doc_id AND author IS NULL", d);
	int rc;

	if (!st)
		return -1;
	store_bind_int(st, ":doc_id", doc_id);
	rc = store_step_done(s, st, d);
	sqlite3_finalize(st);
	return rc;
}

static int load_content(struct store *s, const struct document *doc, const struct fact_list *facts,
			const char *name, long long *doc_id, struct diag *d)
{
	struct loaded_block *blocks = xcalloc(doc->nblocks + 1, sizeof(*blocks));
	struct strbuf scratch = STRBUF_INIT;
	sqlite3_stmt *st = NULL;
	size_t i;
	int rc = -1;

	strbuf_init(&scratch);
	if (insert_document(s, doc, name, doc_id, d) < 0 ||
	    insert_blocks(s, doc, *doc_id, blocks, d) < 0 ||
	    !(st = store_prepare(s, insert_fact_sql, d)))
		goto out;
	for (i = 0; i < facts->n; i++) {
		const struct loaded_block *b = fact_block(blocks, doc->nblocks, &facts->v[i], d);
		if (!b || insert_fact(s, st, *doc_id, b, &facts->v[i], &scratch, d) < 0)
			goto out;
	}
	if (guess_publisher(s, *doc_id, d) < 0)
		goto out;
	rc = 0;
out:
	sqlite3_finalize(st);
	strbuf_release(&scratch);
	free(blocks);
	return rc;
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
	if (store_begin(s, d) < 0)
		return -1;
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
	return 0;
fail:
	store_rollback(s);
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
	sqlite3_stmt *find = NULL, *ins = NULL, *upd = NULL, *del = NULL, *q = NULL;
	struct strbuf scratch = STRBUF_INIT;
	char now[32];
	int rc = -1;

	strbuf_init(&scratch);
	memset(c, 0, sizeof(*c));
	if (store_begin(s, d) < 0)
		goto out;
	if (read_blocks(s, doc_id, &blocks, &nblocks, d) < 0 ||
	    !(q = store_prepare(s, "SELECT fact_id FROM fact WHERE doc_id = :doc_id", d)) ||
	    !(find = store_prepare(s, "SELECT fact_id FROM fact WHERE doc_id = :doc_id AND "
				   "block_id = :block_id AND start_cp = :start_cp AND end_cp = :end_cp "
				   "AND kind = :kind AND quote = :quote", d)) ||
	    !(ins = store_prepare(s, insert_fact_sql, d)) ||
	    !(upd = store_prepare(s, update_fact_sql, d)) ||
	    !(del = store_prepare(s, "DELETE FROM fact WHERE fact_id = :fact_id", d)))
		goto fail;
	store_bind_int(q, ":doc_id", doc_id);
	while (sqlite3_step(q) == SQLITE_ROW) {
		XGROW(old, oldcap, nold + 1);
		old[nold++] = sqlite3_column_int64(q, 0);
	}
	for (i = 0; i < facts->n; i++) {
		const struct fact *f = &facts->v[i];
		const struct loaded_block *b = fact_block(blocks, nblocks, f, d);
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
			sqlite3_clear_bindings(upd);
			bind_fact_fields(upd, f, b->text, b->len, b->table, &scratch);
			store_bind_int(upd, ":fact_id", id);
			if (store_step_done(s, upd, d) < 0)
				goto fail;
			kept[nkept++] = id;
			c->kept++;
		} else {
			if (insert_fact(s, ins, doc_id, b, f, &scratch, d) < 0)
				goto fail;
			c->added++;
		}
	}
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
	sqlite3_finalize(ins);
	sqlite3_finalize(upd);
	sqlite3_finalize(del);
	for (i = 0; i < nblocks; i++)
		free((char *)blocks[i].text);
	free(blocks);
	free(old);
	free(kept);
	strbuf_release(&scratch);
	return rc;
}
