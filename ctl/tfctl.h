/*
** tfctl: the operator's command-line tool.  Parsed options and the
** subcommand entry points (one cmd_ function per subcommand).
*/
#ifndef TF_CTL_TFCTL_H
#define TF_CTL_TFCTL_H

/* Exit statuses. */
#define TFCTL_OK 0
#define TFCTL_FAIL 1    /* refused or failed operation */
#define TFCTL_USAGE 2   /* bad command line */

#define TFCTL_TIMEOUT_MS 5000

struct opts {
	const char *cmd;        /* subcommand name */
	int json;               /* --json */
	int pid;                /* --pid N; 0 when not given */
	const char *pids;       /* --pid N,M,...: the list, else NULL */
	const char *sites;      /* --sites GLOB */
	int timeout_ms;         /* --timeout MS */
	int argc;               /* positional arguments after the command */
	char **argv;
};

int cmd_sites(const struct opts *o);    /* sites.c */
int cmd_ps(const struct opts *o);       /* ps.c */
int cmd_list(const struct opts *o);     /* patch.c */
int cmd_load(const struct opts *o);     /* patch.c */
int cmd_unload(const struct opts *o);   /* patch.c */

#endif /* TF_CTL_TFCTL_H */
