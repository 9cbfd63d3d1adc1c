/* passes.c: the registry of whole-document passes, run in table order after every
 * block was scanned (see extract.h). */
#include "extract.h"

#include "banned.h"

const struct pass *const passes[] = {
	&acronyms_pass,
	&attribute_pass,
	&supersede_pass,
};
const size_t npasses = sizeof(passes) / sizeof(passes[0]);
