/*
** tf-rewrite: turns one C file into its instrumented text (see
** docs/rewriter.md and docs/generated-code.md).  Exit 0: OUT.c written.
** Exit 1: the file cannot be instrumented; one line on stderr says why,
** nothing is written, and tfcc compiles the original instead.
** tf-rewrite --serve SOCKET runs the same for tfcc's requests (serve.c).
*/
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <tigerfix/trap.h>

#include "rewriter.h"

/* For the crash handler: only async-signal-safe calls there. */
static const char *crash_out;
static char crash_msg[1024];

static void crashed(int sig)
{
	ssize_t n = write(2, crash_msg, strlen(crash_msg));
	unsigned st = sig == SIGTERM || sig == SIGINT ? 2 : 1;
	if (crash_out)
		unlink(crash_out);
	if (rw_status_fd >= 0)  /* a request of the server (serve.c) */
		n = write(rw_status_fd, &st, sizeof st);
	(void)n;
	_exit((int)st);
}

/* Never crash: a fault anywhere (ours or libclang's) becomes the usual
   "not instrumented" line, and tfcc compiles the original. */
static void guard(const struct rw_opts *o)
{
	static const int sigs[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT };
	snprintf(crash_msg, sizeof crash_msg, "tfcc: warning: %s: not "
		 "instrumented: tf-rewrite crashed; please report it with this "
		 "file (TF_KEEP=1 keeps it)\n", o->presumed);
	crash_out = o->out;
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		signal(sigs[i], crashed);
}

static int not_instrumented(const struct rw_opts *o, const char *why)
{
	fprintf(stderr, "tfcc: warning: %s: not instrumented: %s\n",
		o->presumed, why);
	return 1;
}

/* --explain: one line per function definition, then the totals, in one
   write: two compiles of one source running at once (a static and a
   shared object, make -j) into one log interleaved their pieces. */
static void explain(const struct rw_opts *o, const struct rw_unit *u)
{
	struct rw_buf b = {0};
	unsigned done = 0, skipped = 0;
	for (unsigned i = 0; i < u->nfuncs; i++) {
		const struct rw_func *f = &u->funcs[i];
		rw_buf_printf(&b, "%s:%u: %s: ", u->files[f->file].presumed,
			      f->line, f->name);
		if (f->skip) {
			rw_buf_printf(&b, "skipped: %s\n", f->skip);
			skipped++;
			continue;
		}
		done++;
		if (f->flags & RW_VARIADIC)
			rw_buf_puts(&b, "instrumented (pre-interceptors only: "
				    "variadic)\n");
		else if (f->nothunk)
			rw_buf_printf(&b, "instrumented (replace only: %s)\n",
				      f->nothunk);
		else
			rw_buf_puts(&b, "instrumented\n");
	}
	for (unsigned i = 0; i < u->nxskips; i++, skipped++)
		rw_buf_printf(&b, "%s:%u: %s: skipped: %s\n", u->xskips[i].file,
			      u->xskips[i].line, u->xskips[i].name,
			      u->xskips[i].why);
	rw_buf_printf(&b, "tfcc: %s: %u instrumented, %u skipped\n",
		      o->presumed, done, skipped);
	if (b.n)
		(void)!write(2, b.p, b.n);
	free(b.p);
}

/* The markers of pasted files (rw_dep_marker): "/" "* NAME *" "/", then
   for each of its quote includes made absolute, that path and the name gcc
   would give it, a line each, alike. */
static int write_markers(const struct rw_opts *o, const struct rw_unit *u)
{
	for (unsigned i = 1; i < u->nfiles; i++) {
		if (rw_dep_index(u, i) != i)
			continue;
		char *m = rw_dep_marker(o->out, i, 1);
		FILE *fp = fopen(m, "wb");
		int ok = fp && fprintf(fp, "/* %s */\n", u->files[i].presumed) > 0;
		for (unsigned k = 0; ok && k + 1 < u->files[i].nnested; k += 2)
			ok = fprintf(fp, "/* %s */\n/* %s */\n",
				     u->files[i].nested[k],
				     u->files[i].nested[k + 1]) > 0;
		if (fp && fclose(fp) != 0)
			ok = 0;
		if (!ok) {
			char why[512];
			snprintf(why, sizeof why, "cannot write %s: %s", m,
				 strerror(errno));
			free(m);
			return not_instrumented(o, why);
		}
		free(m);
	}
	return 0;
}

static int write_out(const struct rw_opts *o, const struct rw_buf *b)
{
	FILE *fp = fopen(o->out, "wb");
	if (fp && fwrite(b->p, 1, b->n, fp) == b->n && fclose(fp) == 0)
		return 0;
	int err = errno;
	if (fp)
		unlink(o->out);
	char why[512];
	snprintf(why, sizeof why, "cannot write %s: %s", o->out, strerror(err));
	return not_instrumented(o, why);
}

int rw_main(int argc, char **argv)
{
	struct rw_opts o;
	struct rw_unit u;
	char *why = 0;
	rw_args_parse(&o, argc, argv);
	guard(&o);
	rw_args_clang(&o);
	if (rw_parse(&o, &u, &why))
		return not_instrumented(&o, why);
	if (o.patch && rw_patch(&o, &u, &why))	/* rewriter/patch.c */
		return not_instrumented(&o, why);
	struct rw_buf b = {0};
	if (o.patch)
		rw_patch_emit(&o, &u, &b);
	else
		rw_emit(&o, &u, &b);
	if (o.explain)
		explain(&o, &u);
	if (u.nfiles > 1 && write_markers(&o, &u))
		return 1;
	if (u.unused_params && !o.patch) {	/* for tfcc: wrap/params.c */
		char *m = rw_xmalloc(strlen(o.out) + sizeof TF_SIDE_PARAMS);
		sprintf(m, "%s" TF_SIDE_PARAMS, o.out);
		FILE *fp = fopen(m, "wb");
		if (fp)
			fclose(fp);
		free(m);
	}
	return write_out(&o, &b);
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "--serve"))
		return rw_serve(argv[2]);       /* serve.c */
	return rw_main(argc, argv);
}
