/* fuzz-lexicon: untrusted bytes as a lexicon TSV table (lexicon_table_parse:
 * comments, header line, TAB-separated cells, '|' alternatives). Analysts edit these
 * files by hand, so the loader must reject what it cannot read with a line number,
 * never crash. An accepted table must be rectangular with no NULL cell. */
#include "../../extract/lexicon.h"

#include "fuzz.h"
#include "banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lexicon_table *t = NULL;
	size_t r, c;
	struct diag d;

	diag_init(&d);
	if (lexicon_table_parse("fuzz", (const char *)data, size, &t, &d) < 0) {
		if (!d.msg[0])
			fuzz_fail("lexicon_table_parse failed without a reason");
		lexicon_table_free(t);
		return 0;
	}
	if (!t || !t->name || (t->ncols && !t->colnames))
		fuzz_fail("accepted table without name or columns");
	for (c = 0; c < t->ncols; c++) {
		int at;
		if (!t->colnames[c])
			fuzz_fail("column %zu has no name", c);
		at = lexicon_column(t, t->colnames[c]);
		if (at < 0 || (size_t)at > c)
			fuzz_fail("lexicon_column('%s') is %d, not <= %zu", t->colnames[c], at, c);
	}
	for (r = 0; r < t->nrows; r++)
		for (c = 0; c < t->ncols; c++) {
			const char *cell = lexicon_cell(t, r, (int)c);
			if (!cell)
				fuzz_fail("cell %zu,%zu is NULL", r, c);
			(void)strlen(cell);
		}
	(void)lexicon_column(t, "no such column");
	lexicon_table_free(t);
	return 0;
}
