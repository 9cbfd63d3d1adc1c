/* t0200-unicode: UTF-8 primitives and the ICU glue (NFC, fold keys, classes). */
#include "unicode.h"

#include <stdlib.h>
#include <string.h>

#include <unicode/unorm2.h>

#include "tap.h"

static void fold_is(const char *in, const char *want)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_init(&sb);
	unicode_fold_key(&sb, in, strlen(in));
	is_str(sb.buf, want, "fold key of \"%s\" is \"%s\"", in, want);
	strbuf_release(&sb);
}

static void nfc_is(const char *in, const char *want, const char *what)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_init(&sb);
	ok(unicode_nfc(&sb, in, strlen(in)) == 0, "NFC succeeds on %s", what);
	is_str(sb.buf, want, "NFC of %s", what);
	strbuf_release(&sb);
}

static void sanitize_is(const char *in, size_t len, const char *want, const char *what)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_init(&sb);
	utf8_sanitize(&sb, in, len);
	is_str(sb.buf, want, "sanitize %s", what);
	ok(utf8_valid(sb.buf, sb.len), "sanitized %s is valid UTF-8", what);
	strbuf_release(&sb);
}

/* unicode_nfc copies text below U+0300 unchanged: ICU must agree that every such
 * code point is NFC_QC=Yes (no Maybe: nothing there composes with what precedes
 * it), alone and in a run of all of them. */
static void nfc_fast_path_holds(void)
{
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *nfc = unorm2_getNFCInstance(&st);
	UChar all[0x300];
	int32_t n = 0, bad = 0;
	UChar c;

	for (c = 0x80; c < 0x300; c++) {
		UErrorCode e = U_ZERO_ERROR;
		if (unorm2_quickCheck(nfc, &c, 1, &e) != UNORM_YES || U_FAILURE(e))
			bad++;
		all[n++] = c;
	}
	is_int(bad, 0, "U+0080..U+02FF are each NFC_QC=Yes");
	ok(U_SUCCESS(st) && unorm2_quickCheck(nfc, all, n, &st) == UNORM_YES, "and so is a run of all of them");
	nfc_is("na\xC3\xAFve \xE2\x80\x9Cquoted\xE2\x80\x9D \xE2\x80\x93 \xC5\x9E", "na\xC3\xAFve \xE2\x80\x9Cquoted\xE2\x80\x9D \xE2\x80\x93 \xC5\x9E",
	       "text below U+0300 with quotes and dashes (copied)");
	nfc_is("\xE2\x80\x9C" "A\xCC\x8A" "\xE2\x80\x9D", "\xE2\x80\x9C\xC3\x85\xE2\x80\x9D", "a mark after the fast-path bytes still composes");
	nfc_is("\xE2\x84\xAB", "\xC3\x85", "the Angstrom sign (NFC_QC=No, above U+0300) is mapped");
	nfc_is("caf\xC3 \x80", "caf\xEF\xBF\xBD \xEF\xBF\xBD",
	       "broken UTF-8 below U+0300 (a cut sequence, a lone continuation byte) gets U+FFFD");
}

