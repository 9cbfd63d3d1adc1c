/* runs.c: the bookkeeping of `attest inbox`: one run row per invocation, one reject
 * row per name that failed (the latest failure). Exports store_run_begin,
 * store_run_end and store_reject. */
#include "store.h"

#include "store_internal.h"
#include "banned.h"

int store_run_begin(struct store *s, const char *dir, long long *run_id, struct diag *d)
{
	sqlite3_stmt *st = store_prepare(s, "INSERT INTO run(dir, started_at) VALUES (:dir, :now)", d);
	char now[32];
	int rc;

	if (!st)
		return -1;
	store_now(now);
	store_bind_text(st, ":dir", dir);
	store_bind_text(st, ":now", now);
	rc = store_step_done(s, st, d);
	*run_id = sqlite3_last_insert_rowid(s->db);
	sqlite3_finalize(st);
	return rc;
}

int store_run_end(struct store *s, long long run_id, const struct store_run_counts *c,
		  struct diag *d)
{
	sqlite3_stmt *st = store_prepare(s,
		"UPDATE run SET finished_at = :now, added = :added, renamed = :renamed, "
		"unchanged = :unchanged, rejected = :rejected, skipped = :skipped WHERE run_id = :run_id", d);
	char now[32];
	int rc;

	if (!st)
		return -1;
	store_now(now);
	store_bind_text(st, ":now", now);
	store_bind_int(st, ":added", c->added);
	store_bind_int(st, ":renamed", c->renamed);
	store_bind_int(st, ":unchanged", c->unchanged);
	store_bind_int(st, ":rejected", c->rejected);
	store_bind_int(st, ":skipped", c->skipped);
	store_bind_int(st, ":run_id", run_id);
	rc = store_step_done(s, st, d);
	sqlite3_finalize(st);
	return rc;
}

int store_reject(struct store *s, long long run_id, const struct store_file *file,
		 const char *sha256, const char *stage, const char *status, const char *reason,
		 struct diag *d)
{
	sqlite3_stmt *st = store_prepare(s,
		"INSERT INTO reject(name, run_id, size, mtime_ns, sha256, stage, status, reason, at) "
		"VALUES (:name, :run_id, :size, :mtime_ns, :sha256, :stage, :status, :reason, :now) "
		"ON CONFLICT(name) DO UPDATE SET run_id = excluded.run_id, size = excluded.size, "
		"mtime_ns = excluded.mtime_ns, sha256 = excluded.sha256, stage = excluded.stage, "
		"status = excluded.status, reason = excluded.reason, at = excluded.at", d);
	char now[32];
	int rc;

	if (!st)
		return -1;
	store_now(now);
	store_bind_text(st, ":name", file->name);
	store_bind_int_or_null(st, ":run_id", run_id > 0 ? run_id : -1);
	store_bind_int_or_null(st, ":size", file->size);
	store_bind_int_or_null(st, ":mtime_ns", file->mtime_ns);
	store_bind_text(st, ":sha256", sha256 && *sha256 ? sha256 : NULL);
	store_bind_text(st, ":stage", stage);
	store_bind_text(st, ":status", status);
	store_bind_text(st, ":reason", reason);
	store_bind_text(st, ":now", now);
	rc = store_step_done(s, st, d);
	sqlite3_finalize(st);
	return rc;
}
