/* phrase_index.c: folded keys and the token-prefix hash table of phrase_index.h.
 * Exports phrase_key_* and phrase_index_*. Invariants: a key has no leading, trailing
 * or doubled spaces; the table holds every token prefix of every phrase added, so a
 * walk can stop at the first prefix that is missing. */
#include "phrase_index.h"

#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "phrases.h"
#include "unicode.h"
#include "banned.h"

struct node {
	uint64_t h;
	size_t off, len;  /* key bytes in pool */
	int entry;        /* first entry of the full phrase, -1 for a bare prefix */
	int used;
};

struct entry {
	int id;
	unsigned flags;
	char *raw;        /* PHRASE_EXACT: the letters and digits as written */
	int next;         /* next entry with the same key, -1 */
};

struct phrase_index {
	struct node *t;
	size_t cap, n;     /* slots, used slots */
	struct strbuf pool;
	struct entry *e;
	size_t ne, ecap;
	size_t count;      /* phrases added */
	/* bit (a << 8 | b) set when some phrase key starts with bytes a, b (b = 0 for a
	 * one-byte first token): a text token whose pair is not set starts no phrase */
	uint8_t first2[65536 / 8];
	/* bit tok_bit(first token) set for the first token of every phrase: a filter run
	 * before hashing a text token */
	uint8_t tok[65536 / 8];
};

/* Filter bit of a token: its length and first, second and last bytes. */
static unsigned tok_bit(const char *tok, size_t n)
{
	unsigned a = (unsigned char)tok[0], b = n > 1 ? (unsigned char)tok[1] : 0;
	unsigned z = (unsigned char)tok[n - 1], l = (unsigned)(n < 255 ? n : 255);
	uint32_t h = ((a * 257u + b) * 257u + z) * 257u + l;

	return (unsigned)((h * 2654435761u) >> 16);
}

static unsigned pair_of(const char *key, size_t len, size_t i)
{
	unsigned a = (unsigned char)key[i];
	unsigned b = i + 1 < len && key[i + 1] != ' ' ? (unsigned char)key[i + 1] : 0;
	return a << 8 | b;
}

#define FNV_OFFSET 1469598103934665603ULL
#define FNV_PRIME 1099511628211ULL

static uint64_t fnv_add(uint64_t h, unsigned char c)
{
	return (h ^ c) * FNV_PRIME;
}

