/* attest-extract: normalised document → facts stream (contract 2). */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "document.h"
#include "extract.h"
#include "facts.h"
#include "lexicon.h"
#include "strbuf.h"
#include "banned.h"

static const char usage[] =
	"usage: attest-extract [--lexicon DIR] [--kinds LIST] [--facts-only] [FILE|-]\n"
	"\n"
	"Reads a normalised document (the XML of attest-ingest) from FILE or standard input\n"
	"and writes the facts stream: the document, then one line per\n"
	"fact with block, character span, kind, quote and normalised fields.\n"
	"\n"
	"  --lexicon DIR   lexicon folder (default: $ATTEST_LEXICON, else the installed one)\n"
	"  --kinds LIST    only these kinds, comma-separated: date,figure,law,decree,org\n"
	"  --facts-only    leave the document out of the stream (for reading and diffing)\n"
	"\n"
	"Exit status: 0 ok, 1 bad input, 2 usage, 3 system error.\n";

static const struct option options[] = {
	{ "lexicon", required_argument, NULL, 'l' },
	{ "kinds", required_argument, NULL, 'k' },
	{ "facts-only", no_argument, NULL, 'f' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/* Bit set of fact kinds from "date,figure"; -1 on an unknown name. */
static int parse_kinds(const char *list, unsigned *out)
{
	char *copy = xstrdup(list), *p = copy, *comma;
	int rc = 0;

	*out = 0;
	for (; p; p = comma) {
		enum fact_kind k;
		if ((comma = strchr(p, ',')))
			*comma++ = '\0';
		if (!*p)
			continue;
		if (fact_kind_parse(p, &k) < 0) {
			rc = -1;
			break;
		}
		*out |= 1u << k;
	}
	free(copy);
	return rc;
}

static int read_input(const char *path, struct strbuf *sb, struct diag *d)
{
	int rc = strcmp(path, "-") ? strbuf_read_file(sb, path, 0) : strbuf_read_fd(sb, 0, 0);

	if (rc < 0)
		return diag_set(d, "cannot read: %s", strerror(errno));
	return 0;
}

static void write_stream(const struct strbuf *xml, const struct fact_list *facts, unsigned kinds,
			 int facts_only)
{
	size_t i;

	facts_write_header(stdout);
	if (!facts_only)
		facts_write_document(stdout, xml->buf, xml->len);
	for (i = 0; i < facts->n; i++)
		if (kinds & (1u << facts->v[i].kind))
			facts_write(stdout, &facts->v[i]);
}

int main(int argc, char **argv)
{
	const char *path = "-";
	char *lexdir = NULL;
	unsigned kinds = ~0u;
	int facts_only = 0, c, rc = EXIT_BAD_INPUT;
	struct strbuf xml = STRBUF_INIT;
	struct document *doc = NULL;
	struct lexicon *lex = NULL;
	struct fact_list facts;
	struct diag d;

	diag_init(&d);
	strbuf_init(&xml);
	fact_list_init(&facts);
	while ((c = getopt_long(argc, argv, "l:k:fh", options, NULL)) != -1) {
		switch (c) {
		case 'l': free(lexdir); lexdir = xstrdup(optarg); break;
		case 'k':
			if (parse_kinds(optarg, &kinds) < 0) {
				fprintf(stderr, "attest-extract: unknown kind in '%s'\n", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'f': facts_only = 1; break;
		case 'h': fputs(usage, stdout); return EXIT_OK;
		default: fputs(usage, stderr); return EXIT_USAGE;
		}
	}
	if (optind < argc)
		path = argv[optind++];
	if (optind < argc) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	if (!lexdir)
		lexdir = lexicon_default_dir();
	if (!(lex = lexicon_load(lexdir, &d))) {
		diag_print("attest-extract", NULL, &d);
		rc = EXIT_SYSTEM;
		goto out;
	}
	if (read_input(path, &xml, &d) < 0 || document_read(xml.buf, xml.len, &doc, &d) < 0 ||
	    extract_document(doc, lex, &facts, &d) < 0) {
		diag_print("attest-extract", path, &d);
		goto out;
	}
	write_stream(&xml, &facts, kinds, facts_only);
	rc = fflush(stdout) ? EXIT_SYSTEM : EXIT_OK;
out:
	fact_list_release(&facts);
	document_free(doc);
	lexicon_free(lex);
	strbuf_release(&xml);
	free(lexdir);
	return rc;
}
