/* db.c: opening the store: pragmas, schema creation, version check and migration,
 * transactions and the clock. Exports store_open/close/sqlite/set_timing, store_begin/
 * commit/rollback and store_now.
 *
 * Invariant: after store_open() succeeds, PRAGMA user_version equals
 * STORE_SCHEMA_VERSION and the views are those of the embedded schema.sql (the text's
 * SHA-256 is kept in meta, so a changed view is re-created on the next open).
 */
#include "store.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "sha256.h"
#include "store_internal.h"
#include "schema_sql.h"
#include "banned.h"

/* Wait this long for another writer (an inbox run, an analyst's sqlite3) to finish. */
#define BUSY_TIMEOUT_MS 60000

int store_sql_error(struct store *s, struct diag *d, const char *what)
{
	return diag_set(d, "%s: %s: %s", s->path, what, sqlite3_errmsg(s->db));
}

static int exec(struct store *s, const char *sql, struct diag *d)
{
	char *err = NULL;

	if (sqlite3_exec(s->db, sql, NULL, NULL, &err) != SQLITE_OK) {
		diag_set(d, "%s: %s", s->path, err ? err : sqlite3_errmsg(s->db));
		sqlite3_free(err);
		return -1;
	}
	return 0;
}

int store_begin(struct store *s, struct diag *d)
{
	return exec(s, "BEGIN IMMEDIATE", d);
}

int store_commit(struct store *s, struct diag *d)
{
	return exec(s, "COMMIT", d);
}

void store_rollback(struct store *s)
{
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

sqlite3_stmt *store_prepare(struct store *s, const char *sql, struct diag *d)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
		store_sql_error(s, d, "prepare");
		return NULL;
	}
	return st;
}

void store_bind_text(sqlite3_stmt *st, const char *param, const char *v)
{
	int i = sqlite3_bind_parameter_index(st, param);

	if (i > 0) {
		if (v)
			sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
		else
			sqlite3_bind_null(st, i);
	}
}

void store_bind_int(sqlite3_stmt *st, const char *param, long long v)
{
	int i = sqlite3_bind_parameter_index(st, param);

	if (i > 0)
		sqlite3_bind_int64(st, i, v);
}

void store_bind_int_or_null(sqlite3_stmt *st, const char *param, long long v)
{
	int i = sqlite3_bind_parameter_index(st, param);

	if (i > 0) {
		if (v >= 0)
			sqlite3_bind_int64(st, i, v);
		else
			sqlite3_bind_null(st, i);
	}
}

int store_step_done(struct store *s, sqlite3_stmt *st, struct diag *d)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return store_sql_error(s, d, "step");
	return 0;
}

static int user_version(struct store *s, int *out, struct diag *d)
{
	sqlite3_stmt *st = store_prepare(s, "PRAGMA user_version", d);
	int rc = -1;

	if (!st)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW) {
		*out = sqlite3_column_int(st, 0);
		rc = 0;
	} else {
		store_sql_error(s, d, "read schema version");
	}
	sqlite3_finalize(st);
	return rc;
}

/* 1 when the store has no tables at all (just created). */
static int store_is_empty(struct store *s, struct diag *d)
{
	sqlite3_stmt *st = store_prepare(s, "SELECT count(*) FROM sqlite_schema", d);
	int rc = -1;

	if (!st)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		rc = sqlite3_column_int(st, 0) == 0;
	else
		store_sql_error(s, d, "read schema");
	sqlite3_finalize(st);
	return rc;
}

static int meta_get(struct store *s, const char *key, char *out, size_t outsz)
{
	sqlite3_stmt *st = NULL;
	int found = 0;

	out[0] = '\0';
	if (sqlite3_prepare_v2(s->db, "SELECT value FROM meta WHERE key = :key", -1, &st, NULL) !=
	    SQLITE_OK)
		return 0;  /* no meta table yet */
	store_bind_text(st, ":key", key);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0)) {
		snprintf(out, outsz, "%s", (const char *)sqlite3_column_text(st, 0));
		found = 1;
	}
	sqlite3_finalize(st);
	return found;
}

static int meta_set(struct store *s, const char *key, const char *value, struct diag *d)
{
	sqlite3_stmt *st = store_prepare(s,
		"INSERT INTO meta(key, value) VALUES (:key, :value) "
		"ON CONFLICT(key) DO UPDATE SET value = excluded.value", d);
	int rc;

	if (!st)
		return -1;
	store_bind_text(st, ":key", key);
	store_bind_text(st, ":value", value);
	rc = store_step_done(s, st, d);
	sqlite3_finalize(st);
	return rc;
}

