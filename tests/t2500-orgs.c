/* t2500-orgs: the orgs recogniser against tests/cases/orgs.txt, one TAP line per case. */
#include "spec_cases.h"

#include "banned.h"

int main(void)
{
	return spec_cases_run("orgs.txt");
}
