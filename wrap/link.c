/*
** tfcc linking: adding the tigerfix runtime (libtf) to a link, and the
** link of a compile-and-link call whose C sources tfcc compiled itself.
*/
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>

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
	link_runtime(c, &cmd);
	st = run(cmd.v, NULL, NULL);
	sv_free(&cmd);
	return st == -1 ? 1 : status_exit(st);
}
