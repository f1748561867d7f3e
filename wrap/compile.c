/*
** tfcc per-source work: rewrite one C source with tf-rewrite into a private
** temp dir, compile the rewritten text so that everything (diagnostics,
** debug info, coverage, dependency files) names the original, and fall
** back to compiling the original whenever any step fails.
**
** The rewritten copy keeps the source's base name and starts (after the
** trap ABI prelude) with #line 1 "<source as given>", so __FILE__, line
** numbers and diagnostics are the original's.  What #line does not cover:
**  - "#include" lookups relative to the current file: -iquote <srcdir>
**    first, where gcc would have looked first;
**  - the main file's name in debug info, __BASE_FILE__ and coverage data:
**    -ffile-prefix-map=<tmp>/=<srcdir>/;
**  - .d files, which name the path read: mended afterwards (depfile.c);
**  - aux names (-MD, --coverage) gcc derives from the source name in a
**    compile-and-link call: explicit -dumpdir/-dumpbase and -MF/-MQ.
*/
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <tigerfix/trap.h>

#include "tfcc.h"

/* Everything known about one source while it is being built. */
struct unit {
	struct input *in;
	const char *dir;        /* private temp dir of this source */
	const char *src;        /* file to read (a copy for stdin) */
	const char *name;       /* presumed name: as given, or "<stdin>" */
	char *srcdir;           /* directory of the source ("" for cwd) */
	char *base;             /* base name of the source */
	char *out;              /* object or assembly to write */
	char *key;              /* stable identity of the output */
	char *rewritten;
	char *dep;              /* .d file to mend, or NULL */
};

/* Default output of -c/-S as gcc names it: base name, suffix replaced,
   in the current directory. */
static char *default_out(const char *base, const char *suffix)
{
	char *stem = u_strip_ext(base);
	char *out = u_fmt("%s%s", stem, suffix);
	free(stem);
	return out;
}

/* The user's flags for one compile: no inputs, output, -x or mode, and
   no dependency options when for_rewriter. */
/* The user's flags; for the rewriter (for != FOR_COMPILE) not the
   dependency ones, for the unused-parameter pass (FOR_PARAMS) not
   -save-temps either: its .i and .s are the compile's. */
enum flags_for { FOR_COMPILE, FOR_REWRITER, FOR_PARAMS };
static void user_flags(const struct call *c, struct sv *cmd, enum flags_for f)
{
	for (size_t i = 0; i < c->args.n; i++) {
		enum role r = (enum role)c->role[i];
		if ((r == R_FLAG || (r == R_DEP && f == FOR_COMPILE)) &&
		    !(f == FOR_PARAMS && !strncmp(c->args.v[i], "-save-temps", 11)))
			sv_push(cmd, c->args.v[i]);
	}
}

/* Link mode: name aux and dependency files as gcc would for the original
   source (it derives them from the output and the source's name). */
static void link_mode_names(const struct call *c, const struct unit *u,
			    struct sv *cmd)
{
	int is_stdin = !strcmp(u->in->path, "-");
	if (c->mode != MODE_LINK || is_stdin || c->clang)
		return;         /* clang has no -dumpdir */
	if (!c->has_dumpdir) {
		sv_push(cmd, "-dumpdir");
		sv_pushf(cmd, "%s-", c->out ? c->out : "a");
	}
	if (!c->has_dumpbase) {
		const char *dot = strrchr(u->base, '.');
		sv_push(cmd, "-dumpbase");
		sv_push(cmd, u->base);
		if (dot) {
			sv_push(cmd, "-dumpbase-ext");
			sv_push(cmd, dot);
		}
	}
}

/* Explicit -MF/-MQ where gcc would derive them from names we changed. */
static void dep_names(const struct call *c, struct unit *u, struct sv *cmd)
{
	if (c->md && !c->mt) {
		char *tgt = !strcmp(u->in->path, "-") ? u_strdup("-") :
			    c->out ? u_strdup(c->out) : default_out(u->base, ".o");
		sv_push(cmd, "-MQ");
		sv_push(cmd, tgt);
		free(tgt);
	}
	if (c->md && !c->mf && u->dep) {
		sv_push(cmd, "-MF");
		sv_push(cmd, u->dep);
	}
}

