/* fuzz-figures: untrusted text through every recogniser and pass (laws, decrees,
 * orgs, dates, figures, attribution) on a one-block document: a paragraph, or a
 * table when the input holds a TAB, so that row/column header logic runs too. Facts
 * must keep contract 2, and figures must carry a value or an interval. */
#include "fuzz_extract.h"

#include "banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct lexicon *lex;
	struct document *doc;
	struct fact_list facts;
	size_t i;
	struct diag d;

	if (size > 4096)
		return 0;
	lex = fuzz_lexicon();
	if (!(doc = fuzz_one_block(data, size)))
		return 0;
	fact_list_init(&facts);
	diag_init(&d);
	if (extract_document(doc, lex, &facts, &d) == 0) {
		fuzz_check_facts(doc, &facts);
		for (i = 0; i < facts.n; i++) {
			const struct fact *f = &facts.v[i];
			if (f->kind == FACT_FIGURE && !fact_get(f, "value") && !fact_get(f, "lo") &&
			    !fact_get(f, "hi"))
				fuzz_fail("figure '%s' has neither value nor lo/hi", f->quote);
		}
	} else if (!d.msg[0]) {
		fuzz_fail("extract_document failed without a reason");
	}
	fact_list_release(&facts);
	document_free(doc);
	return 0;
}
