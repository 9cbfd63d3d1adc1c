/* pdf_reader.c: PDF → pages → blocks through poppler-glib. Per page, poppler's text
 * (its reading order, columns included) and one box per character, each computed
 * once (poppler caches the page's text layout between the two calls); the lines are
 * then judged across the document: running headers and footers dropped, footnote
 * areas found, paragraphs rebuilt (pdf_lines.c, pdf_running.c, pdf_compose.c).
 *
 * Refused with a reason: encrypted files without a password, damaged files poppler
 * cannot open, files without a text layer (scans) and files whose fonts map glyphs
 * to no usable text. A file with some unreadable pages yields the others and a
 * warning. poppler writes its own complaints to stderr: they are silenced while it
 * runs, so that the caller's one line is the only one. poppler can loop on hostile
 * files; a watchdog (SIGALRM, ATTEST_PDF_TIMEOUT seconds, default 25, 0 = none)
 * then ends the process with one line and exit status 1 — the only message this
 * file writes itself, because a stuck poppler cannot be returned from. A timer the
 * caller had running (libFuzzer's) is put back afterwards. ATTEST_PDF_STDERR=1
 * keeps poppler's own messages (to debug a crash inside poppler). Exports
 * pdf_reader only. */
#include "ingest.h"

#include <fcntl.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

#include <poppler.h>
#include <lcms2.h>

#include "pdf.h"
#include "unicode.h"
#include "banned.h"

#define DEFAULT_TIMEOUT 25

/* ---- watchdog and stderr ---- */

static char watchdog_msg[600];
static size_t watchdog_len;
static volatile sig_atomic_t saved_stderr = -1;

static void watchdog_fire(int sig)
{
	(void)sig;
	if (saved_stderr >= 0)
		dup2(saved_stderr, 2);
	if (write(2, watchdog_msg, watchdog_len) < 0) {
		/* nothing left to try */
	}
	_exit(EXIT_BAD_INPUT);
}

struct guard {
	struct sigaction old;
	struct itimerval old_timer;  /* a caller's timer (libFuzzer's) goes on after us */
	int armed;
};

static void guard_start(struct guard *g, const char *name)
{
	const char *env = getenv("ATTEST_PDF_TIMEOUT");
	long secs = DEFAULT_TIMEOUT;
	int nul;

	memset(g, 0, sizeof(*g));
	if (env && *env) {
		char *end;
		long v = strtol(env, &end, 10);
		if (!*end && v >= 0)
			secs = v;
	}
	fflush(stderr);
	/* ATTEST_PDF_STDERR=1 lets poppler's messages through, to debug a crash */
	if (!(getenv("ATTEST_PDF_STDERR") && !strcmp(getenv("ATTEST_PDF_STDERR"), "1"))) {
		saved_stderr = dup(2);
		if (saved_stderr >= 0 && (nul = open("/dev/null", O_WRONLY)) >= 0) {
			dup2(nul, 2);
			close(nul);
		}
	}
	if (secs > 0) {
		struct sigaction sa;
		struct itimerval it;
		int n = snprintf(watchdog_msg, sizeof(watchdog_msg),
				 "attest-ingest: %s: PDF not read within %ld s (poppler loops on this file)\n",
				 name, secs);
		watchdog_len = n > 0 && (size_t)n < sizeof(watchdog_msg) ? (size_t)n : 0;
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = watchdog_fire;
		sigemptyset(&sa.sa_mask);
		sigaction(SIGALRM, &sa, &g->old);
		memset(&it, 0, sizeof(it));
		it.it_value.tv_sec = secs;
		setitimer(ITIMER_REAL, &it, &g->old_timer);
		g->armed = 1;
	}
}

static void guard_stop(struct guard *g)
{
	if (g->armed) {
		setitimer(ITIMER_REAL, &g->old_timer, NULL);
		sigaction(SIGALRM, &g->old, NULL);
	}
	if (saved_stderr >= 0) {
		dup2(saved_stderr, 2);
		close(saved_stderr);
		saved_stderr = -1;
	}
}