static int ascii_alnum(unsigned char c)
{
	return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* Key byte of an ASCII letter or digit (lower case), 0 for every other byte. */
static const char ascii_key[256] = {
	['0'] = '0', ['1'] = '1', ['2'] = '2', ['3'] = '3', ['4'] = '4',
	['5'] = '5', ['6'] = '6', ['7'] = '7', ['8'] = '8', ['9'] = '9',
	['a'] = 'a', ['b'] = 'b', ['c'] = 'c', ['d'] = 'd', ['e'] = 'e', ['f'] = 'f', ['g'] = 'g',
	['h'] = 'h', ['i'] = 'i', ['j'] = 'j', ['k'] = 'k', ['l'] = 'l', ['m'] = 'm', ['n'] = 'n',
	['o'] = 'o', ['p'] = 'p', ['q'] = 'q', ['r'] = 'r', ['s'] = 's', ['t'] = 't', ['u'] = 'u',
	['v'] = 'v', ['w'] = 'w', ['x'] = 'x', ['y'] = 'y', ['z'] = 'z',
	['A'] = 'a', ['B'] = 'b', ['C'] = 'c', ['D'] = 'd', ['E'] = 'e', ['F'] = 'f', ['G'] = 'g',
	['H'] = 'h', ['I'] = 'i', ['J'] = 'j', ['K'] = 'k', ['L'] = 'l', ['M'] = 'm', ['N'] = 'n',
	['O'] = 'o', ['P'] = 'p', ['Q'] = 'q', ['R'] = 'r', ['S'] = 's', ['T'] = 't', ['U'] = 'u',
	['V'] = 'v', ['W'] = 'w', ['X'] = 'x', ['Y'] = 'y', ['Z'] = 'z',
};

void phrase_key_init(struct phrase_key *k)
{
	memset(k, 0, sizeof(*k));
	strbuf_init(&k->key);
	memset(k->cache_cp, 0xff, sizeof(k->cache_cp));
}

void phrase_key_release(struct phrase_key *k)
{
	strbuf_release(&k->key);
	free(k->from);
	free(k->tok);
	phrase_key_init(k);
}

/* Room for extra more key bytes (and the terminating NUL) in key and from. */
static void key_reserve(struct phrase_key *k, size_t extra)
{
	size_t want = k->key.len + extra + 1;

	if (want > k->cap) {
		size_t cap = k->cap ? k->cap * 2 : 256;
		while (cap < want)
			cap *= 2;
		k->from = xrealloc(k->from, cap * sizeof(*k->from));
		k->cap = cap;
	}
	if (want >= k->key.alloc)
		strbuf_grow(&k->key, extra + 1);
}

/* Append one key byte (with its first source byte when maps); the NUL after the key
 * is written when the fold ends. */
static inline void key_put(struct phrase_key *k, char c, size_t from, int maps)
{
	if (k->key.len + 2 > k->cap || k->key.len + 2 >= k->key.alloc)
		key_reserve(k, 64);
	if (maps)
		k->from[k->key.len] = from;
	k->key.buf[k->key.len++] = c;
}

/* The article "the" carries nothing in a name ("Convention on the Elimination of
 * Statelessness" is "Convention on Elimination of Statelessness"): drop the token. */
static inline void drop_the(struct phrase_key *k)
{
	size_t n = k->key.len;

	if (n >= 3 && !memcmp(k->key.buf + n - 3, "the", 3) && (n == 3 || k->key.buf[n - 4] == ' '))
		strbuf_setlen(&k->key, n - 3);
}

/* End the current token at a separator. Afterwards the key is empty or ends in a
 * space, so further separators add nothing. */
static inline void key_sep(struct phrase_key *k, size_t from, int maps)
{
	size_t n = k->key.len;

	if (!n || k->key.buf[n - 1] == ' ')
		return;  /* nothing to end: no token, so no "the" either */
	drop_the(k);
	if (k->key.len && k->key.buf[k->key.len - 1] != ' ')
		key_put(k, ' ', from, maps);
}

/* Room for the key bytes of text[i..len) if all ASCII (at most one key byte each):
 * the invariant fold_ascii relies on. */
static inline void ascii_reserve(struct phrase_key *k, size_t len, size_t i)
{
	if (k->key.len + (len - i) + 2 > k->cap || k->key.len + (len - i) + 2 >= k->key.alloc)
		key_reserve(k, (len - i) + 64);
}


/* Fold the ASCII text from text[i] up to the next non-ASCII byte (or len); returns
 * where it stopped. Each source byte yields at most one key byte, so the room made
 * by ascii_reserve suffices. Inlined with constant maps: the key-only fold writes no
 * from. */
static inline size_t fold_ascii(struct phrase_key *k, const char *text, size_t len, size_t i,
				int maps)
{
	char *kb = k->key.buf, d;
	size_t *from = k->from, kl = k->key.len;

	for (;;) {
		for (; i < len && (d = ascii_key[(unsigned char)text[i]]); i++, kl++) {
			kb[kl] = d;
			if (maps)
				from[kl] = i;
		}
		if (i >= len || (unsigned char)text[i] >= 0x80)
			break;
		/* a separator: as key_sep, then the rest of the separator run adds nothing */
		if (kl && kb[kl - 1] != ' ') {
			if (kl >= 3 && !memcmp(kb + kl - 3, "the", 3) && (kl == 3 || kb[kl - 4] == ' '))
				kl -= 3;
			if (kl && kb[kl - 1] != ' ') {
				kb[kl] = ' ';
				if (maps)
					from[kl] = i;
				kl++;
			}
		}
		for (i++; i < len && phrase_ascii_sep((unsigned char)text[i]); i++)
			;
	}
	k->key.len = kl;
	return i;
}

/* The folded form of one non-ASCII code point: letters/digits as UTF-8, or "" when it
 * separates words. Cached in k (direct-mapped). */
static const char *fold_cp(struct phrase_key *k, uint32_t cp, const char *src, size_t n, int *err)
{
	unsigned slot = cp & 63;
	struct strbuf sb = STRBUF_INIT;
	size_t i;
	int word = 1;

	if (k->cache_cp[slot] == cp)
		return k->cache_out[slot];
	if (unicode_fold_key(&sb, src, n) < 0) {
		*err = 1;
		strbuf_release(&sb);
		return "";
	}
	for (i = 0; i < sb.len;) {
		size_t j = i;
		uint32_t c = utf8_next(sb.buf, sb.len, &j);
		if (c < 0x80 ? !ascii_alnum((unsigned char)c) : !unicode_is_alpha(c))
			word = 0;
		i = j;
	}
	if (!word || sb.len == 0 || sb.len >= sizeof(k->cache_out[0]))
		k->cache_out[slot][0] = '\0';
	else
		memcpy(k->cache_out[slot], sb.buf, sb.len + 1);
	k->cache_cp[slot] = cp;
	strbuf_release(&sb);
	return k->cache_out[slot];
}

/* The fold of phrase_key_fold; from[] is written only when maps. */
static int fold(struct phrase_key *k, const char *text, size_t len, int maps)
{
	size_t i = 0;
	int err = 0;

	strbuf_reset(&k->key);
	k->has_tok = 0;
	k->src_len = len;
	key_reserve(k, len + 64);  /* room for fold_ascii */
	while (i < len) {
		unsigned char c = (unsigned char)text[i];
		size_t start = i;
		uint32_t cp;
		const char *f;

		if (c < 0x80) {
			i = maps ? fold_ascii(k, text, len, i, 1) : fold_ascii(k, text, len, i, 0);
			continue;
		}
		cp = utf8_next(text, len, &i);
		/* general punctuation, NBSP and ideographic space need no ICU */
		if (cp == 0xA0 || (cp >= 0x2000 && cp <= 0x206F) || cp == 0x3000 || cp == 0xFFFD) {
			key_sep(k, start, maps);
			continue;
		}
		f = fold_cp(k, cp, text + start, i - start, &err);
		if (!*f) {
			key_sep(k, start, maps);
			continue;
		}
		for (; *f; f++)
			key_put(k, *f, start, maps);
		ascii_reserve(k, len, i);  /* the fold may have used the room of the rest */
	}
	drop_the(k);
	if (k->key.len && k->key.buf[k->key.len - 1] == ' ')
		k->key.len--;
	k->key.buf[k->key.len] = '\0';  /* key_reserve made room */
	return err ? -1 : 0;
}

int phrase_key_fold(struct phrase_key *k, const char *text, size_t len)
{
	return fold(k, text, len, 1);
}

int phrase_key_fold_text(struct phrase_key *k, const char *text, size_t len)
{
	return fold(k, text, len, 0);
}

/* The tokens of k with their filter bits, for the scans of several indexes. */
static void key_tokens(struct phrase_key *k)
{
	size_t i = 0, klen = k->key.len;
	const char *key = k->key.buf;

	k->ntok = 0;
	while (i < klen) {
		size_t e = i + 1;
		while (e < klen && key[e] != ' ')
			e++;
		if (k->ntok + 1 > k->tokcap)
			XGROW(k->tok, k->tokcap, k->ntok + 1);
		k->tok[k->ntok].start = i;
		k->tok[k->ntok].end = e;
		k->tok[k->ntok].bit = tok_bit(key + i, e - i);
		k->ntok++;
		i = e;
		while (i < klen && key[i] == ' ')
			i++;
	}
	k->has_tok = 1;
}

const struct phrase_key *phrase_key_of_block(const char *text, size_t len)
{
	/* extract is single-threaded per process; the copy makes reuse safe even when a
	 * later block happens to live at the same address */
	static struct phrase_key k;
	static struct strbuf copy;
	static int ready;

	if (!ready) {
		phrase_key_init(&k);
		strbuf_init(&copy);
		ready = 1;
	}
	if (copy.len == len && copy.buf && !memcmp(copy.buf, text, len) && ready == 2)
		return &k;
	strbuf_reset(&copy);
	strbuf_add(&copy, text, len);
	phrase_key_fold(&k, text, len);
	key_tokens(&k);
	ready = 2;
	return &k;
}

size_t phrase_key_src_end(const struct phrase_key *k, const char *src, size_t i)
{
	/* the fold stepped over the character at from[i] with utf8_next: step again */
	return k->from[i] + utf8_step(src, k->src_len, k->from[i]);
}

size_t phrase_key_pos(const struct phrase_key *k, size_t at)
{
	size_t lo = 0, hi = k->key.len;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (k->from[mid] < at)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

struct phrase_index *phrase_index_new(void)
{
	struct phrase_index *pi = xcalloc(1, sizeof(*pi));

	strbuf_init(&pi->pool);
	pi->cap = 1024;
	pi->t = xcalloc(pi->cap, sizeof(*pi->t));
	return pi;
}

void phrase_index_free(struct phrase_index *pi)
{
	size_t i;

	if (!pi)
		return;
	for (i = 0; i < pi->ne; i++)
		free(pi->e[i].raw);
	free(pi->e);
	free(pi->t);
	strbuf_release(&pi->pool);
	free(pi);
}

size_t phrase_index_count(const struct phrase_index *pi)
{
	return pi ? pi->count : 0;
}

static long node_find(const struct phrase_index *pi, const char *key, size_t len, uint64_t h)
{
	size_t i = (size_t)h & (pi->cap - 1);

	while (pi->t[i].used) {
		const struct node *nd = &pi->t[i];
		if (nd->h == h && nd->len == len && !memcmp(pi->pool.buf + nd->off, key, len))
			return (long)i;
		i = (i + 1) & (pi->cap - 1);
	}
	return -1;
}

static void table_grow(struct phrase_index *pi)
{
	struct node *old = pi->t;
	size_t oldcap = pi->cap, i;

	pi->cap *= 2;
	pi->t = xcalloc(pi->cap, sizeof(*pi->t));
	for (i = 0; i < oldcap; i++) {
		size_t j;
		if (!old[i].used)
			continue;
		j = (size_t)old[i].h & (pi->cap - 1);
		while (pi->t[j].used)
			j = (j + 1) & (pi->cap - 1);
		pi->t[j] = old[i];
	}
	free(old);
}

static struct node *node_get(struct phrase_index *pi, const char *key, size_t len, uint64_t h)
{
	long f = node_find(pi, key, len, h);
	size_t i;

	if (f >= 0)
		return &pi->t[f];
	if ((pi->n + 1) * 2 > pi->cap)
		table_grow(pi);
	i = (size_t)h & (pi->cap - 1);
	while (pi->t[i].used)
		i = (i + 1) & (pi->cap - 1);
	pi->t[i].used = 1;
	pi->t[i].h = h;
	pi->t[i].off = pi->pool.len;
	pi->t[i].len = len;
	pi->t[i].entry = -1;
	strbuf_add(&pi->pool, key, len);
	pi->n++;
	return &pi->t[i];
}

/* Letters and digits of s[0..len) as written (ASCII punctuation and space dropped). */
static char *raw_letters(const char *s, size_t len)
{
	char *r = xmalloc(len + 1);
	size_t i, n = 0;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x80 || ascii_alnum(c))
			r[n++] = (char)c;
	}
	r[n] = '\0';
	return r;
}

