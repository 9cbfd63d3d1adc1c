/* lexicon.c: loads the lexicon TSV files into tables of strings. Matching structures are
 * built by the recognisers that use a table (see lexicon_compiled), so that this
 * file knows the format and nothing about what the columns mean. */
#include "lexicon.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "strbuf.h"
#include "unicode.h"
#include "banned.h"

void lexicon_table_free(struct lexicon_table *t)
{
	size_t i;

	if (!t)
		return;
	for (i = 0; i < t->ncols; i++)
		free(t->colnames[i]);
	for (i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->colnames);
	free(t->cells);
	free(t->lines);
	free(t->name);
	free(t);
}

static size_t count_cols(const char *s, size_t len)
{
	size_t n = 1, i;

	for (i = 0; i < len; i++)
		n += s[i] == '\t';
	return n;
}

static char *trimmed(const char *s, size_t len)
{
	while (len && (*s == ' ' || *s == '\r'))
		s++, len--;
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\r'))
		len--;
	return xstrndup(s, len);
}

int lexicon_table_parse(const char *name, const char *buf, size_t len,
			struct lexicon_table **out, struct diag *d)
{
	struct lexicon_table *t = xcalloc(1, sizeof(*t));
	size_t i = 0, lineno = 0, rows_cap = 0, lines_cap = 0;

	*out = NULL;
	t->name = xstrdup(name);
	if (!utf8_valid(buf, len)) {
		lexicon_table_free(t);
		return diag_set(d, "%s: not UTF-8", name);
	}
	while (i < len) {
		const char *line = buf + i, *nl = memchr(line, '\n', len - i);
		size_t ll = nl ? (size_t)(nl - line) : len - i, c, start, k;

		i += ll + (nl ? 1 : 0);
		lineno++;
		while (ll && (line[ll - 1] == '\r' || line[ll - 1] == ' '))
			ll--;
		if (!ll || line[0] == '#')
			continue;
		if (!t->ncols) {
			t->ncols = count_cols(line, ll);
			t->colnames = xcalloc(t->ncols, sizeof(char *));
			for (c = 0, start = 0, k = 0; k <= ll; k++)
				if (k == ll || line[k] == '\t') {
					t->colnames[c++] = trimmed(line + start, k - start);
					start = k + 1;
				}
			continue;
		}
		if (count_cols(line, ll) > t->ncols) {
			diag_set(d, "%s: line %zu: %zu columns, the header names %zu", name, lineno,
				 count_cols(line, ll), t->ncols);
			lexicon_table_free(t);
			return -1;
		}
		XGROW(t->cells, rows_cap, (t->nrows + 1) * t->ncols);
		XGROW(t->lines, lines_cap, t->nrows + 1);
		t->lines[t->nrows] = lineno;
		for (c = 0, start = 0, k = 0; k <= ll; k++)
			if (k == ll || line[k] == '\t') {
				t->cells[t->nrows * t->ncols + c++] = trimmed(line + start, k - start);
				start = k + 1;
			}
		for (; c < t->ncols; c++)
			t->cells[t->nrows * t->ncols + c] = xstrdup("");
		t->nrows++;
	}
	if (!t->ncols) {
		lexicon_table_free(t);
		return diag_set(d, "%s: no header line", name);
	}
	*out = t;
	return 0;
}

int lexicon_column(const struct lexicon_table *t, const char *col)
{
	size_t i;

	if (!t)
		return -1;
	for (i = 0; i < t->ncols; i++)
		if (!strcmp(t->colnames[i], col))
			return (int)i;
	return -1;
}

