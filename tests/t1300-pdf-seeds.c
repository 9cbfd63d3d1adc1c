/* t1300-pdf-seeds: the PDF renders of the corpus texts ingest to the same words as
 * the texts themselves (issue 7, acceptance 1). Similarity is word-level and
 * order-aware: 1 - edit distance / length of the longer word sequence. Also: no
 * paragraph of the PDF carries a page number or a repeated header line that the
 * text does not have. Reads $SHARED/corpus (skips when absent). */
#include "../ingest/ingest.h"

#include <dirent.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "tap.h"
#include "banned.h"

struct words {
	uint64_t *h;
	size_t n, cap;
};

static uint64_t hash_word(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return h;
}

static void add_words(struct words *w, const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		size_t j;
		while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n'))
			i++;
		j = i;
		while (j < len && s[j] != ' ' && s[j] != '\t' && s[j] != '\n')
			j++;
		if (j > i) {
			XGROW(w->h, w->cap, w->n + 1);
			w->h[w->n++] = hash_word(s + i, j - i);
		}
		i = j;
	}
}

static void doc_words(const struct document *doc, struct words *w)
{
	size_t i;

	for (i = 0; i < doc->nblocks; i++) {
		const struct block *b = &doc->blocks[i];
		if (b->label) {
			struct strbuf l = STRBUF_INIT;
			strbuf_init(&l);
			strbuf_addf(&l, "%s%s", b->label, b->kind == BLOCK_FOOTNOTE ? "" : ".");
			if (b->kind != BLOCK_FOOTNOTE)
				add_words(w, l.buf, l.len);
			strbuf_release(&l);
		}
		add_words(w, b->text, b->len);
	}
}

/* Levenshtein distance over word hashes, two rows. */
static size_t edit_distance(const struct words *a, const struct words *b)
{
	size_t *prev = xcalloc(b->n + 1, sizeof(size_t)), *cur = xcalloc(b->n + 1, sizeof(size_t));
	size_t i, j, d;

	for (j = 0; j <= b->n; j++)
		prev[j] = j;
	for (i = 1; i <= a->n; i++) {
		size_t *t;
		cur[0] = i;
		for (j = 1; j <= b->n; j++) {
			size_t best = prev[j - 1] + (a->h[i - 1] != b->h[j - 1]);
			if (prev[j] + 1 < best)
				best = prev[j] + 1;
			if (cur[j - 1] + 1 < best)
				best = cur[j - 1] + 1;
			cur[j] = best;
		}
		t = prev;
		prev = cur;
		cur = t;
	}
	d = prev[b->n];
	free(prev);
	free(cur);
	return d;
}

static int ingest_file(const struct reader *r, const char *path, struct document **out)
{
	struct strbuf bytes = STRBUF_INIT;
	struct ingest_input in;
	struct diag d;
	int rc;

	strbuf_init(&bytes);
	diag_init(&d);
	*out = document_new();
	if (strbuf_read_file(&bytes, path, 0) < 0) {
		strbuf_release(&bytes);
		return -1;
	}
	in.name = path;
	in.bytes = bytes.buf;
	in.len = bytes.len;
	in.flags = 0;
	rc = r->read(&in, *out, &d);
	if (rc < 0)
		diag("%s: %s", path, d.msg);
	strbuf_release(&bytes);
	return rc;
}

/* A paragraph that holds its own page number after its last sentence ("... end. 7")
 * or before its first ("7 The ..."), where the text version has no such thing,
 * would be a footer or header glued into the text. */
static int page_number_glued(const struct block *b)
{
	char num[16];
	size_t n;

	if (b->kind != BLOCK_PARAGRAPH || b->page < 2)
		return 0;
	n = (size_t)snprintf(num, sizeof(num), "%d", b->page);
	if (b->len > n + 2 && !memcmp(b->text + b->len - n, num, n) && b->text[b->len - n - 1] == ' ' &&
	    strchr(".:;", b->text[b->len - n - 2]))
		return 1;
	if (b->len > n + 2 && !memcmp(b->text, num, n) && b->text[n] == ' ' && b->text[n + 1] >= 'A' &&
	    b->text[n + 1] <= 'Z')
		return 1;
	return 0;
}

static size_t count_glued(const struct document *doc)
{
	size_t i, n = 0;

	for (i = 0; i < doc->nblocks; i++)
		n += page_number_glued(&doc->blocks[i]);
	return n;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void)
{
	const char *shared = getenv("SHARED") ? getenv("SHARED") : "../shared";
	struct strbuf dir = STRBUF_INIT, path = STRBUF_INIT;
	char **names = NULL;
	size_t nnames = 0, cap = 0, i;
	struct dirent *de;
	DIR *dp;

	strbuf_init(&dir);
	strbuf_init(&path);
	strbuf_addf(&dir, "%s/corpus/pdf/seeds", shared);
	if (!(dp = opendir(dir.buf))) {
		printf("1..0 # SKIP no %s\n", dir.buf);
		return 0;
	}
	while ((de = readdir(dp))) {
		size_t l = strlen(de->d_name);
		if (l > 4 && !strcmp(de->d_name + l - 4, ".pdf")) {
			XGROW(names, cap, nnames + 1);
			names[nnames++] = xstrndup(de->d_name, l - 4);
		}
	}
	closedir(dp);
	qsort(names, nnames, sizeof(*names), by_name);
	for (i = 0; i < nnames; i++) {
		struct document *pdf, *txt;
		struct words a = { NULL, 0, 0 }, b = { NULL, 0, 0 };
		size_t dist, longer, gp, gt;
		double sim;
		int rp, rt;

		strbuf_reset(&path);
		strbuf_addf(&path, "%s/%s.pdf", dir.buf, names[i]);
		rp = ingest_file(&pdf_reader, path.buf, &pdf);
		strbuf_reset(&path);
		strbuf_addf(&path, "%s/corpus/text/%s.txt", shared, names[i]);
		rt = ingest_file(&text_reader, path.buf, &txt);
		ok(rp == 0 && rt == 0, "%s: both versions ingest", names[i]);
		doc_words(pdf, &a);
		doc_words(txt, &b);
		dist = edit_distance(&a, &b);
		longer = a.n > b.n ? a.n : b.n;
		sim = longer ? 1.0 - (double)dist / (double)longer : 1.0;
		ok(sim >= 0.98, "%s: word similarity %.4f >= 0.98 (%zu vs %zu words, %zu edits)",
		   names[i], sim, a.n, b.n, dist);
		gp = count_glued(pdf);
		gt = count_glued(txt);
		ok(gp <= gt, "%s: no page number glued to a paragraph (%zu, text has %zu)", names[i], gp, gt);
		free(a.h);
		free(b.h);
		document_free(pdf);
		document_free(txt);
		free(names[i]);
	}
	free(names);
	strbuf_release(&dir);
	strbuf_release(&path);
	return done_testing();
}
