/* attest-load: placeholder until the store lands; checks the stream and counts facts. */
#include <stdio.h>
#include <string.h>
#include <errno.h>

#include "facts.h"
#include "strbuf.h"
#include "schema_sql.h"
#include "banned.h"

int main(int argc, char **argv)
{
	struct strbuf in = STRBUF_INIT;
	struct fact_list facts;
	const char *xml;
	size_t xlen;
	struct diag d;

	(void)argc;
	(void)argv;
	(void)schema_sql;
	diag_init(&d);
	strbuf_init(&in);
	fact_list_init(&facts);
	if (strbuf_read_fd(&in, 0, 0) < 0 || facts_read(in.buf, in.len, &xml, &xlen, &facts, &d) < 0) {
		diag_print("attest-load", "stdin", &d);
		return 1;
	}
	printf("%zu facts\n", facts.n);
	fact_list_release(&facts);
	strbuf_release(&in);
	return 0;
}
