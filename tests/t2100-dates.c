/* t2100-dates: runs tests/cases/dates.txt (see tests/cases.h for the format). */
#include "cases.h"

int main(void)
{
	return cases_run("dates", FACT_DATE);
}
