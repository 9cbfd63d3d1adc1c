/* inbox.c: `attest inbox`: load the new and changed files of a folder into the store.
 * Exports cmd_inbox and inbox_usage.
 *
 * A file is unchanged when its name, size and mtime match the store (no hashing); a
 * file whose stat changed is hashed, and known content is only recorded under its
 * name. Every other file runs ingest | extract | load in its own process group with
 * a wall-time and an address-space limit, N at a time; the loader is the only
 * process that writes documents and facts, each in one transaction. A failure is
 * recorded in the reject table with its reason and the run goes on. */
#include "driver.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "sha256.h"
#include "../store/store.h"
#include "walk.h"
#include "banned.h"

const char inbox_usage[] =
	"usage: attest inbox [DIR] [--db FILE] [-j N] [--timeout S] [--mem-limit MB] [--retry]\n"
	"\n"
	"Loads every new or changed file of DIR (default: inbox), recursively, into the\n"
	"store FILE (default: attest.db; created when absent). Unchanged files cost one\n"
	"look-up; a copy of a stored file under another name is recorded as another name of\n"
	"the same document; a changed file becomes a new version (the old version's facts\n"
	"leave the `facts` view). Each file runs in its own processes; a file that fails\n"
	"(bad input, timeout, crash) is recorded with its reason and the run goes on.\n"
	"\n"
	"  --db FILE        the store\n"
	"  -j, --jobs N     files processed at a time (default: number of cores)\n"
	"  --timeout S      wall-time limit per file in seconds (default 60; 0: none)\n"
	"  --mem-limit MB   address-space limit per stage in MiB (default 2048; 0: none)\n"
	"  --retry          try again files rejected earlier even when unchanged\n"
	"\n"
	"Prints one summary line ('12 added, 3 unchanged, 1 rejected'); a progress line on\n"
	"stderr when it is a terminal. Exit status: 0 all loaded, 1 some rejected, 2 usage,\n"
	"3 system error (store).\n";

