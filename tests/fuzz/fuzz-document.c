/* fuzz-document: untrusted bytes as contract 1 XML (document_read: libxml2 without
 * network, DTD or entities, then the element walk). What it accepts must keep the
 * invariants later stages rely on, and write back to XML that reads the same. */
#include "fuzz.h"
#include "banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct document *doc = NULL;
	struct diag d;

	diag_init(&d);
	if (document_read((const char *)data, size, &doc, &d) == 0) {
		if (!doc)
			fuzz_fail("document_read returned 0 without a document");
		fuzz_check_document(doc);
		fuzz_roundtrip_document(doc);
	} else {
		if (doc)
			fuzz_fail("document_read failed but returned a document");
		if (!d.msg[0])
			fuzz_fail("document_read failed without a reason");
	}
	document_free(doc);
	return 0;
}
