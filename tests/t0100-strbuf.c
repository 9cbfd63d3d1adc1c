/* t0100-strbuf: the strbuf invariants (buf[len] == '\0', detach hands ownership). */
#include "strbuf.h"

#include <stdlib.h>
#include <string.h>

#include "tap.h"

int main(void)
{
	struct strbuf sb = STRBUF_INIT;
	char *p;
	size_t len;
	int i;

	strbuf_init(&sb);
	is_int(sb.len, 0, "a new strbuf is empty");
	is_str(sb.buf, "", "a new strbuf reads as the empty string");
	strbuf_adds(&sb, "abc");
	strbuf_addch(&sb, 'd');
	is_str(sb.buf, "abcd", "adds and addch append");
	strbuf_addf(&sb, "-%d-%s", 42, "x");
	is_str(sb.buf, "abcd-42-x", "addf formats");
	for (i = 0; i < 1000; i++)
		strbuf_addf(&sb, "%04d", i);
	is_int(sb.len, 9 + 4000, "addf grows past the first allocation");
	ok(sb.buf[sb.len] == '\0', "buf[len] is NUL after growth");
	strbuf_setlen(&sb, 4);
	is_str(sb.buf, "abcd", "setlen truncates");
	strbuf_adds(&sb, "  \n");
	strbuf_rtrim(&sb);
	is_str(sb.buf, "abcd", "rtrim drops trailing white space");
	p = strbuf_detach(&sb, &len);
	is_str(p, "abcd", "detach returns the contents");
	is_int(len, 4, "detach reports the length");
	is_int(sb.len, 0, "detach leaves an empty strbuf");
	free(p);
	strbuf_reset(&sb);
	is_str(sb.buf, "", "reset of an empty strbuf is harmless");
	strbuf_release(&sb);
	strbuf_release(&sb);
	ok(1, "release twice is harmless");
	return done_testing();
}
