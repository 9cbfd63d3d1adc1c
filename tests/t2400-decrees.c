/* t2400-decrees: the decrees recogniser against tests/cases/decrees.txt, one TAP line per case. */
#include "spec_cases.h"

#include "banned.h"

int main(void)
{
	if (spec_cases_run("decrees.txt"))
		return 1;
	return done_testing();
}
