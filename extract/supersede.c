/* supersede.c: the whole-document pass that gives a repealed law's generic name the
 * canonical of the law that replaced it, when the document was written after the
 * repeal. Exports supersede_pass.
 *
 * lexicon/laws.tsv may say of a law that it was `replaced_by` another from a date
 * (`until`): Azerbaijan's Law on Immigration gave way to the Migration Code on
 * 1 August 2013. A report written in 2024 that speaks of "the Immigration Law"
 * describes the rules in force, i.e. the Migration Code; a report of 2009 means the
 * 1998 law. The document's date is the latest of its metadata date and the days it
 * mentions (a report cannot predate what it reports). Only mentions that carry no
 * number and no date of their own are moved: "the Immigration Act of 22 December 1998"
 * names the old law whenever it is written. A moved fact keeps the name it resolved
 * to in `named`, so the store can still tell the two apart. */
#include "extract.h"

#include <stdlib.h>
#include <string.h>

#include "lexicon.h"

#include "banned.h"

struct successor {
	const char *law, *by, *until;   /* cells of the lexicon table (owned by it) */
};

/* "2013-08-01" style prefix: the first 10 bytes compare as dates. */
static int iso_day(const char *s)
{
	return s && strlen(s) >= 10 && s[4] == '-' && s[7] == '-';
}

/* The document's date as an ISO day into day, or "" when nothing dates it. */
static void document_day(const struct document *doc, const struct fact_list *facts, char day[11])
{
	size_t i;

	day[0] = '\0';
	if (iso_day(doc->date))
		memcpy(day, doc->date, 10), day[10] = '\0';
	for (i = 0; i < facts->n; i++) {
		const struct fact *f = &facts->v[i];
		const char *prec, *to;
		if (f->kind != FACT_DATE)
			continue;
		prec = fact_get(f, "precision");
		to = fact_get(f, "date_to");
		if (!prec || strcmp(prec, "day") || !iso_day(to))
			continue;
		if (!day[0] || memcmp(to, day, 10) > 0)
			memcpy(day, to, 10), day[10] = '\0';
	}
}

static const struct successor *successor_of(const struct successor *v, size_t n, const char *law)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(v[i].law, law))
			return &v[i];
	return NULL;
}

static int supersede_run(const struct document *doc, const struct lexicon *lex,
			 struct fact_list *facts, struct diag *d)
{
	const struct lexicon_table *t = lexicon_table(lex, "laws");
	int ccan = lexicon_column(t, "canonical"), cby = lexicon_column(t, "replaced_by");
	int cuntil = lexicon_column(t, "until");
	struct successor *v;
	size_t i, n = 0;
	char day[11];

	(void)d;
	if (!t || ccan < 0 || cby < 0 || cuntil < 0)
		return 0;
	v = xcalloc(t->nrows ? t->nrows : 1, sizeof(*v));
	for (i = 0; i < t->nrows; i++) {
		const char *by = lexicon_cell(t, i, cby), *until = lexicon_cell(t, i, cuntil);
		if (*by && iso_day(until))
			v[n++] = (struct successor){ lexicon_cell(t, i, ccan), by, until };
	}
	document_day(doc, facts, day);
	for (i = 0; n && day[0] && i < facts->n; i++) {
		struct fact *f = &facts->v[i];
		const char *can;
		const struct successor *s;
		if (f->kind != FACT_LAW || fact_get(f, "number") || fact_get(f, "date_from"))
			continue;
		can = fact_get(f, "canonical");
		if (!can || !(s = successor_of(v, n, can)) || memcmp(day, s->until, 10) < 0)
			continue;
		fact_set(f, "named", can);
		fact_set(f, "canonical", s->by);
	}
	free(v);
	return 0;
}

const struct pass supersede_pass = { "supersede", supersede_run };
