/* unicode.h: UTF-8 helpers and ICU glue shared by the stages. Strings are UTF-8
 * unless a name says u16. Offsets named *_char count Unicode code points. */
#ifndef UNICODE_H
#define UNICODE_H

#include <stddef.h>
#include <stdint.h>

#include "strbuf.h"

/* Decode one code point at s[*i] (advancing *i); invalid bytes yield U+FFFD, one byte each. */
uint32_t utf8_next_slow(const char *s, size_t len, size_t *i);
/* Byte length of the code point starting at s[i] (1 for an invalid byte). */
size_t utf8_step_slow(const char *s, size_t len, size_t i);
/* ASCII inline: nearly every byte the recognisers step over is ASCII. */
static inline uint32_t utf8_next(const char *s, size_t len, size_t *i)
{
	if (*i < len && (unsigned char)s[*i] < 0x80)
		return (unsigned char)s[(*i)++];
	return utf8_next_slow(s, len, i);
}
static inline size_t utf8_step(const char *s, size_t len, size_t i)
{
	if (i < len && (unsigned char)s[i] < 0x80)
		return 1;
	return utf8_step_slow(s, len, i);
}
/* Byte index of the code point before i (i > 0). */
size_t utf8_prev(const char *s, size_t i);
void utf8_put(struct strbuf *sb, uint32_t cp);
/* 1 when s[0..len) is well-formed UTF-8 without surrogates or overlongs. */
int utf8_valid(const char *s, size_t len);
/* Number of code points in s[0..len). */
size_t utf8_chars(const char *s, size_t len);
/* 1 when XML 1.0 can carry code point c (TAB, LF, CR, and no other C0 control, no
 * surrogate, not U+FFFE or U+FFFF). */
int unicode_xml_char(uint32_t c);
/* Replace invalid sequences with U+FFFD and characters XML 1.0 forbids (C0 controls
 * other than TAB/LF/CR, U+FFFE/FFFF) with U+FFFD; the result is always valid UTF-8. */
void utf8_sanitize(struct strbuf *out, const char *s, size_t len);

/* NFC of valid UTF-8 (ICU unorm2). Returns 0 or -1 on an ICU error. */
int unicode_nfc(struct strbuf *out, const char *s, size_t len);
/* Full case folding, then NFKD with combining marks removed, then the fold map for
 * letters that do not decompose (ı → i, ə → a, ø → o ...): the key lexicons are
 * matched on. Output is written into out (reset first). */
int unicode_fold_key(struct strbuf *out, const char *s, size_t len);

/* Character classes used by the recognisers (code point arguments). */
int unicode_is_space(uint32_t cp);   /* Unicode White_Space, including NBSP, NNBSP */
int unicode_is_dash(uint32_t cp);    /* hyphen-minus and U+2010..U+2015, U+2212 */
/* Byte length of the dash (unicode_is_dash) at s[i], 0 when none. */
size_t utf8_dash_len(const char *s, size_t len, size_t i);
int unicode_is_alpha(uint32_t cp);
int unicode_is_digit(uint32_t cp);   /* ASCII 0-9 only: figures are Arabic numerals */
int unicode_superscript_digit(uint32_t cp);  /* ⁰¹²³⁴⁵⁶⁷⁸⁹ → 0..9, else -1 */

#endif
