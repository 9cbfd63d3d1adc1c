/* t2700-attribute: case runner for the attribute pass (extract/attribute.c).
 *
 * Reads tests/cases/attribute.txt. A case is a short document, then the figures
 * expected in it:
 *   # comment                  the last comment names the cases after it
 *   TEXT                       a paragraph block ("[^2]" marks a note-ref to footnote 2)
 *   C: TEXT                    a heading block (a table caption)
 *   T: A | B // C | D          a table block: cells split by " | ", rows by " // ",
 *                              the first row is the header row
 *   F:2: TEXT                  a footnote block with label 2
 *   = QUOTE<TAB>k=v<TAB>…      the next figure quoted QUOTE has exactly these values;
 *                              keys: measure, period (ISO as in the gold files: 2005,
 *                              2023-09, 2020/2023, 2008-06-30; empty = no period), kind
 *                              (period_kind), scope, attributed_to; an empty value
 *                              means the field must be absent
 *   - QUOTE                    the next figure quoted QUOTE has no measure
 *   (a blank line ends the case)
 * One TAP line per expectation. The lexicon is $ATTEST_LEXICON, else ./lexicon.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "document.h"
#include "../extract/extract.h"
#include "facts.h"
#include "../extract/lexicon.h"
#include "strbuf.h"
#include "tap.h"
#include "banned.h"

struct expect {
	char *line;  /* "= …" or "- …" */
	int lineno;
};

struct tcase {
	struct document *doc;
	struct expect *ex;
	size_t nex, excap;
	int lineno;
};

static const char *section = "";
static char section_buf[256];

static void case_reset(struct tcase *c)
{
	size_t i;

	if (c->doc)
		document_free(c->doc);
	for (i = 0; i < c->nex; i++)
		free(c->ex[i].line);
	free(c->ex);
	memset(c, 0, sizeof(*c));
}

/* Add a paragraph, turning "[^N]" markers into note-refs. */
static void add_paragraph(struct document *doc, const char *s)
{
	struct strbuf t = STRBUF_INIT;
	struct block *b;
	size_t at[16], n = 0, i;
	char *labels[16];

	while (*s) {
		if (s[0] == '[' && s[1] == '^') {
			const char *e = strchr(s, ']');
			if (e && n < 16) {
				at[n] = t.len;
				labels[n++] = xstrndup(s + 2, (size_t)(e - s - 2));
				s = e + 1;
				continue;
			}
		}
		strbuf_addch(&t, *s++);
	}
	b = document_add_block(doc, BLOCK_PARAGRAPH, 0, t.buf, t.len);
	for (i = 0; i < n; i++) {
		block_add_ref(b, at[i], labels[i]);
		free(labels[i]);
	}
	strbuf_release(&t);
}

static void add_table(struct document *doc, const char *s)
{
	struct strbuf t = STRBUF_INIT;
	struct block *b;

	while (*s) {
		if (!strncmp(s, " | ", 3)) {
			strbuf_addch(&t, '\t');
			s += 3;
		} else if (!strncmp(s, " // ", 4)) {
			strbuf_addch(&t, '\n');
			s += 4;
		} else {
			strbuf_addch(&t, *s++);
		}
	}
	b = document_add_block(doc, BLOCK_TABLE, 0, t.buf, t.len);
	b->header_rows = 1;
	strbuf_release(&t);
}

/* ISO value as in the gold files → first and last day. */
static void iso_bounds(const char *v, char *from, char *to)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	char a[16], b[16];
	const char *slash = strchr(v, '/');
	size_t n;

	n = slash ? (size_t)(slash - v) : strlen(v);
	snprintf(a, sizeof(a), "%.*s", (int)(n < 15 ? n : 15), v);
	snprintf(b, sizeof(b), "%s", slash ? slash + 1 : v);
	if (strlen(a) == 4)
		snprintf(from, 11, "%.4s-01-01", a);
	else if (strlen(a) == 7)
		snprintf(from, 11, "%.7s-01", a);
	else
		snprintf(from, 11, "%.10s", a);
	if (strlen(b) == 4) {
		snprintf(to, 11, "%.4s-12-31", b);
	} else if (strlen(b) == 7) {
		int y = (int)strtol(b, NULL, 10), m = (int)strtol(b + 5, NULL, 10);
		int d = m >= 1 && m <= 12 ? mdays[m - 1] : 31;
		if (m == 2 && y % 4 == 0 && (y % 100 || y % 400 == 0))
			d = 29;
		snprintf(to, 11, "%.7s-%02d", b, d);
	} else {
		snprintf(to, 11, "%.10s", b);
	}
}

static int field_eq(const struct fact *f, const char *key, const char *want)
{
	const char *got = fact_get(f, key);

	if (!*want)
		return !got || !*got;
	return got && !strcmp(got, want);
}

