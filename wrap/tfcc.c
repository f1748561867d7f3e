/*
** tfcc: compiler wrapper that instruments C translation units for tigerfix.
**
**   tfcc [--explain] [LAUNCHER...] COMPILER ARGS...     (CC="tfcc gcc")
**   tfcc ARGS...                      (no compiler word: $TF_CC or cc)
**   tfcc --identity [COMPILER]        (for ccache's compiler_check)
**
** Rules (see docs/tfcc.md):
**  - a call tfcc does not understand, or that compiles no C, is exec'd
**    unchanged (plus the runtime when it links), so its output and exit
**    status are the compiler's own;
**  - each C source is rewritten by tf-rewrite in a private temp dir and the
**    rewritten text compiled with the user's flags; any failure of tfcc's
**    own making falls back to compiling the original, with one warning;
**  - a build never breaks because of tfcc, and tfcc prints nothing when
**    all is well (TF_VERBOSE=1 shows each command).
*/
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tfcc.h"
#include "patch.h"

struct env tf_env;

static int env_on(const char *name)
{
	const char *v = getenv(name);
	return v && *v && strcmp(v, "0") != 0;
}

/* How much tfcc raises gcc's inline limits (compile.c): TF_INLINE_RAISE,
   0 with TF_PLAIN_INLINE=1, else TF_INLINE_RAISE_DEFAULT.  A value that
   is not a number from 0 to 200 gets a warning and the default. */
static int inline_raise(void)
{
	const char *v = getenv("TF_INLINE_RAISE");
	char *end;
	long n;

	if (env_on("TF_PLAIN_INLINE"))
		return 0;
	if (!v || !*v)
		return TF_INLINE_RAISE_DEFAULT;
	n = strtol(v, &end, 10);
	if (*end || n < 0 || n > 200) {
		u_warn("TF_INLINE_RAISE='%s' is not a number from 0 to 200; "
		       "using %d (unset it, or give e.g. TF_INLINE_RAISE=5)",
		       v, TF_INLINE_RAISE_DEFAULT);
		return TF_INLINE_RAISE_DEFAULT;
	}
	return (int)n;
}

/* Where tfcc lives: tf-rewrite beside it, the runtime in ../lib. */
static void env_init(void)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	char *bindir;

	if (n <= 0)
		n = 0;
	exe[n] = 0;
	bindir = u_dirname(exe);
	tf_env.prefix = u_dirname(bindir);
	tf_env.verbose = env_on("TF_VERBOSE");
	tf_env.keep = env_on("TF_KEEP");
	tf_env.explain = env_on("TF_EXPLAIN");
	tf_env.no_cache = env_on("TF_NO_CACHE");
	tf_env.inline_raise = inline_raise();
	tf_env.probes = env_on("TF_PROBES");
	tf_env.skip_files = getenv("TF_SKIP_FILES");
	tf_env.skip_funcs = getenv("TF_SKIP_FUNCS");
	tf_env.rewrite = getenv("TF_REWRITE");
	if (!tf_env.rewrite || !*tf_env.rewrite)
		tf_env.rewrite = u_fmt("%s/tf-rewrite", bindir);
	free(bindir);
}

static int is_launcher(const char *word)
{
	static const char *const names[] = {
		"ccache", "sccache", "distcc", "icecc", "buildcache", NULL
	};
	for (const char *const *p = names; *p; p++)
		if (!strcmp(u_basename(word), *p))
			return 1;
	return 0;
}

/* An argument that is an input file, not a compiler name. */
static int looks_like_input(const char *word)
{
	static const char *const exts[] = {
		"c", "i", "s", "S", "sx", "h", "cc", "cpp", "cxx", "C", "o",
		"a", "so", "lo", "ii", NULL
	};
	const char *dot = strrchr(u_basename(word), '.');
	if (!dot)
		return 0;
	if (strstr(u_basename(word), ".so."))
		return 1;
	for (const char *const *e = exts; *e; e++)
		if (!strcmp(dot + 1, *e))
			return 1;
	return 0;
}

/* Split the compiler words off argv; returns the index of the first
   argument proper. */