int phrase_index_add(struct phrase_index *pi, const char *phrase, size_t len, int id,
		     unsigned flags)
{
	struct phrase_key k;
	struct node *nd = NULL;
	uint64_t h = FNV_OFFSET;
	size_t i;
	char *raw = NULL;
	int e, added = 0;

	phrase_key_init(&k);
	phrase_key_fold_text(&k, phrase, len);
	if (!k.key.len)
		goto out;
	{
		unsigned p = pair_of(k.key.buf, k.key.len, 0);
		const char *sp = memchr(k.key.buf, ' ', k.key.len);
		pi->first2[p >> 3] |= (uint8_t)(1u << (p & 7));
		p = tok_bit(k.key.buf, sp ? (size_t)(sp - k.key.buf) : k.key.len);
		pi->tok[p >> 3] |= (uint8_t)(1u << (p & 7));
	}
	for (i = 0; i <= k.key.len; i++) {
		if (i == k.key.len || k.key.buf[i] == ' ')
			nd = node_get(pi, k.key.buf, i, h);
		if (i < k.key.len)
			h = fnv_add(h, (unsigned char)k.key.buf[i]);
	}
	if (flags & PHRASE_EXACT)
		raw = raw_letters(phrase, len);
	for (e = nd->entry; e >= 0; e = pi->e[e].next)
		if (pi->e[e].flags == flags && (!raw || !strcmp(raw, pi->e[e].raw)))
			goto out;
	XGROW(pi->e, pi->ecap, pi->ne + 1);
	pi->e[pi->ne].id = id;
	pi->e[pi->ne].flags = flags;
	pi->e[pi->ne].raw = raw;
	pi->e[pi->ne].next = -1;
	raw = NULL;
	/* keep insertion order in the chain: the first entry added wins */
	if (nd->entry < 0) {
		nd->entry = (int)pi->ne;
	} else {
		for (e = nd->entry; pi->e[e].next >= 0; e = pi->e[e].next)
			;
		pi->e[e].next = (int)pi->ne;
	}
	pi->ne++;
	pi->count++;
	added = 1;
out:
	free(raw);
	phrase_key_release(&k);
	return added;
}

