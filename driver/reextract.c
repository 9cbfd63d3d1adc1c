/* reextract.c: `attest reextract`: extraction again from the stored normalised text
 * (after a lexicon edit), in process, one transaction per document. Exports
 * cmd_reextract, reextract_usage. fact_ids of unchanged mentions are kept. */
#include "driver.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "document.h"
#include "../extract/extract.h"
#include "facts.h"
#include "../extract/lexicon.h"
#include "../store/store.h"
#include "banned.h"

const char reextract_usage[] =
	"usage: attest reextract [--db FILE] [--lexicon DIR]\n"
	"\n"
	"Runs extraction again over the normalised text kept in the store, for every\n"
	"current document, without the original files. A fact whose mention (block, span,\n"
	"kind, quote) is unchanged keeps its fact_id; its fields are updated.\n"
	"\n"
	"  --db FILE        the store (default: attest.db)\n"
	"  --lexicon DIR    lexicon folder (default: $ATTEST_LEXICON, else the installed one)\n"
	"\n"
	"Exit status: 0 ok, 1 a document failed (others were done), 2 usage, 3 store error.\n";

static const struct option options[] = {
	{ "db", required_argument, NULL, 'd' },
	{ "lexicon", required_argument, NULL, 'l' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static int reextract_one(struct store *s, long long id, const struct lexicon *lex,
			 struct store_reextract_counts *total, struct diag *d)
{
	struct document *doc = NULL;
	struct fact_list facts;
	struct store_reextract_counts c;
	int rc = -1;

	fact_list_init(&facts);
	if (store_document_read(s, id, &doc, d) < 0 || extract_document(doc, lex, &facts, d) < 0 ||
	    store_replace_facts(s, id, &facts, &c, d) < 0)
		goto out;
	total->kept += c.kept;
	total->added += c.added;
	total->removed += c.removed;
	rc = 0;
out:
	fact_list_release(&facts);
	document_free(doc);
	return rc;
}

int cmd_reextract(int argc, char **argv)
{
	const char *db = "attest.db";
	char *lexdir = NULL;
	struct lexicon *lex = NULL;
	struct store *s = NULL;
	struct store_reextract_counts total = { 0, 0, 0 };
	long long *ids = NULL;
	size_t n = 0, i, done = 0;
	struct diag d;
	int c, rc = EXIT_SYSTEM;

	diag_init(&d);
	optind = 1;
	while ((c = getopt_long(argc, argv, "d:l:h", options, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'l': free(lexdir); lexdir = xstrdup(optarg); break;
		case 'h': fputs(reextract_usage, stdout); return EXIT_OK;
		default: fputs(reextract_usage, stderr); return EXIT_USAGE;
		}
	}
	if (optind < argc) {
		fputs(reextract_usage, stderr);
		free(lexdir);
		return EXIT_USAGE;
	}
	if (!lexdir)
		lexdir = lexicon_default_dir();
	if (!(lex = lexicon_load(lexdir, &d)) || store_open(db, STORE_NO_CREATE, &s, &d) < 0 ||
	    store_document_ids(s, 0, &ids, &n, &d) < 0) {
		diag_print("attest", NULL, &d);
		goto out;
	}
	rc = EXIT_OK;
	for (i = 0; i < n; i++) {
		diag_init(&d);
		if (reextract_one(s, ids[i], lex, &total, &d) < 0) {
			fprintf(stderr, "attest: reextract: document %lld: %s\n", ids[i], d.msg);
			rc = EXIT_BAD_INPUT;
			continue;
		}
		done++;
	}
	printf("%zu documents re-extracted: %lld facts kept, %lld added, %lld removed\n", done,
	       total.kept, total.added, total.removed);
out:
	free(ids);
	store_close(s);
	lexicon_free(lex);
	free(lexdir);
	return rc;
}
