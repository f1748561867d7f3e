/*
** tfctl: main, the subcommand table and command-line parsing.  Each
** subcommand lives in its own file (sites.c, ps.c, patch.c) and gets a
** parsed struct opts; usage errors are caught here and exit with 2.
*/
#include "tfctl.h"
#include "fmt.h"

#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
	O_JSON = 1,
	O_PID = 2,              /* --pid is required */
	O_SITES = 4,
	O_TIMEOUT = 8,
};

struct command {
	const char *name;
	int (*run)(const struct opts *o);
	int opts;               /* O_ flags accepted */
	int minargs, maxargs;
	const char *args;       /* synopsis after the name */
	const char *help;
};

static const struct command commands[] = {
	{ "sites", cmd_sites, O_JSON, 1, 2, "FILE [GLOB] [--json]",
	  "list the functions an executable or library built with tfcc carries" },
	{ "ps", cmd_ps, O_JSON | O_TIMEOUT, 0, 0, "[--json]",
	  "list the processes on this host that run the tigerfix runtime" },
	{ "list", cmd_list, O_JSON | O_PID | O_SITES | O_TIMEOUT, 0, 0,
	  "--pid N [--sites GLOB] [--json]",
	  "show the patches in force (and which version of each function is live)" },
	{ "load", cmd_load, O_JSON | O_PID | O_TIMEOUT, 1, 1,
	  "PATCH.so --pid N [--json]", "apply a patch built with tfcc --patch-for" },
	{ "unload", cmd_unload, O_JSON | O_PID | O_TIMEOUT, 1, 1,
	  "ID --pid N [--json]", "revert a patch (see `tfctl list` for ids)" },
};
#define NCOMMANDS (int)(sizeof commands / sizeof commands[0])

static void usage(FILE *out)
{
	fputs("usage: tfctl COMMAND [ARGS]\n\ncommands:\n", out);
	for (int i = 0; i < NCOMMANDS; i++)
		fprintf(out, "  tfctl %s %s\n      %s\n", commands[i].name,
			commands[i].args, commands[i].help);
	fputs("\noptions:\n"
	      "  --json         print JSON instead of text\n"
	      "  --pid N        the process to talk to; N,M,... each in turn\n"
	      "  --timeout MS   wait at most MS milliseconds for an answer "
	      "(default 5000)\n"
	      "\nexit status: 0 success, 1 failed or refused, 2 usage error\n"
	      "see docs/tfctl.md\n",
	      out);
}

/* a positive int from the whole of s, else -1 */
static long parse_pos(const char *s)
{
	char *end;
	if (s == NULL || *s < '0' || *s > '9')
		return -1;
	long v = strtol(s, &end, 10);
	if (*end != '\0' || v <= 0 || v > INT_MAX)
		return -1;
	return v;
}

/* the first pid of "N,M,..." (all valid), the rest from *next; 0 if bad */
static int pid_list(const char *s, const char **next)
{
	char one[16];
	const char *p = s;
	int first = 0;

	do {
		size_t n = strcspn(p, ",");
		long v;
		if (n >= sizeof one)
			return 0;
		memcpy(one, p, n);
		one[n] = '\0';
		if ((v = parse_pos(one)) < 0)
			return 0;
		if (!first)
			first = (int)v;
		if (next && p == s)
			*next = p[n] ? p + n + 1 : NULL;
		p += n + (p[n] == ',');
	} while (*p || p[-1] == ',');
	return first;
}

/* run c once per --pid (one or a list, in order); the worst status */
static int run_each(const struct command *c, struct opts *o)
{
	const char *rest = o->pids;
	int rc = TFCTL_OK;

	if (!rest)
		return c->run(o);
	while (rest) {
		int one;
		o->pid = pid_list(rest, &rest);
		one = c->run(o);
		if (one > rc)
			rc = one;
	}
	return rc;
}

static int bad_usage(const struct command *c, const char *why)
{
	fmt_err("%s; usage: tfctl %s %s", why, c->name, c->args);
	return TFCTL_USAGE;
}

