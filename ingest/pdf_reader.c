/* pdf_reader.c: PDF → one page element per page through poppler-glib. Text comes
 * in poppler's reading order and goes through the plain-text paragraph rules.
 * Encrypted files without a password, files without a text layer (scans) and
 * damaged files are refused with a reason. Exports pdf_reader only. */
#include "ingest.h"

#include <string.h>

#include <poppler.h>

#include "unicode.h"
#include "banned.h"

static int pdf_read(const struct ingest_input *in, struct document *doc, struct diag *d)
{
	GBytes *bytes = g_bytes_new_static(in->bytes, in->len);
	GError *err = NULL;
	PopplerDocument *pdf = poppler_document_new_from_bytes(bytes, NULL, &err);
	int npages, i, empty = 0, rc = -1;
	struct strbuf nfc = STRBUF_INIT;

	strbuf_init(&nfc);
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
	for (i = 0; i < npages; i++) {
		PopplerPage *page = poppler_document_get_page(pdf, i);
		char *text = page ? poppler_page_get_text(page) : NULL;
		size_t len = text ? strlen(text) : 0, k, visible = 0;

		for (k = 0; k < len; k++)
			visible += (unsigned char)text[k] > ' ';
		if (visible < 8) {
			empty++;
		} else {
			struct strbuf clean = STRBUF_INIT;
			strbuf_init(&clean);
			strbuf_reset(&nfc);
			utf8_sanitize(&clean, text, len);
			if (unicode_nfc(&nfc, clean.buf, clean.len) == 0)
				text_page_blocks(doc, i + 1, nfc.buf, nfc.len);
			strbuf_release(&clean);
		}
		g_free(text);
		if (page)
			g_object_unref(page);
	}
	if (empty == npages) {
		diag_set(d, "no text layer on %d of %d pages: needs OCR", empty, npages);
		goto out;
	}
	{
		gchar *t = poppler_document_get_title(pdf);
		gchar *a = poppler_document_get_author(pdf);
		if (t && *t)
			document_set(&doc->title, t);
		if (a && *a)
			document_set(&doc->author, a);
		g_free(t);
		g_free(a);
	}
	layout_guess_metadata(doc);
	rc = 0;
out:
	strbuf_release(&nfc);
	if (err)
		g_error_free(err);
	if (pdf)
		g_object_unref(pdf);
	g_bytes_unref(bytes);
	return rc;
}

const struct reader pdf_reader = { "pdf", "application/pdf", pdf_read };
