/* t2300-laws: the laws recogniser against tests/cases/laws.txt, one TAP line per case; then every lexicon row must be found as itself. */
#include "spec_cases.h"

#include "banned.h"

int main(void)
{
	if (spec_cases_run("laws.txt"))
		return 1;
	spec_lexicon_rows("laws", FACT_LAW);
	return done_testing();
}
