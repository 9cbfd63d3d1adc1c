/* fuzz-html: untrusted bytes through the HTML reader (libxml2's HTML parser, or its
 * XML parser for XHTML; NONET, no entity expansion). An accepted input must give a
 * document that keeps contract 1 and survives document_write/document_read. */
#include "../../ingest/ingest.h"

#include "fuzz.h"
#include "banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ingest_input in = { "fuzz.html", (const char *)data, size, 0 };
	struct document *doc;
	struct diag d;

	if (size > 1 << 20)
		return 0;
	doc = document_new();
	document_set(&doc->sha256, "0000000000000000000000000000000000000000000000000000000000000000");
	document_set(&doc->source, in.name);
	document_set(&doc->media_type, html_reader.media_type);
	diag_init(&d);
	if (html_reader.read(&in, doc, &d) == 0) {
		fuzz_check_document(doc);
		fuzz_roundtrip_document(doc);
	} else if (!d.msg[0]) {
		fuzz_fail("html reader failed without a reason");
	}
	document_free(doc);
	return 0;
}
