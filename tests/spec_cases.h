/* spec_cases.h: runner for expectation-style case files (tests/cases/NAME.txt), shared by the
 * t2300-laws, t2400-decrees and t2500-orgs tests. One TAP line per case.
 *
 * Case file format, one case per input line:
 *   # comment                      (the last comment names the cases after it)
 *   TEXT                           a block of text, run through extract_document
 *   = KIND<TAB>QUOTE[<TAB>k=v ...] a fact of KIND with exactly that quote and fields
 *                                  ("k=" with nothing after: the field is absent)
 *   - KIND<TAB>QUOTE               no fact of KIND with that quote
 *   - KIND                         no fact of KIND at all
 * The lexicon is $ATTEST_LEXICON, else lexicon/ of the current directory.
 */
#ifndef SPEC_CASES_H
#define SPEC_CASES_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "document.h"
#include "../extract/extract.h"
#include "facts.h"
#include "../extract/lexicon.h"
#include "strbuf.h"
#include "tap.h"

struct case_run {
	struct strbuf text, expect, section;
	int has_text;
};

static const struct fact *case_find(const struct fact_list *fl, enum fact_kind k, const char *quote)
{
	size_t i;

	for (i = 0; i < fl->n; i++)
		if (fl->v[i].kind == k && (!quote || !strcmp(fl->v[i].quote, quote)))
			return &fl->v[i];
	return NULL;
}

/* Check one expectation line against the facts; on failure explain in *why. */
static int case_check(const struct fact_list *fl, char *line, struct strbuf *why)
{
	int neg = line[0] == '-';
	char *p = line + 2, *tab, *quote = NULL, *fields = NULL;
	enum fact_kind k;
	const struct fact *f;

	if ((tab = strchr(p, '\t'))) {
		*tab = '\0';
		quote = tab + 1;
		if ((tab = strchr(quote, '\t'))) {
			*tab = '\0';
			fields = tab + 1;
		}
	}
	if (fact_kind_parse(p, &k) < 0) {
		strbuf_addf(why, "bad kind '%s'", p);
		return 0;
	}
	f = case_find(fl, k, quote);
	if (neg) {
		if (f)
			strbuf_addf(why, "unexpected %s '%s'", p, f->quote);
		return !f;
	}
	if (!f) {
		size_t i;
		strbuf_addf(why, "no %s '%s'; got:", p, quote ? quote : "");
		for (i = 0; i < fl->n; i++)
			if (fl->v[i].kind == k)
				strbuf_addf(why, " '%s'", fl->v[i].quote);
		return 0;
	}
	while (fields && *fields) {
		char *next = strchr(fields, '\t'), *eq;
		const char *got;
		if (next)
			*next++ = '\0';
		if ((eq = strchr(fields, '='))) {
			*eq = '\0';
			got = fact_get(f, fields);
			if (!eq[1] && got) {
				strbuf_addf(why, "%s: %s is '%s', want none", quote, fields, got);
				return 0;
			}
			if (eq[1] && (!got || strcmp(got, eq + 1))) {
				strbuf_addf(why, "%s: %s is '%s', want '%s'", quote, fields, got ? got : "(none)", eq + 1);
				return 0;
			}
		}
		fields = next;
	}
	return 1;
}

static void case_finish(struct case_run *cr, const struct lexicon *lex)
{
	struct document *doc;
	struct fact_list fl;
	struct diag d;
	struct strbuf why = STRBUF_INIT, desc = STRBUF_INIT;
	char *line, *save;
	int pass = 1;

	if (!cr->has_text)
		return;
	memset(&d, 0, sizeof(d));
	doc = document_new();
	document_set(&doc->lang, "en");
	document_add_block(doc, BLOCK_PARAGRAPH, 0, cr->text.buf, cr->text.len);
	fact_list_init(&fl);
	if (extract_document(doc, lex, &fl, &d) < 0) {
		pass = 0;
		strbuf_adds(&why, "extract failed");
	}
	for (line = cr->expect.buf; pass && line && *line; line = save) {
		save = strchr(line, '\n');
		if (save)
			*save++ = '\0';
		pass = case_check(&fl, line, &why);
	}
	strbuf_addf(&desc, "%s: \"%.70s%s\"", cr->section.len ? cr->section.buf : "case", cr->text.buf,
		    cr->text.len > 70 ? "…" : "");
	ok(pass, "%s", desc.buf);
	if (!pass)
		diag("%s", why.buf);
	fact_list_release(&fl);
	document_free(doc);
	strbuf_release(&why);
	strbuf_release(&desc);
	strbuf_reset(&cr->text);
	strbuf_reset(&cr->expect);
	cr->has_text = 0;
}

