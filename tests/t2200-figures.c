/* t2200-figures: runs tests/cases/figures.txt (see tests/cases.h for the format). */
#include "cases.h"

int main(void)
{
	return cases_run("figures", FACT_FIGURE);
}
