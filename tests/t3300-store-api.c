/* t3300-store-api: the store's C interface, in memory: a document round-trips through
 * the store unchanged, facts keep every field, the context of a quote is its sentence,
 * re-extraction keeps the ids of unchanged mentions, and names point at contents. */
#include "../store/store.h"
#include "../store/store_internal.h"  /* FACT_TEXTS_THREAD_MIN */

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "document.h"
#include "facts.h"
#include "strbuf.h"
#include "tap.h"

static const char sha_a[] = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
static const char sha_b[] = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

static struct document *sample(const char *sha)
{
	struct document *doc = document_new();
	struct block *b;
	static const char p1[] = "The Ministry reported progress. In 2009, 231 victims were "
		"identified (see Art. 5 of Law No. 958). Other figures followed.";
	static const char tab[] = "Year\tVictims\n2008\t190\n2009\t231";

	document_set(&doc->sha256, sha);
	document_set(&doc->source, "sample.txt");
	document_set(&doc->media_type, "text/plain");
	document_set(&doc->title, "Annual report on trafficking");
	document_set(&doc->date, "2010-05-01");
	doc->npages = 2;
	document_add_block(doc, BLOCK_HEADING, 1, "Annual report", 13);
	b = document_add_block(doc, BLOCK_PARAGRAPH, 1, p1, strlen(p1));
	b->label = strdup("12");
	block_add_ref(b, 31, "3");
	b = document_add_block(doc, BLOCK_TABLE, 2, tab, strlen(tab));
	b->header_rows = 1;
	return doc;
}

/* code-point offset of needle in block text (ASCII fixture, so bytes = code points) */
static size_t at(const struct document *doc, size_t block, const char *needle)
{
	return (size_t)(strstr(doc->blocks[block - 1].text, needle) - doc->blocks[block - 1].text);
}

static void sample_facts(const struct document *doc, struct fact_list *l)
{
	size_t s = at(doc, 2, "231");
	struct fact *f = fact_list_add(l, FACT_FIGURE, 2, s, s + 3, "231");

	fact_set(f, "value", "231");
	fact_set(f, "unit", "persons");
	fact_set(f, "measure", "vot_identified");
	fact_set(f, "period_from", "2009-01-01");
	fact_set(f, "period_to", "2009-12-31");
	fact_set(f, "future_key", "x");
	s = at(doc, 2, "2009");
	f = fact_list_add(l, FACT_DATE, 2, s, s + 4, "2009");
	fact_set(f, "date_from", "2009-01-01");
	fact_set(f, "date_to", "2009-12-31");
	s = at(doc, 3, "190");
	f = fact_list_add(l, FACT_FIGURE, 3, s, s + 3, "190");
	fact_set(f, "value", "190");
}

/* A document of n blocks (every 50th a table), 6 facts each: enough facts that the
 * load makes their texts on a thread of its own (FACT_TEXTS_THREAD_MIN). */
static struct document *many(const char *sha, size_t n, struct fact_list *l)
{
	static const char *const words[] = { "12", "2009", "victims", "Art.", "2010", "No." };
	struct document *doc = document_new();
	struct strbuf t = STRBUF_INIT;
	size_t i, k;

	document_set(&doc->sha256, sha);
	document_set(&doc->source, "many.txt");
	for (i = 0; i < n; i++) {
		const struct block *b;
		strbuf_reset(&t);
		strbuf_addf(&t, "Paragraph %zu has 12 cases. In 2009, %zu victims were found\t"
			    "under Art. 5 of Law No. %zu. In 2010 \"more\" followed.", i, i * 7, i);
		b = document_add_block(doc, i % 50 == 49 ? BLOCK_TABLE : BLOCK_PARAGRAPH, 1,
				       t.buf, t.len);
		for (k = 0; k < 6; k++) {
			size_t s = (size_t)(strstr(b->text, words[k]) - b->text);
			struct fact *f = fact_list_add(l, k % 2 ? FACT_DATE : FACT_FIGURE, i + 1, s,
						       s + strlen(words[k]), words[k]);
			fact_set(f, "value", words[k]);
			fact_set(f, "note", k == 2 ? "a \"quoted\"\tvalue" : "plain");
		}
		{  /* a law: its sentence is kept as text too */
			const char *law = strstr(b->text, "Law No.");
			size_t s = (size_t)(law - b->text), e = s + strcspn(law + 8, ".") + 8;
			char quote[32];
			snprintf(quote, sizeof(quote), "%.*s", (int)(e - s), law);
			fact_set(fact_list_add(l, FACT_LAW, i + 1, s, e, quote), "number", "1");
		}
	}
	fact_list_sort(l);
	strbuf_release(&t);
	return doc;
}

/* Numbers with more digits than SQLite prints a REAL with come back from the store
 * as the same numbers (attest merge copies facts through store_facts_read). */
