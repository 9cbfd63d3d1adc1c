/* t0400-facts: Contract 2 round trip, escaping and the strict reader. */
#include "facts.h"

#include <stdlib.h>
#include <string.h>

#include "tap.h"

static int read_str(const char *s, struct fact_list *l, struct diag *d)
{
	const char *xml;
	size_t xl;

	fact_list_release(l);
	diag_init(d);
	return facts_read(s, strlen(s), &xml, &xl, l, d);
}

int main(void)
{
	struct fact_list l, back;
	struct strbuf sb = STRBUF_INIT;
	struct fact *f;
	const char *xml;
	size_t xl;
	struct diag d;
	char *buf;
	size_t len;
	FILE *mem;

	diag_init(&d);
	fact_list_init(&l);
	fact_list_init(&back);
	strbuf_init(&sb);
	f = fact_list_add(&l, FACT_FIGURE, 7, 12, 19, "231\tvictims\\");
	fact_set(f, "value", "231");
	fact_set(f, "unit", "persons");
	fact_set(f, "measure", "a\nb");
	fact_set(f, "unit", "count");
	is_str(fact_get(f, "unit"), "count", "fact_set replaces a key");
	fact_set(f, "measure", NULL);
	ok(fact_get(f, "measure") == NULL, "fact_set(NULL) removes a key");
	fact_setf(f, "lo", "%d", 230);
	f = fact_list_add(&l, FACT_DATE, 3, 0, 4, "2007");
	fact_set(f, "date_from", "2007-01-01");
	fact_list_sort(&l);
	is_int(l.v[0].block, 3, "sort orders by block");

	mem = open_memstream(&buf, &len);
	facts_write_header(mem);
	facts_write_document(mem, "<x>\n</x>", 8);
	facts_write(mem, &l.v[0]);
	facts_write(mem, &l.v[1]);
	fclose(mem);
	ok(strstr(buf, "231\\tvictims\\\\") != NULL, "TAB and backslash in quotes are escaped");
	ok(facts_read(buf, len, &xml, &xl, &back, &d) == 0, "the stream reads back: %s", d.msg);
	is_int(xl, 8, "the document section keeps its length");
	ok(xml && !memcmp(xml, "<x>\n</x>", 8), "the document bytes come back (line feeds included)");
	is_int(back.n, 2, "both facts come back");
	if (back.n == 2) {
		is_str(back.v[1].quote, "231\tvictims\\", "the quote is unescaped");
		is_int(back.v[1].start, 12, "start comes back");
		is_int(back.v[1].end, 19, "end comes back");
		is_int(back.v[1].kind, FACT_FIGURE, "kind comes back");
		is_str(fact_get(&back.v[1], "lo"), "230", "fields come back");
		is_str(fact_get(&back.v[0], "date_from"), "2007-01-01", "fields of the first fact come back");
	}
	free(buf);

	ok(read_str("# attest-facts 2\n", &back, &d) < 0 && strstr(d.msg, "version 2"),
	   "a newer version is refused: %s", d.msg);
	ok(read_str("hello\n", &back, &d) < 0, "a stream without header is refused: %s", d.msg);
	ok(read_str("", &back, &d) < 0, "an empty stream is refused");
	ok(read_str("# attest-facts 1\n1\t2\t1\tdate\tx\n", &back, &d) < 0, "end before start is refused: %s", d.msg);
	ok(read_str("# attest-facts 1\n1\t0\t1\tpoem\tx\n", &back, &d) < 0, "an unknown kind is refused: %s", d.msg);
	ok(read_str("# attest-facts 1\n1\t0\t1\tdate\tx\tnokey\n", &back, &d) < 0, "a field without '=' is refused");
	ok(read_str("# attest-facts 1\n1\t0\t1\tdate\tx\\q\n", &back, &d) < 0, "a bad escape is refused");
	ok(read_str("# attest-facts 1\ndocument 99\n<x/>\n", &back, &d) < 0, "a document length past the end is refused");
	ok(read_str("# attest-facts 1\n1\t0\t1\tdate\t\xFF\n", &back, &d) < 0, "a line that is not UTF-8 is refused");
	{
		static const char nul[] = "# attest-facts 1\n1\t0\t1\tdate\tx\0y\n";
		fact_list_release(&back);
		diag_init(&d);
		ok(facts_read(nul, sizeof(nul) - 1, &xml, &xl, &back, &d) < 0 && strstr(d.msg, "NUL"),
		   "a NUL byte in a line is refused: %s", d.msg);
	}
	ok(read_str("# attest-facts 1\n# comment\n\n2\t0\t4\torg\tIOM\tcanonical=International Organization for Migration\n",
		    &back, &d) == 0 && back.n == 1, "comments and blank lines are skipped");
	ok(read_str("# attest-facts 1\n1\t0\t1\tdate\tx", &back, &d) == 0 && back.n == 1,
	   "a last line without line feed is read");
	is_str(fact_kind_name(FACT_DECREE), "decree", "kind names come from one list");
	fact_list_release(&l);
	fact_list_release(&back);
	strbuf_release(&sb);
	return done_testing();
}