/* 1 when the letters and digits of src[start..end) equal raw. */
static int raw_equal(const char *src, size_t start, size_t end, const char *raw)
{
	size_t i;

	for (i = start; i < end; i++) {
		unsigned char c = (unsigned char)src[i];
		if (c < 0x80 && !ascii_alnum(c))
			continue;
		if (*raw++ != (char)c)
			return 0;
	}
	return *raw == '\0';
}

static int phrase_index_match_key(const struct phrase_index *pi, const struct phrase_key *k,
			   const char *src, size_t kpos, struct phrase_hit *hit)
{
	const char *key = k->key.buf;
	size_t klen = k->key.len, i;
	uint64_t h = FNV_OFFSET;
	int found = 0;

	if (!pi || kpos >= klen || key[kpos] == ' ')
		return 0;
	{
		unsigned p = pair_of(key, klen, kpos);
		if (!(pi->first2[p >> 3] & (1u << (p & 7))))
			return 0;
	}
	for (i = kpos; i <= klen; i++) {
		if (i == klen || key[i] == ' ') {
			long f = node_find(pi, key + kpos, i - kpos, h);
			int e;
			if (f < 0)
				break;
			for (e = pi->t[f].entry; e >= 0; e = pi->e[e].next) {
				const struct entry *en = &pi->e[e];
				size_t s0 = k->from[kpos], s1 = phrase_key_src_end(k, src, i - 1);
				if ((en->flags & PHRASE_EXACT) && !raw_equal(src, s0, s1, en->raw))
					continue;
				hit->start = s0;
				hit->end = s1;
				hit->id = en->id;
				hit->flags = en->flags;
				found = 1;
				break;
			}
		}
		if (i < klen)
			h = fnv_add(h, (unsigned char)key[i]);
	}
	return found;
}

