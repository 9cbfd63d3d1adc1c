/* fuzz_extract.h: what the recogniser targets (fuzz-dates, fuzz-figures) share: the
 * lexicon, loaded once from $ATTEST_LEXICON (replay.c sets it to TOP/lexicon; fuzz.mk
 * exports it), and the turning of arbitrary bytes into a one-block document that
 * keeps contract 1, the way a reader would have produced it. */
#ifndef FUZZ_EXTRACT_H
#define FUZZ_EXTRACT_H

#include "../../extract/extract.h"
#include "../../extract/lexicon.h"

#include "fuzz.h"

static struct lexicon *fuzz_lex;

static inline const struct lexicon *fuzz_lexicon(void)
{
	static int tried;
	struct diag d;

	if (!tried) {
		char *dir = lexicon_default_dir();
		tried = 1;
		diag_init(&d);
		fuzz_lex = lexicon_load(dir ? dir : "lexicon", &d);
		if (!fuzz_lex)
			fuzz_fail("cannot load the lexicon (set ATTEST_LEXICON): %s", d.msg);
		free(dir);
	}
	return fuzz_lex;
}

/* A document of one block holding data as valid NFC UTF-8: a table when the bytes
 * hold a TAB (cells by TAB, rows by LF), else a paragraph (line breaks → spaces).
 * NULL when the bytes give no text. */
static inline struct document *fuzz_one_block(const uint8_t *data, size_t size)
{
	struct strbuf clean = STRBUF_INIT, nfc = STRBUF_INIT;
	struct document *doc;
	int table = memchr(data, '\t', size) != NULL;
	size_t i;

	strbuf_init(&clean);
	strbuf_init(&nfc);
	utf8_sanitize(&clean, (const char *)data, size);
	if (unicode_nfc(&nfc, clean.buf, clean.len) < 0 || !nfc.len) {
		strbuf_release(&clean);
		strbuf_release(&nfc);
		return NULL;
	}
	for (i = 0; i < nfc.len; i++) {
		char *c = &nfc.buf[i];
		if (*c == '\r' || (!table && (*c == '\n' || *c == '\t')))
			*c = ' ';
	}
	doc = document_new();
	document_set(&doc->sha256, "0000000000000000000000000000000000000000000000000000000000000000");
	document_set(&doc->source, "fuzz.txt");
	document_set(&doc->media_type, "text/plain");
	document_set(&doc->lang, "en");
	document_add_block(doc, table ? BLOCK_TABLE : BLOCK_PARAGRAPH, 0, nfc.buf, nfc.len);
	strbuf_release(&clean);
	strbuf_release(&nfc);
	return doc;
}

#endif
