/* fuzz-pdf: untrusted bytes through the PDF reader (poppler-glib, then layout). Most
 * of the parsing is poppler's; what is ours is the handling of what it returns for
 * damaged, encrypted and empty files, and the layout of its text. Inputs are capped
 * at 256 KiB so that one run stays fast (fuzz.mk also passes -max_len). */
#include "../../ingest/ingest.h"

#include "fuzz.h"
#include "banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ingest_input in = { "fuzz.pdf", (const char *)data, size, 0 };
	struct document *doc;
	struct diag d;

	if (size > 256 << 10)
		return 0;
	doc = document_new();
	document_set(&doc->sha256, "0000000000000000000000000000000000000000000000000000000000000000");
	document_set(&doc->source, in.name);
	document_set(&doc->media_type, pdf_reader.media_type);
	diag_init(&d);
	if (pdf_reader.read(&in, doc, &d) == 0) {
		fuzz_check_document(doc);
		fuzz_roundtrip_document(doc);
	} else if (!d.msg[0]) {
		fuzz_fail("pdf reader failed without a reason");
	}
	document_free(doc);
	return 0;
}
