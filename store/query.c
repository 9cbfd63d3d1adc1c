/* query.c: the read side behind `attest status|cite|facts|conflicts`: fixed SQL over
 * the views of schema.sql with bound parameters, and one row writer for every output
 * format. Exports store_format_parse and store_write_*. Output order is fixed by each
 * query's ORDER BY, so outputs are deterministic. */
#include "store.h"

#include <stdlib.h>
#include <string.h>

#include "facts.h"
#include "store_internal.h"
#include "strbuf.h"
#include "banned.h"

static const struct {
	const char *name;
	enum store_format fmt;
} formats[] = {
	{ "table", FORMAT_TABLE }, { "tsv", FORMAT_TSV }, { "csv", FORMAT_CSV },
	{ "json", FORMAT_JSON }, { "jsonl", FORMAT_JSONL }, { "md", FORMAT_MD },
	{ "plain", FORMAT_PLAIN },
};

int store_format_parse(const char *s, enum store_format *out)
{
	size_t i;

	for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
		if (!strcmp(s, formats[i].name)) {
			*out = formats[i].fmt;
			return 0;
		}
	return -1;
}

/* Cells of the table format are cut to this many code points. */
#define TABLE_CELL_MAX 48

static size_t utf8_width(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* Copy of s cut to max code points ("…" marks the cut), with TAB/LF as spaces. */
static char *table_cell(const char *s, size_t max)
{
	struct strbuf sb = STRBUF_INIT;
	size_t n = 0;

	strbuf_init(&sb);
	for (; *s; s++) {
		if (((unsigned char)*s & 0xC0) != 0x80 && ++n > max) {
			strbuf_setlen(&sb, sb.len);
			strbuf_adds(&sb, "…");
			break;
		}
		strbuf_addch(&sb, *s == '\t' || *s == '\n' ? ' ' : *s);
	}
	return strbuf_detach(&sb, NULL);
}

static void add_csv(struct strbuf *sb, const char *s)
{
	if (!strpbrk(s, ",\"\n\r")) {
		strbuf_adds(sb, s);
		return;
	}
	strbuf_addch(sb, '"');
	for (; *s; s++) {
		if (*s == '"')
			strbuf_addch(sb, '"');
		strbuf_addch(sb, *s);
	}
	strbuf_addch(sb, '"');
}

static void add_md(struct strbuf *sb, const char *s)
{
	for (; *s; s++) {
		if (*s == '|' || *s == '\\')
			strbuf_addch(sb, '\\');
		strbuf_addch(sb, *s == '\n' || *s == '\t' ? ' ' : *s);
	}
}

/* Text of column i, "" for NULL; numbers as SQLite prints them (231, 1.5). */
static const char *cell(sqlite3_stmt *st, int i)
{
	const char *t = (const char *)sqlite3_column_text(st, i);
	return t ? t : "";
}

static void add_json_value(struct strbuf *sb, sqlite3_stmt *st, int i)
{
	switch (sqlite3_column_type(st, i)) {
	case SQLITE_NULL: strbuf_adds(sb, "null"); break;
	case SQLITE_INTEGER:
	case SQLITE_FLOAT: strbuf_adds(sb, cell(st, i)); break;
	default: store_json_string(sb, cell(st, i));
	}
}

/* Write every row of st in fmt. Returns the row count, or -1 with d set. */
static long long write_rows(struct store *s, sqlite3_stmt *st, enum store_format fmt, FILE *out,
			    struct diag *d)
{
	int ncols = sqlite3_column_count(st), i, rc;
	struct strbuf sb = STRBUF_INIT;
	char **cells = NULL;
	size_t ncells = 0, cap = 0, *width = xcalloc((size_t)ncols + 1, sizeof(*width));
	long long rows = 0;

	strbuf_init(&sb);
	if (fmt == FORMAT_TSV || fmt == FORMAT_CSV || fmt == FORMAT_MD) {
		for (i = 0; i < ncols; i++) {
			const char *name = sqlite3_column_name(st, i);
			if (fmt == FORMAT_MD)
				strbuf_adds(&sb, "| ");
			else if (i)
				strbuf_addch(&sb, fmt == FORMAT_TSV ? '\t' : ',');
			strbuf_adds(&sb, name);
			if (fmt == FORMAT_MD)
				strbuf_addch(&sb, ' ');
		}
		strbuf_adds(&sb, fmt == FORMAT_MD ? "|\n" : "\n");
		if (fmt == FORMAT_MD) {
			for (i = 0; i < ncols; i++)
				strbuf_adds(&sb, "| --- ");
			strbuf_adds(&sb, "|\n");
		}
	} else if (fmt == FORMAT_JSON) {
		strbuf_addch(&sb, '[');
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (fmt == FORMAT_JSON || fmt == FORMAT_JSONL) {
			if (fmt == FORMAT_JSON)
				strbuf_adds(&sb, rows ? ",\n " : "\n ");
			strbuf_addch(&sb, '{');
			for (i = 0; i < ncols; i++) {
				if (i)
					strbuf_addch(&sb, ',');
				store_json_string(&sb, sqlite3_column_name(st, i));
				strbuf_addch(&sb, ':');
				add_json_value(&sb, st, i);
			}
			strbuf_addch(&sb, '}');
			if (fmt == FORMAT_JSONL)
				strbuf_addch(&sb, '\n');
		} else if (fmt == FORMAT_TABLE || fmt == FORMAT_PLAIN) {
			for (i = 0; i < ncols; i++) {
				char *c = table_cell(cell(st, i), TABLE_CELL_MAX);
				size_t w = utf8_width(c);
				if (w > width[i])
					width[i] = w;
				XGROW(cells, cap, ncells + 1);
				cells[ncells++] = c;
			}
		} else {
			for (i = 0; i < ncols; i++) {
				if (fmt == FORMAT_MD) {
					strbuf_adds(&sb, "| ");
					add_md(&sb, cell(st, i));
					strbuf_addch(&sb, ' ');
				} else {
					if (i)
						strbuf_addch(&sb, fmt == FORMAT_TSV ? '\t' : ',');
					if (fmt == FORMAT_TSV)
						facts_escape(&sb, cell(st, i));
					else
						add_csv(&sb, cell(st, i));
				}
			}
			strbuf_adds(&sb, fmt == FORMAT_MD ? "|\n" : "\n");
		}
		rows++;
	}
	if (rc != SQLITE_DONE) {
		store_sql_error(s, d, "query");
		rows = -1;
		goto out;
	}
	if (fmt == FORMAT_JSON)
		strbuf_adds(&sb, rows ? "\n]\n" : "]\n");
	if ((fmt == FORMAT_TABLE || fmt == FORMAT_PLAIN) && rows) {
		size_t r, k = 0;
		for (i = 0; i < ncols; i++) {
			size_t w = utf8_width(sqlite3_column_name(st, i));
			if (w > width[i])
				width[i] = w;
		}
		for (r = 0; r <= (size_t)rows; r++) {
			for (i = 0; i < ncols; i++) {
				const char *c = r ? cells[k++] : sqlite3_column_name(st, i);
				strbuf_adds(&sb, c);
				if (i + 1 < ncols)
					strbuf_addf(&sb, "%*s", (int)(width[i] - utf8_width(c) + 2), "");
			}
			strbuf_rtrim(&sb);
			strbuf_addch(&sb, '\n');
		}
	}
	fwrite(sb.buf, 1, sb.len, out);
out:
	while (ncells)
		free(cells[--ncells]);
	free(cells);
	free(width);
	strbuf_release(&sb);
	return rows;
}

static long long write_query(struct store *s, const char *sql, const char *const *params,
			     enum store_format fmt, FILE *out, struct diag *d)
{
	sqlite3_stmt *st = store_prepare(s, sql, d);
	long long rows;

	if (!st)
		return -1;
	for (; params && *params; params += 2)
		store_bind_text(st, params[0], params[1]);
	rows = write_rows(s, st, fmt, out, d);
	sqlite3_finalize(st);
	return rows;
}

/* ---- status ---- */

static long long scalar(struct store *s, const char *sql, struct diag *d)
{
	sqlite3_stmt *st = store_prepare(s, sql, d);
	long long v = -1;

	if (!st)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	else
		store_sql_error(s, d, "query");
	sqlite3_finalize(st);
	return v;
}

int store_write_status(struct store *s, FILE *out, struct diag *d)
{
	long long docs, retired, names, nfacts, nrejects;
	sqlite3_stmt *st;

	if ((docs = scalar(s, "SELECT count(*) FROM document WHERE retired = 0", d)) < 0 ||
	    (retired = scalar(s, "SELECT count(*) FROM document WHERE retired = 1", d)) < 0 ||
	    (names = scalar(s, "SELECT count(*) FROM file WHERE current = 1", d)) < 0 ||
	    (nfacts = scalar(s, "SELECT count(*) FROM facts", d)) < 0 ||
	    (nrejects = scalar(s, "SELECT count(*) FROM reject", d)) < 0)
		return -1;
	fprintf(out, "store: %s (schema %d)\n", s->path, STORE_SCHEMA_VERSION);
	fprintf(out, "documents: %lld current (%lld names), %lld retired versions\n", docs, names,
		retired);
	fprintf(out, "facts: %lld", nfacts);
	if (!(st = store_prepare(s, "SELECT kind, count(*) FROM facts GROUP BY kind ORDER BY "
				 "CASE kind WHEN 'date' THEN 1 WHEN 'figure' THEN 2 WHEN 'law' THEN 3 "
				 "WHEN 'decree' THEN 4 ELSE 5 END", d)))
		return -1;
	for (int first = 1; sqlite3_step(st) == SQLITE_ROW; first = 0)
		fprintf(out, "%s%s %lld", first ? " (" : ", ", cell(st, 0), sqlite3_column_int64(st, 1));
	fputs(nfacts ? ")\n" : "\n", out);
	sqlite3_finalize(st);
	if (!(st = store_prepare(s, "SELECT started_at, dir, added, renamed, unchanged, rejected, "
				 "skipped, finished_at IS NULL FROM run ORDER BY run_id DESC LIMIT 1", d)))
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		fprintf(out, "last run: %s %s: %lld added, %lld renamed, %lld unchanged, "
			"%lld rejected, %lld skipped%s\n", cell(st, 0), cell(st, 1),
			sqlite3_column_int64(st, 2), sqlite3_column_int64(st, 3),
			sqlite3_column_int64(st, 4), sqlite3_column_int64(st, 5),
			sqlite3_column_int64(st, 6), sqlite3_column_int(st, 7) ? " (unfinished)" : "");
	sqlite3_finalize(st);
	fprintf(out, "rejects: %lld\n", nrejects);
	if (!(st = store_prepare(s, "SELECT name, status, stage, reason FROM reject ORDER BY name", d)))
		return -1;
	while (sqlite3_step(st) == SQLITE_ROW)
		fprintf(out, "  %s: %s at %s: %s\n", cell(st, 0), cell(st, 1), cell(st, 2), cell(st, 3));
	sqlite3_finalize(st);
	return 0;
}

/* ---- cite ---- */

int store_write_citation(struct store *s, long long fact_id, enum store_format fmt, FILE *out,
			 struct diag *d)
{
	sqlite3_stmt *st = store_prepare(s,
		"SELECT citation, author, symbol, coalesce(symbol, title, doc), year, "
		"page, para, sentence FROM citations WHERE fact_id = :fact_id", d);
	struct strbuf sb = STRBUF_INIT;
	int rc = 1;

	if (!st)
		return -1;
	strbuf_init(&sb);
	store_bind_int(st, ":fact_id", fact_id);
	if (sqlite3_step(st) != SQLITE_ROW)
		goto out;
	if (fmt != FORMAT_MD) {
		fprintf(out, "%s\n", cell(st, 0));
		rc = 0;
		goto out;
	}
	/* Markdown: the title in italics (a symbol stays roman), the sentence in quotes. */
	if (*cell(st, 1)) {
		add_md(&sb, cell(st, 1));
		strbuf_adds(&sb, ", ");
	}
	if (*cell(st, 2)) {
		add_md(&sb, cell(st, 3));
	} else {
		strbuf_addch(&sb, '*');
		add_md(&sb, cell(st, 3));
		strbuf_addch(&sb, '*');
	}
	if (*cell(st, 4))
		strbuf_addf(&sb, " (%s)", cell(st, 4));
	if (*cell(st, 5))
		strbuf_addf(&sb, ", p. %s", cell(st, 5));
	if (*cell(st, 6))
		strbuf_addf(&sb, ", para. %s", cell(st, 6));
	strbuf_adds(&sb, ": “");
	add_md(&sb, cell(st, 7));
	strbuf_adds(&sb, "”\n");
	fwrite(sb.buf, 1, sb.len, out);
	rc = 0;
out:
	strbuf_release(&sb);
	sqlite3_finalize(st);
	return rc;
}

/* ---- facts and conflicts ---- */

int store_write_facts(struct store *s, const char *doc, const char *kind, enum store_format fmt,
		      FILE *out, struct diag *d)
{
	const char *params[] = { ":doc", doc, ":kind", kind, NULL };

	return write_query(s,
		"SELECT fact_id, doc, kind, quote, page, para, value, unit, approx, qualifier, "
		"date_from, date_to, measure, period_from, period_to, canonical, number, issuer, "
		"attributed_to FROM facts WHERE (:doc IS NULL OR doc = :doc) "
		"AND (:kind IS NULL OR kind = :kind) ORDER BY doc, block, start, \"end\", kind, fact_id",
		params, fmt, out, d) < 0 ? -1 : 0;
}

/* The conflicts with both citations: the columns of the view, then where each side
 * is ("IOM, Migration in Azerbaijan (2008), p. 12, para. 46") and its sentence. */
#define CONFLICTS_SQL \
	"SELECT x.measure, x.period_from, x.period_to, x.fact_a, x.doc_a, x.quote_a, x.value_a, " \
	"x.fact_b, x.doc_b, x.quote_b, x.value_b, x.reason, " \
	"substr(ca.citation, 1, instr(ca.citation, ': \"' || ca.sentence) - 1) AS cited_a, " \
	"ca.sentence AS sentence_a, " \
	"substr(cb.citation, 1, instr(cb.citation, ': \"' || cb.sentence) - 1) AS cited_b, " \
	"cb.sentence AS sentence_b " \
	"FROM discrepancies x " \
	"LEFT JOIN citations ca ON ca.fact_id = x.fact_a " \
	"LEFT JOIN citations cb ON cb.fact_id = x.fact_b " \
	"WHERE (:measure IS NULL OR x.measure = :measure) " \
	"ORDER BY x.measure, x.period_from, x.period_to, x.fact_a, x.fact_b"

/* the terminal table leaves the sentences out: they would not fit */
static const char conflicts_table_sql[] =
	"SELECT measure, period_from, period_to, fact_a, doc_a, quote_a, value_a, fact_b, doc_b, "
	"quote_b, value_b, reason, cited_a, cited_b FROM (" CONFLICTS_SQL ") "
	"ORDER BY measure, period_from, period_to, fact_a, fact_b";

enum { C_MEASURE, C_FROM, C_TO, C_FACT_A, C_DOC_A, C_QUOTE_A, C_VALUE_A, C_FACT_B, C_DOC_B,
	C_QUOTE_B, C_VALUE_B, C_REASON, C_CITED_A, C_SENTENCE_A, C_CITED_B, C_SENTENCE_B, C_LABEL };

/* The md report names each measure by its label: a temporary table of the pairs. */
static int labels_load(struct store *s, const char *const *labels, struct diag *d)
{
	sqlite3_stmt *st;

	if (sqlite3_exec(s->db, "CREATE TEMP TABLE IF NOT EXISTS measure_label(key TEXT PRIMARY KEY, "
			 "label TEXT); DELETE FROM measure_label", NULL, NULL, NULL) != SQLITE_OK)
		return store_sql_error(s, d, "measure labels");
	if (!(st = store_prepare(s, "INSERT OR REPLACE INTO measure_label VALUES (:key, :label)", d)))
		return -1;
	for (; labels && labels[0] && labels[1]; labels += 2) {
		sqlite3_reset(st);
		store_bind_text(st, ":key", labels[0]);
		store_bind_text(st, ":label", labels[1]);
		if (sqlite3_step(st) != SQLITE_DONE) {
			sqlite3_finalize(st);
			return store_sql_error(s, d, "measure labels");
		}
	}
	sqlite3_finalize(st);
	return 0;
}

static const char conflicts_md_sql[] =
	"SELECT c.*, l.label FROM (" CONFLICTS_SQL ") c "
	"LEFT JOIN temp.measure_label l ON l.key = c.measure "
	"ORDER BY c.measure, c.period_from, c.period_to, c.fact_a, c.fact_b";

/* "2005" for a whole calendar year, "2005-03" for a whole month, else "from – to". */
static void add_period(struct strbuf *sb, const char *from, const char *to)
{
	if (!*from && !*to) {
		strbuf_adds(sb, "no period");
		return;
	}
	if (strlen(from) == 10 && strlen(to) == 10 && !strncmp(from, to, 4) &&
	    !strcmp(from + 4, "-01-01") && !strcmp(to + 4, "-12-31")) {
		strbuf_add(sb, from, 4);
		return;
	}
	if (!strcmp(from, to)) {
		strbuf_adds(sb, from);
		return;
	}
	strbuf_addf(sb, "%s \u2013 %s", from, to);
}

/* The sentence in quotes with the quote itself in bold (its first occurrence). */
static void add_said(struct strbuf *sb, const char *sentence, const char *quote)
{
	const char *at = *quote ? strstr(sentence, quote) : NULL;
	struct strbuf part = STRBUF_INIT;

	strbuf_init(&part);
	strbuf_adds(sb, "\u201C");
	if (!at) {
		add_md(sb, sentence);
	} else {
		strbuf_add(&part, sentence, (size_t)(at - sentence));
		add_md(sb, part.buf);
		strbuf_adds(sb, "**");
		add_md(sb, quote);
		strbuf_adds(sb, "**");
		add_md(sb, at + strlen(quote));
	}
	strbuf_adds(sb, "\u201D");
	strbuf_release(&part);
}

static int headline_col(sqlite3_stmt *st, int value, int quote)
{
	int t = sqlite3_column_type(st, value);
	return t == SQLITE_INTEGER || t == SQLITE_FLOAT ? quote : value;
}

/* A report to paste into a shadow report: a section per measure and period, each
 * conflict as its two statements side by side with their citations. */
static long long write_conflicts_md(sqlite3_stmt *st, FILE *out, struct store *s, struct diag *d)
{
	struct strbuf sb = STRBUF_INIT, group = STRBUF_INIT, prev = STRBUF_INIT;
	long long rows = 0;
	int rc;

	strbuf_init(&sb);
	strbuf_init(&group);
	strbuf_init(&prev);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		strbuf_reset(&sb);
		strbuf_reset(&group);
		if (*cell(st, C_LABEL))
			strbuf_addf(&group, "%s (%s)", cell(st, C_LABEL), cell(st, C_MEASURE));
		else
			strbuf_adds(&group, cell(st, C_MEASURE));
		strbuf_adds(&group, ", ");
		add_period(&group, cell(st, C_FROM), cell(st, C_TO));
		if (!rows)
			strbuf_adds(&sb, "# Where the sources disagree\n");
		if (!rows || strcmp(group.buf, prev.buf)) {
			strbuf_adds(&sb, "\n## ");
			add_md(&sb, group.buf);
			strbuf_addch(&sb, '\n');
			strbuf_reset(&prev);
			strbuf_adds(&prev, group.buf);
		}
		/* a figure as printed ("686,586"); dates and periods as normalised */
		strbuf_adds(&sb, "\n**");
		add_md(&sb, cell(st, headline_col(st, C_VALUE_A, C_QUOTE_A)));
		strbuf_adds(&sb, "** against **");
		add_md(&sb, cell(st, headline_col(st, C_VALUE_B, C_QUOTE_B)));
		strbuf_adds(&sb, "**: ");
		add_md(&sb, cell(st, C_REASON));
		strbuf_addf(&sb, " (facts %s and %s)\n\n", cell(st, C_FACT_A), cell(st, C_FACT_B));
		strbuf_adds(&sb, "| | ");
		add_md(&sb, *cell(st, C_CITED_A) ? cell(st, C_CITED_A) : cell(st, C_DOC_A));
		strbuf_adds(&sb, " | ");
		add_md(&sb, *cell(st, C_CITED_B) ? cell(st, C_CITED_B) : cell(st, C_DOC_B));
		strbuf_adds(&sb, " |\n| --- | --- | --- |\n| says | ");
		add_said(&sb, cell(st, C_SENTENCE_A), cell(st, C_QUOTE_A));
		strbuf_adds(&sb, " | ");
		add_said(&sb, cell(st, C_SENTENCE_B), cell(st, C_QUOTE_B));
		strbuf_adds(&sb, " |\n");
		fwrite(sb.buf, 1, sb.len, out);
		rows++;
	}
	strbuf_release(&sb);
	strbuf_release(&group);
	strbuf_release(&prev);
	if (rc != SQLITE_DONE) {
		store_sql_error(s, d, "conflicts");
		return -1;
	}
	return rows;
}

long long store_write_conflicts(struct store *s, const char *measure, const char *const *labels,
				enum store_format fmt, FILE *out, struct diag *d)
{
	sqlite3_stmt *st;
	long long rows;

	if (fmt == FORMAT_MD && labels_load(s, labels, d) < 0)
		return -1;
	st = store_prepare(s, fmt == FORMAT_MD ? conflicts_md_sql
			   : fmt == FORMAT_TABLE ? conflicts_table_sql : CONFLICTS_SQL, d);
	if (!st)
		return -1;
	store_bind_text(st, ":measure", measure);
	rows = fmt == FORMAT_MD ? write_conflicts_md(st, out, s, d) : write_rows(s, st, fmt, out, d);
	sqlite3_finalize(st);
	return rows;
}