const char *lexicon_cell(const struct lexicon_table *t, size_t row, int col)
{
	if (!t || col < 0 || (size_t)col >= t->ncols || row >= t->nrows)
		return "";
	return t->cells[row * t->ncols + (size_t)col];
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

struct lexicon *lexicon_load(const char *dir, struct diag *d)
{
	struct lexicon *lex = xcalloc(1, sizeof(*lex));
	char **names = NULL;
	size_t n = 0, cap = 0, i, tcap = 0;
	struct dirent *e;
	DIR *dh;

	lex->dir = xstrdup(dir);
	if (!(dh = opendir(dir))) {
		diag_set(d, "cannot open lexicon folder '%s': %s", dir, strerror(errno));
		lexicon_free(lex);
		return NULL;
	}
	while ((e = readdir(dh))) {
		size_t l = strlen(e->d_name);
		if (l > 4 && !strcmp(e->d_name + l - 4, ".tsv")) {
			XGROW(names, cap, n + 1);
			names[n++] = xstrdup(e->d_name);
		}
	}
	closedir(dh);
	if (n > 1)
		qsort(names, n, sizeof(*names), cmp_str);
	for (i = 0; i < n; i++) {
		struct strbuf path = STRBUF_INIT, buf = STRBUF_INIT;
		struct lexicon_table *t = NULL;
		int rc;

		strbuf_init(&path);
		strbuf_init(&buf);
		strbuf_addf(&path, "%s/%s", dir, names[i]);
		names[i][strlen(names[i]) - 4] = '\0';
		if (strbuf_read_file(&buf, path.buf, 64u << 20) < 0)
			rc = diag_set(d, "cannot read '%s': %s", path.buf, strerror(errno));
		else
			rc = lexicon_table_parse(names[i], buf.buf, buf.len, &t, d);
		strbuf_release(&path);
		strbuf_release(&buf);
		if (rc < 0) {
			for (; i < n; i++)
				free(names[i]);
			free(names);
			lexicon_free(lex);
			return NULL;
		}
		XGROW(lex->tables, tcap, lex->ntables + 1);
		lex->tables[lex->ntables++] = t;
		free(names[i]);
	}
	free(names);
	return lex;
}

void lexicon_free(struct lexicon *lex)
{
	size_t i;

	if (!lex)
		return;
	for (i = 0; i < LEX_SLOT_COUNT; i++)
		if (lex->compiled[i] && lex->free_compiled[i])
			lex->free_compiled[i](lex->compiled[i]);
	for (i = 0; i < lex->ntables; i++)
		lexicon_table_free(lex->tables[i]);
	free(lex->tables);
	free(lex->dir);
	free(lex);
}

const struct lexicon_table *lexicon_table(const struct lexicon *lex, const char *name)
{
	size_t i;

	if (!lex)
		return NULL;
	for (i = 0; i < lex->ntables; i++)
		if (!strcmp(lex->tables[i]->name, name))
			return lex->tables[i];
	return NULL;
}

void *lexicon_compiled(const struct lexicon *lex, enum lexicon_slot slot)
{
	return lex ? lex->compiled[slot] : NULL;
}

void lexicon_set_compiled(const struct lexicon *lex, enum lexicon_slot slot, void *p,
			  void (*free_fn)(void *))
{
	/* the compiled cache is logically mutable state of a const lexicon */
	struct lexicon *m = (struct lexicon *)lex;

	if (!m)
		return;
	m->compiled[slot] = p;
	m->free_compiled[slot] = free_fn;
}

static int is_dir(const char *p)
{
	DIR *dh = opendir(p);

	if (!dh)
		return 0;
	closedir(dh);
	return 1;
}

char *lexicon_default_dir(void)
{
	const char *env = getenv("ATTEST_LEXICON");
	char exe[PATH_MAX];
	ssize_t n;

	if (env && *env)
		return xstrdup(env);
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		static const char *const rel[] = { "/../lexicon", "/../share/attest/lexicon", "/../../lexicon" };
		struct strbuf sb = STRBUF_INIT;
		char *slash;
		size_t i;

		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')))
			*slash = '\0';
		strbuf_init(&sb);
		for (i = 0; i < sizeof(rel) / sizeof(rel[0]); i++) {
			strbuf_reset(&sb);
			strbuf_addf(&sb, "%s%s", exe, rel[i]);
			if (is_dir(sb.buf))
				return strbuf_detach(&sb, NULL);
		}
		strbuf_release(&sb);
	}
	return xstrdup("lexicon");
}
