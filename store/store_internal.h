/* store_internal.h: what the store's own files share (db.c, load.c, query.c): the
 * handle and the prepared-statement helpers. Not for the driver. */
#ifndef STORE_INTERNAL_H
#define STORE_INTERNAL_H

#include <sqlite3.h>

#include "diag.h"
#include "strbuf.h"

struct store {
	sqlite3 *db;
	char *path;  /* for messages */
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

#endif
