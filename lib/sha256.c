/* sha256.c: document identity is the SHA-256 of the original bytes. */
#include "sha256.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

#include "banned.h"

void sha256_hex(const void *data, size_t len, char out[65])
{
	GChecksum *c = g_checksum_new(G_CHECKSUM_SHA256);
	const unsigned char *p = data;

	/* g_checksum_update takes gssize: feed large inputs in pieces */
	while (len) {
		size_t n = len > (1u << 30) ? (1u << 30) : len;
		g_checksum_update(c, p, (gssize)n);
		p += n;
		len -= n;
	}
	memcpy(out, g_checksum_get_string(c), 64);
	out[64] = '\0';
	g_checksum_free(c);
}

int sha256_file(const char *path, char out[65], struct diag *d)
{
	GChecksum *c;
	unsigned char buf[65536];
	int fd = open(path, O_RDONLY | O_NONBLOCK);
	ssize_t n;

	if (fd < 0)
		return diag_set(d, "cannot open '%s': %s", path, strerror(errno));
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	c = g_checksum_new(G_CHECKSUM_SHA256);
	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			g_checksum_free(c);
			close(fd);
			return diag_set(d, "cannot read '%s': %s", path, strerror(errno));
		}
		g_checksum_update(c, buf, n);
	}
	close(fd);
	memcpy(out, g_checksum_get_string(c), 64);
	out[64] = '\0';
	g_checksum_free(c);
	return 0;
}