/* path as the user's -f<kind>-prefix-map / -ffile-prefix-map options
   rewrite it: like gcc, the last option whose old prefix matches wins. */
static char *user_remap(const struct call *c, const char *kind,
			const char *path)
{
	char *own = u_fmt("-f%s-prefix-map=", kind);
	char *out = NULL;
	for (size_t i = c->args.n; i-- > 0 && !out;) {
		const char *a = c->args.v[i], *eq;
		if (c->role[i] != R_FLAG || (strncmp(a, own, strlen(own)) &&
		    strncmp(a, "-ffile-prefix-map=", 18)))
			continue;
		a = strchr(a, '=') + 1;
		if ((eq = strchr(a, '=')) &&
		    !strncmp(path, a, (size_t)(eq - a)))
			out = u_fmt("%s%s", eq + 1, path + (eq - a));
	}
	free(own);
	return out ? out : u_strdup(path);
}

/* Where debug info, __BASE_FILE__ and coverage see the temp dir: mapped
   to the source's directory, and from there as the user's own maps
   would have mapped the original. */
static void prefix_maps(const struct call *c, const struct unit *u,
			struct sv *cmd)
{
	static const char *const kinds[] = { "debug", "macro", "profile" };
	int is_stdin = !strcmp(u->in->path, "-");
	char *from = is_stdin ? u_strdup(u->rewritten) : u_fmt("%s/", u->dir);
	char *to = is_stdin ? u_strdup("<stdin>") :
		   *u->srcdir ? u_fmt("%s%s", u->srcdir,
				      strcmp(u->srcdir, "/") ? "/" : "") :
		   u_strdup("");

	if (!c->has_prefix_map) {
		sv_pushf(cmd, "-ffile-prefix-map=%s=%s", from, to);
	} else {
		for (int k = 0; k < 3; k++) {
			char *mapped;
			if (k == 2 && c->clang)
				break;  /* clang has no -fprofile-prefix-map */
			mapped = user_remap(c, kinds[k], to);
			sv_pushf(cmd, "-f%s-prefix-map=%s=%s", kinds[k], from,
				 mapped);
			free(mapped);
		}
	}
	free(from);
	free(to);
}

static void compiler_words(const struct call *c, struct sv *cmd)
{
	sv_append(cmd, &c->cc);
}

static void iquote(const struct unit *u, struct sv *cmd)
{
	sv_push(cmd, "-iquote");
	sv_push(cmd, *u->srcdir ? u->srcdir : ".");
}

/* A warning about the rewrite, appended to its captured stderr (shown
   only if the compile of the original succeeds), or to stderr. */
static void note(const char *err, const char *fmt, ...)
{
	va_list ap;
	int fd = err ? open(err, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC,
			    0600) : 2;
	if (fd < 0)
		return;
	dprintf(fd, "tfcc: warning: ");
	va_start(ap, fmt);
	vdprintf(fd, fmt, ap);
	va_end(ap);
	dprintf(fd, "\n");
	if (fd != 2)
		close(fd);
}

/* Statics' .fn resolved in the object after the compile (fnfix.c): when
   tfcc writes an object file whose symbols are final (not -S, not LTO's
   intermediate code, not to stdout). */
static int uses_lto(const struct call *c)
{
	int lto = 0;
	for (size_t i = 0; i < c->args.n; i++)
		if ((enum role)c->role[i] == R_FLAG) {
			const char *a = c->args.v[i];
			if (!strncmp(a, "-flto", 5))
				lto = 1;
			else if (!strcmp(a, "-fno-lto"))
				lto = 0;
		}
	return lto;
}

