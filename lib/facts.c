/* facts.c: Contract 2 writer and strict reader (see facts.h for the format). */
#include "facts.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "unicode.h"
#include "banned.h"

#define FACT_NAME(e, s) s,
static const char *const fact_names[] = { FACT_KINDS(FACT_NAME) };
#undef FACT_NAME

const char *fact_kind_name(enum fact_kind k)
{
	return (unsigned)k < FACT_KIND_COUNT ? fact_names[k] : "?";
}

int fact_kind_parse(const char *s, enum fact_kind *out)
{
	int i;

	for (i = 0; i < FACT_KIND_COUNT; i++)
		if (!strcmp(s, fact_names[i])) {
			*out = (enum fact_kind)i;
			return 0;
		}
	return -1;
}

void fact_list_init(struct fact_list *l)
{
	l->v = NULL;
	l->n = l->cap = 0;
}

/* The fields' strings live in a few chunks per fact, which only grow (a replaced or
 * removed value stays behind as garbage): a fact gets a dozen fields, and an
 * allocation per field, and its free, were most of fact_set's cost. Chunks never
 * move, so a value once set stays where it is while other fields are set. */
struct fact_chunk {
	struct fact_chunk *prev;
	char data[];
};

static void pool_free(struct fact *f)
{
	struct fact_chunk *c = f->pool, *p;

	for (; c; c = p) {
		p = c->prev;
		free(c);
	}
}

static void fact_release(struct fact *f)
{
	free(f->fields);
	pool_free(f);
	free(f->quote);
}

void fact_list_release(struct fact_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		fact_release(&l->v[i]);
	free(l->v);
	fact_list_init(l);
}

struct fact *fact_list_take(struct fact_list *l, enum fact_kind kind, size_t block,
				   size_t start, size_t end, char *quote)
{
	struct fact *f;

	XGROW(l->v, l->cap, l->n + 1);
	f = &l->v[l->n++];
	memset(f, 0, sizeof(*f));
	f->kind = kind;
	f->block = block;
	f->start = start;
	f->end = end;
	f->quote = quote;
	return f;
}

struct fact *fact_list_add(struct fact_list *l, enum fact_kind kind, size_t block,
			   size_t start, size_t end, const char *quote)
{
	return fact_list_take(l, kind, block, start, end, xstrdup(quote ? quote : ""));
}

void fact_list_remove(struct fact_list *l, size_t i)
{
	if (i >= l->n)
		return;
	fact_release(&l->v[i]);
	memmove(&l->v[i], &l->v[i + 1], (l->n - i - 1) * sizeof(*l->v));
	l->n--;
}

static int cmp_fact(const void *a, const void *b)
{
	const struct fact *x = a, *y = b;

	if (x->block != y->block)
		return x->block < y->block ? -1 : 1;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end < y->end ? -1 : 1;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	return strcmp(x->quote, y->quote);
}

void fact_list_sort(struct fact_list *l)
{
	if (l->n > 1)
		qsort(l->v, l->n, sizeof(*l->v), cmp_fact);
}

/* Room for n more bytes in the newest chunk. */
static char *pool_room(struct fact *f, size_t n)
{
	struct fact_chunk *c;
	size_t cap;

	if (f->pool && f->pool_len + n <= f->pool_cap)
		return f->pool->data + f->pool_len;
	cap = f->pool_cap ? 2 * f->pool_cap : 128;
	while (cap < n)
		cap *= 2;
	c = xmalloc(sizeof(*c) + cap);
	c->prev = f->pool;
	f->pool = c;
	f->pool_len = 0;
	f->pool_cap = cap;
	return c->data;
}

/* Append "key\0value\0" (key NULL: "value\0") and return where value went. */
static char *pool_put(struct fact *f, const char *key, size_t klen, const char *value,
		      size_t vlen)
{
	size_t extra = key ? klen + 1 : 0;
	char *p = pool_room(f, extra + vlen + 1);

	if (key) {
		memcpy(p, key, klen);
		p[klen] = '\0';
	}
	memcpy(p + extra, value, vlen);
	p[extra + vlen] = '\0';
	f->pool_len += extra + vlen + 1;
	return p + extra;
}

