/* t2310-countries: countries of lexicon/countries.tsv in laws and organisations (cases in
 * tests/cases/countries.txt), and the country matcher of names.h. */
#include "spec_cases.h"
#include "../extract/names.h"

#include "banned.h"

static void matcher(void)
{
	struct diag d;
	const char *dir = getenv("ATTEST_LEXICON");
	struct lexicon *lex;
	struct name_country nc;
	const char *t;

	memset(&d, 0, sizeof(d));
	if (!(lex = lexicon_load(dir && *dir ? dir : "lexicon", &d))) {
		ok(0, "lexicon: %s", d.msg);
		return;
	}
	t = "Republic of Moldova and";
	is_int((long)names_country_end(lex, t, strlen(t), 0, &nc), 19, "long form, longest match");
	is_str(nc.name, "Moldova", "long form names the country");
	t = "Azerbaijan Republic";
	is_int((long)names_country_end(lex, t, strlen(t), 0, &nc), 19, "alias of two words");
	ok(nc.home, "Azerbaijan is the home country");
	t = "Georgian";
	is_int((long)names_country_end(lex, t, strlen(t), 0, &nc), 8, "adjective");
	ok(!nc.home, "Georgia is not");
	t = "Georgians";
	is_int((long)names_country_end(lex, t, strlen(t), 0, NULL), 0, "word boundary");
	t = "us and UK";
	is_int((long)names_country_end(lex, t, strlen(t), 0, NULL), 0, "acronyms only as written");
	is_int((long)names_country_end(lex, t, strlen(t), 7, NULL), 9, "acronym as written");
	is_int((long)names_country_end(NULL, "Georgia", 7, 0, NULL), 0, "no lexicon, no countries");
	lexicon_free(lex);
}

int main(void)
{
	if (spec_cases_run("countries.txt"))
		return 1;
	matcher();
	return done_testing();
}