static int compiler_words(struct call *c, int i)
{
	/* "tfcc tfcc gcc" (a launcher and a CC both set to tfcc): once */
	while (i + 1 < c->argc && !strcmp(u_basename(c->argv[i]), "tfcc"))
		i++;
	if (i >= c->argc || c->argv[i][0] == '-' || c->argv[i][0] == '@' ||
	    looks_like_input(c->argv[i])) {
		const char *cc = getenv("TF_CC");
		char *copy = u_strdup(cc && *cc ? cc : "cc"), *save, *w;
		for (w = strtok_r(copy, " \t", &save); w;
		     w = strtok_r(NULL, " \t", &save))
			sv_push(&c->cc, w);
		free(copy);
		if (!c->cc.n)
			sv_push(&c->cc, "cc");
	} else {
		while (i + 1 < c->argc && is_launcher(c->argv[i]))
			sv_push(&c->cc, c->argv[i++]);
		sv_push(&c->cc, c->argv[i++]);
	}
	c->compiler = c->cc.v[c->cc.n - 1];
	for (size_t k = 0; k + 1 < c->cc.n; k++)
		if (!is_launcher(c->cc.v[k])) {
			c->compiler = c->cc.v[k];
			break;
		}
	c->clang = strstr(u_basename(c->compiler), "clang") != NULL;
	return i;
}

/* exec the compiler with the original arguments; never returns. */
static void pass_through(struct call *c)
{
	struct sv cmd = { 0 };
	sv_append(&cmd, &c->cc);
	for (int i = c->first_arg; i < c->argc; i++)
		sv_push(&cmd, c->argv[i]);
	if (tf_env.verbose) {
		fprintf(stderr, "tfcc: passing through (%s):",
			c->why_pass ? c->why_pass : "nothing to instrument");
		for (size_t i = 0; i < cmd.n; i++)
			fprintf(stderr, " %s", cmd.v[i]);
		fputc('\n', stderr);
	}
	execvp(cmd.v[0], cmd.v);
	fprintf(stderr, "tfcc: cannot run the compiler %s: %s (is it installed "
		"and in PATH?)\n", cmd.v[0], strerror(errno));
	exit(127);
}

/* A link of what tfcc did not compile: the original arguments plus the
   runtime (link_run falls back to the plain link). */
static int link_plain(struct call *c)
{
	struct sv cmd = { 0 };
	int st;
	sv_append(&cmd, &c->cc);
	for (int i = c->first_arg; i < c->argc; i++)
		sv_push(&cmd, c->argv[i]);
	st = link_run(c, &cmd);
	sv_free(&cmd);
	return st;
}

/* With a launcher in front of the compiler (tfcc ccache gcc): a key for
   a temp dir named the same on every run of this call, so that the
   rewritten source's path, which ccache hashes, does not change.  The
   user, the working directory and the command line: calls with one key
   are the same compile, and tmp_make_keyed keeps them apart. */
static uint64_t call_key(const struct call *c)
{
	char cwd[PATH_MAX];
	uid_t uid = geteuid();
	uint64_t h = u_fnv(U_FNV_INIT, &uid, sizeof uid);

	if (!getcwd(cwd, sizeof cwd))
		cwd[0] = 0;
	h = u_fnv(h, cwd, strlen(cwd) + 1);
	for (int i = 1; i < c->argc; i++)
		h = u_fnv(h, c->argv[i], strlen(c->argv[i]) + 1);
	return h;
}

int main(int argc, char **argv)
{
	struct call c;
	char *tmp;
	int rc;

	memset(&c, 0, sizeof c);
	c.argv = argv;
	c.argc = argc;
	env_init();
	c.first_arg = 1;
	if (argc > 1 && !strcmp(argv[1], "--identity")) {
		compiler_words(&c, 2);
		return identity(&c);        /* wrap/ident.c */
	}
	if (argc > 1 && !strcmp(argv[1], "--explain")) {
		tf_env.explain = 1;
		c.first_arg = 2;
	}
	c.first_arg = patch_opts(argc, argv, c.first_arg); /* --patch-for */
	c.explain = tf_env.explain;
	c.first_arg = compiler_words(&c, c.first_arg);
	if (patch_target)
		return patch_build(&c);	/* wrap/patch.c: never falls back */
	if (env_on("TF_DISABLE")) {
		c.why_pass = "TF_DISABLE is set";
		pass_through(&c);
	}
	if (args_expand(&c.args, argc - c.first_arg, argv + c.first_arg) != 0) {
		c.why_pass = "response file unreadable";
		pass_through(&c);
	}
	args_parse(&c);
	if (c.mode == MODE_PASS)
		pass_through(&c);
	tmp = c.nsrc_c && c.compiler != c.cc.v[0] ?     /* a launcher */
	      tmp_make_keyed(call_key(&c)) : NULL;
	if (c.nsrc_c == 0 || (!tmp && !(tmp = tmp_make()))) {
		if (c.mode == MODE_LINK)
			return link_plain(&c);
		pass_through(&c);
	}
	sig_protect(tmp);
	rc = comp_sources(&c, tmp);
	if (rc == 0 && c.mode == MODE_LINK)
		rc = link_objects(&c);
	if (tf_env.keep)
		fprintf(stderr, "tfcc: kept temporary files in %s\n", tmp);
	else
		tmp_remove(tmp);
	return rc;
}
