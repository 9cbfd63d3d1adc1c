/* decode.c: bytes of unknown charset → UTF-8 NFC with LF line ends. A BOM decides;
 * else well-formed UTF-8 is taken as such; else ICU's charset detector picks among
 * the legacy charsets (windows-1252 when it cannot tell). Binary data is refused. */
#include "ingest.h"

#include <string.h>

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>

#include "unicode.h"
#include "banned.h"

static int convert(const char *from, const char *bytes, size_t len, struct strbuf *out,
		   struct diag *d)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t n;

	if (len > 0x3fffffff)
		return diag_set(d, "text too large to convert");
	strbuf_grow(out, len * 3 + 4);
	n = ucnv_convert("UTF-8", from, out->buf + out->len, (int32_t)(out->alloc - out->len - 1), bytes,
			 (int32_t)len, &st);
	if (U_FAILURE(st))
		return diag_set(d, "cannot convert from %s: %s", from, u_errorName(st));
	out->len += (size_t)n;
	out->buf[out->len] = '\0';
	return 0;
}

static const char *detect(const char *bytes, size_t len)
{
	UErrorCode st = U_ZERO_ERROR;
	UCharsetDetector *det = ucsdet_open(&st);
	const UCharsetMatch *m;
	const char *name = "windows-1252";
	static char found[32];

	if (U_FAILURE(st))
		return name;
	ucsdet_setText(det, bytes, (int32_t)(len > (1u << 20) ? (1u << 20) : len), &st);
	m = ucsdet_detect(det, &st);
	if (U_SUCCESS(st) && m) {
		const char *n = ucsdet_getName(m, &st);
		/* ISO-8859-1 texts are in practice windows-1252 (smart quotes in 0x80-0x9F) */
		if (U_SUCCESS(st) && n && strcmp(n, "ISO-8859-1") && strcmp(n, "UTF-8")) {
			snprintf(found, sizeof(found), "%s", n);
			name = found;
		}
	}
	ucsdet_close(det);
	return name;
}

/* Share of characters that no text would hold (C0 controls but TAB, LF, CR, FF). */
static int mostly_binary(const char *s, size_t len)
{
	size_t bad = 0, i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7f)
			bad++;
	}
	return bad * 100 > len || (len && bad > 64);
}

/* Offset of the first invalid UTF-8 byte when the text also holds well-formed
 * multi-byte sequences (so it is UTF-8 with corruption, not a legacy charset);
 * -1 otherwise. */
static long corrupt_utf8(const char *s, size_t len)
{
	size_t i = 0;
	long first_bad = -1;
	int multibyte = 0;

	while (i < len) {
		size_t start = i;
		uint32_t c = utf8_next(s, len, &i);
		if (c == 0xFFFD && i - start == 1 && (unsigned char)s[start] >= 0x80) {
			if (first_bad < 0)
				first_bad = (long)start;
		} else if (i - start > 1) {
			multibyte = 1;
		}
		if (multibyte && first_bad >= 0)
			return first_bad;
	}
	return -1;
}

static size_t line_of(const char *s, size_t at)
{
	size_t n = 1, i;

	for (i = 0; i < at; i++)
		n += s[i] == '\n';
	return n;
}

/* Bytes at i of a character no document may hold: a C0 control other than TAB, LF, CR
 * and FF (paragraphing reads those), DEL, or a code point XML cannot carry (U+FFFE and
 * U+FFFF can come from a UTF-16 file). Returns their length, 0 for one that may stay. */
static size_t bad_char_at(const char *s, size_t len, size_t i)
{
	unsigned char c = (unsigned char)s[i];
	size_t j = i;

	if (c < 0x80)
		return (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7f;
	return unicode_xml_char(utf8_next(s, len, &j)) ? 0 : j - i;
}

/* C0 controls that survived the binary check (a stray NUL, an escape) and the two
 * noncharacters become U+FFFD: block text must hold none, its byte length must equal
 * its strlen, and it must survive the document XML unchanged. */
static void replace_controls(struct strbuf *sb)
{
	struct strbuf out = STRBUF_INIT;
	size_t i, n;

	for (i = 0; i < sb->len && !bad_char_at(sb->buf, sb->len, i); i++)
		;
	if (i == sb->len)
		return;
	strbuf_init(&out);
	for (i = 0; i < sb->len; i += n ? n : 1) {
		n = bad_char_at(sb->buf, sb->len, i);
		if (n)
			strbuf_adds(&out, "\xEF\xBF\xBD");
		else
			strbuf_addch(&out, sb->buf[i]);
	}
	strbuf_release(sb);
	*sb = out;
}

static void normalise_newlines(struct strbuf *sb)
{
	size_t i, j = 0;

	for (i = 0; i < sb->len; i++) {
		if (sb->buf[i] == '\r') {
			sb->buf[j++] = '\n';
			if (i + 1 < sb->len && sb->buf[i + 1] == '\n')
				i++;
		} else {
			sb->buf[j++] = sb->buf[i];
		}
	}
	strbuf_setlen(sb, j);
}

int decode_text(const char *bytes, size_t len, struct strbuf *out, struct diag *d)
{
	struct strbuf utf8 = STRBUF_INIT;
	const unsigned char *u = (const unsigned char *)bytes;
	int rc = -1;

	strbuf_init(&utf8);
	if (!len)
		return diag_set(d, "empty file");
	if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
		strbuf_add(&utf8, bytes + 3, len - 3);
	} else if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE) {
		if (convert("UTF-16LE", bytes + 2, len - 2, &utf8, d) < 0)
			goto out;
	} else if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF) {
		if (convert("UTF-16BE", bytes + 2, len - 2, &utf8, d) < 0)
			goto out;
	} else if (utf8_valid(bytes, len)) {
		strbuf_add(&utf8, bytes, len);
	} else if (corrupt_utf8(bytes, len) >= 0) {
		long at = corrupt_utf8(bytes, len);
		diag_set(d, "invalid UTF-8 at byte %ld (line %zu)", at, line_of(bytes, (size_t)at));
		goto out;
	} else if (memchr(bytes, '\0', len)) {
		diag_set(d, "binary data, not text");
		goto out;
	} else if (convert(detect(bytes, len), bytes, len, &utf8, d) < 0) {
		goto out;
	}
	if (mostly_binary(utf8.buf, utf8.len)) {
		diag_set(d, "binary data, not text");
		goto out;
	}
	replace_controls(&utf8);
	normalise_newlines(&utf8);
	if (unicode_nfc(out, utf8.buf, utf8.len) < 0) {
		diag_set(d, "cannot normalise the text to NFC");
		goto out;
	}
	rc = 0;
out:
	strbuf_release(&utf8);
	return rc;
}
