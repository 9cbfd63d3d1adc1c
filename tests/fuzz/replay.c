/* replay.c: the main() that turns a libFuzzer target into a TAP test (libxml2's
 * habit). Linked with tests/fuzz/fuzz-NAME.o into $(B)/tests/t9000-replay-NAME.t, it
 * feeds every file of tests/fuzz/corpus/NAME/ to LLVMFuzzerTestOneInput(), one TAP
 * line per file. Each input runs in a child process, so a crash (or an abort from a
 * broken invariant, see fuzz.h) is reported as "not ok" with the signal and the next
 * inputs still run.
 *
 *   t9000-replay-NAME.t              the corpus of NAME
 *   t9000-replay-NAME.t FILE...      just these files (to reproduce a crash)
 *
 * The corpus folder is found from $ATTEST_TOP, else the current directory, else by
 * walking up from the program's own folder. $ATTEST_LEXICON defaults to TOP/lexicon
 * for the targets that load a lexicon. Inputs are copied into a buffer of exactly
 * their size, so that a sanitizer or valgrind sees any read past the end.
 *
 * tests/fuzz/known-bugs.tsv lists regression cases whose bug is reported but not yet
 * fixed (target, file, reason): they are reported "# TODO reason" (TAP), so that the
 * suite stays usable and prove shows them as unexpectedly passing once fixed. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "strbuf.h"
#include "banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define REPLAY_PREFIX "t9000-replay-"

/* Target name from the program name: .../t9000-replay-NAME.t → NAME. */
static int target_name(const char *argv0, struct strbuf *out)
{
	const char *base = strrchr(argv0, '/');
	size_t len;

	base = base ? base + 1 : argv0;
	if (!strncmp(base, REPLAY_PREFIX, strlen(REPLAY_PREFIX)))
		base += strlen(REPLAY_PREFIX);
	len = strlen(base);
	if (len > 2 && !strcmp(base + len - 2, ".t"))
		len -= 2;
	if (!len)
		return -1;
	strbuf_add(out, base, len);
	return 0;
}

static int is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The top of the source tree: the folder holding tests/fuzz/corpus/NAME. */
static int find_top(const char *argv0, const char *name, struct strbuf *top)
{
	struct strbuf probe = STRBUF_INIT;
	char real[PATH_MAX], *slash;
	const char *env = getenv("ATTEST_TOP");
	int found = 0;

	strbuf_init(&probe);
	if (env && *env) {
		strbuf_adds(top, env);
		strbuf_release(&probe);
		return 0;
	}
	strbuf_addf(&probe, "tests/fuzz/corpus/%s", name);
	if (is_dir(probe.buf) && getcwd(real, sizeof(real))) {
		strbuf_adds(top, real);
		strbuf_release(&probe);
		return 0;
	}
	if (realpath(argv0, real)) {
		while (!found && (slash = strrchr(real, '/')) != NULL) {
			*slash = '\0';
			strbuf_reset(&probe);
			strbuf_addf(&probe, "%s/tests/fuzz/corpus/%s", *real ? real : "", name);
			if (is_dir(probe.buf)) {
				strbuf_adds(top, real);
				found = 1;
			}
		}
	}
	strbuf_release(&probe);
	return found ? 0 : -1;
}

static int read_whole(const char *path, struct strbuf *sb)
{
	strbuf_reset(sb);
	return strbuf_read_file(sb, path, 0);
}

/* Run one input in a child; returns 0 when it came back cleanly, else describes why
 * not in why. The child's stderr is kept in err (the first 2 KiB) for diagnostics. */
static int run_one(const char *path, char *why, size_t whylen, struct strbuf *err)
{
	struct strbuf bytes = STRBUF_INIT;
	char chunk[512];
	int status, fds[2];
	ssize_t got;
	pid_t pid;

	strbuf_init(&bytes);
	strbuf_reset(err);
	if (read_whole(path, &bytes) < 0) {
		snprintf(why, whylen, "cannot read: %s", strerror(errno));
		strbuf_release(&bytes);
		return -1;
	}
	fflush(stdout);
	if (pipe(fds) < 0 || (pid = fork()) < 0) {
		snprintf(why, whylen, "pipe/fork: %s", strerror(errno));
		strbuf_release(&bytes);
		return -1;
	}
	if (pid == 0) {
		/* exactly size bytes, no terminating NUL, as libFuzzer passes them */
		size_t len = bytes.len;
		uint8_t *copy = malloc(len ? len : 1);

		close(fds[0]);
		dup2(fds[1], 2);
		close(fds[1]);
		if (!copy)
			_exit(3);
		memcpy(copy, bytes.buf, len);
		strbuf_release(&bytes);
		LLVMFuzzerTestOneInput(copy, len);
		free(copy);
		exit(0);
	}
	close(fds[1]);
	strbuf_release(&bytes);
	while ((got = read(fds[0], chunk, sizeof(chunk))) != 0) {
		if (got < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (err->len < 2048)
			strbuf_add(err, chunk, (size_t)got);
	}
	close(fds[0]);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) {
			snprintf(why, whylen, "waitpid: %s", strerror(errno));
			return -1;
		}
	if (WIFSIGNALED(status)) {
		snprintf(why, whylen, "killed by signal %d", WTERMSIG(status));
		return -1;
	}
	if (WEXITSTATUS(status)) {
		snprintf(why, whylen, "exit status %d", WEXITSTATUS(status));
		return -1;
	}
	return 0;
}