/* One step of the scan at key byte kpos (a token start, or inside a token after a
 * hit): the hit there if any; returns the next position to look at. */
static size_t scan_step(const struct phrase_index *pi, const struct phrase_key *k, const char *src,
			size_t kpos, struct phrase_hit **hits, size_t *nhits, size_t *cap)
{
	size_t klen = k->key.len, te = kpos + 1;
	struct phrase_hit h;
	unsigned tb;

	while (te < klen && k->key.buf[te] != ' ')
		te++;
	tb = tok_bit(k->key.buf + kpos, te - kpos);
	if (!(pi->tok[tb >> 3] & (1u << (tb & 7)))) {
		kpos = te;  /* no phrase starts with this token */
	} else if (phrase_index_match_key(pi, k, src, kpos, &h)) {
		XGROW(*hits, *cap, *nhits + 1);
		(*hits)[(*nhits)++] = h;
		/* continue after the hit: the first key byte past its source end */
		while (kpos < klen && k->from[kpos] < h.end)
			kpos++;
	} else {
		kpos = te;
	}
	while (kpos < klen && k->key.buf[kpos] == ' ')
		kpos++;
	return kpos;
}

void phrase_index_scan(const struct phrase_index *pi, const struct phrase_key *k,
		       const char *src, struct phrase_hit **hits, size_t *nhits)
{
	size_t kpos = 0, klen = k->key.len, cap = *nhits, ti = 0;

	if (!k->has_tok) {
		while (kpos < klen)
			kpos = scan_step(pi, k, src, kpos, hits, nhits, &cap);
		return;
	}
	/* the same walk over the key's token table: a token whose filter bit is clear is
	 * passed without reading its bytes */
	while (ti < k->ntok && kpos < klen) {
		const struct phrase_tok *tk = &k->tok[ti];
		if (tk->start < kpos) {
			ti++;
		} else if (tk->start > kpos) {
			kpos = scan_step(pi, k, src, kpos, hits, nhits, &cap);  /* inside a token */
		} else if (!(pi->tok[tk->bit >> 3] & (1u << (tk->bit & 7)))) {
			/* and every following token that starts no phrase either: each would
			 * come back here with kpos at its start */
			do
				ti++;
			while (ti < k->ntok && !(pi->tok[k->tok[ti].bit >> 3] & (1u << (k->tok[ti].bit & 7))));
			kpos = ti < k->ntok ? k->tok[ti].start : klen;
		} else {
			kpos = scan_step(pi, k, src, kpos, hits, nhits, &cap);
		}
	}
	while (kpos < klen)
		kpos = scan_step(pi, k, src, kpos, hits, nhits, &cap);
}