/* strcmp() == 0 for the short keys of a fact, without a call per field. */
static int key_eq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

void fact_set(struct fact *f, const char *key, const char *value)
{
	size_t i, klen, vlen;
	char *k;

	for (i = 0; i < f->nfields; i++) {
		struct fact_field *fl = &f->fields[i];
		if (!key_eq(fl->key, key))
			continue;
		if (!value) {
			memmove(fl, fl + 1, (f->nfields - i - 1) * sizeof(*f->fields));
			f->nfields--;
			return;
		}
		vlen = strlen(value);
		if (vlen <= strlen(fl->value)) {
			memmove(fl->value, value, vlen + 1);  /* it fits where the old one was */
			return;
		}
		fl->value = pool_put(f, NULL, 0, value, vlen);
		return;
	}
	if (!value)
		return;
	XGROW(f->fields, f->fields_cap, f->nfields + 1);
	klen = strlen(key);
	vlen = strlen(value);
	k = pool_put(f, key, klen, value, vlen) - klen - 1;
	f->fields[f->nfields].key = k;
	f->fields[f->nfields].value = k + klen + 1;
	f->nfields++;
}

void fact_setf(struct fact *f, const char *key, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	strbuf_init(&sb);
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	fact_set(f, key, sb.buf);
	strbuf_release(&sb);
}

const char *fact_get(const struct fact *f, const char *key)
{
	size_t i;

	for (i = 0; i < f->nfields; i++)
		if (key_eq(f->fields[i].key, key))
			return f->fields[i].value;
	return NULL;
}

/* Bytes the stream escapes, by the letter that follows the backslash. */
static const char escape_letter[256] = { ['\\'] = '\\', ['\t'] = 't', ['\n'] = 'n',
					  ['\r'] = 'r' };

void facts_escape(struct strbuf *sb, const char *s)
{
	/* into the buffer directly, grown once for the worst case: quotes and values are
	 * short, and a search and a copy call per string cost more than their bytes */
	size_t n = strlen(s), i;
	char *p;

	strbuf_grow(sb, 2 * n);
	p = sb->buf + sb->len;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (escape_letter[c]) {
			*p++ = '\\';
			*p++ = escape_letter[c];
		} else {
			*p++ = (char)c;
		}
	}
	*p = '\0';
	sb->len = (size_t)(p - sb->buf);
}

/* Decimal of v, for the three numbers every fact line starts with (printf was a
 * tenth of the writer's time). */
