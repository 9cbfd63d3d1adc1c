/* attest-load: facts stream (contract 2, with its document section) → the store. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "document.h"
#include "facts.h"
#include "store.h"
#include "strbuf.h"
#include "task.h"
#include "timing.h"
#include "banned.h"

static const char usage[] =
	"usage: attest-load --db FILE [--name NAME] [--size N --mtime-ns N] [STREAM|-]\n"
	"\n"
	"Loads one document and its facts (the output of attest-extract) into the store,\n"
	"in one transaction. The store is created when absent. A document already stored\n"
	"(same SHA-256) is not loaded again: NAME is recorded as another name of it.\n"
	"Prints one line: 'added', 'renamed' or 'unchanged', then the name.\n"
	"\n"
	"  --db FILE      the store (SQLite)\n"
	"  --name NAME    the file name as found in the inbox (default: the document's source)\n"
	"  --size N, --mtime-ns N   stat data of the file, so `attest inbox` can skip it later\n"
	"  --timings      print the wall time of each phase on stderr (read, parse, open,\n"
	"                 blocks, index, notes, texts, facts, publisher, commit, close)\n"
	"\n"
	"Exit status: 0 ok, 1 bad input, 2 usage, 3 system error (store).\n";

static const struct option options[] = {
	{ "db", required_argument, NULL, 'd' },
	{ "name", required_argument, NULL, 'n' },
	{ "size", required_argument, NULL, 's' },
	{ "mtime-ns", required_argument, NULL, 'm' },
	{ "timings", no_argument, NULL, 't' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static int parse_ll(const char *s, long long *out)
{
	char *end;

	errno = 0;
	*out = strtoll(s, &end, 10);
	return errno || end == s || *end || *out < 0 ? -1 : 0;
}

/* The document section is parsed on a thread of its own while the fact lines after it
 * are (0.13 s and 0.07 s for the bench document, before the store is touched). */
struct doc_reader {
	const char *xml;
	size_t len;
	struct document *doc;
	struct diag d;
	int rc;
	struct task task;
};

static void *doc_reader_run(void *arg)
{
	struct doc_reader *r = arg;

	r->rc = document_read(r->xml, r->len, &r->doc, &r->d);
	return NULL;
}

static void doc_reader_start(const char *xml, size_t len, void *arg)
{
	struct doc_reader *r = arg;

	r->xml = xml;
	r->len = len;
	task_start(&r->task, doc_reader_run, r, 1);
}

static const char *const results[] = {
	[STORE_ADDED] = "added", [STORE_RENAMED] = "renamed", [STORE_UNCHANGED] = "unchanged",
};

int main(int argc, char **argv)
{
	const char *db = NULL, *path = "-";
	struct store_file file = { NULL, -1, -1 };
	struct strbuf in = STRBUF_INIT;
	struct doc_reader reader;
	struct store *store = NULL;
	struct fact_list facts;
	enum store_load_result result;
	const char *xml;
	size_t xlen;
	struct diag d;
	struct timing timing;
	int c, timings = 0, rc = EXIT_BAD_INPUT;

	diag_init(&d);
	memset(&reader, 0, sizeof(reader));
	diag_init(&reader.d);
	document_read_init();
	strbuf_init(&in);
	fact_list_init(&facts);
	while ((c = getopt_long(argc, argv, "d:n:h", options, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'n': file.name = optarg; break;
		case 's':
		case 'm':
			if (parse_ll(optarg, c == 's' ? &file.size : &file.mtime_ns) < 0) {
				fprintf(stderr, "attest-load: bad number '%s'\n", optarg);
				return EXIT_USAGE;
			}
			break;
		case 't': timings = 1; break;
		case 'h': fputs(usage, stdout); return EXIT_OK;
		default: fputs(usage, stderr); return EXIT_USAGE;
		}
	}
	timing_start(&timing, timings ? stderr : NULL, "attest-load");
	if (optind < argc)
		path = argv[optind++];
	if (!db || optind < argc) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	if ((strcmp(path, "-") ? strbuf_read_file(&in, path, 0) : strbuf_read_fd(&in, 0, 0)) < 0) {
		diag_set(&d, "cannot read: %s", strerror(errno));
		goto fail;
	}
	timing_mark(&timing, "read");
	if (facts_read_with(in.buf, in.len, doc_reader_start, &reader, &xml, &xlen, &facts, &d) < 0)
		goto fail;
	if (!xml) {
		diag_set(&d, "the stream has no document section (attest-extract --facts-only?)");
		goto fail;
	}
	task_wait(&reader.task);
	if (reader.rc < 0) {
		d = reader.d;
		goto fail;
	}
	timing_mark(&timing, "parse");
	if (store_open(db, 0, &store, &d) < 0) {
		rc = EXIT_SYSTEM;
		goto fail;
	}
	timing_mark(&timing, "open");
	store_set_timing(store, &timing);
	if (store_load_document(store, reader.doc, &facts, &file, &result, &d) < 0) {
		rc = EXIT_SYSTEM;
		goto fail;
	}
	printf("%s\t%s\n", results[result], file.name ? file.name :
	       reader.doc->source ? reader.doc->source : "");
	rc = fflush(stdout) ? EXIT_SYSTEM : EXIT_OK;
	goto out;
fail:
	diag_print("attest-load", file.name ? file.name : strcmp(path, "-") ? path : "stdin", &d);
out:
	task_wait(&reader.task);  /* a stream that fails after its document section */
	if (store) {
		store_close(store);
		timing_mark(&timing, "close");
	}
	document_free(reader.doc);
	fact_list_release(&facts);
	strbuf_release(&in);
	return rc;
}
