/* attest: the command users type. git-style: `attest ingest …` runs attest-ingest
 * found next to this program; the whole-job commands (inbox, reextract, status, cite,
 * facts, conflicts, merge) are built in. Adding a command takes one file and one line
 * of commands[]. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "driver.h"
#include "banned.h"

static const char usage[] =
	"usage: attest [--version] [--help] COMMAND [ARGS]\n"
	"\n"
	"Turns a folder of reports (PDF, text, HTML) into a SQLite store of cited facts.\n"
	"\n"
	"Commands:\n";

static const char usage_tail[] =
	"\n"
	"'attest help COMMAND' shows the options of a command.\n"
	"Exit status: 0 ok, 1 bad input (or rejected files), 2 usage, 3 system error.\n";

/* Stage commands run a separate program; their help is that program's --help. */
static int run_stage(const char *name, int argc, char **argv)
{
	char *path = stage_path(name);
	char **args = xcalloc((size_t)argc + 1, sizeof(*args));
	int i;

	args[0] = path;
	for (i = 1; i < argc; i++)
		args[i] = argv[i];
	fflush(stdout);
	execv(path, args);
	if (errno == ENOENT && !strchr(path, '/'))
		execvp(path, args);
	fprintf(stderr, "attest: cannot run '%s': %s\n", path, strerror(errno));
	free(args);
	free(path);
	return EXIT_SYSTEM;
}

static int cmd_ingest(int argc, char **argv) { return run_stage("ingest", argc, argv); }
static int cmd_extract(int argc, char **argv) { return run_stage("extract", argc, argv); }
static int cmd_load(int argc, char **argv) { return run_stage("load", argc, argv); }

struct command {
	const char *name;
	int (*run)(int argc, char **argv);  /* argv[0] is the command name */
	const char *usage;                  /* NULL: a stage (help is its --help) */
	const char *summary;
};

static const struct command commands[] = {
	{ "inbox", cmd_inbox, inbox_usage, "load new and changed files of a folder into the store" },
	{ "status", cmd_status, status_usage, "documents, facts by kind, rejected files" },
	{ "facts", cmd_facts, facts_usage, "list the facts of a file, or of the store" },
	{ "cite", cmd_cite, cite_usage, "print a ready-to-paste citation of a fact" },
	{ "conflicts", cmd_conflicts, conflicts_usage, "list facts of different sources that disagree" },
	{ "reextract", cmd_reextract, reextract_usage, "re-run extraction from the stored text" },
	{ "merge", cmd_merge, merge_usage, "combine per-shard stores into one" },
	{ "ingest", cmd_ingest, NULL, "run attest-ingest: file → normalised document" },
	{ "extract", cmd_extract, NULL, "run attest-extract: document → facts" },
	{ "load", cmd_load, NULL, "run attest-load: facts → store" },
};

static const struct command *find_command(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

static void print_usage(FILE *out)
{
	size_t i;

	fputs(usage, out);
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fputs(usage_tail, out);
}

static int help(int argc, char **argv)
{
	const struct command *c;
	char *args[] = { NULL, (char *)"--help", NULL };

	if (argc < 2) {
		print_usage(stdout);
		return EXIT_OK;
	}
	if (!(c = find_command(argv[1]))) {
		fprintf(stderr, "attest: '%s' is not an attest command; see 'attest --help'\n", argv[1]);
		return EXIT_USAGE;
	}
	if (!c->usage) {
		args[0] = argv[1];
		return c->run(2, args);
	}
	fputs(c->usage, stdout);
	return EXIT_OK;
}

int main(int argc, char **argv)
{
	const struct command *c;

	if (argc < 2) {
		print_usage(stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "version")) {
		puts("attest " ATTEST_VERSION);
		return EXIT_OK;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help"))
		return help(argc - 1, argv + 1);
	if (argv[1][0] == '-') {
		fprintf(stderr, "attest: unknown option '%s'\n", argv[1]);
		print_usage(stderr);
		return EXIT_USAGE;
	}
	if (!(c = find_command(argv[1]))) {
		fprintf(stderr, "attest: '%s' is not an attest command; see 'attest --help'\n", argv[1]);
		return EXIT_USAGE;
	}
	return c->run(argc - 1, argv + 1);
}
