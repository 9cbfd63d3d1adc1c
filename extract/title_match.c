/* title_match.c: near matches of titles by content words (see title_match.h).
 * Each title is kept as its sorted, distinct content words; two titles compare by one
 * merge of their word lists. The set is small (the lexicon's titles and aliases) and a
 * lookup happens only for a derived title the exact index did not know. */
#include "title_match.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "phrase_index.h"
#include "strbuf.h"
#include "banned.h"

struct title_sig {
	char *buf;  /* the folded title, its words NUL-terminated in place */
	char **w;   /* sorted, distinct content words (into buf) */
	size_t n;
	uint64_t mask;  /* bit word_bit(w) of each word: a test that rejects most pairs */
	int id;
};

struct title_set {
	struct title_sig *v;  /* by word count: a lookup reads the counts near its own */
	size_t n, cap;
};

/* Words that name the kind of instrument or its country rather than its subject. */
static const char *const generic[] = {
	"a", "about", "act", "an", "and", "azerbaijan", "azerbaijani", "code", "concerning",
	"for", "in", "law", "of", "on", "regarding", "republic", "the", "to",
};

static int is_generic(const char *w)
{
	size_t lo = 0, hi = sizeof(generic) / sizeof(generic[0]);

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(w, generic[mid]);
		if (!c)
			return 1;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return 0;
}

static int word_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void sig_release(struct title_sig *s)
{
	free(s->buf);
	free(s->w);
	s->buf = NULL;
	s->w = NULL;
	s->n = 0;
}

/* A word's bit in a signature mask: two words on distinct bits are distinct words. */
static unsigned word_bit(const char *w)
{
	uint32_t h = 2166136261u;

	for (; *w; w++)
		h = (h ^ (unsigned char)*w) * 16777619u;
	return h >> 26;
}

/* The content words of title into s (empty on a fold error). The words stay in one
 * copy of the folded key: a lookup allocates twice, not once a word. */
static void sig_of(const char *title, struct title_sig *s)
{
	struct phrase_key k;
	size_t i = 0, cap = 0, n = 0, len;
	char *key;

	s->buf = NULL;
	s->w = NULL;
	s->n = 0;
	s->mask = 0;
	phrase_key_init(&k);
	if (phrase_key_fold(&k, title, strlen(title)) < 0) {
		phrase_key_release(&k);
		return;
	}
	len = k.key.len;
	key = s->buf = xmalloc(len + 1);
	memcpy(key, k.key.buf, len);
	key[len] = '\0';
	phrase_key_release(&k);
	while (i < len) {
		size_t j = i;
		while (j < len && key[j] != ' ')
			j++;
		key[j] = '\0';
		if (j > i && !is_generic(key + i)) {
			XGROW(s->w, cap, n + 1);
			s->w[n++] = key + i;
		}
		i = j + 1;
	}
	if (n)
		qsort(s->w, n, sizeof(*s->w), word_cmp);
	for (i = 0, s->n = 0; i < n; i++)
		if (!s->n || strcmp(s->w[s->n - 1], s->w[i]))
			s->w[s->n++] = s->w[i];
	for (i = 0; i < s->n; i++)
		s->mask |= (uint64_t)1 << word_bit(s->w[i]);
}

/* 0 when a and b cannot be near: their counts differ by more than one, or one has
 * words on two bits the other lacks (two words the other lacks). Cheap, so it runs
 * before the word merge of sig_near. */
static int sig_may_be_near(const struct title_sig *a, const struct title_sig *b)
{
	uint64_t only_a = a->mask & ~b->mask, only_b = b->mask & ~a->mask;

	if (a->n > b->n + 1 || b->n > a->n + 1)
		return 0;
	return !(only_a & (only_a - 1)) && !(only_b & (only_b - 1));
}

/* 1 when a and b are near: each lacks at most one word of the other (and only one
 * of them lacks any in TITLE_NEAR_NO_SWAP mode). */
static int sig_near(const struct title_sig *a, const struct title_sig *b, enum title_near_mode mode)
{
	size_t i = 0, j = 0, only_a = 0, only_b = 0;

	if (a->n < TITLE_NEAR_MIN || b->n < TITLE_NEAR_MIN)
		return 0;
	while (i < a->n || j < b->n) {
		int c = i == a->n ? 1 : j == b->n ? -1 : strcmp(a->w[i], b->w[j]);
		if (c < 0)
			only_a++, i++;
		else if (c > 0)
			only_b++, j++;
		else
			i++, j++;
		if (only_a > 1 || only_b > 1)
			return 0;
	}
	return mode == TITLE_NEAR_ANY || only_a + only_b <= 1;
}

struct title_set *title_set_new(void)
{
	return xcalloc(1, sizeof(struct title_set));
}

void title_set_free(struct title_set *ts)
{
	size_t i;

	if (!ts)
		return;
	for (i = 0; i < ts->n; i++)
		sig_release(&ts->v[i]);
	free(ts->v);
	free(ts);
}

void title_set_add(struct title_set *ts, const char *title, int id)
{
	struct title_sig s;
	size_t i;

	sig_of(title, &s);
	if (s.n < TITLE_NEAR_MIN) {
		sig_release(&s);
		return;
	}
	s.id = id;
	XGROW(ts->v, ts->cap, ts->n + 1);
	for (i = ts->n; i > 0 && ts->v[i - 1].n > s.n; i--)
		;
	memmove(ts->v + i + 1, ts->v + i, (ts->n - i) * sizeof(*ts->v));
	ts->v[i] = s;
	ts->n++;
}

void title_set_add_alts(struct title_set *ts, const char *cell, int id)
{
	struct strbuf one = STRBUF_INIT;

	while (*cell) {
		const char *bar = strchr(cell, '|');
		size_t n = bar ? (size_t)(bar - cell) : strlen(cell);
		strbuf_reset(&one);
		strbuf_add(&one, cell, n);
		if (one.len)
			title_set_add(ts, one.buf, id);
		cell += n + (bar ? 1 : 0);
	}
	strbuf_release(&one);
}

int title_set_near(const struct title_set *ts, const char *title, enum title_near_mode mode)
{
	struct title_sig s;
	size_t i, lo, hi;
	int id = -1;

	sig_of(title, &s);
	/* too few content words to be near any entry (sig_near) */
	if (s.n < TITLE_NEAR_MIN) {
		sig_release(&s);
		return -1;
	}
	/* near entries have one word more or less at most; the answer does not depend on
	 * the order the entries are tried in */
	lo = 0;
	hi = ts->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (ts->v[mid].n + 1 < s.n)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo; i < ts->n && ts->v[i].n <= s.n + 1; i++) {
		if (!sig_may_be_near(&s, &ts->v[i]) || !sig_near(&s, &ts->v[i], mode))
			continue;
		if (id >= 0 && id != ts->v[i].id) {
			id = -1;
			break;
		}
		id = ts->v[i].id;
	}
	sig_release(&s);
	return id;
}
