/* merge.c: `attest merge --db OUT SHARD…`: combine stores made on several machines or
 * by several job-runner tasks. Exports cmd_merge, merge_usage. Each current document
 * of each shard is copied (text, facts, names) through the same load path as
 * attest-load, so content already in OUT is only recorded under its names. */
#include "driver.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "document.h"
#include "facts.h"
#include "../store/store.h"
#include "banned.h"

const char merge_usage[] =
	"usage: attest merge --db OUT SHARD...\n"
	"\n"
	"Copies every current document of each SHARD store (its text, facts and names)\n"
	"into OUT (created when absent). A document OUT already holds (same SHA-256) is\n"
	"not copied twice. Fact ids are OUT's own.\n"
	"\n"
	"Exit status: 0 ok, 2 usage, 3 store error.\n";

static const struct option options[] = {
	{ "db", required_argument, NULL, 'd' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static int merge_document(struct store *out, struct store *in, long long id, long long *added,
			  struct diag *d)
{
	struct document *doc = NULL;
	struct fact_list facts;
	char **names = NULL;
	size_t n = 0, i;
	enum store_load_result res;
	int rc = -1;

	fact_list_init(&facts);
	if (store_document_read(in, id, &doc, d) < 0 || store_facts_read(in, id, &facts, d) < 0 ||
	    store_document_names(in, id, &names, &n, d) < 0)
		goto out;
	for (i = 0; i < (n ? n : 1); i++) {
		struct store_file f = { n ? names[i] : doc->source, -1, -1 };
		if (store_load_document(out, doc, &facts, &f, &res, d) < 0)
			goto out;
		if (res == STORE_ADDED)
			(*added)++;
	}
	rc = 0;
out:
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	fact_list_release(&facts);
	document_free(doc);
	return rc;
}

int cmd_merge(int argc, char **argv)
{
	const char *db = NULL;
	struct store *out = NULL, *in = NULL;
	long long *ids = NULL, added = 0;
	size_t n, i;
	struct diag d;
	int c, k, rc = EXIT_SYSTEM;

	diag_init(&d);
	optind = 1;
	while ((c = getopt_long(argc, argv, "d:h", options, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'h': fputs(merge_usage, stdout); return EXIT_OK;
		default: fputs(merge_usage, stderr); return EXIT_USAGE;
		}
	}
	if (!db || optind >= argc) {
		fputs(merge_usage, stderr);
		return EXIT_USAGE;
	}
	if (store_open(db, 0, &out, &d) < 0)
		goto fail;
	for (k = optind; k < argc; k++) {
		if (store_open(argv[k], STORE_NO_CREATE, &in, &d) < 0 ||
		    store_document_ids(in, 0, &ids, &n, &d) < 0)
			goto fail;
		for (i = 0; i < n; i++)
			if (merge_document(out, in, ids[i], &added, &d) < 0)
				goto fail;
		free(ids);
		ids = NULL;
		store_close(in);
		in = NULL;
	}
	printf("%lld documents added from %d stores\n", added, argc - optind);
	rc = EXIT_OK;
	goto out;
fail:
	diag_print("attest", NULL, &d);
out:
	free(ids);
	store_close(in);
	store_close(out);
	return rc;
}