/* ---- colour profiles ----
 *
 * Text never needs colour management, and poppler pays for it on every page:
 * poppler-glib gives each page a new text device and with it an empty cache of
 * colour spaces, so each page that sets an ICCBased colour space (most Word and
 * Distiller files, for their black text) has lcms2 parse the embedded profile and
 * link it to sRGB again — reversing sRGB's tone curves point by point, up to half
 * the reading time of a long report. poppler reads every embedded profile through
 * cmsOpenProfileFromMem, and when that fails it keeps the colour space and converts
 * by the space's Alternate (DeviceRGB, DeviceGray, ...), as for a broken profile.
 * Defining the function in the program makes the dynamic linker bind poppler's
 * call to it (the executable comes first in symbol lookup), so no profile is ever
 * parsed. Glyphs, positions and fonts do not depend on colour; the only output that
 * could, the text colour of poppler_page_get_text_attributes, is not read here.
 * Nothing else in attest uses lcms2. */
cmsHPROFILE cmsOpenProfileFromMem(const void *mem, cmsUInt32Number len)
{
	(void)mem;
	(void)len;
	return NULL;
}

/* ---- the heap ----
 *
 * poppler allocates a page's text objects and frees them all when the page is done.
 * With glibc's default top pad (128 KiB) the heap is grown a little at a time and
 * trimmed back after each page, so each page faults the same memory in again:
 * 16,574 minor faults on a 194-page report where pdftotext, which keeps one text
 * device, takes 1,070. A 4 MiB pad keeps the top of the heap between pages (3,825
 * faults) for 4 MiB of address space. The release build links mimalloc instead
 * (Makefile, MALLOC_LIBS), which keeps its pages between pages of the PDF itself;
 * this is for the builds on glibc's malloc. */
static void heap_start(void)
{
#ifdef __GLIBC__
	mallopt(M_TOP_PAD, 4 << 20);
#endif
}

/* ---- metadata ---- */

/* Producer-made titles ("Microsoft Word - report.doc", "g0916919.pdf") say nothing. */
static int useful_title(const char *t)
{
	static const char *const ends[] = { ".doc", ".docx", ".pdf", ".rtf", ".odt", ".indd", ".qxd", NULL };
	size_t n = strlen(t), i;

	if (n < 4 || !strncmp(t, "Microsoft Word - ", 17) || !strncmp(t, "untitled", 8) ||
	    !strncmp(t, "Untitled", 8))
		return 0;
	for (i = 0; ends[i]; i++) {
		size_t e = strlen(ends[i]);
		if (n > e && !strcmp(t + n - e, ends[i]))
			return 0;
	}
	return strchr(t, ' ') != NULL;
}

static void set_clean(char **field, const char *s)
{
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;

	strbuf_init(&a);
	strbuf_init(&b);
	utf8_sanitize(&a, s, strlen(s));
	layout_squeeze(&a);
	if (a.len && unicode_nfc(&b, a.buf, a.len) == 0)
		document_set(field, b.buf);
	strbuf_release(&a);
	strbuf_release(&b);
}

static void pdf_metadata(PopplerDocument *pdf, struct document *doc)
{
	gchar *t = poppler_document_get_title(pdf);
	gchar *a = poppler_document_get_author(pdf);
	GDateTime *dt;

	if (t && useful_title(t))
		set_clean(&doc->title, t);
	if (a && *a)
		set_clean(&doc->author, a);
	g_free(t);
	g_free(a);
	/* the date printed on the first page wins over the file's creation date */
	layout_guess_metadata(doc);
	if (!doc->date && (dt = poppler_document_get_creation_date_time(pdf))) {
		int y = g_date_time_get_year(dt);
		if (y >= 1980 && y <= 2100) {
			char iso[16];
			snprintf(iso, sizeof(iso), "%04d-%02d-%02d", y, g_date_time_get_month(dt),
				 g_date_time_get_day_of_month(dt));
			document_set(&doc->date, iso);
		}
		g_date_time_unref(dt);
	}
}

/* ---- pages ---- */

/* Read page i into p; -1 when poppler cannot give the page. */
static int read_page(PopplerDocument *pdf, int i, struct pdf_page *p)
{
	PopplerPage *page = poppler_document_get_page(pdf, i);
	PopplerRectangle *rects = NULL;
	struct pdf_rect *r;
	guint nr = 0, k;
	char *text;

	if (!page)
		return -1;
	poppler_page_get_size(page, &p->width, &p->height);
	text = poppler_page_get_text(page);
	if (text && *text)
		poppler_page_get_text_layout(page, &rects, &nr);
	r = xmalloc((nr + 1) * sizeof(*r));
	for (k = 0; k < nr; k++) {
		r[k].x1 = rects[k].x1;
		r[k].y1 = rects[k].y1;
		r[k].x2 = rects[k].x2;
		r[k].y2 = rects[k].y2;
		r[k].size = 0;
	}
	if (nr) {
		/* font sizes by character range (the same cached text layout) */
		GList *attrs = poppler_page_get_text_attributes(page), *a;
		for (a = attrs; a; a = a->next) {
			const PopplerTextAttributes *ta = a->data;
			gint j;
			for (j = ta->start_index < 0 ? 0 : ta->start_index; j <= ta->end_index && (guint)j < nr; j++)
				r[j].size = ta->font_size;
		}
		poppler_page_free_text_attributes(attrs);
	}
	if (text)
		pdf_page_lines(p, text, strlen(text), r, nr);
	free(r);
	g_free(rects);
	g_free(text);
	g_object_unref(page);
	return 0;
}

