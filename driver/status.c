/* status.c: `attest status`: what the store holds. Exports cmd_status, status_usage. */
#include "driver.h"

#include <getopt.h>
#include <stdio.h>

#include "../store/store.h"
#include "banned.h"

const char status_usage[] =
	"usage: attest status [--db FILE]\n"
	"\n"
	"Summarises the store (default: attest.db): documents and their names, retired\n"
	"versions, facts by kind, the last inbox run, and every rejected or skipped file\n"
	"with its reason.\n"
	"\n"
	"Exit status: 0 ok, 2 usage, 3 no store or store error.\n";

static const struct option options[] = {
	{ "db", required_argument, NULL, 'd' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

int cmd_status(int argc, char **argv)
{
	const char *db = "attest.db";
	struct store *s = NULL;
	struct diag d;
	int c, rc = EXIT_SYSTEM;

	diag_init(&d);
	optind = 1;
	while ((c = getopt_long(argc, argv, "d:h", options, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'h': fputs(status_usage, stdout); return EXIT_OK;
		default: fputs(status_usage, stderr); return EXIT_USAGE;
		}
	}
	if (optind < argc) {
		fputs(status_usage, stderr);
		return EXIT_USAGE;
	}
	if (store_open(db, STORE_NO_CREATE, &s, &d) < 0 || store_write_status(s, stdout, &d) < 0)
		diag_print("attest", NULL, &d);
	else
		rc = EXIT_OK;
	store_close(s);
	return rc;
}