static int weak_statics(const struct call *c, const struct unit *u)
{
	if (c->mode != MODE_COMPILE && c->mode != MODE_LINK)
		return 0;
	if (!strcmp(u->out, "-"))
		return 0;
	return !uses_lto(c);
}

/* The rewritten copy takes the source's times: gcc's __TIMESTAMP__ is the
   compiled file's modification time.  (A .c file the source includes is
   pasted into the copy, so its __TIMESTAMP__ is the source's.) */
static void same_times(const struct unit *u)
{
	struct stat st;
	if (strcmp(u->in->path, "-") != 0 && stat(u->src, &st) == 0) {
		struct timespec t[2] = { st.st_atim, st.st_mtim };
		utimensat(AT_FDCWD, u->rewritten, t, 0);
	}
}

/* Run tf-rewrite; returns 0 when the rewritten file was written. */
static int rewrite(const struct call *c, struct unit *u, const char *err)
{
	struct sv cmd = { 0 };
	const char *ver = gnuc_version(c);
	int st, ok;

	if (access(tf_env.rewrite, X_OK) != 0) {
		note(err, "cannot run the rewriter %s: %s; compiling %s "
		     "uninstrumented (build tf-rewrite next to tfcc or set "
		     "TF_REWRITE)", tf_env.rewrite, strerror(errno), u->name);
		return -1;
	}
	sv_push(&cmd, tf_env.rewrite);
	if (c->explain)
		sv_push(&cmd, "--explain");
	sv_push(&cmd, "--name");
	sv_push(&cmd, u->name);
	sv_push(&cmd, "--key");
	sv_push(&cmd, u->key);
	if (ver) {
		sv_push(&cmd, "--gnuc-version");
		sv_push(&cmd, ver);
	}
	if (c->clang)
		sv_push(&cmd, "--compiler=clang");
	if (weak_statics(c, u))
		sv_push(&cmd, "--weak-statics");
	if (uses_lto(c))
		sv_push(&cmd, "--lto");
	if (tf_env.skip_funcs && *tf_env.skip_funcs) {
		sv_push(&cmd, "--skip-funcs");
		sv_push(&cmd, tf_env.skip_funcs);
	}
	sv_push(&cmd, "-o");
	sv_push(&cmd, u->rewritten);
	sv_push(&cmd, u->src);
	sv_push(&cmd, "--");
	iquote(u, &cmd);
	user_flags(c, &cmd, FOR_REWRITER);
	st = rwc_run(cmd.v, c->explain ? NULL : err);   /* rwclient.c */
	if (st == -1)
		st = run(cmd.v, NULL, c->explain ? NULL : err);
	sv_free(&cmd);
	ok = st == 0 && u_exists(u->rewritten);
	if (ok)
		same_times(u);
	if (!ok && st != -1 && status_exit(st) != 1)
		note(err, "tf-rewrite failed on %s (status %d); compiling it "
		     "uninstrumented (TF_KEEP=1 keeps its input for a report)",
		     u->name, status_exit(st));
	return ok ? 0 : -1;
}

/*
** gcc's inliner counts each trap against every instrumented function
** (about 9 of its size units with optimization on: the compare's asm, the
** branch, __builtin_expect_with_probability, which it prices as a call,
** and the cold path's asm; trap.h TF__RENTRY_T), so small functions fall
** over its -O2/-O3 limits and stop being inlined.  Raise the two limits
** that decide it by TF_INLINE_RAISE (tf_env), before the user's flags, so
** a --param of theirs still wins.  gcc 10 and later only (earlier ones
** had other defaults).
** Lua, session 14 (docs/testing.md), text and run-time instructions
** against plain gcc, by raise: 0: 1.183x, 1.079x; 10: 1.272x, 1.067x;
** 14: 1.288x, 1.064x; 15: 1.305x, 1.062x; 16 (the default): 1.319x,
** 1.055x; 17: 1.342x, 1.055x; 20: 1.414x, 1.047x.  16 is where more
** inlining stops paying in instructions until 20 (zlib: the same
** instructions at 16 and 17, 0.5 KB less text).
** TF_INLINE_RAISE=0 (or TF_PLAIN_INLINE=1) keeps gcc's own limits.
*/

