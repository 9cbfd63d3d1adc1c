/* fuzz-text: untrusted bytes through charset detection and conversion (decode_text),
 * media-type sniffing, and the plain-text reader (form feeds → pages, wrapped lines →
 * paragraphs, lists, tables, labels, footnotes). An accepted input must give a
 * document that keeps contract 1 and survives document_write/document_read. */
#include "../../ingest/ingest.h"

#include "fuzz.h"
#include "banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ingest_input in = { "fuzz.txt", (const char *)data, size, 0 };
	struct strbuf out = STRBUF_INIT;
	struct document *doc;
	struct diag d;

	if (size > 1 << 20)
		return 0;
	strbuf_init(&out);
	diag_init(&d);
	(void)sniff_reader((const char *)data, size);
	if (decode_text((const char *)data, size, &out, &d) == 0) {
		if (!utf8_valid(out.buf, out.len))
			fuzz_fail("decode_text gave invalid UTF-8");
		if (memchr(out.buf, '\r', out.len))
			fuzz_fail("decode_text left a CR");
	} else if (!d.msg[0]) {
		fuzz_fail("decode_text failed without a reason");
	}
	strbuf_release(&out);

	doc = document_new();
	document_set(&doc->sha256, "0000000000000000000000000000000000000000000000000000000000000000");
	document_set(&doc->source, in.name);
	document_set(&doc->media_type, text_reader.media_type);
	diag_init(&d);
	if (text_reader.read(&in, doc, &d) == 0) {
		fuzz_check_document(doc);
		fuzz_roundtrip_document(doc);
	} else if (!d.msg[0]) {
		fuzz_fail("text reader failed without a reason");
	}
	document_free(doc);
	return 0;
}
