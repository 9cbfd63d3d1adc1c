/* attest-ingest: original bytes (PDF, HTML, text) → normalised document XML. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "document.h"
#include "ingest.h"
#include "sha256.h"
#include "strbuf.h"
#include "banned.h"

static const char usage[] =
	"usage: attest-ingest [--name NAME] [--type text|html|pdf] [--keep-running-headers] FILE|-\n"
	"\n"
	"Reads a report and writes its normalised document (XML, lib/document.rng) to\n"
	"standard output: metadata, pages, and blocks in reading order with paragraph\n"
	"labels and footnote markers kept apart from the text. The type is judged from\n"
	"the bytes (%PDF-, HTML markup, else text in any common charset).\n"
	"\n"
	"  --name NAME               source name recorded in the document (default: FILE)\n"
	"  --type T                  skip detection and use reader T\n"
	"  --keep-running-headers    PDF: keep repeated page headers and footers\n"
	"  --max-bytes N             refuse inputs larger than N bytes (default 1 GiB)\n"
	"\n"
	"Nothing is written to standard output unless the whole document was read.\n"
	"Exit status: 0 ok, 1 bad input, 2 usage, 3 system error.\n";

static const struct option options[] = {
	{ "name", required_argument, NULL, 'n' },
	{ "type", required_argument, NULL, 't' },
	{ "keep-running-headers", no_argument, NULL, 'k' },
	{ "max-bytes", required_argument, NULL, 'm' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static const struct reader *const readers[] = { &text_reader, &html_reader, &pdf_reader };

static const struct reader *reader_by_name(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(readers) / sizeof(readers[0]); i++)
		if (!strcmp(readers[i]->name, name))
			return readers[i];
	return NULL;
}

static int read_input(const char *path, size_t max, struct strbuf *sb, struct diag *d)
{
	struct stat st;
	int fd, rc;

	if (!strcmp(path, "-"))
		fd = 0;
	else if ((fd = open(path, O_RDONLY | O_NONBLOCK)) < 0)
		return diag_set(d, "cannot open: %s", strerror(errno));
	if (fstat(fd, &st) < 0) {
		rc = diag_set(d, "cannot stat: %s", strerror(errno));
		goto out;
	}
	if (S_ISDIR(st.st_mode)) {
		rc = diag_set(d, "is a directory");
		goto out;
	}
	if (S_ISREG(st.st_mode) && (size_t)st.st_size > max) {
		rc = diag_set(d, "file too large (%lld bytes, limit %zu)", (long long)st.st_size, max);
		goto out;
	}
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	rc = strbuf_read_fd(sb, fd, max);
	if (rc < 0 && errno == EFBIG)
		rc = diag_set(d, "input too large (limit %zu bytes)", max);
	else if (rc < 0)
		rc = diag_set(d, "cannot read: %s", strerror(errno));
out:
	if (fd > 0)
		close(fd);
	return rc;
}

static int has_suffix_ci(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && !strcasecmp(s + n - k, suffix);
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

static int ingest(const struct ingest_input *in, const struct reader *r, struct document *doc,
		  struct diag *d)
{
	char hex[65];

	sha256_hex(in->bytes, in->len, hex);
	document_set(&doc->sha256, hex);
	document_set(&doc->source, in->name);
	document_set(&doc->media_type, r->media_type);
	return r->read(in, doc, d);
}

int main(int argc, char **argv)
{
	const char *path, *name = NULL;
	const struct reader *r = NULL;
	struct strbuf bytes = STRBUF_INIT, xml = STRBUF_INIT;
	struct ingest_input in;
	struct document *doc = NULL;
	size_t max = (size_t)1 << 30;
	unsigned flags = 0;
	int c, rc = EXIT_BAD_INPUT;
	struct diag d;

	diag_init(&d);
	strbuf_init(&bytes);
	strbuf_init(&xml);
	while ((c = getopt_long(argc, argv, "n:t:km:h", options, NULL)) != -1) {
		switch (c) {
		case 'n': name = optarg; break;
		case 't':
			if (!(r = reader_by_name(optarg))) {
				fprintf(stderr, "attest-ingest: unknown type '%s'\n", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'k': flags |= INGEST_KEEP_RUNNING_HEADERS; break;
		case 'm': {
			char *end;
			unsigned long long v = strtoull(optarg, &end, 10);
			if (*end || !v) {
				fprintf(stderr, "attest-ingest: bad --max-bytes '%s'\n", optarg);
				return EXIT_USAGE;
			}
			max = (size_t)v;
			break;
		}
		case 'h': fputs(usage, stdout); return EXIT_OK;
		default: fputs(usage, stderr); return EXIT_USAGE;
		}
	}
	if (optind + 1 != argc) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	path = argv[optind];
	if (!name)
		name = strcmp(path, "-") ? base_name(path) : "stdin";
	doc = document_new();
	if (read_input(path, max, &bytes, &d) < 0)
		goto fail;
	if (!bytes.len) {
		diag_set(&d, "empty file");
		goto fail;
	}
	in.name = name;
	in.bytes = bytes.buf;
	in.len = bytes.len;
	in.flags = flags;
	if (!r) {
		r = sniff_reader(bytes.buf, bytes.len);
		/* a name that promises a PDF over bytes that are not one is a damaged or
		 * mislabelled file, not a text to load */
		if (r != &pdf_reader && has_suffix_ci(name, ".pdf")) {
			diag_set(&d, "not a PDF: no %%PDF- header (the content looks like %s)", r->name);
			goto fail;
		}
	}
	if (ingest(&in, r, doc, &d) < 0 || document_write_buf(doc, &xml, &d) < 0)
		goto fail;
	if (d.warning && d.msg[0])
		diag_print("attest-ingest", path, &d);
	rc = fwrite(xml.buf, 1, xml.len, stdout) == xml.len && !fflush(stdout) ? EXIT_OK : EXIT_SYSTEM;
	goto out;
fail:
	diag_print("attest-ingest", path, &d);
out:
	document_free(doc);
	strbuf_release(&bytes);
	strbuf_release(&xml);
	return rc;
}