static void inline_limits(const struct call *c, struct sv *cmd)
{
	const char *o = NULL, *ver = gnuc_version(c);
	int autolim, single;
	if (c->clang || !ver || atoi(ver) < 10 || !tf_env.inline_raise)
		return;
	for (size_t i = 0; i < c->args.n; i++)
		if ((enum role)c->role[i] == R_FLAG &&
		    !strncmp(c->args.v[i], "-O", 2))
			o = c->args.v[i] + 2;
	if (!o || !strcmp(o, "2")) {
		if (!o)
			return;     /* -O0: no inlining to protect */
		autolim = 15;
		single = 70;
	} else if (!strcmp(o, "fast") || (*o >= '3' && *o <= '9' && !o[1])) {
		autolim = 30;
		single = 200;
	} else {
		return;             /* -O, -O1, -Os, -Oz, -Og: size first */
	}
	sv_pushf(cmd, "--param=max-inline-insns-auto=%d",
		 autolim + tf_env.inline_raise);
	sv_pushf(cmd, "--param=max-inline-insns-single=%d",
		 single + tf_env.inline_raise);
}

/*
** Where the cold path calls in asm (trap.h TF__RSEL: gcc 11 and later on
** x86-64, not under LTO), a cold block may call (its unit's stub, then
** tf__pcall4) instead of jumping to tf__pcall2 with the return address in
** a register (9 bytes against 19 per trap instance), if nothing lives
** below rsp: compile without the red zone and say so
** (TF__NORZ).  Plain Lua without the red zone: 0.9% more text, the same
** run-time instructions.  Not where the user asks for the red zone, nor
** for a compiler whose target (gcc -dumpmachine) is not x86-64, which
** would refuse the flag.
*/
static void no_red_zone(const struct call *c, struct sv *cmd)
{
	const char *ver = gnuc_version(c), *m = gnuc_machine(c);
	if (c->clang || !ver || atoi(ver) < 11 || !m || uses_lto(c) ||
	    (strncmp(m, "x86_64-", 7) && strncmp(m, "amd64-", 6)))
		return;
	for (size_t i = 0; i < c->args.n; i++)
		if ((enum role)c->role[i] == R_FLAG &&
		    !strcmp(c->args.v[i], "-mred-zone"))
			return;
	sv_push(cmd, "-mno-red-zone");
	sv_push(cmd, "-DTF__NORZ=1");
}

/* Colour for a terminal, as gcc would give it: tfcc captures the
   compiler's messages, so gcc sees no terminal itself. */
static void want_color(const struct call *c, struct sv *cmd)
{
	if (!c->has_color && isatty(2) && getenv("TERM") &&
	    strcmp(getenv("TERM"), "dumb") &&
	    !(getenv("GCC_COLORS") && !*getenv("GCC_COLORS")))
		sv_push(cmd, "-fdiagnostics-color=always");
}

/* Compile: the rewritten text (instrumented) or the original. */
static int compile(const struct call *c, struct unit *u, int instrumented,
		   const char *err)
{
	struct sv cmd = { 0 };
	int is_stdin = !strcmp(u->in->path, "-");
	int st;

	compiler_words(c, &cmd);
	if (instrumented) {
		iquote(u, &cmd);
		inline_limits(c, &cmd);
		no_red_zone(c, &cmd);
	}
	user_flags(c, &cmd, FOR_COMPILE);
	/* compile and link was one call: clang would warn that the link
	   flags (-L, -Wl,...) are unused by the compile tfcc splits off */
	if (c->clang && c->mode == MODE_LINK)
		sv_push(&cmd, "-Qunused-arguments");
	link_mode_names(c, u, &cmd);
	dep_names(c, u, &cmd);
	if (instrumented) {
		prefix_maps(c, u, &cmd);
		sv_pushf(&cmd, "-idirafter%s/include", tf_env.prefix);
		want_color(c, &cmd);
	}
	sv_push(&cmd, c->mode == MODE_ASM ? "-S" : "-c");
	sv_push(&cmd, "-x");
	sv_push(&cmd, "c");
	sv_push(&cmd, instrumented ? u->rewritten :
		      is_stdin ? "-" : u->in->path);
	sv_push(&cmd, "-o");
	sv_push(&cmd, u->out);
	st = run(cmd.v, !instrumented && is_stdin ? u->src : NULL, err);
	sv_free(&cmd);
	return st;
}

