/*
** tfcc linking: adding the tigerfix runtime (libtf) to a link, and the
** link of a compile-and-link call whose C sources tfcc compiled itself.
*/
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "tfcc.h"

/* The runtime's flags for a linking call; nothing when the user links
   without default libraries, makes a relocatable object, or libtf is not
   built (objects made by tfcc link and run without it, uninstrumented). */
void link_runtime(const struct call *c, struct sv *cmd)
{
	char *lib = u_fmt("%s/lib", tf_env.prefix);
	char *a = u_fmt("%s/libtf.a", lib), *so = u_fmt("%s/libtf.so", lib);

	if (c->nolibs || c->relocatable)
		goto out;
#ifdef TFCC_LIBDIR
	if (!u_exists(a) && !u_exists(so)) {
		/* install tree with a multiarch libdir (lib/x86_64-linux-gnu) */
		free(lib), free(a), free(so);
		lib = u_fmt("%s/%s", tf_env.prefix, TFCC_LIBDIR);
		a = u_fmt("%s/libtf.a", lib);
		so = u_fmt("%s/libtf.so", lib);
	}
#endif
	if (c->is_static) {
		if (!u_exists(a))
			goto out;
		/* whole archive: generated code only refers to it weakly */
		sv_push(cmd, "-Wl,--whole-archive");
		sv_push(cmd, a);
		sv_push(cmd, "-Wl,--no-whole-archive");
		sv_push(cmd, "-ljson-c");
		sv_push(cmd, "-lpthread");
		sv_push(cmd, "-ldl");
	} else if (u_exists(so)) {
		sv_pushf(cmd, "-L%s", lib);
		sv_pushf(cmd, "-Wl,-rpath,%s", lib);
		sv_push(cmd, "-Wl,--push-state,--no-as-needed");
		sv_push(cmd, "-ltf");
		sv_push(cmd, "-Wl,--pop-state");
	}
out:
	free(lib);
	free(a);
	free(so);
}

/* Link: the user's arguments in their order, each C source replaced by
   the object tfcc made for it, then the runtime. */
int link_objects(struct call *c)
{
	struct sv cmd = { 0 };
	const char *lang = NULL;
	int k = 0, st;

	sv_append(&cmd, &c->cc);
	for (size_t i = 0; i < c->args.n; i++) {
		const char *a = c->args.v[i];
		if (c->role[i] == R_LANG) {
			int sep = !strcmp(a, "-x") && i + 1 < c->args.n;
			lang = sep ? c->args.v[i + 1] : a + 2;
			if (!strcmp(lang, "none"))
				lang = NULL;
			sv_push(&cmd, a);
			if (sep)
				sv_push(&cmd, c->args.v[++i]);
			continue;
		}
		while (k < c->nin && c->in[k].argi < (int)i)
			k++;
		if (k < c->nin && c->in[k].argi == (int)i && c->in[k].obj) {
			if (lang)
				sv_push(&cmd, "-xnone");
			sv_push(&cmd, c->in[k].obj);
			if (lang)
				sv_pushf(&cmd, "-x%s", lang);
			continue;
		}
		sv_push(&cmd, a);
	}
	st = link_run(c, &cmd);
	sv_free(&cmd);
	return st;
}

/* First line of what fd holds (a captured link's stderr). */
static char *first_line(int fd)
{
	char buf[512];
	ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
	buf[n > 0 ? n : 0] = 0;
	buf[strcspn(buf, "\n")] = 0;
	return u_strdup(buf);
}

/* Run the link cmd with the runtime added.  If that fails, link again
   without it: a build never breaks because of libtf, and a link that
   fails anyway reports exactly what plain gcc reports (configure probes
   see the same answers).  Returns the exit status. */
int link_run(const struct call *c, struct sv *cmd)
{
	size_t n = cmd->n;
	int fd, st;

	link_runtime(c, cmd);
	if (cmd->n == n || (fd = memfd_create("tfcc-link", MFD_CLOEXEC)) < 0) {
		st = run(cmd->v, NULL, NULL);
		return st == -1 ? 1 : status_exit(st);
	}
	st = run_fd(cmd->v, fd);
	if (st == 0) {
		lseek(fd, 0, SEEK_SET);
		u_copy_fd(fd, 2);
		close(fd);
		return 0;
	}
	while (cmd->n > n)              /* drop the runtime's flags */
		free(cmd->v[--cmd->n]);
	cmd->v[n] = NULL;
	st = run(cmd->v, NULL, NULL);
	if (st == 0) {
		char *why = first_line(fd);
		u_warn("linking %s with the tigerfix runtime failed (%s); "
		       "linked it without libtf, so it runs uninstrumented "
		       "(check that libtf matches this target)",
		       c->out ? c->out : "a.out", why);
		free(why);
	}
	close(fd);
	return st == -1 ? 1 : status_exit(st);
}
