/* driver.h: what the files of the attest driver share: the command entry points
 * (one file each, dispatched from the commands[] table of attest.c), locating the
 * stage programs, and running stage pipelines in child processes. */
#ifndef DRIVER_H
#define DRIVER_H

#include <stddef.h>
#include <sys/types.h>

#include "diag.h"
#include "strbuf.h"

/* Each returns the exit code (0 ok, 1 bad input or rejects, 2 usage, 3 system). */
int cmd_inbox(int argc, char **argv);
int cmd_reextract(int argc, char **argv);
int cmd_status(int argc, char **argv);
int cmd_cite(int argc, char **argv);
int cmd_facts(int argc, char **argv);
int cmd_conflicts(int argc, char **argv);
int cmd_merge(int argc, char **argv);

extern const char inbox_usage[], reextract_usage[], status_usage[], cite_usage[],
	facts_usage[], conflicts_usage[], merge_usage[];

/* Path of stage program attest-NAME next to the running attest (malloc'd); when the
 * running program cannot be located, just "attest-NAME" (found through PATH). */
char *stage_path(const char *name);

/* Limits applied to each child (setrlimit) and by the parent (wall time). */
struct stage_limits {
	int timeout_s;          /* wall time of the whole pipeline; 0: none */
	long long mem_bytes;    /* RLIMIT_AS of each stage; 0: none */
};

#define PIPELINE_MAX 3

/* A running pipeline of up to three stages: stdin of the first is a file or /dev/null, stdout
 * of the last goes to `out` (a temporary file), stderr of all to `err`. The stages
 * share a process group, so a timeout kills them together. */
struct pipeline {
	size_t n;
	pid_t pid[PIPELINE_MAX];
	int status[PIPELINE_MAX];
	int reaped[PIPELINE_MAX];
	const char *stage[PIPELINE_MAX];  /* "ingest", "extract", "load" (borrowed) */
	pid_t pgid;
	int out_fd, err_fd;    /* temporary files (unlinked) */
	double deadline;       /* monotonic seconds; 0: none */
	int timed_out;
	int first_bad;         /* earliest stage that failed (the others were then killed), or -1 */
	int killed;            /* the group was killed after first_bad failed */
	double bad_at;         /* when a stage failed while earlier ones still ran; 0: none */
	size_t pending;        /* stages not yet reaped */
};

/* Start argv[0..n) (argv[i] is a NULL-terminated vector; argv[i][0] the program
 * path) as a pipeline reading in_fd from its start (-1: /dev/null; the caller keeps
 * in_fd). Returns 0 or -1 with d set. */
int pipeline_start(struct pipeline *p, char **const argv[], const char *const stage[], size_t n,
		   int in_fd, const struct stage_limits *lim, struct diag *d);
/* Record the exit of pid if it belongs to p (1), else 0. */
int pipeline_reaped(struct pipeline *p, pid_t pid, int status);
/* Kill p's group when its deadline passed (now in monotonic seconds). */
void pipeline_check_deadline(struct pipeline *p, double now);
/* After every stage was reaped: 0 when all succeeded, else -1 with the failing
 * stage in *stage and a one-line reason in reason. */
int pipeline_result(struct pipeline *p, const char **stage, struct strbuf *reason,
		    const struct stage_limits *lim);
/* Read the pipeline's stdout file (from the start). */
int pipeline_output(struct pipeline *p, struct strbuf *out);
void pipeline_release(struct pipeline *p);
/* Wait for a pipeline to finish (used by one-shot commands). */
int pipeline_wait(struct pipeline *p);

double monotonic_seconds(void);
/* Sleep until a child of a pipeline may have exited, or timeout_s passed. */
void stage_wait_child(double timeout_s);
void stage_limits_default(struct stage_limits *lim);

#endif