/* Migration steps: migrations[v] turns a version-v store into version v + 1 before
 * schema.sql runs (schema.sql then adds new tables and re-creates the views).
 * Version 0 is an empty store or the foundation's placeholder (a bare meta table):
 * schema.sql alone creates the current shape, so no step runs for it. */
static const char *const migrations[STORE_SCHEMA_VERSION] = {
	/* 0 → 1 */ "",
	/* 1 → 2 */ "ALTER TABLE document ADD COLUMN publisher TEXT",
	/* 2 → 3: the context as a span of the block (filled by store_contexts_rebuild),
	 * the fields JSON cut down to the keys without a column. A column cannot be dropped
	 * while a view or an index names it. */
	/* 2 → 3 */ "DROP VIEW IF EXISTS facts; DROP VIEW IF EXISTS citations; "
		"DROP VIEW IF EXISTS discrepancies; DROP VIEW IF EXISTS documents; "
		"DROP INDEX IF EXISTS fact_cmp_law; DROP INDEX IF EXISTS fact_cmp_decree_dated; "
		"ALTER TABLE fact ADD COLUMN ctx_start INTEGER NOT NULL DEFAULT 0; "
		"ALTER TABLE fact ADD COLUMN ctx_end INTEGER NOT NULL DEFAULT 0; "
		"ALTER TABLE fact ADD COLUMN ctx_cut INTEGER NOT NULL DEFAULT 0; "
		"ALTER TABLE fact ADD COLUMN sentence TEXT; "
		"ALTER TABLE fact ADD COLUMN extra TEXT; "
		"UPDATE fact SET extra = (SELECT nullif(json_group_object(key, value), '{}') "
		"FROM json_each(fact.fields) WHERE key NOT IN ('value', 'unit', 'qualifier', "
		"'approx', 'lo', 'hi', 'lo_open', 'hi_open', 'measure', 'period_from', 'period_to', "
		"'period_kind', 'scope', 'attributed_to', 'row_header', 'col_header', 'date_from', "
		"'date_to', 'precision', 'canonical', 'number', 'article', 'issuer', 'type', 'title', "
		"'acronym', 'org_type')); "
		"ALTER TABLE fact DROP COLUMN context; "
		"ALTER TABLE fact DROP COLUMN fields",
};

/* C steps run after migrations[v]'s SQL (NULL: none). */
static int (*const migration_steps[STORE_SCHEMA_VERSION])(struct store *, struct diag *) = {
	/* 2 → 3 */ [2] = store_contexts_rebuild,
};

static int upgrade(struct store *s, int from, const char *schema_hash, struct diag *d)
{
	char num[16];
	int v;

	if (store_begin(s, d) < 0)
		return -1;
	/* read again under the write lock: another process may have upgraded the store
	 * since check_schema looked (two `attest status` runs on one old store) */
	if (user_version(s, &from, d) < 0)
		goto fail;
	for (v = from ? from : STORE_SCHEMA_VERSION; v < STORE_SCHEMA_VERSION; v++)
		if ((*migrations[v] && exec(s, migrations[v], d) < 0) ||
		    (migration_steps[v] && migration_steps[v](s, d) < 0))
			goto fail;
	if (exec(s, schema_sql, d) < 0)
		goto fail;
	snprintf(num, sizeof(num), "%d", STORE_SCHEMA_VERSION);
	if (meta_set(s, "schema_version", num, d) < 0 ||
	    meta_set(s, "schema_sha256", schema_hash, d) < 0 ||
	    meta_set(s, "created_by", "attest " ATTEST_VERSION, d) < 0)
		goto fail;
	{
		/* PRAGMA takes no parameters; the value is our own constant. */
		char pragma[48];
		snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d", STORE_SCHEMA_VERSION);
		if (exec(s, pragma, d) < 0)
			goto fail;
	}
	return store_commit(s, d);
fail:
	store_rollback(s);
	return -1;
}

