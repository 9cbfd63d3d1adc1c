/* fuzz-dates: untrusted text through the date recogniser. dates_parse() is tried at
 * every character of the text (it must never read past len nor claim more bytes than
 * are left, and what it returns must be ISO days with from <= to), then the whole
 * registry runs over a one-block document via extract_document(), whose facts must
 * keep contract 2 (span inside the block, quote = text of the span). */
#include "fuzz_extract.h"
#include "../../extract/dates.h"

#include "banned.h"

static void check_iso_day(const char *s, const char *what, size_t at)
{
	size_t i;

	for (i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
			fuzz_fail("dates_parse at %zu: %s '%.10s' is not YYYY-MM-DD", at, what, s);
	if (s[10])
		fuzz_fail("dates_parse at %zu: %s not terminated", at, what);
	if (memcmp(s + 5, "01", 2) < 0 || memcmp(s + 5, "12", 2) > 0 ||
	    memcmp(s + 8, "01", 2) < 0 || memcmp(s + 8, "31", 2) > 0)
		fuzz_fail("dates_parse at %zu: %s '%s' has no such month or day", at, what, s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct lexicon *lex;
	struct document *doc;
	struct fact_list facts;
	const struct block *b;
	size_t at;
	struct diag d;

	if (size > 4096)
		return 0;
	lex = fuzz_lexicon();
	if (!(doc = fuzz_one_block(data, size)))
		return 0;
	dates_use_lexicon(lex);
	b = &doc->blocks[0];
	for (at = 0; at < b->len; at += utf8_step(b->text, b->len, at)) {
		struct date_value v;
		size_t n;

		memset(&v, 0, sizeof(v));
		n = dates_parse(b->text, b->len, at, &v);
		if (!n)
			continue;
		if (n > b->len - at)
			fuzz_fail("dates_parse at %zu consumed %zu of %zu bytes left", at, n, b->len - at);
		check_iso_day(v.from, "from", at);
		check_iso_day(v.to, "to", at);
		if (strcmp(v.from, v.to) > 0)
			fuzz_fail("dates_parse at %zu: from %s after to %s", at, v.from, v.to);
		if (!v.precision)
			fuzz_fail("dates_parse at %zu: no precision", at);
	}
	fact_list_init(&facts);
	diag_init(&d);
	if (extract_document(doc, lex, &facts, &d) == 0)
		fuzz_check_facts(doc, &facts);
	else if (!d.msg[0])
		fuzz_fail("extract_document failed without a reason");
	fact_list_release(&facts);
	document_free(doc);
	return 0;
}
