/* walk.h: listing the files of an inbox folder (walk.c). */
#ifndef WALK_H
#define WALK_H

#include <stddef.h>
#include <sys/types.h>

#include "diag.h"
#include "strbuf.h"

#define WALK_MAX_DEPTH 64

struct walk_entry {
	char *rel;        /* path relative to the inbox: the document's name */
	char *path;       /* path to open */
	char *skip;       /* NULL for a regular file, else why it is not a document */
	long long size;   /* bytes; -1 when skipped */
	long long mtime_ns;
};

struct walk_list {
	struct walk_entry *v;  /* sorted by rel (component-wise) */
	size_t n, cap;
};

/* Files to leave out (the store and its -wal/-shm when they sit in the inbox). */
struct walk_ignore {
	dev_t dev;
	ino_t ino[3];
	size_t n;
};

int walk_inbox(const char *dir, const struct walk_ignore *ign, struct walk_list *out,
	       struct diag *d);
void walk_list_release(struct walk_list *l);

#endif
