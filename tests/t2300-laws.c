/* t2300-laws: the laws recogniser against tests/cases/laws.txt, one TAP line per case. */
#include "spec_cases.h"

#include "banned.h"

int main(void)
{
	return spec_cases_run("laws.txt");
}
