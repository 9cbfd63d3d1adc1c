/* facts.h: Contract 2, the facts stream that extract writes and load reads.
 *
 * The stream is line-oriented UTF-8, one document per stream:
 *
 *   # attest-facts 1
 *   document 18342                     byte length of the document XML that follows
 *   <?xml …?><document …>…</document>  exactly that many bytes, then a line feed
 *   7	12	25	date	19 March 2007	date_from=2007-03-19	date_to=2007-03-19	precision=day
 *
 * A fact line has fixed TAB-separated columns `block start end kind quote` and then
 * key=value fields. block is the document's block id; start and end count code points
 * of that block's text (end exclusive). In quote and values, backslash, TAB, LF and CR
 * are written \\ \t \n \r. Lines starting with '#' are comments. `attest-extract
 * --facts-only` leaves out the document section (for goldens and grep).
 *
 * Field keys by kind (see DESIGN.md, contract 2): date: date_from date_to precision;
 * figure: value unit qualifier approx lo hi lo_open hi_open measure period_from
 * period_to period_kind scope attributed_to row_header col_header; law: canonical
 * number date_from date_to article; decree: issuer type number date_from date_to title;
 * org: canonical acronym org_type. Readers keep unknown keys.
 */
#ifndef FACTS_H
#define FACTS_H

#include <stddef.h>
#include <stdio.h>

#include "diag.h"
#include "strbuf.h"

#define FACTS_VERSION 1

#define FACT_KINDS(X) \
	X(FACT_DATE, "date") \
	X(FACT_FIGURE, "figure") \
	X(FACT_LAW, "law") \
	X(FACT_DECREE, "decree") \
	X(FACT_ORG, "org")

#define FACT_ENUM(e, s) e,
enum fact_kind { FACT_KINDS(FACT_ENUM) FACT_KIND_COUNT };
#undef FACT_ENUM

const char *fact_kind_name(enum fact_kind k);
int fact_kind_parse(const char *s, enum fact_kind *out);

struct fact_field {
	char *key;
	char *value;
};

struct fact {
	enum fact_kind kind;
	size_t block;        /* block id in the document */
	size_t start, end;   /* code points in the block text, end exclusive */
	char *quote;         /* the mention exactly as in the block text */
	struct fact_field *fields;  /* in insertion order; keys unique */
	size_t nfields, fields_cap;
	struct fact_chunk *pool;  /* the fields' strings ("key\0value\0"), newest chunk */
	size_t pool_len, pool_cap;  /* bytes used and held in the newest chunk */
};

struct fact_list {
	struct fact *v;
	size_t n, cap;
};

void fact_list_init(struct fact_list *l);
void fact_list_release(struct fact_list *l);
struct fact *fact_list_add(struct fact_list *l, enum fact_kind kind, size_t block,
			   size_t start, size_t end, const char *quote);
/* As fact_list_add, taking ownership of quote (malloc'd) instead of copying it. */
struct fact *fact_list_take(struct fact_list *l, enum fact_kind kind, size_t block,
			    size_t start, size_t end, char *quote);
/* Remove entry i, keeping order. */
void fact_list_remove(struct fact_list *l, size_t i);
/* Sort by (block, start, end, kind): output order is deterministic. */
void fact_list_sort(struct fact_list *l);

/* Set key to value (NULL removes the key). */
void fact_set(struct fact *f, const char *key, const char *value);
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
void fact_setf(struct fact *f, const char *key, const char *fmt, ...);
const char *fact_get(const struct fact *f, const char *key);  /* NULL when absent */

void facts_write_header(FILE *out);
void facts_write_document(FILE *out, const char *xml, size_t len);
void facts_write(FILE *out, const struct fact *f);
void facts_format(struct strbuf *sb, const struct fact *f);  /* one line, with LF */
/* Append s with backslash, TAB, LF and CR escaped as the stream writes them. */
void facts_escape(struct strbuf *sb, const char *s);

/* Parse a whole stream held in memory. xml and xml_len point into buf (NULL/0 when the
 * stream has no document section). Returns 0 or -1 with d set (line number included). */
int facts_read(const char *buf, size_t len, const char **xml, size_t *xml_len,
	       struct fact_list *out, struct diag *d);
/* The same, calling on_document(xml, xml_len, arg) as soon as the document section is
 * found, before the fact lines after it are parsed (so that a caller can read the
 * document meanwhile). */
int facts_read_with(const char *buf, size_t len,
		    void (*on_document)(const char *xml, size_t xml_len, void *arg), void *arg,
		    const char **xml, size_t *xml_len, struct fact_list *out, struct diag *d);

#endif
