/* cases.h: runner for the one-line case files of the dates and figures recognisers
 * (tests/cases/dates.txt, figures.txt), one TAP line per case.
 *
 * NOTE: this file was overwritten by mistake by the laws/decrees/orgs work and then
 * rebuilt from the case files and the strings of the compiled tests; its author may
 * want to compare it with the original. The laws/decrees/orgs runner is spec_cases.h.
 *
 * Format: '#' lines are comments; a case is
 *   [TODO ]INPUT <TAB> EXPECT
 * INPUT is one block of text; "[table] ..." or "[table caption=TEXT] ..." makes it a
 * table (\t and \n written as such separate cells and rows; the first row is the
 * header; a caption becomes the short block before the table). EXPECT is "none" or
 * facts of the kind, in text order, joined by " ; ":
 *   date:   QUOTE = FROM..TO PRECISION
 *   figure: QUOTE = VALUE UNIT [(QUALIFIER)] [INTERVAL] [{ROW|COL}]
 * where the qualifier is shown when it is not "exact", and the interval and headers
 * are compared only when the expected fact shows them. A TODO case is a known gap.
 */
#ifndef CASES_H
#define CASES_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "document.h"
#include "../extract/extract.h"
#include "facts.h"
#include "../extract/lexicon.h"
#include "strbuf.h"
#include "tap.h"

static const char *case_field(const struct fact *f, const char *k)
{
	const char *v = fact_get(f, k);
	return v ? v : "";
}

/* One fact as the case files write it; want is the expected item (may be NULL). */
static void case_format(struct strbuf *sb, const struct fact *f, const char *want)
{
	strbuf_addf(sb, "%s = ", f->quote);
	if (f->kind == FACT_DATE) {
		strbuf_addf(sb, "%s..%s %s", case_field(f, "date_from"), case_field(f, "date_to"),
			    case_field(f, "precision"));
		return;
	}
	strbuf_addf(sb, "%s %s", case_field(f, "value"), case_field(f, "unit"));
	if (*case_field(f, "qualifier") && strcmp(case_field(f, "qualifier"), "exact"))
		strbuf_addf(sb, " (%s)", case_field(f, "qualifier"));
	if (want && (strstr(want, " [") || strstr(want, ",]") || strstr(want, ",)") ||
		     (strchr(want, ',') && strrchr(want, '(') && strrchr(want, '(') > strchr(want, '=') &&
		      strchr(strrchr(want, '('), ','))))
		strbuf_addf(sb, " %s%s,%s%s", !strcmp(case_field(f, "lo_open"), "1") ? "(" : "[",
			    case_field(f, "lo"), case_field(f, "hi"),
			    !strcmp(case_field(f, "hi_open"), "1") ? ")" : "]");
	if (want && strchr(want, '{'))
		strbuf_addf(sb, " {%s|%s}", case_field(f, "row_header"), case_field(f, "col_header"));
}

static void case_unescape(struct strbuf *out, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == '\\' && i + 1 < n && (s[i + 1] == 't' || s[i + 1] == 'n')) {
			strbuf_addch(out, s[i + 1] == 't' ? '\t' : '\n');
			i++;
		} else {
			strbuf_addch(out, s[i]);
		}
	}
}

static void case_one(const struct lexicon *lex, enum fact_kind kind, char *line)
{
	char *tab = strchr(line, '\t'), *input = line, *want;
	int is_todo = 0;
	struct document *doc;
	struct fact_list fl;
	struct diag d;
	struct strbuf text = STRBUF_INIT, got = STRBUF_INIT, caption = STRBUF_INIT;
	enum block_kind bk = BLOCK_PARAGRAPH;
	size_t i, item = 0;

	if (!tab) {
		ok(0, "malformed case line: %s", line);
		return;
	}
	*tab = '\0';
	want = tab + 1;
	if (!strncmp(input, "TODO ", 5)) {
		is_todo = 1;
		input += 5;
	}
	if (!strncmp(input, "[table", 6)) {
		char *close = strchr(input, ']');
		if (close) {
			char *cap = strstr(input, "caption=");
			if (cap && cap < close)
				strbuf_add(&caption, cap + 8, (size_t)(close - cap - 8));
			input = close + 1;
			if (*input == ' ')
				input++;
			bk = BLOCK_TABLE;
		}
	}
	case_unescape(&text, input, strlen(input));
	memset(&d, 0, sizeof(d));
	doc = document_new();
	document_set(&doc->lang, "en");
	if (caption.len)
		document_add_block(doc, BLOCK_PARAGRAPH, 0, caption.buf, caption.len);
	{
		struct block *b = document_add_block(doc, bk, 0, text.buf, text.len);
		if (bk == BLOCK_TABLE) {
			b->nrows = 1;
			for (i = 0; i < text.len; i++)
				b->nrows += text.buf[i] == '\n';
			b->header_rows = 1;
		}
	}
	fact_list_init(&fl);
	if (extract_document(doc, lex, &fl, &d) < 0) {
		ok(0, "\"%s\": extract failed: %s", input, d.msg);
		goto out;
	}
	for (i = 0; i < fl.n; i++) {
		const char *w = want, *semi;
		size_t k;
		if (fl.v[i].kind != kind)
			continue;
		/* the expected item at the same position, for what to compare */
		for (k = 0; k < item && w; k++)
			w = (semi = strstr(w, " ; ")) ? semi + 3 : NULL;
		{
			char *one = NULL;
			if (w) {
				semi = strstr(w, " ; ");
				one = semi ? strndup(w, (size_t)(semi - w)) : strdup(w);
			}
			if (got.len)
				strbuf_adds(&got, " ; ");
			case_format(&got, &fl.v[i], one);
			free(one);
		}
		item++;
	}
	if (!got.len)
		strbuf_adds(&got, "none");
	if (is_todo)
		todo("known gap");
	ok(!strcmp(got.buf, want), "\"%s\" → %s", input, want);
	if (strcmp(got.buf, want))
		diag("     got: %s", got.buf);
	else if (is_todo)
		diag("TODO case passes now: %s", input);
	end_todo();
out:
	fact_list_release(&fl);
	document_free(doc);
	strbuf_release(&text);
	strbuf_release(&got);
	strbuf_release(&caption);
}

static int cases_run(const char *name, enum fact_kind kind)
{
	const char *dir = getenv("ATTEST_LEXICON"), *top = getenv("ATTEST_TOP");
	struct diag d;
	struct lexicon *lex;
	struct strbuf path = STRBUF_INIT, buf = STRBUF_INIT;
	char *line, *next;

	memset(&d, 0, sizeof(d));
	strbuf_addf(&path, "%s%stests/cases/%s.txt", top ? top : "", top ? "/" : "", name);
	if (strbuf_read_file(&buf, path.buf, 0) < 0) {
		printf("1..0 # SKIP cannot read %s\n", path.buf);
		strbuf_release(&path);
		return 0;
	}
	lex = lexicon_load(dir && *dir ? dir : "lexicon", &d);
	if (!lex) {
		printf("1..0 # SKIP lexicon: %s\n", d.msg);
		strbuf_release(&path);
		strbuf_release(&buf);
		return 0;
	}
	for (line = buf.buf; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (!*line || line[0] == '#')
			continue;
		case_one(lex, kind, line);
	}
	lexicon_free(lex);
	strbuf_release(&path);
	strbuf_release(&buf);
	return done_testing();
}

#endif