static void test_numbers_read_back(void)
{
	static const char big[] = "12345678901234569216";
	struct document *doc = document_new();
	struct fact_list in, back;
	struct store *s = NULL;
	struct store_file file = { "numbers.txt", 1, 1 };
	enum store_load_result res;
	struct diag d;
	struct fact *f;
	long long *ids = NULL;
	size_t nids = 0;

	diag_init(&d);
	fact_list_init(&in);
	fact_list_init(&back);
	document_set(&doc->sha256, "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee");
	document_set(&doc->source, "numbers.txt");
	document_add_block(doc, BLOCK_PARAGRAPH, 0, "It cost 12345678901234569216 or 0.1 of it.", 42);
	f = fact_list_add(&in, FACT_FIGURE, 1, 8, 28, big);
	fact_set(f, "value", big);
	fact_set(f, "lo", "0.1");
	fact_set(f, "hi", "1e300");
	ok(store_open(":memory:", 0, &s, &d) == 0 &&
	   store_load_document(s, doc, &in, &file, &res, &d) == 0 &&
	   store_document_ids(s, 0, &ids, &nids, &d) == 0 && nids == 1 &&
	   store_facts_read(s, ids[0], &back, &d) == 0 && back.n == 1,
	   "a fact with long numbers loads and reads back (%s)", d.msg);
	if (back.n == 1) {
		ok(strtod(fact_get(&back.v[0], "value"), NULL) == strtod(big, NULL),
		   "a 20-digit value comes back as the same number (%s)", fact_get(&back.v[0], "value"));
		ok(strtod(fact_get(&back.v[0], "lo"), NULL) == 0.1, "so does 0.1 (%s)",
		   fact_get(&back.v[0], "lo"));
		ok(strtod(fact_get(&back.v[0], "hi"), NULL) == 1e300, "and 1e300 (%s)",
		   fact_get(&back.v[0], "hi"));
	}
	free(ids);
	fact_list_release(&in);
	fact_list_release(&back);
	document_free(doc);
	store_close(s);
}

static char *query_text(struct store *s, const char *sql)
{
	sqlite3_stmt *st;
	char *out = NULL;

	if (sqlite3_prepare_v2(store_sqlite(s), sql, -1, &st, NULL) != SQLITE_OK)
		return strdup(sqlite3_errmsg(store_sqlite(s)));
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		out = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return out ? out : strdup("(null)");
}

static void is_query(struct store *s, const char *sql, const char *want, const char *name)
{
	char *got = query_text(s, sql);
	is_str(got, want, "%s", name);
	free(got);
}