/*
** The instrumented compile's messages, with gcc's -Wunused-parameter and
** -Wunused-but-set-parameter added when the rewriter saw an unused
** parameter (params.c): gcc on the original source, -fsyntax-only, the
** user's flags but the output, dependency and -save-temps ones.  1 if one added is an
** error (-Werror): the compile then fails, as gcc's would.
*/
static int messages(const struct call *c, const struct unit *u,
		    const char *cc_err)
{
	char *marker = u_fmt("%s" TF_SIDE_PARAMS, u->rewritten);
	int have = u_exists(marker), failed = 0;
	free(marker);
	if (have && strcmp(u->in->path, "-") != 0) {
		struct sv cmd = { 0 };
		char *p_err = u_fmt("%s/params.err", u->dir);
		compiler_words(c, &cmd);
		user_flags(c, &cmd, FOR_PARAMS);
		if (c->clang && c->mode == MODE_LINK)
			sv_push(&cmd, "-Qunused-arguments");
		want_color(c, &cmd);
		sv_push(&cmd, "-fsyntax-only");
		sv_push(&cmd, "-x");
		sv_push(&cmd, "c");
		sv_push(&cmd, u->in->path);
		int r = params_merge(cmd.v, u->name, cc_err, p_err, &failed);
		sv_free(&cmd);
		free(p_err);
		if (r == 0)
			return failed;
	}
	u_cat_file(cc_err, 2);
	return 0;
}

/* Copy standard input to <dir>/stdin.c. */
static int save_stdin(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	int rc;
	if (fd < 0)
		return -1;
	rc = u_copy_fd(0, fd);
	return close(fd) == 0 ? rc : -1;
}

static void unit_init(const struct call *c, struct unit *u,
		      struct input *in, const char *dir)
{
	int is_stdin = !strcmp(in->path, "-");
	memset(u, 0, sizeof *u);
	u->in = in;
	u->dir = dir;
	u->base = u_strdup(is_stdin ? "stdin.c" : u_basename(in->path));
	u->srcdir = is_stdin ? u_strdup("") : u_dirname(in->path);
	u->name = is_stdin ? "<stdin>" : in->path;
	u->rewritten = u_fmt("%s/%s", dir, u->base);
	u->src = is_stdin ? u_fmt("%s/in.c", dir) : in->path;
	if (c->mode == MODE_LINK) {
		char *stem = u_strip_ext(u->base);
		u->out = u_fmt("%s/%s.o", dir, stem);
		u->key = u_fmt("%s-%s.o", c->out ? c->out : "a", stem);
		free(stem);
	} else {
		const char *sfx = c->mode == MODE_ASM ? ".s" : ".o";
		u->out = c->out ? u_strdup(c->out) :
			 is_stdin ? u_fmt("-%s", sfx) : default_out(u->base, sfx);
		u->key = u_strdup(u->out);
	}
	u->dep = dep_file(c, is_stdin ? "-" : u->base);
}

static void unit_free(struct unit *u)
{
	free(u->srcdir);
	free(u->base);
	free(u->out);
	free(u->key);
	free(u->rewritten);
	free(u->dep);
	if (u->src != u->in->path)
		free((char *)u->src);
}

