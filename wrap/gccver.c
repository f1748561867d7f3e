/*
** tfcc: the compiler's version for tf-rewrite's --gnuc-version (libclang's
** -fgnuc-version), i.e. what `CC -dumpfullversion` prints; none for clang.
**
** Running the compiler for it costs about 10 ms, so the answer is cached
** across runs in $XDG_CACHE_HOME/tigerfix/ (else $HOME/.cache/tigerfix/),
** one file per compiler executable: gnuc-<FNV-1a 64 of its identity>,
** holding the version and a newline.  The identity is the compiler word
** resolved through PATH as execvp would, its realpath, and the realpath's
** st_dev, st_ino, st_size and st_mtim: reinstalling or upgrading the
** compiler, or pointing a symlink elsewhere, makes another key.  (The
** word as resolved is part of it so that names which are symlinks to one
** multiplexer, like ccache's gcc-12 and gcc-13, get an entry each.)
**
** Entries are written to a hidden temp file in the same directory and
** renamed into place, so parallel builds never see half a file.  What is
** read must be digits and dots, short and non-empty.  Any failure (no
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

/* Version text as gcc prints it: digits and dots, starting with a digit. */
static int ver_ok(const char *v)
{
	size_t n = strlen(v);
	return n > 0 && n < VER_MAX && v[0] >= '0' && v[0] <= '9' &&
	       strspn(v, "0123456789.") == n;
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

/* Read a valid version from file into ver (VER_MAX bytes); 0 on success. */
static int cache_read(const char *file, char *ver)
{
	char buf[VER_MAX + 1];
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
	if (!ver_ok(buf))
		return -1;
	memcpy(ver, buf, (size_t)n);
	return 0;
}

/* Store ver in file: temp file beside it, then rename; errors ignored. */
static void cache_write(const char *dir, const char *file, const char *ver)
{
	char *parent = u_dirname(dir);
	char *tmp = u_fmt("%s/.%s.XXXXXX", dir, u_basename(file));
	size_t len = strlen(ver);
	int fd, ok;

	if (mkdir(dir, 0755) != 0 && errno == ENOENT &&
	    mkdir(parent, 0755) == 0)       /* ~/.cache itself missing */
		mkdir(dir, 0755);
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd >= 0) {
		ok = fchmod(fd, 0644) == 0 &&
		     write(fd, ver, len) == (ssize_t)len &&
		     write(fd, "\n", 1) == 1;
		if (close(fd) != 0 || !ok || rename(tmp, file) != 0)
			unlink(tmp);
	}
	free(tmp);
	free(parent);
}

const char *gnuc_version(const struct call *c)
{
	static char ver[VER_MAX];
	static int done;
	char *argv[] = { (char *)c->compiler, "-dumpfullversion", NULL };
	char *dir = NULL, *file = NULL, out[64];

	if (done)
		return ver[0] ? ver : NULL;
	done = 1;
	if (c->clang)
		return NULL;
	if (!tf_env.no_cache && (dir = cache_dir()))
		file = cache_file(dir, c->compiler);
	if (file && cache_read(file, ver) == 0) {
		if (tf_env.verbose)
			fprintf(stderr, "tfcc: %s -dumpfullversion: %s "
				"(cached in %s)\n", c->compiler, ver, file);
	} else if (run_capture(argv, out, sizeof out) == 0 && ver_ok(out)) {
		strcpy(ver, out);
		if (file)
			cache_write(dir, file, ver);
	}
	free(file);
	free(dir);
	return ver[0] ? ver : NULL;
}
