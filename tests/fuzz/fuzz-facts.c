/* fuzz-facts: untrusted bytes as a contract 2 facts stream (facts_read: header,
 * document section with its byte count, TAB-separated fact lines with escapes).
 * Accepted facts must format back to lines that read the same; an embedded
 * document section goes through document_read too. */
#include "fuzz.h"
#include "banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct strbuf stream = STRBUF_INIT, line = STRBUF_INIT;
	struct fact_list facts, back;
	const char *xml, *xml2;
	size_t xml_len, xml_len2, i, k;
	struct diag d;

	fact_list_init(&facts);
	diag_init(&d);
	if (facts_read((const char *)data, size, &xml, &xml_len, &facts, &d) < 0) {
		if (!d.msg[0])
			fuzz_fail("facts_read failed without a reason");
		fact_list_release(&facts);
		return 0;
	}
	if (xml && (xml < (const char *)data || xml + xml_len > (const char *)data + size))
		fuzz_fail("document section outside the buffer");
	/* a NUL cannot travel in the C strings of struct fact: quote and fields would be
	 * cut short without a word, so the strict reader must refuse it */
	for (i = 0; i < size; i++)
		if (!data[i] && !(xml && (const char *)data + i >= xml && (const char *)data + i < xml + xml_len))
			fuzz_fail("facts_read accepted a NUL byte at %zu", i);
	if (xml) {
		struct document *doc = NULL;
		diag_init(&d);
		if (document_read(xml, xml_len, &doc, &d) == 0)
			fuzz_check_document(doc);
		document_free(doc);
	}
	strbuf_init(&stream);
	strbuf_init(&line);
	strbuf_adds(&stream, "# attest-facts 1\n");
	for (i = 0; i < facts.n; i++) {
		const struct fact *f = &facts.v[i];
		if ((unsigned)f->kind >= FACT_KIND_COUNT || !f->quote)
			fuzz_fail("fact %zu: bad kind or no quote", i);
		if (f->start > f->end)
			fuzz_fail("fact %zu: start %zu after end %zu", i, f->start, f->end);
		for (k = 0; k < f->nfields; k++)
			if (!f->fields[k].key || !f->fields[k].value)
				fuzz_fail("fact %zu: NULL key or value", i);
		strbuf_reset(&line);
		facts_format(&line, f);
		if (!line.len || line.buf[line.len - 1] != '\n' || memchr(line.buf, '\n', line.len - 1))
			fuzz_fail("fact %zu formats to more or less than one line", i);
		strbuf_add(&stream, line.buf, line.len);
	}
	fact_list_init(&back);
	diag_init(&d);
	if (facts_read(stream.buf, stream.len, &xml2, &xml_len2, &back, &d) < 0)
		fuzz_fail("facts_read of formatted facts: %s", d.msg);
	if (back.n != facts.n)
		fuzz_fail("%zu facts read back as %zu", facts.n, back.n);
	for (i = 0; i < facts.n; i++) {
		const struct fact *x = &facts.v[i], *y = &back.v[i];
		if (x->kind != y->kind || x->block != y->block || x->start != y->start ||
		    x->end != y->end || strcmp(x->quote, y->quote) || x->nfields != y->nfields)
			fuzz_fail("fact %zu changed in a format/read round trip", i);
		for (k = 0; k < x->nfields; k++)
			if (strcmp(x->fields[k].key, y->fields[k].key) ||
			    strcmp(x->fields[k].value, y->fields[k].value))
				fuzz_fail("fact %zu: field %s changed in a round trip", i, x->fields[k].key);
	}
	fact_list_release(&back);
	fact_list_release(&facts);
	strbuf_release(&stream);
	strbuf_release(&line);
	return 0;
}