int main(void)
{
	struct store *s = NULL;
	struct document *doc = sample(sha_a), *back = NULL, *doc2;
	struct fact_list facts, read, again;
	struct strbuf x1 = STRBUF_INIT, x2 = STRBUF_INIT;
	struct store_file file = { "inbox/sample.txt", 100, 5 };
	struct store_file_state state;
	struct store_reextract_counts c;
	enum store_load_result res = STORE_UNCHANGED;
	long long *ids = NULL;
	size_t nids = 0;
	struct diag d;

	diag_init(&d);
	fact_list_init(&facts);
	fact_list_init(&read);
	fact_list_init(&again);
	sample_facts(doc, &facts);
	ok(store_open(":memory:", 0, &s, &d) == 0, "an in-memory store opens (%s)", d.msg);
	ok(store_load_document(s, doc, &facts, &file, &res, &d) == 0, "a document loads (%s)", d.msg);
	is_int(res, STORE_ADDED, "and is reported added");

	is_query(s, "SELECT count(*) FROM facts", "3", "facts shows the three facts");
	is_query(s, "SELECT page || ' ' || para FROM facts WHERE quote = '231'", "1 12",
		 "page and paragraph label come from the block");
	is_query(s, "SELECT s.sentence FROM fact JOIN fact_sentence s USING (fact_id) WHERE quote = '231'",
		 "In 2009, 231 victims were identified (see Art. 5 of Law No. 958).",
		 "the context is the sentence, not cut at 'Art.' or 'No.'");
	is_query(s, "SELECT s.sentence FROM fact JOIN fact_sentence s USING (fact_id) WHERE quote = '190'", "2008 190",
		 "the context of a table cell is its row");
	is_query(s, "SELECT citation FROM facts WHERE quote = '231'",
		 "Annual report on trafficking (2010), p. 1, para. 12: \"In 2009, 231 victims were "
		 "identified (see Art. 5 of Law No. 958).\"", "the citation has title, year, page, para");
	is_query(s, "SELECT json_extract(fields, '$.future_key') FROM fact JOIN fact_fields "
		 "USING (fact_id) WHERE quote = '231'", "x", "unknown keys are kept");
	is_query(s, "SELECT extra FROM fact WHERE quote = '231'", "{\"future_key\":\"x\"}",
		 "in extra, without the keys that have a column");
	is_query(s, "SELECT json_extract(fields, '$.measure') || ' ' || json_extract(fields, "
		 "'$.value') FROM facts WHERE quote = '231'", "vot_identified 231",
		 "the facts view gives every field");
	is_query(s, "SELECT value + 0 FROM facts WHERE quote = '231'", "231", "values are numbers");

	ok(store_document_ids(s, 0, &ids, &nids, &d) == 0 && nids == 1, "one current document");
	ok(store_document_read(s, ids[0], &back, &d) == 0, "the document reads back (%s)", d.msg);
	document_set(&back->source, "sample.txt");  /* the store keeps the inbox name */
	ok(document_write_buf(doc, &x1, &d) == 0 && document_write_buf(back, &x2, &d) == 0,
	   "both serialise");
	is_str(x2.buf, x1.buf, "the stored document equals the loaded one (blocks, labels, refs, tables)");
	ok(store_facts_read(s, ids[0], &read, &d) == 0 && read.n == 3, "facts read back");
	{
		struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
		size_t i;
		fact_list_sort(&facts);
		for (i = 0; i < facts.n && i < read.n; i++) {
			facts_format(&a, &facts.v[i]);
			facts_format(&b, &read.v[i]);
		}
		is_str(b.buf, a.buf, "with every field, in order");
		strbuf_release(&a);
		strbuf_release(&b);
	}

	/* re-extraction: one fact unchanged, one changed fields, one gone, one new */
	{
		char *before = query_text(s, "SELECT fact_id FROM fact WHERE quote = '231'");
		char *after;
		size_t st = at(doc, 2, "victims");
		struct fact *f;
		sample_facts(doc, &again);
		fact_set(&again.v[0], "measure", "vot_assisted");
		fact_list_remove(&again, 2);
		f = fact_list_add(&again, FACT_FIGURE, 3, at(doc, 3, "231"), at(doc, 3, "231") + 3, "231");
		fact_set(f, "value", "231");
		(void)st;
		ok(store_replace_facts(s, ids[0], &again, &c, &d) == 0, "facts are replaced (%s)", d.msg);
		ok(c.kept == 2 && c.added == 1 && c.removed == 1, "2 kept, 1 added, 1 removed (%lld %lld %lld)",
		   c.kept, c.added, c.removed);
		after = query_text(s, "SELECT fact_id FROM fact WHERE quote = '231' AND block_id = "
				      "(SELECT block_id FROM block WHERE n = 2)");
		is_str(after, before, "an unchanged mention keeps its fact_id");
		is_query(s, "SELECT measure FROM fact WHERE quote = '231' AND block_id = "
			 "(SELECT block_id FROM block WHERE n = 2)", "vot_assisted", "and gets its new fields");
		free(before);
		free(after);
	}

	ok(store_file_state(s, "inbox/sample.txt", &state, &d) == 1, "the name is known");
	ok(state.size == 100 && state.mtime_ns == 5 && !strcmp(state.sha256, sha_a) && !state.rejected,
	   "with its stat data and content");
	{
		struct store_file copy = { "elsewhere/copy.txt", 100, 6 };
		ok(store_name_content(s, sha_a, &copy, &res, &d) == 0 && res == STORE_RENAMED,
		   "known content under a new name is a rename");
		ok(store_name_content(s, sha_b, &copy, &res, &d) == 1, "unknown content is not named");
	}
	doc2 = sample(sha_b);
	free(doc2->blocks[1].text);
	doc2->blocks[1].text = strdup("In 2010, 250 victims were identified.");
	doc2->blocks[1].len = strlen(doc2->blocks[1].text);
	{
		struct fact_list none;
		fact_list_init(&none);
		ok(store_load_document(s, doc2, &none, &file, &res, &d) == 0 && res == STORE_ADDED,
		   "new content at a known name loads");
		fact_list_release(&none);
	}
	is_query(s, "SELECT max(version) FROM file WHERE name = 'inbox/sample.txt'", "2", "as version 2");
	is_query(s, "SELECT retired FROM document WHERE sha256 = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'",
		 "0", "the old content stays current while its copy's name holds it");
	{
		struct store_file copy = { "elsewhere/copy.txt", 1, 1 };
		ok(store_name_content(s, sha_b, &copy, &res, &d) == 0, "the copy's name moves on too");
	}
	is_query(s, "SELECT retired FROM document WHERE sha256 LIKE 'a%'", "1",
		 "then the old content is retired");
	is_query(s, "SELECT count(*) FROM facts", "0", "and its facts leave the view");

	/* the texts made on their own thread equal those made one fact at a time */
	{
		static const char sha_c[] =
			"cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc";
		static const char texts_sql[] =
			"SELECT group_concat(t, '|') FROM (SELECT ctx_start || ' ' || ctx_end || ' ' || "
			"ctx_cut || ' ' || coalesce(extra, '-') || ' ' || coalesce(f.sentence, '-') || "
			"' ' || s.sentence || ' ' || fields AS t FROM fact f JOIN fact_sentence s "
			"USING (fact_id) JOIN fact_fields USING (fact_id) WHERE doc_id = (SELECT "
			"doc_id FROM document WHERE sha256 LIKE 'c%') ORDER BY fact_id)";
		struct fact_list lots, bad;
		struct document *big, *big2;
		struct store_file name = { "inbox/many.txt", 1, 1 };
		char *threaded, *one_by_one, *nfacts;
		long long big_id;

		fact_list_init(&lots);
		fact_list_init(&bad);
		big = many(sha_c, 700, &lots);
		ok(lots.n > FACT_TEXTS_THREAD_MIN, "%zu facts: the threaded path", lots.n);
		ok(store_load_document(s, big, &lots, &name, &res, &d) == 0 && res == STORE_ADDED,
		   "a document of many facts loads (%s)", d.msg);
		nfacts = query_text(s, "SELECT count(*) FROM fact WHERE doc_id = (SELECT doc_id "
				       "FROM document WHERE sha256 LIKE 'c%')");
		is_int(atoi(nfacts), (long long)lots.n, "with all its facts");
		free(nfacts);
		is_query(s, "SELECT s.sentence FROM fact JOIN fact_sentence s USING (fact_id) WHERE quote = 'victims' AND block_id = (SELECT "
			 "block_id FROM block WHERE n = 301 AND doc_id = (SELECT doc_id FROM document "
			 "WHERE sha256 LIKE 'c%'))",
			 "In 2009, 2100 victims were found under Art. 5 of Law No. 300.",
			 "a fact's context is its sentence, a TAB in it a space");
		is_query(s, "SELECT s.sentence FROM fact JOIN fact_sentence s USING (fact_id) WHERE quote = 'victims' AND block_id = (SELECT "
			 "block_id FROM block WHERE n = 50 AND doc_id = (SELECT doc_id FROM document "
			 "WHERE sha256 LIKE 'c%'))",
			 "Paragraph 49 has 12 cases. In 2009, 343 victims were found under Art. 5 of "
			 "Law No. 49. In 2010 \"more\" followed.", "a table fact's context is its row");
		is_query(s, "SELECT json_extract(fields, '$.note') FROM fact JOIN fact_fields "
			 "USING (fact_id) WHERE quote = 'victims' AND fields LIKE '%quoted%' LIMIT 1", "a \"quoted\"\tvalue",
			 "fields keep escaped values");
		threaded = query_text(s, texts_sql);
		free(ids);
		ok(store_document_ids(s, 1, &ids, &nids, &d) == 0, "the document ids read");
		big_id = ids[nids - 1];
		free(ids);
		ids = NULL;
		ok(store_replace_facts(s, big_id, &lots, &c, &d) == 0 && c.kept == (long long)lots.n,
		   "re-extracting the same facts keeps them all (%s)", d.msg);
		one_by_one = query_text(s, texts_sql);
		ok(strlen(threaded) > 100000 && !strcmp(threaded, one_by_one),
		   "and rewrites the same context and fields (%zu bytes)", strlen(threaded));
		free(threaded);
		free(one_by_one);

		/* a fact past the last block, among many: nothing of the document loads */
		big2 = many("dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd", 700, &bad);
		fact_list_add(&bad, FACT_DATE, 701, 0, 4, "2009");
		ok(store_load_document(s, big2, &bad, &name, &res, &d) < 0 &&
		   strstr(d.msg, "points at block 701"), "a fact outside the document fails the load: %s",
		   d.msg);
		diag_init(&d);
		is_query(s, "SELECT count(*) FROM document WHERE sha256 LIKE 'd%'", "0",
			 "and leaves no trace of it");
		document_free(big2);
		document_free(big);
		fact_list_release(&lots);
		fact_list_release(&bad);
	}

	ok(store_reject(s, 0, &file, NULL, "ingest", "rejected", "bad bytes", &d) == 0, "a reject is recorded");
	ok(store_file_state(s, "inbox/sample.txt", &state, &d) == 1 && state.rejected,
	   "the name's latest attempt is the reject");

	free(ids);
	document_free(back);
	document_free(doc2);
	document_free(doc);
	fact_list_release(&facts);
	fact_list_release(&read);
	fact_list_release(&again);
	strbuf_release(&x1);
	strbuf_release(&x2);
	store_close(s);
	test_numbers_read_back();
	return done_testing();
}