static int check_schema(struct store *s, unsigned flags, struct diag *d)
{
	char hash[65], stored[80];
	int version, empty;

	sha256_hex(schema_sql, strlen(schema_sql), hash);
	if (user_version(s, &version, d) < 0)
		return -1;
	if (version > STORE_SCHEMA_VERSION)
		return diag_set(d, "%s: store has schema version %d, newer than this program's %d; "
				"use a newer attest", s->path, version, STORE_SCHEMA_VERSION);
	if (version == STORE_SCHEMA_VERSION && meta_get(s, "schema_sha256", stored, sizeof(stored)) &&
	    !strcmp(stored, hash))
		return 0;
	if ((empty = store_is_empty(s, d)) < 0)
		return -1;
	if (flags & STORE_READONLY)
		return diag_set(d, "%s: %s", s->path, empty ? "not an attest store" :
				"store needs an upgrade; open it once without read-only");
	if (upgrade(s, version, hash, d) < 0)
		return -1;
	/* Another process may have upgraded meanwhile: re-check under our own version. */
	return 0;
}

/* Switching a new store to WAL needs it to itself for a moment and, unlike the other
 * statements, gets SQLITE_BUSY at once (no busy handler) when a second process opens
 * the store at the same time (two `attest inbox` runs on a new store): retry as the
 * busy handler would. */
static int set_wal(struct store *s, struct diag *d)
{
	int waited, rc;

	for (waited = 0;; waited += 10) {
		rc = sqlite3_exec(s->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
		if (rc == SQLITE_OK)
			return 0;
		if (((rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED) ||
		    waited >= BUSY_TIMEOUT_MS)
			return store_sql_error(s, d, "PRAGMA journal_mode = WAL");
		sqlite3_sleep(10);
	}
}

/* SQLite counts every allocation for sqlite3_memory_used() under a global mutex
 * unless told not to; the store never asks, and the lock and unlock around each of a
 * load's allocations were 2% of its samples. Only possible before SQLite starts: the
 * first store_open of the process does it, and a later call is refused harmlessly. */
static pthread_once_t sqlite_configured = PTHREAD_ONCE_INIT;

static void configure_sqlite(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

int store_open(const char *path, unsigned flags, struct store **out, struct diag *d)
{
	struct store *s = xcalloc(1, sizeof(*s));
	int oflags = (flags & STORE_READONLY) ? SQLITE_OPEN_READONLY :
		(SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);

	*out = NULL;
	pthread_once(&sqlite_configured, configure_sqlite);
	s->path = xstrdup(path);
	if ((flags & (STORE_READONLY | STORE_NO_CREATE)) && strcmp(path, ":memory:") &&
	    access(path, F_OK) < 0) {
		diag_set(d, "%s: no such store (run 'attest inbox' first)", path);
		goto fail;
	}
	if (flags & STORE_NO_CREATE)
		oflags &= ~SQLITE_OPEN_CREATE;
	if (sqlite3_open_v2(path, &s->db, oflags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		diag_set(d, "%s: cannot open store: %s", path,
			 s->db ? sqlite3_errmsg(s->db) : "out of memory");
		goto fail;
	}
	sqlite3_busy_timeout(s->db, BUSY_TIMEOUT_MS);
	sqlite3_extended_result_codes(s->db, 1);
	if (exec(s, "PRAGMA foreign_keys = ON", d) < 0)
		goto fail;
	/* 16 KB pages for a store made now (an existing one keeps its size): a quarter of
	 * the write calls, which WAL makes twice per page; loading the bench's 173,214
	 * facts took 1.63 s instead of 1.81 s (median of 5 runs each). */
	if (!(flags & STORE_READONLY) &&
	    (exec(s, "PRAGMA page_size = 16384", d) < 0 || set_wal(s, d) < 0 ||
	     exec(s, "PRAGMA synchronous = NORMAL", d) < 0))
		goto fail;
	if (check_schema(s, flags, d) < 0)
		goto fail;
	*out = s;
	return 0;
fail:
	store_close(s);
	return -1;
}

void store_close(struct store *s)
{
	if (!s)
		return;
	if (s->db)
		sqlite3_close(s->db);
	free(s->path);
	free(s);
}

void store_set_timing(struct store *s, struct timing *t)
{
	s->timing = t;
}

struct sqlite3 *store_sqlite(struct store *s)
{
	return s->db;
}

void store_now(char out[32])
{
	const char *now = getenv("ATTEST_NOW"), *epoch = getenv("SOURCE_DATE_EPOCH");
	time_t t;
	struct tm tm;

	if (now && *now) {
		snprintf(out, 32, "%s", now);
		return;
	}
	t = time(NULL);
	if (epoch && *epoch) {
		char *end;
		long long v;
		errno = 0;
		v = strtoll(epoch, &end, 10);
		if (!errno && !*end && v >= 0)
			t = (time_t)v;
	}
	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}