static const char *opt_name(const struct option *longs, int ch)
{
	for (; longs->name != NULL; longs++)
		if (longs->val == ch)
			return longs->name;
	return "?";
}

static int parse(const struct command *c, int argc, char **argv,
		 struct opts *o)
{
	static const struct option longs[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "pid", required_argument, NULL, 'p' },
		{ "sites", required_argument, NULL, 's' },
		{ "timeout", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	char why[256];
	int ch, flag;
	long v;
	opterr = 0;
	optind = 1;
	while ((ch = getopt_long(argc, argv, ":h", longs, NULL)) != -1) {
		switch (ch) {
		case 'j': flag = O_JSON; o->json = 1; break;
		case 's': flag = O_SITES; o->sites = optarg; break;
		case 'h': usage(stdout); exit(TFCTL_OK);
		case 'p':
			flag = O_PID;
			if (strchr(optarg, ',') && pid_list(optarg, NULL)) {
				o->pids = optarg;
				o->pid = pid_list(optarg, NULL);
				break;
			}
			if ((v = parse_pos(optarg)) < 0) {
				fmt_err("bad pid '%s': expected a positive "
					"number; `tfctl ps` lists instrumented "
					"processes", optarg);
				return TFCTL_USAGE;
			}
			o->pid = (int)v;
			break;
		case 't':
			flag = O_TIMEOUT;
			if ((v = parse_pos(optarg)) < 0) {
				fmt_err("bad --timeout '%s': expected a "
					"positive number of milliseconds",
					optarg);
				return TFCTL_USAGE;
			}
			o->timeout_ms = (int)v;
			break;
		case ':':
			snprintf(why, sizeof why, "option %s needs a value",
				 argv[optind - 1]);
			return bad_usage(c, why);
		default:
			snprintf(why, sizeof why, "unknown option '%s'",
				 argv[optind - 1]);
			return bad_usage(c, why);
		}
		if (!(c->opts & flag)) {
			snprintf(why, sizeof why, "%s does not take option "
				 "'--%s'", c->name, opt_name(longs, ch));
			return bad_usage(c, why);
		}
	}
	o->argc = argc - optind;
	o->argv = argv + optind;
	if (o->argc < c->minargs || o->argc > c->maxargs) {
		snprintf(why, sizeof why, "%s takes %d to %d arguments, got %d",
			 c->name, c->minargs, c->maxargs, o->argc);
		if (c->minargs == c->maxargs)
			snprintf(why, sizeof why, "%s takes %d argument%s, got "
				 "%d", c->name, c->minargs,
				 c->minargs == 1 ? "" : "s", o->argc);
		return bad_usage(c, why);
	}
	if ((c->opts & O_PID) && o->pid == 0)
		return bad_usage(c, "missing --pid N (the process to talk to; "
				 "`tfctl ps` lists them)");
	return TFCTL_OK;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return TFCTL_USAGE;
	}
	const char *name = argv[1];
	if (!strcmp(name, "-h") || !strcmp(name, "--help") ||
	    !strcmp(name, "help")) {
		usage(stdout);
		return TFCTL_OK;
	}
	for (int i = 0; i < NCOMMANDS; i++) {
		if (strcmp(name, commands[i].name) != 0)
			continue;
		struct opts o = { .cmd = name, .timeout_ms = TFCTL_TIMEOUT_MS };
		int rc = parse(&commands[i], argc - 1, argv + 1, &o);
		if (rc != TFCTL_OK)
			return rc;
		rc = run_each(&commands[i], &o);
		if (fflush(stdout) != 0 && rc == TFCTL_OK) {
			fmt_err("cannot write the output: disk full or pipe "
				"closed");
			rc = TFCTL_FAIL;
		}
		return rc;
	}
	fmt_err("unknown command '%s'; `tfctl --help` lists the commands",
		name);
	return TFCTL_USAGE;
}
