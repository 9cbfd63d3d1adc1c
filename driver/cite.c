/* cite.c: `attest cite FACT_ID`: a citation to paste into a shadow report. Exports
 * cmd_cite, cite_usage. The plain text is the `citation` column of the facts view. */
#include "driver.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "../store/store.h"
#include "banned.h"

const char cite_usage[] =
	"usage: attest cite [--db FILE] [--format plain|md] FACT_ID...\n"
	"\n"
	"Prints one citation per fact: author or publisher, title (or UN symbol), year,\n"
	"page, paragraph label and the sentence quoted, e.g.\n"
	"  IOM, Migration in the Republic of Azerbaijan: A Country Profile (2008), p. 25: \"…\"\n"
	"  CMW/C/AZE/2, para. 165: \"…\"\n"
	"FACT_ID is the fact_id column of the facts view.\n"
	"\n"
	"  --db FILE        the store (default: attest.db)\n"
	"  --format FMT     plain (default) or md (title in italics, curly quotes)\n"
	"\n"
	"Exit status: 0 ok, 1 no such fact, 2 usage, 3 store error.\n";

static const struct option options[] = {
	{ "db", required_argument, NULL, 'd' },
	{ "format", required_argument, NULL, 'f' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

int cmd_cite(int argc, char **argv)
{
	const char *db = "attest.db";
	enum store_format fmt = FORMAT_PLAIN;
	struct store *s = NULL;
	struct diag d;
	int c, i, rc = EXIT_OK;

	diag_init(&d);
	optind = 1;
	while ((c = getopt_long(argc, argv, "d:f:h", options, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'f':
			if (store_format_parse(optarg, &fmt) < 0 || (fmt != FORMAT_PLAIN && fmt != FORMAT_MD)) {
				fprintf(stderr, "attest cite: unknown format '%s' (plain, md)\n", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'h': fputs(cite_usage, stdout); return EXIT_OK;
		default: fputs(cite_usage, stderr); return EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		fputs(cite_usage, stderr);
		return EXIT_USAGE;
	}
	if (store_open(db, STORE_NO_CREATE, &s, &d) < 0) {
		diag_print("attest", NULL, &d);
		return EXIT_SYSTEM;
	}
	for (i = optind; i < argc; i++) {
		char *end;
		long long id;
		int r;
		errno = 0;
		id = strtoll(argv[i], &end, 10);
		if (errno || end == argv[i] || *end || id <= 0) {
			fprintf(stderr, "attest cite: '%s' is not a fact id\n", argv[i]);
			rc = EXIT_USAGE;
			break;
		}
		if ((r = store_write_citation(s, id, fmt, stdout, &d)) < 0) {
			diag_print("attest", NULL, &d);
			rc = EXIT_SYSTEM;
			break;
		}
		if (r == 1) {
			fprintf(stderr, "attest cite: no fact %lld in '%s'\n", id, db);
			rc = EXIT_BAD_INPUT;
		}
	}
	store_close(s);
	return rc;
}
