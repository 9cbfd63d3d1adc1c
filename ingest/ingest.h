/* ingest.h: the readers that turn original bytes into a struct document, and the
 * reader-independent layout steps they share (layout.c, decode.c, sniff.c). */
#ifndef INGEST_H
#define INGEST_H

#include <stddef.h>

#include "diag.h"
#include "document.h"
#include "strbuf.h"

enum ingest_flags {
	INGEST_KEEP_RUNNING_HEADERS = 1 << 0,  /* PDF: do not drop repeated headers/footers */
};

struct ingest_input {
	const char *name;    /* file name as given, for messages and metadata */
	const char *bytes;
	size_t len;
	unsigned flags;      /* enum ingest_flags */
};

struct reader {
	const char *name;
	const char *media_type;
	/* Fill doc's blocks and metadata; 0, or -1 with d set. d->warning marks a
	 * non-fatal condition the caller reports (a damaged PDF with readable pages). */
	int (*read)(const struct ingest_input *in, struct document *doc, struct diag *d);
};

extern const struct reader text_reader, html_reader, pdf_reader;

/* sniff.c: the reader for these bytes, judged from their content (never the name). */
const struct reader *sniff_reader(const char *bytes, size_t len);

/* text_reader.c: the paragraph rules of plain text, applied to one page's text
 * (UTF-8 NFC, LF line ends); used by readers whose source gives lines. */
void text_page_blocks(struct document *doc, int page, const char *text, size_t len);

/* decode.c: any supported charset → UTF-8 NFC with LF line ends. Rejects binary
 * data with a reason. */
int decode_text(const char *bytes, size_t len, struct strbuf *out, struct diag *d);

/* layout.c: steps shared by the readers. */
/* Split a paragraph label ("46.", "46") off the start of text. Returns the byte
 * length to skip (0 when none) and the label in *label (malloc'd). */
size_t layout_label(const char *text, size_t len, char **label);
/* Is the whole line a bare paragraph label ("46." alone)? Label → *label. */
int layout_bare_label(const char *line, size_t len, char **label);
/* Move footnote markers (superscript digits after a word, [footnoteRef:3], [3] glued
 * to a word) out of text into refs while appending the rest to sb. */
struct pending_refs {
	struct note_ref *v;
	size_t n, cap;
};
void layout_strip_refs(struct strbuf *sb, struct pending_refs *refs, const char *text, size_t len);
void pending_refs_move(struct pending_refs *refs, struct block *b);
void pending_refs_release(struct pending_refs *refs);
/* A footnote body starts with its marker ("¹ Source: …", "[3] …", "3 Source" in
 * small print): returns bytes of the marker (0 if not) and the marker in *label. */
size_t layout_footnote_marker(const char *text, size_t len, char **label);
/* Collapse runs of white space to one space and trim (in place). */
void layout_squeeze(struct strbuf *sb);
/* Length of a UN document symbol ("A/HRC/WG.6/7/AZE/1") at the start of t, or 0. */
size_t layout_un_symbol(const char *t, size_t len);
/* Title, language, date and UN symbol guessed from the blocks. Fills what is NULL. */
void layout_guess_metadata(struct document *doc);

#endif
