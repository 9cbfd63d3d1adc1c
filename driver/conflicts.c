/* conflicts.c: `attest conflicts`: the discrepancies view, formatted. Exports
 * cmd_conflicts, conflicts_usage. */
#include "driver.h"

#include <getopt.h>
#include <stdio.h>

#include <stdlib.h>
#include <string.h>

#include "../extract/lexicon.h"
#include "../store/store.h"
#include "banned.h"

const char conflicts_usage[] =
	"usage: attest conflicts [--db FILE] [--measure KEY] [--format table|csv|json|md]\n"
	"\n"
	"Lists pairs of facts that cannot both be true (the discrepancies view): figures of\n"
	"the same measure, scope and period whose intervals are disjoint, laws with\n"
	"different adoption dates or numbers, decrees with different dates.\n"
	"\n"
	"  --db FILE        the store (default: attest.db)\n"
	"  --measure KEY    only this measure (a key of lexicon/measures.tsv, or a law name)\n"
	"  --format FMT     table (default), csv, json, jsonl, md or tsv; md is a report for a\n"
	"                   shadow report: a section per measure and period, each conflict\n"
	"                   as its two statements side by side under their citations\n"
	"\n"
	"Every row carries both citations (cited_a, cited_b: author, title or symbol, year,\n"
	"page, paragraph) and, except in the table, both sentences. The md sections name\n"
	"each measure by its label in lexicon/measures.tsv ($ATTEST_LEXICON, else the\n"
	"installed one) when there is one.\n"
	"\n"
	"Exit status: 0 ok (with or without conflicts), 2 usage, 3 store error.\n";

/* Key and label of every measure of the lexicon, as pairs ending in NULL; NULL when
 * there is no lexicon (the report then names measures by key). */
static const char **measure_labels(struct lexicon **lexp)
{
	const struct lexicon_table *t;
	const char **v;
	char *dir = lexicon_default_dir();
	struct diag d;
	size_t r, n = 0;
	int ck, cl, cn;

	diag_init(&d);
	*lexp = dir ? lexicon_load(dir, &d) : NULL;
	free(dir);
	if (!*lexp || !(t = lexicon_table(*lexp, "measures")))
		return NULL;
	ck = lexicon_column(t, "key");
	cl = lexicon_column(t, "label");
	cn = lexicon_column(t, "kind");
	if (ck < 0 || cl < 0 || cn < 0)
		return NULL;
	v = xcalloc(2 * t->nrows + 1, sizeof(*v));
	for (r = 0; r < t->nrows; r++)
		if (!strcmp(lexicon_cell(t, r, cn), "measure") && *lexicon_cell(t, r, cl)) {
			v[n++] = lexicon_cell(t, r, ck);
			v[n++] = lexicon_cell(t, r, cl);
		}
	return v;
}

static const struct option options[] = {
	{ "db", required_argument, NULL, 'd' },
	{ "measure", required_argument, NULL, 'm' },
	{ "format", required_argument, NULL, 'f' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

int cmd_conflicts(int argc, char **argv)
{
	const char *db = "attest.db", *measure = NULL;
	enum store_format fmt = FORMAT_TABLE;
	struct store *s = NULL;
	long long rows;
	struct lexicon *lex = NULL;
	const char **labels = NULL;
	struct diag d;
	int c, rc = EXIT_OK;

	diag_init(&d);
	optind = 1;
	while ((c = getopt_long(argc, argv, "d:m:f:h", options, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'm': measure = optarg; break;
		case 'f':
			if (store_format_parse(optarg, &fmt) < 0 || fmt == FORMAT_PLAIN) {
				fprintf(stderr, "attest conflicts: unknown format '%s'\n", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'h': fputs(conflicts_usage, stdout); return EXIT_OK;
		default: fputs(conflicts_usage, stderr); return EXIT_USAGE;
		}
	}
	if (optind < argc) {
		fputs(conflicts_usage, stderr);
		return EXIT_USAGE;
	}
	if (fmt == FORMAT_MD)
		labels = measure_labels(&lex);
	if (store_open(db, STORE_NO_CREATE, &s, &d) < 0 ||
	    (rows = store_write_conflicts(s, measure, labels, fmt, stdout, &d)) < 0) {
		diag_print("attest", NULL, &d);
		rc = EXIT_SYSTEM;
	} else if (!rows && fmt == FORMAT_TABLE) {
		puts("no conflicts found");
	}
	store_close(s);
	free(labels);
	lexicon_free(lex);
	return rc;
}