static void check_expect(const struct fact_list *facts, unsigned char *used, const struct expect *e)
{
	char *line = xstrdup(e->line + 2), *quote = line, *rest = strchr(line, '\t');
	size_t i;
	const struct fact *f = NULL;
	int good = 1;
	struct strbuf why = STRBUF_INIT;

	if (rest)
		*rest++ = '\0';
	for (i = 0; i < facts->n; i++)
		if (!used[i] && facts->v[i].kind == FACT_FIGURE && !strcmp(facts->v[i].quote, quote)) {
			used[i] = 1;
			f = &facts->v[i];
			break;
		}
	if (!f) {
		ok(0, "%s: line %d: figure \"%s\" found", section, e->lineno, quote);
		free(line);
		return;
	}
	if (e->line[0] == '-') {
		ok(!fact_get(f, "measure"), "%s: line %d: \"%s\" has no measure", section, e->lineno, quote);
		if (fact_get(f, "measure"))
			diag("got measure=%s", fact_get(f, "measure"));
		free(line);
		return;
	}
	while (rest && *rest) {
		char *tab = strchr(rest, '\t'), *eq;
		if (tab)
			*tab = '\0';
		eq = strchr(rest, '=');
		if (eq) {
			*eq = '\0';
			if (!strcmp(rest, "period")) {
				char from[16] = "", to[16] = "";
				if (eq[1]) {
					iso_bounds(eq + 1, from, to);
					if (!field_eq(f, "period_from", from) || !field_eq(f, "period_to", to))
						good = 0;
				} else if (!field_eq(f, "period_from", "")) {
					good = 0;
				}
			} else {
				const char *key = !strcmp(rest, "kind") ? "period_kind" : rest;
				if (!field_eq(f, key, eq + 1))
					good = 0;
			}
		}
		rest = tab ? tab + 1 : NULL;
	}
	ok(good, "%s: line %d: %s", section, e->lineno, e->line + 2);
	if (!good) {
		static const char *const keys[] = { "measure", "period_from", "period_to", "period_kind",
			"scope", "attributed_to" };
		for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
			strbuf_addf(&why, " %s=%s", keys[i], fact_get(f, keys[i]) ? fact_get(f, keys[i]) : "");
		diag("got%s", why.buf);
	}
	strbuf_release(&why);
	free(line);
}

static void case_run(struct tcase *c, const struct lexicon *lex)
{
	struct fact_list facts;
	struct diag d;
	unsigned char *used;
	size_t i;

	if (!c->doc || !c->nex)
		return;
	fact_list_init(&facts);
	diag_init(&d);
	if (extract_document(c->doc, lex, &facts, &d) < 0) {
		ok(0, "%s: line %d: extract: %s", section, c->lineno, d.msg);
		fact_list_release(&facts);
		return;
	}
	/* the pass must be idempotent: run it once more */
	if (attribute_pass.run(c->doc, lex, &facts, &d) < 0)
		ok(0, "%s: line %d: second run: %s", section, c->lineno, d.msg);
	used = xcalloc(facts.n + 1, 1);
	for (i = 0; i < c->nex; i++)
		check_expect(&facts, used, &c->ex[i]);
	free(used);
	fact_list_release(&facts);
}

int main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "tests/cases/attribute.txt";
	const char *dir = getenv("ATTEST_LEXICON");
	struct strbuf buf = STRBUF_INIT;
	struct lexicon *lex;
	struct diag d;
	struct tcase c;
	char *p, *line;
	int lineno = 0;

	diag_init(&d);
	lex = lexicon_load(dir && *dir ? dir : "lexicon", &d);
	if (!lex) {
		printf("1..0 # skip no lexicon: %s\n", d.msg);
		return 0;
	}
	if (strbuf_read_file(&buf, path, 0) < 0) {
		printf("1..0 # skip cannot read %s\n", path);
		lexicon_free(lex);
		return 0;
	}
	memset(&c, 0, sizeof(c));
	for (p = buf.buf; p && *p; p = line) {
		char *nl = strchr(p, '\n');
		line = nl ? nl + 1 : NULL;
		if (nl)
			*nl = '\0';
		lineno++;
		if (p[0] == '#') {
			snprintf(section_buf, sizeof(section_buf), "%s", p[1] == ' ' ? p + 2 : p + 1);
			section = section_buf;
			continue;
		}
		if (!*p) {
			case_run(&c, lex);
			case_reset(&c);
			continue;
		}
		if ((p[0] == '=' || p[0] == '-') && p[1] == ' ') {
			XGROW(c.ex, c.excap, c.nex + 1);
			c.ex[c.nex].line = xstrdup(p);
			c.ex[c.nex].lineno = lineno;
			c.nex++;
			continue;
		}
		if (!c.doc) {
			c.doc = document_new();
			document_set(&c.doc->lang, "en");
			c.lineno = lineno;
		}
		if (!strncmp(p, "C: ", 3))
			document_add_block(c.doc, BLOCK_HEADING, 0, p + 3, strlen(p + 3));
		else if (!strncmp(p, "T: ", 3))
			add_table(c.doc, p + 3);
		else if (!strncmp(p, "F:", 2) && strchr(p + 2, ':')) {
			char *colon = strchr(p + 2, ':'), *label = xstrndup(p + 2, (size_t)(colon - p - 2));
			const char *t = colon[1] == ' ' ? colon + 2 : colon + 1;
			struct block *b = document_add_block(c.doc, BLOCK_FOOTNOTE, 0, t, strlen(t));
			document_set(&b->label, label);
			free(label);
		} else
			add_paragraph(c.doc, p);
	}
	case_run(&c, lex);
	case_reset(&c);
	strbuf_release(&buf);
	lexicon_free(lex);
	return done_testing();
}
