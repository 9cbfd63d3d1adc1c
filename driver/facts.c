/* facts.c: `attest facts`: the facts of one file (ingest | extract in child processes,
 * loaded into an in-memory store) or of the store, one per line. Exports cmd_facts,
 * facts_usage. Both modes print the same columns from the same facts view. */
#include "driver.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "document.h"
#include "facts.h"
#include "../store/store.h"
#include "banned.h"

const char facts_usage[] =
	"usage: attest facts FILE [--format tsv|jsonl|csv|json|md|table] [--kind K]\n"
	"       attest facts --db STORE [--doc NAME] [--kind K] [--format …]\n"
	"\n"
	"Prints one fact per line: fact_id, doc, kind, quote, page, para, value, unit, approx,\n"
	"qualifier, date_from, date_to, measure, period_from, period_to, canonical, number,\n"
	"issuer, attributed_to. With FILE, the file is ingested and extracted on the spot\n"
	"(nothing is stored); with --db, the facts come from the store.\n"
	"\n"
	"  --db STORE       read the store instead of a file\n"
	"  --doc NAME       only the document of this name (as found in the inbox)\n"
	"  --kind K         only date, figure, law, decree or org\n"
	"  --format FMT     tsv (default, with a header line), jsonl, csv, json, md, table\n"
	"\n"
	"Exit status: 0 ok, 1 bad input, 2 usage, 3 system or store error.\n";

static const struct option options[] = {
	{ "db", required_argument, NULL, 'd' },
	{ "doc", required_argument, NULL, 'D' },
	{ "kind", required_argument, NULL, 'k' },
	{ "format", required_argument, NULL, 'f' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/* ingest | extract on path; the facts stream in *out. Returns 0, 1 when a stage failed
 * (reason printed), -1 on a system error (d set). */
static int run_file(const char *path, struct strbuf *out, struct diag *d)
{
	char *ingest = stage_path("ingest"), *extract = stage_path("extract");
	char *a0[] = { ingest, (char *)"--", (char *)path, NULL };
	char *a1[] = { extract, NULL };
	char **argv[] = { a0, a1 };
	static const char *const stages[] = { "ingest", "extract" };
	struct stage_limits lim;
	struct pipeline p;
	struct strbuf reason = STRBUF_INIT;
	const char *stage;
	int rc = -1;

	strbuf_init(&reason);
	stage_limits_default(&lim);
	if (pipeline_start(&p, argv, stages, 2, -1, &lim, d) < 0)
		goto out;
	if (pipeline_wait(&p) < 0) {
		diag_set(d, "cannot wait for the stages");
		goto out;
	}
	if (pipeline_result(&p, &stage, &reason, &lim) < 0) {
		fprintf(stderr, "%s\n", reason.buf);
		rc = 1;
		goto out;
	}
	rc = pipeline_output(&p, out) < 0 ? diag_set(d, "cannot read the facts stream") : 0;
out:
	pipeline_release(&p);
	strbuf_release(&reason);
	free(ingest);
	free(extract);
	return rc;
}

static int load_memory(const char *path, const struct strbuf *stream, struct store **s,
		       struct diag *d)
{
	struct fact_list facts;
	struct document *doc = NULL;
	struct store_file file = { NULL, -1, -1 };
	enum store_load_result res;
	const char *xml;
	size_t xlen;
	int rc = -1;

	fact_list_init(&facts);
	file.name = path;
	if (facts_read(stream->buf, stream->len, &xml, &xlen, &facts, d) < 0 || !xml ||
	    document_read(xml, xlen, &doc, d) < 0 || store_open(":memory:", 0, s, d) < 0 ||
	    store_load_document(*s, doc, &facts, &file, &res, d) < 0)
		goto out;
	rc = 0;
out:
	if (!xml && !d->msg[0])
		diag_set(d, "the facts stream has no document");
	document_free(doc);
	fact_list_release(&facts);
	return rc;
}

int cmd_facts(int argc, char **argv)
{
	const char *db = NULL, *doc = NULL, *kind = NULL, *path = NULL;
	enum store_format fmt = FORMAT_TSV;
	enum fact_kind k;
	struct strbuf stream = STRBUF_INIT;
	struct store *s = NULL;
	struct diag d;
	int c, rc = EXIT_SYSTEM, r;

	diag_init(&d);
	strbuf_init(&stream);
	optind = 1;
	while ((c = getopt_long(argc, argv, "d:D:k:f:h", options, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'D': doc = optarg; break;
		case 'k':
			if (fact_kind_parse(optarg, &k) < 0) {
				fprintf(stderr, "attest facts: unknown kind '%s'\n", optarg);
				return EXIT_USAGE;
			}
			kind = optarg;
			break;
		case 'f':
			if (store_format_parse(optarg, &fmt) < 0 || fmt == FORMAT_PLAIN) {
				fprintf(stderr, "attest facts: unknown format '%s'\n", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'h': fputs(facts_usage, stdout); return EXIT_OK;
		default: fputs(facts_usage, stderr); return EXIT_USAGE;
		}
	}
	if (optind < argc)
		path = argv[optind++];
	if (optind < argc || (!path == !db)) {
		fputs(facts_usage, stderr);
		return EXIT_USAGE;
	}
	if (path) {
		if ((r = run_file(path, &stream, &d)) != 0) {
			if (r < 0)
				diag_print("attest", path, &d);
			rc = r < 0 ? EXIT_SYSTEM : EXIT_BAD_INPUT;
			goto out;
		}
		if (load_memory(path, &stream, &s, &d) < 0) {
			diag_print("attest", path, &d);
			goto out;
		}
	} else if (store_open(db, STORE_NO_CREATE, &s, &d) < 0) {
		diag_print("attest", NULL, &d);
		goto out;
	}
	if (store_write_facts(s, doc, kind, fmt, stdout, &d) < 0) {
		diag_print("attest", NULL, &d);
		goto out;
	}
	rc = EXIT_OK;
out:
	store_close(s);
	strbuf_release(&stream);
	return rc;
}
