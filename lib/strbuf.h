/* strbuf.h: growable NUL-terminated byte buffer (git's invariants: buf is never NULL
 * after init, buf[len] == '\0' always, alloc > len). */
#ifndef STRBUF_H
#define STRBUF_H

#include <stdarg.h>
#include <stddef.h>

struct strbuf {
	char *buf;
	size_t len;   /* bytes, not counting the terminating NUL */
	size_t alloc;
};

#define STRBUF_INIT { NULL, 0, 0 }

void strbuf_init(struct strbuf *sb);
void strbuf_release(struct strbuf *sb);
char *strbuf_detach(struct strbuf *sb, size_t *len);  /* caller frees; sb is re-initialised */
void strbuf_reset(struct strbuf *sb);
void strbuf_grow(struct strbuf *sb, size_t extra);
void strbuf_add(struct strbuf *sb, const void *data, size_t len);
void strbuf_adds(struct strbuf *sb, const char *s);
/* Inline: tokenisers and writers append byte by byte, and a call per byte was a
 * visible share of extract's time. The invariant alloc > len makes the check exact. */
static inline void strbuf_addch(struct strbuf *sb, int c)
{
	if (!sb->buf || sb->len + 2 > sb->alloc)
		strbuf_grow(sb, 1);
	sb->buf[sb->len++] = (char)c;
	sb->buf[sb->len] = '\0';
}
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
void strbuf_addf(struct strbuf *sb, const char *fmt, ...);
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap);
void strbuf_setlen(struct strbuf *sb, size_t len);
void strbuf_rtrim(struct strbuf *sb);  /* drop trailing ASCII white space */
/* Read a whole stream; returns 0, or -1 with errno set. max_bytes 0 means no limit;
 * exceeding it fails with EFBIG. */
int strbuf_read_fd(struct strbuf *sb, int fd, size_t max_bytes);
int strbuf_read_file(struct strbuf *sb, const char *path, size_t max_bytes);

#endif