static void add_size(struct strbuf *sb, size_t v)
{
	char d[24];
	size_t n = sizeof(d);

	do {
		d[--n] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	strbuf_add(sb, d + n, sizeof(d) - n);
}

void facts_format(struct strbuf *sb, const struct fact *f)
{
	size_t i;

	add_size(sb, f->block);
	strbuf_addch(sb, '\t');
	add_size(sb, f->start);
	strbuf_addch(sb, '\t');
	add_size(sb, f->end);
	strbuf_addch(sb, '\t');
	strbuf_adds(sb, fact_kind_name(f->kind));
	strbuf_addch(sb, '\t');
	facts_escape(sb, f->quote);
	for (i = 0; i < f->nfields; i++) {
		strbuf_addch(sb, '\t');
		facts_escape(sb, f->fields[i].key);
		strbuf_addch(sb, '=');
		facts_escape(sb, f->fields[i].value);
	}
	strbuf_addch(sb, '\n');
}

void facts_write_header(FILE *out)
{
	fprintf(out, "# attest-facts %d\n", FACTS_VERSION);
}

void facts_write_document(FILE *out, const char *xml, size_t len)
{
	fprintf(out, "document %zu\n", len);
	fwrite(xml, 1, len, out);
	fputc('\n', out);
}

void facts_write(FILE *out, const struct fact *f)
{
	/* one line buffer for the process: a writer emits a million lines */
	static struct strbuf sb = STRBUF_INIT;

	strbuf_reset(&sb);
	facts_format(&sb, f);
	fwrite(sb.buf, 1, sb.len, out);
}

/* Unescape s[0..len) into r, which has room for len + 1 bytes (the result is never
 * longer than the escaped text); returns the unescaped length, or -1 on a bad escape. */
static long unescape_to(char *r, const char *s, size_t len)
{
	const char *bs = memchr(s, '\\', len);
	char *p;
	size_t i;

	if (!bs) {
		memcpy(r, s, len);
		r[len] = '\0';
		return (long)len;
	}
	i = (size_t)(bs - s);
	memcpy(r, s, i);
	p = r + i;
	for (; i < len; i++) {
		if (s[i] != '\\') {
			*p++ = s[i];
			continue;
		}
		if (++i >= len)
			return -1;
		switch (s[i]) {
		case '\\': *p++ = '\\'; break;
		case 't': *p++ = '\t'; break;
		case 'n': *p++ = '\n'; break;
		case 'r': *p++ = '\r'; break;
		default: return -1;
		}
	}
	*p = '\0';
	return (long)(p - r);
}

/* Unescape s[0..len) into a malloc'd string; -1 on a bad escape. */
static int unescape(const char *s, size_t len, char **out)
{
	char *r = xmalloc(len + 1);

	if (unescape_to(r, s, len) < 0) {
		free(r);
		return -1;
	}
	*out = r;
	return 0;
}

static int parse_size(const char *s, size_t len, size_t *out)
{
	size_t v = 0, i;

	if (!len || len > 18)
		return -1;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (size_t)(s[i] - '0');
	}
	*out = v;
	return 0;
}

/* Split line into TAB-separated columns (pointers into the line). */
static size_t split_tabs(const char *s, size_t len, const char **col, size_t *clen, size_t max)
{
	size_t n = 0, i, start = 0;

	for (i = 0; i <= len && n < max; i++) {
		if (i == len || s[i] == '\t') {
			col[n] = s + start;
			clen[n] = i - start;
			n++;
			start = i + 1;
		}
	}
	return n;
}

static int parse_fact_line(const char *s, size_t len, struct fact_list *out, struct diag *d,
			   size_t lineno)
{
	enum { MAXCOL = 64 };
	const char *col[MAXCOL];
	size_t clen[MAXCOL], n, i, block, start, end;
	char kindname[16], *quote = NULL;
	enum fact_kind kind;
	struct fact *f;

	if (memchr(s, '\0', len))
		return diag_set(d, "facts line %zu: NUL byte", lineno);
	if (!utf8_valid(s, len))
		return diag_set(d, "facts line %zu: not UTF-8", lineno);
	n = split_tabs(s, len, col, clen, MAXCOL);
	if (n < 5)
		return diag_set(d, "facts line %zu: expected block, start, end, kind and quote", lineno);
	if (parse_size(col[0], clen[0], &block) < 0 || parse_size(col[1], clen[1], &start) < 0 ||
	    parse_size(col[2], clen[2], &end) < 0 || end < start)
		return diag_set(d, "facts line %zu: bad block or span", lineno);
	if (clen[3] >= sizeof(kindname))
		return diag_set(d, "facts line %zu: unknown kind", lineno);
	memcpy(kindname, col[3], clen[3]);
	kindname[clen[3]] = '\0';
	if (fact_kind_parse(kindname, &kind) < 0)
		return diag_set(d, "facts line %zu: unknown kind '%s'", lineno, kindname);
	if (unescape(col[4], clen[4], &quote) < 0)
		return diag_set(d, "facts line %zu: bad escape in quote", lineno);
	/* the unescaped quote is kept, not copied */
	f = fact_list_take(out, kind, block, start, end, quote);
	if (n > 5) {
		XGROW(f->fields, f->fields_cap, n - 5);
		/* the unescaped fields, a NUL each, fit in the line's length + 1 */
		pool_room(f, len + 1);
	}
	for (i = 5; i < n; i++) {
		const char *eq = memchr(col[i], '=', clen[i]);
		char *kv = f->pool ? f->pool->data + f->pool_len : NULL, *sep;
		long kl;
		size_t j;
		/* escapes never make '=', so the first '=' of the unescaped column is the
		 * separator; key and value then share the pool, as fact_set makes them */
		if (!eq || eq == col[i] || (kl = unescape_to(kv, col[i], clen[i])) < 0) {
			fact_list_remove(out, out->n - 1);
			return diag_set(d, "facts line %zu: field %zu is not key=value", lineno, i + 1);
		}
		f->pool_len += (size_t)kl + 1;
		sep = strchr(kv, '=');
		*sep = '\0';
		/* as fact_set: a repeated key keeps its first place and takes the last value */
		for (j = 0; j < f->nfields && strcmp(f->fields[j].key, kv); j++)
			;
		if (j == f->nfields) {
			f->nfields++;
			f->fields[j].key = kv;
		}
		f->fields[j].value = sep + 1;
	}
	return 0;
}