/* Build one C source; returns the compiler's exit status (0: ok). */
static int one_source(struct call *c, struct input *in, const char *dir)
{
	struct unit u;
	char *rw_err = u_fmt("%s/rewrite.err", dir);
	char *cc_err = u_fmt("%s/compile.err", dir);
	int st, rw_ok, rc, fixed_fail = 0;

	unit_init(c, &u, in, dir);
	if (!strcmp(in->path, "-") && save_stdin(u.src) != 0) {
		u_warn("cannot save standard input to %s: %s", u.src,
		       strerror(errno));
		rc = 1;
		goto out;
	}
	rw_ok = rewrite(c, &u, rw_err) == 0;
	if (rw_ok) {
		st = compile(c, &u, 1, cc_err);
		/* an object fnfix could not mend would not link (its table
		   of offsets names undefined symbols): built uninstrumented */
		if (st == 0 && weak_statics(c, &u) &&
		    fnfix_object(u.out, c->explain ? u.name : NULL) != 0)
			fixed_fail = 1;
		if (st == 0 && !fixed_fail) {
			u_cat_file(rw_err, 2);
			if (messages(c, &u, cc_err)) {
				unlink(u.out);  /* -Werror: as gcc fails */
				rc = 1;
				goto out;
			}
			if (u.dep)
				dep_mend(u.dep, u.dir, u.srcdir, u.src,
					 c->clang);
			if (c->wp_md && (!u.dep || strcmp(u.dep, c->wp_md)))
				dep_mend(c->wp_md, u.dir, u.srcdir, u.src,
					 c->clang);
			in->obj = c->mode == MODE_LINK ? u_strdup(u.out) : NULL;
			rc = 0;
			goto out;
		}
	}
	/* the original, exactly as plain gcc would compile it */
	st = compile(c, &u, 0, NULL);
	rc = st == -1 ? 1 : status_exit(st);
	if (rc == 0 && !rw_ok)
		u_cat_file(rw_err, 2);
	else if (rc == 0 && !fixed_fail)
		u_warn("the instrumented compile of %s failed but the original "
		       "compiles; built it uninstrumented (a tfcc bug: please "
		       "report it with the output of TF_KEEP=1)", u.name);
	if (rc == 0 && c->mode == MODE_LINK)
		in->obj = u_strdup(u.out);
out:
	unit_free(&u);
	free(rw_err);
	free(cc_err);
	return rc;
}

/* Plain compile of the non-C sources of a -c/-S call, in one gcc run. */
static int other_sources(struct call *c)
{
	struct sv cmd = { 0 };
	int st;
	compiler_words(c, &cmd);
	for (size_t i = 0; i < c->args.n; i++) {
		int is_c = 0;
		for (int k = 0; k < c->nin; k++)
			if (c->in[k].argi == (int)i && c->in[k].kind == IN_C)
				is_c = 1;
		if (!is_c)
			sv_push(&cmd, c->args.v[i]);
	}
	st = run(cmd.v, NULL, NULL);
	sv_free(&cmd);
	return st == -1 ? 1 : status_exit(st);
}

/* Compile every C source of the call (and, for -c/-S, the others too).
   Returns the first failing exit status, 0 when all compiled. */
int comp_sources(struct call *c, const char *tmp)
{
	int rc = 0, k, idx = 0, unused = 0;
	for (k = 0; k < c->nin; k++) {
		char *dir;
		int st;
		if (c->in[k].kind != IN_C)
			continue;
		dir = u_fmt("%s/%d", tmp, idx++);
		if (mkdir(dir, 0700) != 0) {
			u_warn("cannot create %s: %s", dir, strerror(errno));
			free(dir);
			return 1;
		}
		st = one_source(c, &c->in[k], dir);
		if (st && !rc)
			rc = st;
		free(dir);
	}
	for (k = 0; k < c->nin && !unused; k++)
		unused = c->in[k].kind == IN_LINK && c->role[c->in[k].argi] == R_INPUT;
	/* gcc also warns about object files a -c/-S call does not use */
	if (c->mode != MODE_LINK && (c->nsrc_other || unused)) {
		int st = other_sources(c);
		if (st && !rc)
			rc = st;
	}
	return rc;
}
