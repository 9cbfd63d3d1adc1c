/* sha256.h: hex SHA-256 of bytes or of a file (Nettle underneath). */
#ifndef SHA256_H
#define SHA256_H

#include <stddef.h>

#include "diag.h"

/* out receives 64 hex digits and a NUL. */
void sha256_hex(const void *data, size_t len, char out[65]);
int sha256_file(const char *path, char out[65], struct diag *d);

#endif
