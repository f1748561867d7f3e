/*
** tfcc: the compiler's version for tf-rewrite's --gnuc-version (libclang's
** -fgnuc-version), i.e. what `CC -dumpfullversion` prints, and its target,
** what `CC -dumpmachine` prints (compile.c: -mno-red-zone is an x86
** option); none for clang.
**
** Running the compiler for it costs about 10 ms, so the answer is cached
** across runs in $XDG_CACHE_HOME/tigerfix/ (else $HOME/.cache/tigerfix/),
** one file per compiler executable: gnuc-<FNV-1a 64 of its identity>,
** holding the version and the target, each on a line.  The identity is the compiler word
** resolved through PATH as execvp would, its realpath, and the realpath's
** st_dev, st_ino, st_size and st_mtim: reinstalling or upgrading the
** compiler, or pointing a symlink elsewhere, makes another key.  (The
** word as resolved is part of it so that names which are symlinks to one
** multiplexer, like ccache's gcc-12 and gcc-13, get an entry each.)
**
** Entries are written to a hidden temp file in the same directory and
** renamed into place, so parallel builds never see half a file.  What is
** read must be a version of digits and dots and a target of letters,
** digits, '_', '.' and '-', short and non-empty (an entry of an older tfcc,
** the version alone, is a miss and is replaced).  Any failure (no
** HOME, read-only or missing directories, a bad entry) falls back to
** running the compiler, silently: the cache never fails a build or
** prints anything.  TF_NO_CACHE=1 turns it off.
*/
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tfcc.h"

#define VER_MAX 32      /* longest version text accepted */
#define MACH_MAX 64     /* longest target text accepted */

/* Version text as gcc prints it: digits and dots, starting with a digit. */
static int ver_ok(const char *v)
{
	size_t n = strlen(v);
	return n > 0 && n < VER_MAX && v[0] >= '0' && v[0] <= '9' &&
	       strspn(v, "0123456789.") == n;
}

/* A target as gcc prints it: x86_64-linux-gnu, arm-none-eabi, ... */
static int mach_ok(const char *m)
{
	size_t n = strlen(m);
	return n > 0 && n < MACH_MAX &&
	       strspn(m, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			 "0123456789_.-") == n;
}

/* The executable execvp would run for word, or NULL. */
char *cc_resolve(const char *word)
{
	const char *path = getenv("PATH"), *p, *end;
	struct stat st;

	if (!*word)
		return NULL;
	if (strchr(word, '/'))
		return u_strdup(word);
	if (!path)
		path = "/bin:/usr/bin";     /* glibc's default for execvp */
	for (p = path;; p = end + 1) {
		end = strchrnul(p, ':');
		char *f = end == p ? u_fmt("./%s", word)
				   : u_fmt("%.*s/%s", (int)(end - p), p, word);
		if (stat(f, &st) == 0 && S_ISREG(st.st_mode) &&
		    access(f, X_OK) == 0)
			return f;
		free(f);
		if (!*end)
			return NULL;
	}
}

/* The cache directory (not created), or NULL. */
static char *cache_dir(void)
{
	const char *x = getenv("XDG_CACHE_HOME"), *h = getenv("HOME");
	if (x && x[0] == '/')
		return u_fmt("%s/tigerfix", x);
	if (h && h[0] == '/')
		return u_fmt("%s/.cache/tigerfix", h);
	return NULL;
}

/* The cache file for the compiler word, or NULL. */
static char *cache_file(const char *dir, const char *word)
{
	char *found = cc_resolve(word), real[PATH_MAX], *key, *file;
	struct stat st;

	if (!found)
		return NULL;
	if (!realpath(found, real) || stat(real, &st) != 0) {
		free(found);
		return NULL;
	}
	key = u_fmt("%s\n%s\n%ju %ju %jd %jd.%09ld", found, real,
		    (uintmax_t)st.st_dev, (uintmax_t)st.st_ino,
		    (intmax_t)st.st_size, (intmax_t)st.st_mtim.tv_sec,
		    (long)st.st_mtim.tv_nsec);
	file = u_fmt("%s/gnuc-%016" PRIx64, dir,
		     u_fnv(U_FNV_INIT, key, strlen(key)));
	free(key);
	free(found);
	return file;
}

/* Read a valid version and target from file into ver (VER_MAX bytes) and
   mach (MACH_MAX); 0 on success. */
static int cache_read(const char *file, char *ver, char *mach)
{
	char buf[VER_MAX + MACH_MAX + 1], *nl;
	ssize_t n;
	int fd = open(file, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return -1;
	do
		n = read(fd, buf, sizeof buf - 1);
	while (n < 0 && errno == EINTR);
	close(fd);
	if (n <= 0 || buf[n - 1] != '\n')
		return -1;
	buf[n - 1] = 0;
	if (!(nl = strchr(buf, '\n')))
		return -1;
	*nl = 0;
	if (!ver_ok(buf) || !mach_ok(nl + 1))
		return -1;
	strcpy(ver, buf);
	strcpy(mach, nl + 1);
	return 0;
}

/* Store ver and mach in file: temp file beside it, then rename; errors
   ignored. */
static void cache_write(const char *dir, const char *file, const char *ver,
			const char *mach)
{
	char *parent = u_dirname(dir);
	char *tmp = u_fmt("%s/.%s.XXXXXX", dir, u_basename(file));
	char *text = u_fmt("%s\n%s\n", ver, mach);
	size_t len = strlen(text);
	int fd, ok;

	if (mkdir(dir, 0755) != 0 && errno == ENOENT &&
	    mkdir(parent, 0755) == 0)       /* ~/.cache itself missing */
		mkdir(dir, 0755);
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd >= 0) {
		ok = fchmod(fd, 0644) == 0 &&
		     write(fd, text, len) == (ssize_t)len;
		if (close(fd) != 0 || !ok || rename(tmp, file) != 0)
			unlink(tmp);
	}
	free(text);
	free(tmp);
	free(parent);
}

static char gv_ver[VER_MAX], gv_mach[MACH_MAX];

const char *gnuc_version(const struct call *c)
{
	static int done;
	char *argv[] = { (char *)c->compiler, "-dumpfullversion", NULL };
	char *argm[] = { (char *)c->compiler, "-dumpmachine", NULL };
	char *dir = NULL, *file = NULL, out[64], outm[MACH_MAX + 8];

	if (done)
		return gv_ver[0] ? gv_ver : NULL;
	done = 1;
	if (c->clang)
		return NULL;
	if (!tf_env.no_cache && (dir = cache_dir()))
		file = cache_file(dir, c->compiler);
	if (file && cache_read(file, gv_ver, gv_mach) == 0) {
		if (tf_env.verbose)
			fprintf(stderr, "tfcc: %s -dumpfullversion: %s, "
				"-dumpmachine: %s (cached in %s)\n",
				c->compiler, gv_ver, gv_mach, file);
	} else if (run_capture(argv, out, sizeof out) == 0 && ver_ok(out)) {
		strcpy(gv_ver, out);
		/* a compiler that will not say: no x86-64 flags for it */
		strcpy(gv_mach, run_capture(argm, outm, sizeof outm) == 0 &&
				mach_ok(outm) ? outm : "unknown");
		if (file)
			cache_write(dir, file, gv_ver, gv_mach);
	}
	free(file);
	free(dir);
	return gv_ver[0] ? gv_ver : NULL;
}

const char *gnuc_machine(const struct call *c)
{
	gnuc_version(c);
	return gv_mach[0] ? gv_mach : NULL;
}
