/* stage.c: finding the stage programs and running them as pipelines of child
 * processes with limits. Exports stage_path, stage_limits_default, monotonic_seconds
 * and pipeline_*. Invariant: every child is in the pipeline's process group, has its
 * stdin/stdout/stderr set up before exec, and runs under the RLIMIT_AS given; the
 * parent kills the group when the wall-time deadline passes. */
#include "driver.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "banned.h"

char *stage_path(const char *name)
{
	char self[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	struct strbuf sb = STRBUF_INIT;
	char *slash;

	strbuf_init(&sb);
	if (n > 0) {
		self[n] = '\0';
		if ((slash = strrchr(self, '/'))) {
			*slash = '\0';
			strbuf_addf(&sb, "%s/attest-%s", self, name);
			if (access(sb.buf, X_OK) == 0)
				return strbuf_detach(&sb, NULL);
			strbuf_reset(&sb);
		}
	}
	strbuf_addf(&sb, "attest-%s", name);
	return strbuf_detach(&sb, NULL);
}

/* AddressSanitizer (gcc and clang spell it differently) reserves terabytes of
 * address space, so an RLIMIT_AS would stop the sanitised stages from starting. */
#if defined(__SANITIZE_ADDRESS__)
#define STAGE_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define STAGE_UNDER_ASAN 1
#endif
#endif

void stage_limits_default(struct stage_limits *lim)
{
	lim->timeout_s = 60;
#if defined(STAGE_UNDER_ASAN)
	lim->mem_bytes = 0;  /* AddressSanitizer reserves terabytes of address space */
#else
	lim->mem_bytes = 2048LL << 20;
#endif
}

/* Process groups of the running pipelines. Children run in their own groups (so a
 * timeout kills a whole pipeline), which also keeps them out of the terminal's
 * SIGINT: on SIGINT/SIGTERM the driver kills every registered group, then dies of
 * the same signal. Slots are written only outside the handler. */
#define MAX_GROUPS 4096
static volatile sig_atomic_t groups[MAX_GROUPS];
static int handlers_installed;

static void on_signal(int sig)
{
	size_t i;

	for (i = 0; i < MAX_GROUPS; i++)
		if (groups[i] > 0)
			kill(-(pid_t)groups[i], SIGKILL);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void group_register(pid_t pgid)
{
	size_t i;

	if (!handlers_installed) {
		static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
		struct sigaction sa, old;
		size_t k;
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_signal;
		sigemptyset(&sa.sa_mask);
		for (k = 0; k < sizeof(sigs) / sizeof(sigs[0]); k++)
			/* a signal ignored at start (nohup, a background job) stays ignored */
			if (sigaction(sigs[k], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
				sigaction(sigs[k], &sa, NULL);
		handlers_installed = 1;
	}
	for (i = 0; i < MAX_GROUPS; i++)
		if (groups[i] <= 0) {
			groups[i] = (sig_atomic_t)pgid;
			return;
		}
}

/* SIGCHLD wakes stage_wait_child through a self-pipe (non-blocking, close-on-exec), so
 * that a run waiting for its children reacts to an exit at once instead of at the
 * next tick of a sleep. */
static int child_pipe[2] = { -1, -1 };

/* Seconds an earlier stage gets to end after a later one failed (pipeline_reaped). */
#define FAIL_GRACE_S 0.25

static void on_child(int sig)
{
	int saved = errno;
	ssize_t r;

	(void)sig;
	if (child_pipe[1] >= 0)
		r = write(child_pipe[1], "", 1);  /* a full pipe already says "wake up" */
	(void)r;
	errno = saved;
}

static void child_wakeup_install(void)
{
	struct sigaction sa;
	int i;

	if (child_pipe[0] >= 0 || pipe(child_pipe) < 0)
		return;
	for (i = 0; i < 2; i++) {
		fcntl(child_pipe[i], F_SETFD, FD_CLOEXEC);
		fcntl(child_pipe[i], F_SETFL, fcntl(child_pipe[i], F_GETFL) | O_NONBLOCK);
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_child;
	sa.sa_flags = SA_RESTART | SA_NOCLDSTOP;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGCHLD, &sa, NULL);
}

void stage_wait_child(double timeout_s)
{
	struct pollfd pfd;
	char buf[64];

	if (child_pipe[0] < 0) {
		struct timespec ts = { 0, (long)(timeout_s * 1e9) % 1000000000L };
		ts.tv_sec = (time_t)timeout_s;
		nanosleep(&ts, NULL);
		return;
	}
	pfd.fd = child_pipe[0];
	pfd.events = POLLIN;
	pfd.revents = 0;
	if (poll(&pfd, 1, (int)(timeout_s * 1000)) > 0)
		while (read(child_pipe[0], buf, sizeof(buf)) > 0)
			;
}

static void group_unregister(pid_t pgid)
{
	size_t i;

	for (i = 0; i < MAX_GROUPS; i++)
		if (groups[i] == (sig_atomic_t)pgid)
			groups[i] = 0;
}

double monotonic_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int temp_fd(struct diag *d)
{
	FILE *f = tmpfile();
	int fd;

	if (!f)
		return diag_set(d, "cannot create a temporary file: %s", strerror(errno));
	fd = dup(fileno(f));
	fclose(f);
	if (fd < 0)
		return diag_set(d, "cannot create a temporary file: %s", strerror(errno));
	fcntl(fd, F_SETFD, FD_CLOEXEC);
	return fd;
}

/* In the child: never returns. */
static void child_exec(char *const argv[], int in, int out, int err, pid_t pgid,
		       const struct stage_limits *lim)
{
	struct rlimit rl;

	setpgid(0, pgid);
	signal(SIGPIPE, SIG_DFL);
	if (dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0)
		_exit(126);
	if (lim->mem_bytes > 0) {
		rl.rlim_cur = rl.rlim_max = (rlim_t)lim->mem_bytes;
		setrlimit(RLIMIT_AS, &rl);
	}
	rl.rlim_cur = rl.rlim_max = 0;
	setrlimit(RLIMIT_CORE, &rl);
	execv(argv[0], argv);
	if (errno == ENOENT && !strchr(argv[0], '/'))
		execvp(argv[0], argv);
	dprintf(2, "%s: cannot run: %s\n", argv[0], strerror(errno));
	_exit(127);
}

int pipeline_start(struct pipeline *p, char **const argv[], const char *const stage[], size_t n,
		   int in_fd, const struct stage_limits *lim, struct diag *d)
{
	int in = -1, fds[2];
	size_t i;

	memset(p, 0, sizeof(*p));
	p->out_fd = p->err_fd = -1;
	p->first_bad = -1;
	child_wakeup_install();
	if (n < 1 || n > PIPELINE_MAX)
		return diag_set(d, "bad pipeline length %zu", n);
	if ((p->out_fd = temp_fd(d)) < 0 || (p->err_fd = temp_fd(d)) < 0)
		return -1;
	if (in_fd >= 0) {
		if (lseek(in_fd, 0, SEEK_SET) < 0 || (in = dup(in_fd)) < 0)
			return diag_set(d, "cannot reread the stage output: %s", strerror(errno));
		fcntl(in, F_SETFD, FD_CLOEXEC);
	} else if ((in = open("/dev/null", O_RDONLY | O_CLOEXEC)) < 0) {
		return diag_set(d, "cannot open /dev/null: %s", strerror(errno));
	}
	for (i = 0; i < n; i++) {
		int out;
		pid_t pid;
		if (i + 1 < n) {
			if (pipe(fds) < 0) {
				diag_set(d, "cannot create a pipe: %s", strerror(errno));
				goto fail;
			}
			fcntl(fds[0], F_SETFD, FD_CLOEXEC);
			fcntl(fds[1], F_SETFD, FD_CLOEXEC);
			out = fds[1];
		} else {
			fds[0] = -1;
			out = p->out_fd;
		}
		if ((pid = fork()) < 0) {
			diag_set(d, "cannot fork: %s", strerror(errno));
			if (fds[0] >= 0) {
				close(fds[0]);
				close(fds[1]);
			}
			goto fail;
		}
		if (pid == 0)
			child_exec(argv[i], in, out, p->err_fd, p->pgid, lim);
		if (!p->pgid) {
			p->pgid = pid;
			group_register(pid);
		}
		setpgid(pid, p->pgid);  /* also in the child: whichever runs first */
		p->pid[i] = pid;
		p->stage[i] = stage[i];
		p->n++;
		p->pending++;
		close(in);
		if (i + 1 < n)
			close(fds[1]);
		in = fds[0];
	}
	if (lim->timeout_s > 0)
		p->deadline = monotonic_seconds() + lim->timeout_s;
	return 0;
fail:
	if (in >= 0)
		close(in);
	if (p->pgid)
		kill(-p->pgid, SIGKILL);
	return -1;
}

/* Stages before first_bad still running: 1 (their own failure, if any, is the cause). */
static int earlier_pending(const struct pipeline *p)
{
	int i;

	for (i = 0; i < p->first_bad; i++)
		if (!p->reaped[i])
			return 1;
	return 0;
}

static void pipeline_kill(struct pipeline *p)
{
	if (p->pending && !p->killed)
		kill(-p->pgid, SIGKILL);
	p->killed = 1;
}

int pipeline_reaped(struct pipeline *p, pid_t pid, int status)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		if (p->pid[i] == pid && !p->reaped[i]) {
			p->reaped[i] = 1;
			p->status[i] = status;
			p->pending--;
			/* A failed stage dooms the pipeline: do not wait for the later ones (they
			 * might never see end of input). SIGPIPE only echoes a failure. An earlier
			 * stage still running gets FAIL_GRACE_S to end on its own: a stage often
			 * closes its output before it exits, so the next stage can fail of the
			 * earlier one's bad output and be reaped first; the earliest failure
			 * is the one to blame. */
			if (!p->killed && !p->timed_out &&
			    ((WIFEXITED(status) && WEXITSTATUS(status)) ||
			     (WIFSIGNALED(status) && WTERMSIG(status) != SIGPIPE)) &&
			    (p->first_bad < 0 || (int)i < p->first_bad))
				p->first_bad = (int)i;
			if (p->first_bad >= 0 && !p->killed) {
				if (!earlier_pending(p))
					pipeline_kill(p);
				else if (p->bad_at <= 0)
					p->bad_at = monotonic_seconds();
			}
			return 1;
		}
	return 0;
}

void pipeline_check_deadline(struct pipeline *p, double now)
{
	if (p->pending && p->deadline > 0 && now >= p->deadline && !p->timed_out) {
		p->timed_out = 1;
		kill(-p->pgid, SIGKILL);
	}
	if (p->pending && p->first_bad >= 0 && !p->killed && p->bad_at > 0 &&
	    now >= p->bad_at + FAIL_GRACE_S)
		pipeline_kill(p);
}

int pipeline_wait(struct pipeline *p)
{
	while (p->pending) {
		int status;
		pid_t pid = waitpid(-1, &status, WNOHANG);
		if (pid > 0) {
			pipeline_reaped(p, pid, status);
			continue;
		}
		if (pid < 0 && errno != EINTR)
			return -1;
		pipeline_check_deadline(p, monotonic_seconds());
		stage_wait_child(0.05);
	}
	return 0;
}

static int read_fd(int fd, struct strbuf *out)
{
	char buf[8192];
	ssize_t n;
	off_t at = 0;

	strbuf_reset(out);
	while ((n = pread(fd, buf, sizeof(buf), at)) > 0) {
		strbuf_add(out, buf, (size_t)n);
		at += n;
	}
	return n < 0 ? -1 : 0;
}

int pipeline_output(struct pipeline *p, struct strbuf *out)
{
	return read_fd(p->out_fd, out);
}

/* The stderr line the failing stage printed ("attest-ingest: x.pdf: reason"), else
 * the first line, else NULL. */
static void stderr_line(struct pipeline *p, const char *stage, struct strbuf *reason)
{
	struct strbuf err = STRBUF_INIT, prefix = STRBUF_INIT;
	const char *line = NULL, *nl;

	strbuf_init(&err);
	strbuf_init(&prefix);
	strbuf_addf(&prefix, "attest-%s:", stage);
	if (read_fd(p->err_fd, &err) == 0 && err.len) {
		const char *s;
		for (s = err.buf; s && *s; s = nl ? nl + 1 : NULL) {
			nl = strchr(s, '\n');
			if (!strncmp(s, prefix.buf, prefix.len)) {
				line = s;
				break;
			}
		}
		if (!line)
			line = err.buf;
		nl = strchr(line, '\n');
		strbuf_add(reason, line, nl ? (size_t)(nl - line) : strlen(line));
	}
	strbuf_release(&prefix);
	strbuf_release(&err);
}

int pipeline_result(struct pipeline *p, const char **stage, struct strbuf *reason,
		    const struct stage_limits *lim)
{
	size_t i, bad = p->n;

	strbuf_reset(reason);
	if (p->timed_out) {
		for (i = 0; i < p->n && bad == p->n; i++)
			if (!WIFEXITED(p->status[i]) || WEXITSTATUS(p->status[i]))
				bad = i;
		*stage = bad < p->n ? p->stage[bad] : p->stage[0];
		strbuf_addf(reason, "timed out after %d s", lim->timeout_s);
		return -1;
	}
	if (p->first_bad >= 0)
		bad = (size_t)p->first_bad;
	/* A stage killed by SIGPIPE only saw a later stage fail: blame that one. */
	for (i = 0; i < p->n && bad == p->n; i++) {
		int st = p->status[i];
		if (WIFSIGNALED(st) && WTERMSIG(st) != SIGPIPE)
			bad = i;
		else if (WIFEXITED(st) && WEXITSTATUS(st))
			bad = i;
	}
	for (i = 0; i < p->n && bad == p->n; i++)
		if (!WIFEXITED(p->status[i]) || WEXITSTATUS(p->status[i]))
			bad = i;
	if (bad == p->n)
		return 0;
	*stage = p->stage[bad];
	if (WIFSIGNALED(p->status[bad])) {
		int sig = WTERMSIG(p->status[bad]);
		strbuf_addf(reason, "attest-%s: killed by signal %d (%s)", p->stage[bad], sig,
			    strsignal(sig));
		if (lim->mem_bytes > 0 && (sig == SIGABRT || sig == SIGSEGV || sig == SIGKILL))
			strbuf_addf(reason, "; memory limit %lld MiB", lim->mem_bytes >> 20);
	} else {
		stderr_line(p, p->stage[bad], reason);
		if (!reason->len)
			strbuf_addf(reason, "attest-%s: exit status %d", p->stage[bad],
				    WEXITSTATUS(p->status[bad]));
	}
	return -1;
}

void pipeline_release(struct pipeline *p)
{
	if (p->pgid)
		group_unregister(p->pgid);
	p->pgid = 0;
	if (p->out_fd >= 0)
		close(p->out_fd);
	if (p->err_fd >= 0)
		close(p->err_fd);
	p->out_fd = p->err_fd = -1;
}
