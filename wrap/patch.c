/*
** tfcc --patch-for=TARGET CC [flags] -o fix.so src.c...: builds a patch
** (docs/patches.md).  Reads TARGET's build-id and sites (tfelf), rewrites
** each C source with tf-rewrite --mode=patch, compiles it -fPIC with the
** user's flags, turns references to TARGET's symbols into imports, adds
** the manifest and links a shared object with -z now -z norelro (no
** libtf: the process has it).  Nothing falls back: a patch that cannot
** be built exactly is an error, with the compiler's own diagnostics.
*/
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "elfsites.h"
#include "patch.h"

const char *patch_target;
const char *patch_target_file;

int patch_opts(int argc, char **argv, int i)
{
	while (i < argc) {
		const char *a = argv[i];
		if (!strncmp(a, "--patch-for=", 12)) {
			patch_target = a + 12;
		} else if (!strcmp(a, "--patch-for") && i + 1 < argc) {
			patch_target = argv[++i];
		} else if (!strncmp(a, "--target-file=", 14)) {
			patch_target_file = a + 14;
		} else if (!strcmp(a, "--target-file") && i + 1 < argc) {
			patch_target_file = argv[++i];
		} else if (!strcmp(a, "--explain") && patch_target) {
			tf_env.explain = 1;
		} else {
			break;
		}
		i++;
	}
	return i;
}