static const struct option options[] = {
	{ "db", required_argument, NULL, 'd' },
	{ "jobs", required_argument, NULL, 'j' },
	{ "timeout", required_argument, NULL, 't' },
	{ "mem-limit", required_argument, NULL, 'm' },
	{ "retry", no_argument, NULL, 'r' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/* A file's way through the run: ingest | extract run N at a time, in any order; the
 * loads then run one at a time in inbox order (so document and fact ids do not
 * depend on -j or on timing), each reading the extract output kept in a file. */
enum job_state { JOB_QUEUED, JOB_EXTRACTING, JOB_EXTRACTED, JOB_LOADING, JOB_DONE };

struct job {
	const struct walk_entry *e;
	char sha256[65];
	enum job_state state;
	struct pipeline x;   /* ingest | extract; x.out_fd holds the facts stream */
	struct pipeline l;   /* load, reading x.out_fd */
	char *argv_load[10];
	struct strbuf size, mtime;
};

struct inbox {
	const char *dir, *db;
	struct store *store;
	long long run_id;
	struct stage_limits lim;
	struct store_run_counts c;
	char *ingest, *extract, *load;
	int progress;   /* stderr is a terminal */
	size_t done, total;
};

static int parse_int(const char *s, long lo, long hi, long *out)
{
	char *end;

	errno = 0;
	*out = strtol(s, &end, 10);
	return errno || end == s || *end || *out < lo || *out > hi ? -1 : 0;
}

static void progress(struct inbox *in, const char *name)
{
	if (!in->progress)
		return;
	if (name)
		fprintf(stderr, "\r[%zu/%zu] %.60s\033[K", in->done, in->total, name);
	else
		fputs("\r\033[K", stderr);
}

static int reject(struct inbox *in, const struct walk_entry *e, const char *sha, const char *stage,
		  const char *status, const char *reason)
{
	struct store_file f = { e->rel, e->size, e->mtime_ns };
	struct diag d;

	diag_init(&d);
	if (store_reject(in->store, in->run_id, &f, sha, stage, status, reason, &d) < 0) {
		diag_print("attest", in->db, &d);
		return -1;
	}
	return 0;
}

/* Decide what a file needs without running a stage: 1 when it needs the pipeline
 * (sha256 filled), 0 when it was handled here, -1 on a store error. */
static int triage(struct inbox *in, const struct walk_entry *e, int retry, char sha[65])
{
	struct store_file f = { e->rel, e->size, e->mtime_ns };
	struct store_file_state st;
	enum store_load_result res;
	struct diag d;
	int known, rc;

	diag_init(&d);
	if ((known = store_file_state(in->store, e->rel, &st, &d)) < 0)
		goto fail;
	if (known && st.size == e->size && st.mtime_ns == e->mtime_ns) {
		if (!st.rejected) {
			in->c.unchanged++;
			return 0;
		}
		if (!retry) {
			in->c.rejected++;
			return 0;
		}
	}
	if (sha256_file(e->path, sha, &d) < 0) {
		in->c.rejected++;
		return reject(in, e, NULL, "read", "rejected", d.msg) < 0 ? -1 : 0;
	}
	if (known && st.rejected && !retry && !strcmp(st.sha256, sha)) {
		/* Same bytes that failed before (touched, copied back): do not retry. */
		in->c.rejected++;
		return reject(in, e, sha, "ingest", "rejected", "unchanged content rejected earlier") < 0 ? -1 : 0;
	}
	if ((rc = store_name_content(in->store, sha, &f, &res, &d)) < 0)
		goto fail;
	if (rc == 0) {
		if (res == STORE_RENAMED)
			in->c.renamed++;
		else
			in->c.unchanged++;
		return 0;
	}
	return 1;
fail:
	diag_print("attest", in->db, &d);
	return -1;
}

static int job_extract(struct inbox *in, struct job *j, struct diag *d)
{
	char *ingest[] = { in->ingest, (char *)"--", (char *)j->e->path, NULL };
	char *extract[] = { in->extract, NULL };
	char **argv[] = { ingest, extract };
	static const char *const stages[] = { "ingest", "extract" };

	if (pipeline_start(&j->x, argv, stages, 2, -1, &in->lim, d) < 0)
		return -1;
	j->state = JOB_EXTRACTING;
	return 0;
}

static int job_load(struct inbox *in, struct job *j, struct diag *d)
{
	char **argv[1];
	static const char *const stages[] = { "load" };
	size_t k = 0;

	strbuf_init(&j->size);
	strbuf_init(&j->mtime);
	strbuf_addf(&j->size, "%lld", j->e->size);
	strbuf_addf(&j->mtime, "%lld", j->e->mtime_ns);
	j->argv_load[k++] = in->load;
	j->argv_load[k++] = (char *)"--db";
	j->argv_load[k++] = (char *)in->db;
	j->argv_load[k++] = (char *)"--name";
	j->argv_load[k++] = j->e->rel;
	j->argv_load[k++] = (char *)"--size";
	j->argv_load[k++] = j->size.buf;
	j->argv_load[k++] = (char *)"--mtime-ns";
	j->argv_load[k++] = j->mtime.buf;
	j->argv_load[k] = NULL;
	argv[0] = j->argv_load;
	if (pipeline_start(&j->l, argv, stages, 1, j->x.out_fd, &in->lim, d) < 0)
		return -1;
	j->state = JOB_LOADING;
	return 0;
}

static int job_done(struct inbox *in, struct job *j)
{
	pipeline_release(&j->x);
	pipeline_release(&j->l);
	strbuf_release(&j->size);
	strbuf_release(&j->mtime);
	j->state = JOB_DONE;
	in->done++;
	progress(in, j->e->rel);
	return 0;
}

/* Every stage of p was reaped: a failure is recorded and ends the job. Returns 1
 * when p succeeded, 0 when it failed (recorded), -1 on a store error. */
static int job_check(struct inbox *in, struct job *j, struct pipeline *p)
{
	struct strbuf reason = STRBUF_INIT;
	const char *stage = NULL;
	int rc = 1;

	strbuf_init(&reason);
	if (pipeline_result(p, &stage, &reason, &in->lim) < 0) {
		in->c.rejected++;
		rc = reject(in, j->e, j->sha256, stage, "rejected", reason.buf) < 0 ? -1 : 0;
		job_done(in, j);
	}
	strbuf_release(&reason);
	return rc;
}

static void job_count_load(struct inbox *in, struct job *j)
{
	struct strbuf out = STRBUF_INIT;

	strbuf_init(&out);
	pipeline_output(&j->l, &out);
	if (!strncmp(out.buf, "renamed", 7))
		in->c.renamed++;
	else if (!strncmp(out.buf, "unchanged", 9))
		in->c.unchanged++;  /* another run loaded it meanwhile */
	else
		in->c.added++;
	strbuf_release(&out);
}

/* A job that could not start a stage: record why. */
static int job_failed_start(struct inbox *in, struct job *j, const struct diag *d)
{
	in->c.rejected++;
	job_done(in, j);
	return reject(in, j->e, j->sha256, "run", "rejected", d->msg);
}

/* Run the queued jobs: N extractions at a time, one load at a time in order.
 * Returns 0, or -1 on a store error. */
static int run_jobs(struct inbox *in, struct job *jobs, size_t njobs, long nparallel)
{
	size_t next = 0, head = 0, extracting = 0, i;
	int rc = 0, loading = 0;

	for (i = 0; i < njobs; i++) {
		jobs[i].x.out_fd = jobs[i].x.err_fd = jobs[i].l.out_fd = jobs[i].l.err_fd = -1;
		strbuf_init(&jobs[i].size);
		strbuf_init(&jobs[i].mtime);
	}
	while (head < njobs) {
		int status;
		pid_t pid;
		struct diag d;

		diag_init(&d);
		while (extracting < (size_t)nparallel && next < njobs) {
			if (job_extract(in, &jobs[next], &d) < 0) {
				if (job_failed_start(in, &jobs[next], &d) < 0)
					rc = -1;
			} else {
				extracting++;
			}
			next++;
		}
		while (head < njobs && jobs[head].state == JOB_DONE)
			head++;
		if (!loading && head < njobs && jobs[head].state == JOB_EXTRACTED) {
			if (job_load(in, &jobs[head], &d) < 0) {
				if (job_failed_start(in, &jobs[head], &d) < 0)
					rc = -1;
			} else {
				loading = 1;
			}
			continue;
		}
		if (head >= njobs)
			break;
		pid = waitpid(-1, &status, WNOHANG);
		if (pid > 0) {
			for (i = head; i < next; i++) {
				struct job *j = &jobs[i];
				if (j->state == JOB_EXTRACTING && pipeline_reaped(&j->x, pid, status)) {
					if (!j->x.pending) {
						extracting--;
						int r = job_check(in, j, &j->x);
						if (r < 0)
							rc = -1;
						else if (r > 0)
							j->state = JOB_EXTRACTED;
					}
					break;
				}
				if (j->state == JOB_LOADING && pipeline_reaped(&j->l, pid, status)) {
					if (!j->l.pending) {
						int r = job_check(in, j, &j->l);
						loading = 0;
						if (r < 0) {
							rc = -1;
						} else if (r > 0) {
							job_count_load(in, j);
							job_done(in, j);
						}
					}
					break;
				}
			}
			continue;
		}
		if (pid < 0 && errno == ECHILD)
			break;  /* cannot happen while a job runs; do not spin */
		{
			double now = monotonic_seconds();
			for (i = head; i < next; i++) {
				if (jobs[i].state == JOB_EXTRACTING)
					pipeline_check_deadline(&jobs[i].x, now);
				else if (jobs[i].state == JOB_LOADING)
					pipeline_check_deadline(&jobs[i].l, now);
			}
			/* woken by SIGCHLD at once; the timeout only paces the deadline checks */
			stage_wait_child(0.05);
		}
	}
	return rc;
}

static void ignore_store(const char *db, struct walk_ignore *ign)
{
	static const char *const suffixes[] = { "", "-wal", "-shm" };
	struct strbuf p = STRBUF_INIT;
	struct stat st;
	size_t i;

	memset(ign, 0, sizeof(*ign));
	strbuf_init(&p);
	for (i = 0; i < 3; i++) {
		strbuf_reset(&p);
		strbuf_addf(&p, "%s%s", db, suffixes[i]);
		if (stat(p.buf, &st) == 0) {
			ign->dev = st.st_dev;
			ign->ino[ign->n++] = st.st_ino;
		}
	}
	strbuf_release(&p);
}

int cmd_inbox(int argc, char **argv)
{
	struct inbox in;
	struct walk_list files;
	struct walk_ignore ign;
	struct job *jobs = NULL;
	size_t njobs = 0, i;
	long nparallel = sysconf(_SC_NPROCESSORS_ONLN), v;
	int c, retry = 0, rc = EXIT_SYSTEM;
	struct diag d;

	memset(&in, 0, sizeof(in));
	memset(&files, 0, sizeof(files));
	diag_init(&d);
	in.dir = "inbox";
	in.db = "attest.db";
	stage_limits_default(&in.lim);
	if (nparallel < 1)
		nparallel = 1;
	optind = 1;
	while ((c = getopt_long(argc, argv, "d:j:h", options, NULL)) != -1) {
		switch (c) {
		case 'd': in.db = optarg; break;
		case 'j':
			if (parse_int(optarg, 1, 1024, &nparallel) < 0)
				goto bad_number;
			break;
		case 't':
			if (parse_int(optarg, 0, 86400, &v) < 0)
				goto bad_number;
			in.lim.timeout_s = (int)v;
			break;
		case 'm':
			if (parse_int(optarg, 0, 1L << 30, &v) < 0)
				goto bad_number;
			in.lim.mem_bytes = (long long)v << 20;
			break;
		case 'r': retry = 1; break;
		case 'h': fputs(inbox_usage, stdout); return EXIT_OK;
		default: fputs(inbox_usage, stderr); return EXIT_USAGE;
		}
	}
	if (optind < argc)
		in.dir = argv[optind++];
	if (optind < argc) {
		fputs(inbox_usage, stderr);
		return EXIT_USAGE;
	}
	/* Walk first: a missing inbox must not leave a new empty store behind. */
	ignore_store(in.db, &ign);
	if (walk_inbox(in.dir, &ign, &files, &d) < 0) {
		diag_print("attest", NULL, &d);
		rc = EXIT_BAD_INPUT;
		goto out;
	}
	if (store_open(in.db, 0, &in.store, &d) < 0)
		goto store_error;
	if (store_run_begin(in.store, in.dir, &in.run_id, &d) < 0)
		goto store_error;
	in.ingest = stage_path("ingest");
	in.extract = stage_path("extract");
	in.load = stage_path("load");
	in.progress = isatty(2);
	jobs = xcalloc(files.n + 1, sizeof(*jobs));
	for (i = 0; i < files.n; i++) {
		const struct walk_entry *e = &files.v[i];
		int need;
		if (e->skip) {
			in.c.skipped++;
			if (reject(&in, e, NULL, "walk", "skipped", e->skip) < 0)
				goto out;
			continue;
		}
		if ((need = triage(&in, e, retry, jobs[njobs].sha256)) < 0)
			goto out;
		if (need)
			jobs[njobs++].e = e;
	}
	in.total = njobs;
	if (run_jobs(&in, jobs, njobs, nparallel) < 0)
		goto out;
	progress(&in, NULL);
	if (store_run_end(in.store, in.run_id, &in.c, &d) < 0)
		goto store_error;
	printf("%lld added, ", in.c.added);
	if (in.c.renamed)
		printf("%lld %s, ", in.c.renamed, in.c.renamed == 1 ? "copy" : "copies");
	printf("%lld unchanged, %lld rejected", in.c.unchanged, in.c.rejected);
	if (in.c.skipped)
		printf(", %lld skipped", in.c.skipped);
	puts(in.c.rejected || in.c.skipped ? " (see: attest status)" : "");
	rc = in.c.rejected ? EXIT_BAD_INPUT : EXIT_OK;
	goto out;
bad_number:
	fprintf(stderr, "attest inbox: bad number '%s'\n", optarg);
	return EXIT_USAGE;
store_error:
	diag_print("attest", NULL, &d);
out:
	free(jobs);
	free(in.ingest);
	free(in.extract);
	free(in.load);
	walk_list_release(&files);
	store_close(in.store);
	return rc;
}
