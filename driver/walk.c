/* walk.c: the files of an inbox folder, recursively, in sorted order. Exports
 * walk_inbox and walk_list_release. Symbolic links are followed, but a directory
 * already on the current path (a symlink loop) is not entered again; FIFOs, sockets,
 * devices and broken links are listed as skipped with a reason instead of being
 * opened (opening a FIFO would block). Names starting with '.' are left out. */
#include "walk.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "banned.h"

struct ancestor {
	dev_t dev;
	ino_t ino;
};

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static struct walk_entry *add(struct walk_list *l, const char *rel, const char *path,
			      const char *skip)
{
	struct walk_entry *e;

	XGROW(l->v, l->cap, l->n + 1);
	e = &l->v[l->n++];
	memset(e, 0, sizeof(*e));
	e->rel = xstrdup(rel);
	e->path = xstrdup(path);
	e->skip = skip ? xstrdup(skip) : NULL;
	e->size = e->mtime_ns = -1;
	return e;
}

static const char *kind_reason(mode_t m)
{
	if (S_ISFIFO(m))
		return "not a regular file (fifo)";
	if (S_ISSOCK(m))
		return "not a regular file (socket)";
	if (S_ISCHR(m) || S_ISBLK(m))
		return "not a regular file (device)";
	return "not a regular file";
}

static void walk_dir(struct walk_list *l, const char *dir, const char *rel,
		     struct ancestor *anc, size_t depth, const struct walk_ignore *ign)
{
	DIR *dp = opendir(dir);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0, i;
	struct strbuf path = STRBUF_INIT, r = STRBUF_INIT, why = STRBUF_INIT;

	strbuf_init(&path);
	strbuf_init(&r);
	strbuf_init(&why);
	if (!dp) {
		strbuf_addf(&why, "cannot open folder: %s", strerror(errno));
		add(l, *rel ? rel : ".", dir, why.buf);
		goto out;
	}
	while ((de = readdir(dp))) {
		if (de->d_name[0] == '.')
			continue;
		XGROW(names, cap, n + 1);
		names[n++] = xstrdup(de->d_name);
	}
	closedir(dp);
	if (n > 1)
		qsort(names, n, sizeof(*names), cmp_names);
	for (i = 0; i < n; i++) {
		struct stat st;
		size_t k;
		strbuf_reset(&path);
		strbuf_addf(&path, "%s/%s", dir, names[i]);
		strbuf_reset(&r);
		strbuf_addf(&r, "%s%s%s", rel, *rel ? "/" : "", names[i]);
		if (stat(path.buf, &st) < 0) {
			strbuf_reset(&why);
			if (errno == ENOENT || errno == ELOOP)
				strbuf_addf(&why, "broken symbolic link");
			else
				strbuf_addf(&why, "cannot stat: %s", strerror(errno));
			add(l, r.buf, path.buf, why.buf);
			continue;
		}
		if (ign && st.st_dev == ign->dev && ign->n) {
			for (k = 0; k < ign->n && ign->ino[k] != st.st_ino; k++)
				;
			if (k < ign->n)
				continue;  /* the store itself, inside the inbox */
		}
		if (S_ISDIR(st.st_mode)) {
			for (k = 0; k < depth && !(anc[k].dev == st.st_dev && anc[k].ino == st.st_ino); k++)
				;
			if (k < depth || depth >= WALK_MAX_DEPTH) {
				add(l, r.buf, path.buf, k < depth ? "symbolic link loop" : "folder nested too deep");
				continue;
			}
			anc[depth].dev = st.st_dev;
			anc[depth].ino = st.st_ino;
			walk_dir(l, path.buf, r.buf, anc, depth + 1, ign);
			continue;
		}
		if (!S_ISREG(st.st_mode)) {
			add(l, r.buf, path.buf, kind_reason(st.st_mode));
			continue;
		}
		{
			struct walk_entry *e = add(l, r.buf, path.buf, NULL);
			e->size = (long long)st.st_size;
			e->mtime_ns = (long long)st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec;
		}
	}
out:
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	strbuf_release(&path);
	strbuf_release(&r);
	strbuf_release(&why);
}

int walk_inbox(const char *dir, const struct walk_ignore *ign, struct walk_list *out,
	       struct diag *d)
{
	struct ancestor anc[WALK_MAX_DEPTH + 1];
	struct stat st;

	memset(out, 0, sizeof(*out));
	if (stat(dir, &st) < 0)
		return diag_set(d, "inbox '%s': %s", dir, strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return diag_set(d, "inbox '%s' is not a folder", dir);
	anc[0].dev = st.st_dev;
	anc[0].ino = st.st_ino;
	walk_dir(out, dir, "", anc, 1, ign);
	return 0;
}

void walk_list_release(struct walk_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].rel);
		free(l->v[i].path);
		free(l->v[i].skip);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}