int main(void)
{
	size_t i = 0;
	const char *s = "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80";

	is_int(utf8_next(s, strlen(s), &i), 'a', "utf8_next reads ASCII");
	is_int(utf8_next(s, strlen(s), &i), 0xE9, "utf8_next reads a 2-byte sequence");
	is_int(utf8_next(s, strlen(s), &i), 0x20AC, "utf8_next reads a 3-byte sequence");
	is_int(utf8_next(s, strlen(s), &i), 0x1F600, "utf8_next reads a 4-byte sequence");
	is_int(i, strlen(s), "utf8_next advanced to the end");
	is_int(utf8_chars(s, strlen(s)), 4, "utf8_chars counts code points, not bytes");
	i = 0;
	is_int(utf8_next("\xFF" "a", 2, &i), 0xFFFD, "an invalid byte reads as U+FFFD");
	is_int(i, 1, "an invalid byte advances by one");
	is_int(utf8_prev(s, 3), 1, "utf8_prev steps back over a 2-byte sequence");
	ok(utf8_valid(s, strlen(s)), "well-formed UTF-8 is valid");
	ok(!utf8_valid("\xC0\xAF", 2), "an overlong encoding is invalid");
	ok(!utf8_valid("\xED\xA0\x80", 3), "an encoded surrogate is invalid");
	ok(!utf8_valid("\xE2\x82", 2), "a truncated sequence is invalid");
	/* the ASCII fast path reads eight bytes at a time: bad bytes at every offset */
	{
		char buf[40];
		size_t at, n = 0;
		for (at = 0; at < 24; at++) {
			memset(buf, 'a', sizeof(buf));
			buf[at] = (char)0xFF;
			n += !utf8_valid(buf, 24);
		}
		is_int(n, 24, "an invalid byte is found at any of 24 offsets");
		memset(buf, 'a', sizeof(buf));
		memcpy(buf + 13, "\xE2\x82", 2);
		ok(!utf8_valid(buf, 15), "a sequence cut by the end after 13 ASCII bytes is invalid");
		memcpy(buf + 13, "\xE2\x82\xAC", 3);
		ok(utf8_valid(buf, 30), "a euro sign between ASCII runs is valid");
		ok(utf8_valid(buf, 8), "eight ASCII bytes are valid");
	}
	sanitize_is("a\x01" "b", 3, "a\xEF\xBF\xBD" "b", "a C0 control");
	sanitize_is("a\tb\nc", 5, "a\tb\nc", "TAB and LF (kept)");
	sanitize_is("x\xFFy", 3, "x\xEF\xBF\xBDy", "an invalid byte");
	sanitize_is("\xEF\xBF\xBE", 3, "\xEF\xBF\xBD", "U+FFFE");
	/* runs of ASCII are copied whole: what ends a run must still be judged */
	sanitize_is("plain ASCII, DEL\x7f and CR\r", 25, "plain ASCII, DEL\x7f and CR\r",
		    "printable ASCII, DEL and CR (kept)");
	sanitize_is("run\x1f" "end", 7, "run\xEF\xBF\xBD" "end", "a control after a run");
	sanitize_is("\x0b" "start", 6, "\xEF\xBF\xBD" "start", "a control before a run");
	sanitize_is("caf\xC3\xA9 \xE2\x80\x99s \xC3", 12, "caf\xC3\xA9 \xE2\x80\x99s \xEF\xBF\xBD",
		    "runs between UTF-8 and a truncated sequence at the end");
	sanitize_is("a\0b", 3, "a\xEF\xBF\xBD" "b", "a NUL inside a run");
	nfc_is("e\xCC\x81", "\xC3\xA9", "e + combining acute");
	nfc_fast_path_holds();
	nfc_is("plain ASCII", "plain ASCII", "ASCII");
	nfc_is("\xC2\xB2", "\xC2\xB2", "a superscript two (NFC keeps it)");
	fold_is("L\xC3\xA4nk\xC3\xA4ran", "lankaran");
	fold_is("L\xC9\x99nk\xC9\x99ran", "lankaran");
	fold_is("Lankaran", "lankaran");
	fold_is("\xC5\x9E\xC9\x99" "ki", "saki");
	fold_is("G\xC9\x99" "nc\xC9\x99", "ganca");
	fold_is("\xC4\xB0smay\xC4\xB1ll\xC4\xB1", "ismayilli");
	fold_is("M\xC3\x9C" "D\xC3\x96V", "mudov");
	fold_is("\xC3\x87\xC4\x9F" "a", "cga");
	fold_is("MINISTRY  of\xC2\xA0Labour", "ministry  of labour");
	fold_is("State\xE2\x80\x93owned", "state-owned");
	fold_is("\xE2\x80\x9C" "Azerbaijan Migration Center\xE2\x80\x9D", "\"azerbaijan migration center\"");
	fold_is("\xD0\x9C\xD0\x98\xD0\x94", "\xD0\xBC\xD0\xB8\xD0\xB4");
	ok(unicode_is_space(0xA0), "NBSP is space");
	ok(unicode_is_space(0x202F), "narrow NBSP is space");
	ok(!unicode_is_space('x'), "a letter is not space");
	ok(unicode_is_dash(0x2013), "en dash is a dash");
	ok(unicode_is_dash(0x2212), "minus sign is a dash");
	ok(!unicode_is_dash('_'), "underscore is not a dash");
	is_int(unicode_superscript_digit(0xB2), 2, "superscript two");
	is_int(unicode_superscript_digit(0x2079), 9, "superscript nine");
	is_int(unicode_superscript_digit('2'), -1, "a plain digit is not a superscript");
	ok(unicode_is_alpha(0x259), "schwa is a letter");
	ok(!unicode_is_digit(0x663), "Arabic-Indic digits are not figure digits");
	return done_testing();
}