static int spec_cases_run(const char *name)
{
	const char *dir = getenv("ATTEST_LEXICON");
	struct diag d;
	struct lexicon *lex;
	struct strbuf path = STRBUF_INIT, buf = STRBUF_INIT;
	struct case_run cr;
	char *line, *next;

	memset(&d, 0, sizeof(d));
	lex = lexicon_load(dir && *dir ? dir : "lexicon", &d);
	if (!lex) {
		printf("Bail out! cannot load the lexicon\n");
		return 1;
	}
	strbuf_addf(&path, "tests/cases/%s", name);
	if (strbuf_read_file(&buf, path.buf, 0) < 0) {
		printf("Bail out! cannot read %s\n", path.buf);
		return 1;
	}
	memset(&cr, 0, sizeof(cr));
	strbuf_init(&cr.text);
	strbuf_init(&cr.expect);
	strbuf_init(&cr.section);
	for (line = buf.buf; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (!*line)
			continue;
		if (line[0] == '#') {
			case_finish(&cr, lex);
			strbuf_reset(&cr.section);
			strbuf_adds(&cr.section, line[1] == ' ' ? line + 2 : line + 1);
		} else if ((line[0] == '=' || line[0] == '-') && line[1] == ' ') {
			strbuf_adds(&cr.expect, line);
			strbuf_addch(&cr.expect, '\n');
		} else {
			case_finish(&cr, lex);
			strbuf_adds(&cr.text, line);
			cr.has_text = 1;
		}
	}
	case_finish(&cr, lex);
	strbuf_release(&cr.text);
	strbuf_release(&cr.expect);
	strbuf_release(&cr.section);
	strbuf_release(&buf);
	strbuf_release(&path);
	lexicon_free(lex);
	return 0;
}

/* Every row of a lexicon table, its canonical name written in a sentence, must come
 * back as one fact of kind with that canonical name: no alias of another row shadows
 * it and the longest match wins. One TAP line per row. */
static inline void spec_lexicon_rows(const char *table, enum fact_kind kind)
{
	const char *dir = getenv("ATTEST_LEXICON");
	struct diag d;
	struct lexicon *lex;
	const struct lexicon_table *t;
	size_t r;
	int col;

	memset(&d, 0, sizeof(d));
	lex = lexicon_load(dir && *dir ? dir : "lexicon", &d);
	t = lexicon_table(lex, table);
	col = lexicon_column(t, "canonical");
	ok(t && col >= 0 && t->nrows > 0, "lexicon table %s has canonical names", table);
	for (r = 0; t && col >= 0 && r < t->nrows; r++) {
		const char *can = lexicon_cell(t, r, col);
		struct strbuf text = STRBUF_INIT;
		struct document *doc = document_new();
		struct fact_list fl;
		const struct fact *f;
		size_t start = 19;

		strbuf_addf(&text, "The report refers to %s in its findings.", can);
		start = strlen("The report refers to ");
		document_add_block(doc, BLOCK_PARAGRAPH, 0, text.buf, text.len);
		fact_list_init(&fl);
		extract_document(doc, lex, &fl, &d);
		f = case_find(&fl, kind, can);
		ok(f && fact_get(f, "canonical") && !strcmp(fact_get(f, "canonical"), can),
		   "%s row \"%s\" is recognised as itself", table, can);
		if (!f)
			diag("no %s quoted '%s' (text from byte %zu)", fact_kind_name(kind), can, start);
		else if (strcmp(fact_get(f, "canonical") ? fact_get(f, "canonical") : "", can))
			diag("canonical is '%s'", fact_get(f, "canonical"));
		fact_list_release(&fl);
		document_free(doc);
		strbuf_release(&text);
	}
	lexicon_free(lex);
}

#endif