int facts_read(const char *buf, size_t len, const char **xml, size_t *xml_len,
	       struct fact_list *out, struct diag *d)
{
	return facts_read_with(buf, len, NULL, NULL, xml, xml_len, out, d);
}

int facts_read_with(const char *buf, size_t len,
		    void (*on_document)(const char *xml, size_t xml_len, void *arg), void *arg,
		    const char **xml, size_t *xml_len, struct fact_list *out, struct diag *d)
{
	static const char magic[] = "# attest-facts ";
	size_t i = 0, lineno = 0;
	int seen_header = 0;

	*xml = NULL;
	*xml_len = 0;
	while (i < len) {
		const char *line = buf + i;
		const char *nl = memchr(line, '\n', len - i);
		size_t ll = nl ? (size_t)(nl - line) : len - i;

		lineno++;
		i += ll + (nl ? 1 : 0);
		if (ll && line[ll - 1] == '\r')
			ll--;
		if (!seen_header) {
			size_t ver;
			if (ll < sizeof(magic) - 1 || memcmp(line, magic, sizeof(magic) - 1))
				return diag_set(d, "not an attest facts stream (no '# attest-facts' header)");
			if (parse_size(line + sizeof(magic) - 1, ll - (sizeof(magic) - 1), &ver) < 0)
				return diag_set(d, "facts stream has a malformed version");
			if (ver != FACTS_VERSION)
				return diag_set(d, "facts stream version %zu is not supported (this program reads %d)",
						ver, FACTS_VERSION);
			seen_header = 1;
			continue;
		}
		/* a NUL anywhere outside the document section means binary data, not a
		 * stream a stage wrote; refuse it even in a comment */
		if (memchr(line, '\0', ll))
			return diag_set(d, "facts line %zu: NUL byte", lineno);
		if (!ll || line[0] == '#')
			continue;
		if (ll > 9 && !memcmp(line, "document ", 9)) {
			size_t n;
			if (*xml)
				return diag_set(d, "facts line %zu: second document section", lineno);
			if (parse_size(line + 9, ll - 9, &n) < 0 || n > len - i)
				return diag_set(d, "facts line %zu: bad document length", lineno);
			*xml = buf + i;
			*xml_len = n;
			if (on_document)
				on_document(*xml, n, arg);
			i += n;
			if (i < len && buf[i] == '\n')
				i++;
			continue;
		}
		if (parse_fact_line(line, ll, out, d, lineno) < 0)
			return -1;
	}
	if (!seen_header)
		return diag_set(d, "empty facts stream");
	return 0;
}
