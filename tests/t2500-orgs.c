/* t2500-orgs: the orgs recogniser against tests/cases/orgs.txt, one TAP line per case; then every lexicon row must be found as itself. */
#include "spec_cases.h"

#include "banned.h"

int main(void)
{
	if (spec_cases_run("orgs.txt"))
		return 1;
	spec_lexicon_rows("organisations", FACT_ORG);
	return done_testing();
}