/* The child's stderr as TAP diagnostics. */
static void print_diag(const struct strbuf *err)
{
	size_t i, lines = 0;
	int bol = 1;

	for (i = 0; i < err->len && lines < 12; i++) {
		if (bol)
			fputs("#   ", stdout);
		putchar(err->buf[i]);
		bol = err->buf[i] == '\n';
		lines += bol;
	}
	if (!bol)
		putchar('\n');
}

/* The TODO reason of corpus file NAME/file in TOP/tests/fuzz/known-bugs.tsv, or NULL. */
static char *known_bug(const char *top, const char *name, const char *file)
{
	struct strbuf path = STRBUF_INIT, tsv = STRBUF_INIT;
	char *reason = NULL, *line, *next;

	strbuf_init(&path);
	strbuf_init(&tsv);
	strbuf_addf(&path, "%s/tests/fuzz/known-bugs.tsv", top);
	if (strbuf_read_file(&tsv, path.buf, 1 << 20) == 0) {
		for (line = tsv.buf; line && *line && !reason; line = next) {
			char *t1, *t2, *nl = strchr(line, '\n');
			next = nl ? nl + 1 : NULL;
			if (nl)
				*nl = '\0';
			if (*line == '#' || !(t1 = strchr(line, '\t')) || !(t2 = strchr(t1 + 1, '\t')))
				continue;
			*t1 = *t2 = '\0';
			if (!strcmp(line, name) && !strcmp(t1 + 1, file))
				reason = strdup(t2 + 1);
		}
	}
	strbuf_release(&path);
	strbuf_release(&tsv);
	return reason;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
	struct strbuf name = STRBUF_INIT, top = STRBUF_INIT, dir = STRBUF_INIT, path = STRBUF_INIT;
	struct strbuf err = STRBUF_INIT;
	char **files = NULL, why[256];
	size_t n = 0, cap = 0, i, failed = 0;
	struct dirent *e;
	DIR *dh;

	strbuf_init(&name);
	strbuf_init(&top);
	strbuf_init(&dir);
	strbuf_init(&path);
	strbuf_init(&err);
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc > 1) {
		/* explicit files: no corpus lookup */
		printf("1..%d\n", argc - 1);
		for (i = 1; i < (size_t)argc; i++) {
			int rc = run_one(argv[i], why, sizeof(why), &err);
			printf("%s %zu - %s%s%s\n", rc ? "not ok" : "ok", i, argv[i], rc ? ": " : "",
			       rc ? why : "");
			if (rc)
				print_diag(&err);
			failed += rc != 0;
		}
		return failed ? 1 : 0;
	}
	if (target_name(argv[0], &name) < 0 || find_top(argv[0], name.buf, &top) < 0) {
		printf("1..0 # SKIP no corpus folder tests/fuzz/corpus/%s found\n", name.buf);
		return 0;
	}
	setenv("ATTEST_TOP", top.buf, 0);
	strbuf_addf(&path, "%s/lexicon", top.buf);
	setenv("ATTEST_LEXICON", path.buf, 0);
	strbuf_addf(&dir, "%s/tests/fuzz/corpus/%s", top.buf, name.buf);
	if (!(dh = opendir(dir.buf))) {
		printf("1..0 # SKIP cannot open %s\n", dir.buf);
		return 0;
	}
	while ((e = readdir(dh)))
		if (e->d_name[0] != '.') {
			if (n == cap) {
				cap = cap ? 2 * cap : 64;
				files = realloc(files, cap * sizeof(*files));
				if (!files)
					return 3;
			}
			files[n++] = strdup(e->d_name);
		}
	closedir(dh);
	if (n)
		qsort(files, n, sizeof(*files), cmp_names);
	printf("1..%zu\n", n);
	for (i = 0; i < n; i++) {
		char *todo = known_bug(top.buf, name.buf, files[i]);
		int rc;

		strbuf_reset(&path);
		strbuf_addf(&path, "%s/%s", dir.buf, files[i]);
		rc = run_one(path.buf, why, sizeof(why), &err);
		printf("%s %zu - %s/%s%s%s%s%s\n", rc ? "not ok" : "ok", i + 1, name.buf, files[i],
		       rc ? ": " : "", rc ? why : "", todo ? " # TODO " : "", todo ? todo : "");
		if (rc)
			print_diag(&err);
		failed += rc != 0 && !todo;
		free(todo);
		free(files[i]);
	}
	free(files);
	strbuf_release(&name);
	strbuf_release(&top);
	strbuf_release(&dir);
	strbuf_release(&path);
	strbuf_release(&err);
	return failed ? 1 : 0;
}