int phrase_index_lookup(const struct phrase_index *pi, const char *s, size_t len)
{
	/* one scratch key for every look-up (extract is single-threaded): no allocation
	 * per call, and its cache of ICU folds carries over */
	static struct phrase_key k;
	static int ready;
	uint64_t h = FNV_OFFSET;
	size_t i;
	long f;
	int e, id = -1;

	if (!pi)
		return -1;
	if (!ready) {
		phrase_key_init(&k);
		ready = 1;
	}
	phrase_key_fold_text(&k, s, len);
	for (i = 0; i < k.key.len; i++)
		h = fnv_add(h, (unsigned char)k.key.buf[i]);
	f = k.key.len ? node_find(pi, k.key.buf, k.key.len, h) : -1;
	if (f >= 0)
		for (e = pi->t[f].entry; e >= 0; e = pi->e[e].next)
			if (!(pi->e[e].flags & PHRASE_EXACT) || raw_equal(s, 0, len, pi->e[e].raw)) {
				id = pi->e[e].id;
				break;
			}
	return id;
}

int phrase_index_add_alts(struct phrase_index *pi, const char *cell, int id, unsigned flags)
{
	const char *p = cell;
	int n = 0;

	while (p && *p) {
		const char *bar = strchr(p, '|');
		size_t len = bar ? (size_t)(bar - p) : strlen(p);
		n += phrase_index_add(pi, p, len, id, flags);
		p = bar ? bar + 1 : NULL;
	}
	return n;
}