static int pdf_read(const struct ingest_input *in, struct document *doc, struct diag *d)
{
	GBytes *bytes = g_bytes_new_static(in->bytes, in->len);
	GError *err = NULL;
	PopplerDocument *pdf;
	struct pdf_page *pages = NULL;
	int npages = 0, i, empty = 0, garbled = 0, failed = 0, rc = -1;
	struct guard g;

	guard_start(&g, in->name);
	heap_start();
	pdf = poppler_document_new_from_bytes(bytes, NULL, &err);
	if (!pdf) {
		if (err && err->domain == POPPLER_ERROR && err->code == POPPLER_ERROR_ENCRYPTED)
			diag_set(d, "encrypted PDF: needs a password");
		else
			diag_set(d, "damaged PDF: %s", err && err->message ? err->message : "cannot open");
		goto out;
	}
	npages = poppler_document_get_n_pages(pdf);
	if (npages <= 0) {
		diag_set(d, "damaged PDF: no pages");
		goto out;
	}
	doc->npages = npages;
	pages = xcalloc((size_t)npages, sizeof(*pages));
	for (i = 0; i < npages; i++) {
		struct pdf_page *p = &pages[i];
		if (read_page(pdf, i, p) < 0) {
			failed++;
			continue;
		}
		if (p->visible < 8)
			empty++;
		else if (p->visible >= 40 && p->letters * 2 < p->visible)
			garbled++;
	}
	if (failed == npages) {
		diag_set(d, "damaged PDF: none of its %d pages can be read", npages);
		goto out;
	}
	if (empty + failed == npages) {
		diag_set(d, "no text layer on %d of %d pages: needs OCR", empty, npages);
		goto out;
	}
	if (garbled * 2 > npages - empty - failed) {
		diag_set(d, "text layer unusable on %d of %d pages (fonts without a Unicode mapping): needs OCR",
			 garbled, npages);
		goto out;
	}
	/* the symbol of a UN document heads its first page, where it may also be the
	 * running header that is about to go */
	for (i = 0; i < (int)pages[0].n && !doc->symbol; i++) {
		const struct pdf_line *l = &pages[0].v[i];
		size_t sl = layout_un_symbol(l->text, l->len);
		if (sl && (sl == l->len || l->len < 40)) {
			char *sym = xstrndup(l->text, sl);
			document_set(&doc->symbol, sym);
			free(sym);
		}
	}
	for (i = 0; i < npages; i++)
		pdf_strip_line_numbers(&pages[i]);
	if (!(in->flags & INGEST_KEEP_RUNNING_HEADERS))
		pdf_mark_running(pages, (size_t)npages);
	{
		double body = pdf_body_size(pages, (size_t)npages);
		for (i = 0; i < npages; i++) {
			pdf_mark_footnotes(&pages[i], body);
			pdf_find_tables(&pages[i]);
		}
		pdf_compose(doc, pages, (size_t)npages, body);
	}
	if (!doc->nblocks) {
		diag_set(d, "no text layer on %d of %d pages: needs OCR", npages, npages);
		goto out;
	}
	pdf_metadata(pdf, doc);
	if (failed) {
		diag_set(d, "damaged PDF: %d of %d pages cannot be read, the others are kept", failed, npages);
		d->warning = 1;
	}
	rc = 0;
out:
	if (pages) {
		for (i = 0; i < npages; i++)
			pdf_page_release(&pages[i]);
		free(pages);
	}
	if (err)
		g_error_free(err);
	if (pdf)
		g_object_unref(pdf);
	g_bytes_unref(bytes);
	guard_stop(&g);
	return rc;
}

const struct reader pdf_reader = { "pdf", "application/pdf", pdf_read };