static int fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int fail(const char *fmt, ...)
{
	va_list ap;
	fputs("tfcc: error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return 1;
}

/* TARGET's build-id; 0, or 1 after the error line. */
static int read_target(const char *target, char *bid, size_t n)
{
	enum tfelf_err err;
	char msg[512];
	struct tfelf *f = tfelf_open(target, &err, msg, sizeof msg);
	if (!f && err == TFELF_ENORECS)
		return fail("cannot build a patch for %s: %s", target, msg);
	if (!f && err == TFELF_ENOINFO)
		return fail("%s has no tigerfix sites: build it with "
			    "CC=\"tfcc gcc\", then build the patch for it",
			    target);
	if (!f)
		return fail("cannot build a patch for %s: %s", target, msg);
	size_t len = tfelf_build_id(f, bid, n);
	tfelf_close(f);
	if (!len)
		return fail("%s has no build-id, so a patch cannot be matched "
			    "to it: link it with -Wl,--build-id", target);
	return 0;
}

static int unit_file(const struct tfelf_rec *r, void *arg)
{
	char buf[1024];
	if (r->kind == TFELF_UNIT)
		sv_push(arg, tfelf_getstr(r, "file", buf, sizeof buf));
	return 0;
}

/* The <file> of an import, decoded ($xx); NULL if it has none. */
static char *import_file(const char *imp)
{
	const char *f = strchr(imp + 7, '.'), *end;
	if (!f || !(end = strchr(f + 1, '.')) || end == f + 1)
		return NULL;
	char *r = malloc((size_t)(end - f)), *o = r;
	unsigned v;
	for (const char *p = f + 1; r && p < end; p++) {
		if (*p == '$' && p + 2 < end && sscanf(p + 1, "%2x", &v) == 1) {
			*o++ = (char)v;
			p += 2;
		} else {
			*o++ = *p;
		}
	}
	if (r)
		*o = 0;
	return r;
}

/* Every object import names a file of the target (by path or base
   name), or the loader could never bind it: say so now. */
static int check_files(const char *target, const struct sv *imps)
{
	enum tfelf_err err;
	char msg[512];
	struct sv files = { 0 };
	struct tfelf *f = tfelf_open(target, &err, msg, sizeof msg);
	int rc = 0;
	if (!f)
		return fail("cannot read %s again: %s", target, msg);
	tfelf_foreach(f, unit_file, &files);
	tfelf_close(f);
	for (size_t i = 0; i < imps->n && !rc; i++) {
		char *file = import_file(imps->v[i]);
		size_t k = 0;
		for (; file && k < files.n; k++)
			if (!strcmp(files.v[k], file) ||
			    !strcmp(u_basename(files.v[k]), u_basename(file)))
				break;
		if (file && k == files.n)
			rc = fail("%s is not a file of %s, so its state cannot "
				  "be bound to the running program; name the file "
				  "it patches with --target-file=%s (or mark new "
				  "state TF_NEW)", file, target,
				  files.n ? files.v[0] : "FILE");
		free(file);
	}
	sv_free(&files);
	return rc;
}

static void user_flags(const struct call *c, struct sv *cmd)
{
	for (size_t i = 0; i < c->args.n; i++)
		if (c->role[i] == R_FLAG)
			sv_push(cmd, c->args.v[i]);
}

/* Rewrite (patch mode) and compile one source into obj. */
static int one_source(const struct call *c, const struct input *in,
		      const char *dir, const char *ver, const char *obj)
{
	char *base = u_strdup(u_basename(in->path));
	char *srcdir = u_dirname(in->path);
	char *rw = u_fmt("%s/%s", dir, base);
	struct sv cmd = { 0 };
	int st;

	sv_push(&cmd, tf_env.rewrite);
	sv_push(&cmd, "--mode=patch");
	if (tf_env.explain)
		sv_push(&cmd, "--explain");
	sv_push(&cmd, "--name");
	sv_push(&cmd, in->path);
	if (patch_target_file) {
		sv_push(&cmd, "--target-file");
		sv_push(&cmd, patch_target_file);
	}
	sv_push(&cmd, "--key");
	sv_push(&cmd, obj);
	if (ver) {
		sv_push(&cmd, "--gnuc-version");
		sv_push(&cmd, ver);
	}
	if (c->clang)
		sv_push(&cmd, "--compiler=clang");
	sv_push(&cmd, "-o");
	sv_push(&cmd, rw);
	sv_push(&cmd, in->path);
	sv_push(&cmd, "--");
	sv_push(&cmd, "-iquote");
	sv_push(&cmd, *srcdir ? srcdir : ".");
	user_flags(c, &cmd);
	sv_pushf(&cmd, "-idirafter%s/include", tf_env.prefix); /* TF_NEW */
	st = run(cmd.v, NULL, NULL);
	sv_free(&cmd);
	if (st != 0 || !u_exists(rw)) {
		free(base), free(srcdir), free(rw);
		return fail("cannot build the patch: tf-rewrite could not "
			    "rewrite %s (see above); a patch is never built "
			    "from an unrewritten source", in->path);
	}
	sv_append(&cmd, &c->cc);
	sv_push(&cmd, "-iquote");
	sv_push(&cmd, *srcdir ? srcdir : ".");
	user_flags(c, &cmd);
	sv_pushf(&cmd, "-ffile-prefix-map=%s/=%s%s", dir, srcdir,
		 *srcdir && strcmp(srcdir, "/") ? "/" : "");
	sv_pushf(&cmd, "-idirafter%s/include", tf_env.prefix);
	sv_push(&cmd, "-fPIC");
	sv_push(&cmd, "-c");
	sv_push(&cmd, "-x");
	sv_push(&cmd, "c");
	sv_push(&cmd, rw);
	sv_push(&cmd, "-o");
	sv_push(&cmd, obj);
	st = run(cmd.v, NULL, NULL);
	sv_free(&cmd);
	free(base), free(srcdir), free(rw);
	if (st != 0)
		return st == -1 ? 1 : status_exit(st);
	return 0;
}

/* Link: the user's flags, objects, manifest, their link inputs. */
static int link_patch(const struct call *c, const struct sv *objs,
		      const char *manifest_o)
{
	struct sv cmd = { 0 };
	sv_append(&cmd, &c->cc);
	user_flags(c, &cmd);
	sv_push(&cmd, "-shared");
	sv_push(&cmd, "-fPIC");
	sv_push(&cmd, "-Wl,-z,now");
	sv_push(&cmd, "-Wl,-z,norelro");
	sv_push(&cmd, "-o");
	sv_push(&cmd, c->out);
	sv_append(&cmd, objs);
	sv_push(&cmd, manifest_o);
	for (size_t i = 0; i < c->args.n; i++) {
		if (c->role[i] == R_LIB)
			sv_push(&cmd, c->args.v[i]);
		for (int k = 0; k < c->nin; k++)
			if (c->in[k].argi == (int)i && c->in[k].kind == IN_LINK)
				sv_push(&cmd, c->args.v[i]);
	}
	int st = run(cmd.v, NULL, NULL);
	sv_free(&cmd);
	if (st != 0)
		return fail("linking the patch %s failed (see above)", c->out);
	return 0;
}

static int check_call(const struct call *c)
{
	if (c->mode != MODE_LINK)
		return fail("a patch build makes a shared object: drop -c, -S "
			    "and -E and give the C sources with -o fix.so");
	if (!c->out)
		return fail("say where the patch goes: -o fix.so");
	for (int k = 0; k < c->nin; k++)
		if (c->in[k].kind == IN_SRC || c->in[k].kind == IN_HEADER)
			return fail("%s: a patch is built from C sources only "
				    "(TF_SKIP_FILES does not apply to patches)",
				    c->in[k].path);
	if (!c->nsrc_c)
		return fail("no C source to build the patch from");
	return 0;
}

static int build(struct call *c, const char *tmp, const char *bid,
		 const char *target_abs)
{
	struct psyms syms = { 0 };
	struct sv objs = { 0 }, imps = { 0 }, srcs = { 0 };
	const char *ver = gnuc_version(c);
	int rc = 0, idx = 0;
	if (ps_target(patch_target, &syms))
		return 1;
	for (int k = 0; k < c->nin && !rc; k++) {
		if (c->in[k].kind != IN_C)
			continue;
		char *dir = u_fmt("%s/%d", tmp, idx++);
		char *obj = u_fmt("%s/patch.o", dir);
		if (mkdir(dir, 0700) != 0)
			rc = fail("cannot create %s: %s; check TMPDIR", dir,
				  strerror(errno));
		if (!rc)
			rc = one_source(c, &c->in[k], dir, ver, obj);
		if (!rc && ps_imports(obj, &syms, &imps))
			rc = 1;
		sv_push(&objs, obj);
		sv_push(&srcs, c->in[k].path);
		free(dir);
		free(obj);
	}
	if (!rc)
		rc = check_files(patch_target, &imps);
	char *mc = rc ? NULL : pm_write(tmp, bid, target_abs, &srcs, &imps);
	char *mo = u_fmt("%s/manifest.o", tmp);
	if (!rc && !mc)
		rc = 1;
	if (!rc) {
		struct sv cmd = { 0 };
		sv_append(&cmd, &c->cc);
		sv_push(&cmd, "-fPIC");
		sv_pushf(&cmd, "-I%s/include", tf_env.prefix);
		sv_push(&cmd, "-c");
		sv_push(&cmd, mc);
		sv_push(&cmd, "-o");
		sv_push(&cmd, mo);
		if (run(cmd.v, NULL, NULL) != 0)
			rc = fail("cannot compile the patch manifest %s "
				  "(TF_KEEP=1 keeps it)", mc);
		sv_free(&cmd);
	}
	if (!rc)
		rc = link_patch(c, &objs, mo);
	free(mc);
	free(mo);
	ps_free(&syms);
	sv_free(&objs);
	sv_free(&imps);
	sv_free(&srcs);
	return rc;
}

int patch_build(struct call *c)
{
	char bid[129], abs[PATH_MAX];
	if (!*patch_target)
		return fail("--patch-for needs the target: --patch-for=./server");
	if (args_expand(&c->args, c->argc - c->first_arg,
			c->argv + c->first_arg) != 0)
		return fail("cannot read a @response file of the command line");
	args_parse(c);
	if (check_call(c) || read_target(patch_target, bid, sizeof bid))
		return 1;
	if (!realpath(patch_target, abs))
		return fail("cannot resolve %s: %s", patch_target,
			    strerror(errno));
	if (access(tf_env.rewrite, X_OK) != 0)
		return fail("cannot run the rewriter %s: %s; build tf-rewrite "
			    "next to tfcc or set TF_REWRITE", tf_env.rewrite,
			    strerror(errno));
	char *tmp = tmp_make();
	if (!tmp)
		return fail("cannot create a temporary directory: %s; check "
			    "TMPDIR", strerror(errno));
	sig_protect(tmp);
	int rc = build(c, tmp, bid, abs);
	if (tf_env.keep)
		fprintf(stderr, "tfcc: kept temporary files in %s\n", tmp);
	else
		tmp_remove(tmp);
	return rc;
}
