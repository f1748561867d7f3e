/*
** tfcc --identity [COMPILER]: everything besides the source and the flags
** that decides what tfcc builds, one line each, for ccache in front of
** tfcc (CC="ccache tfcc gcc" with compiler_check=%compiler% --identity
** gcc, docs/tfcc.md).  ccache's default check is tfcc's own size and
** mtime, which misses a rebuilt tf-rewrite, new tigerfix headers, another
** gcc behind the same tfcc, and TF_DISABLE & co.  Files are identified as
** ccache identifies a compiler (realpath, size, mtime), so this costs a
** few stat calls: ccache runs it on every compile.
*/
#define _GNU_SOURCE
#include <dirent.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tfcc.h"

static void file_line(const char *what, const char *path)
{
	char real[PATH_MAX];
	struct stat st;
	if (!path || !realpath(path, real) || stat(real, &st) != 0) {
		printf("%s %s missing\n", what, path ? path : "-");
		return;
	}
	printf("%s %s %jd %jd.%09ld\n", what, real, (intmax_t)st.st_size,
	       (intmax_t)st.st_mtim.tv_sec, (long)st.st_mtim.tv_nsec);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The headers instrumented compiles see (-idirafter <prefix>/include). */
static void header_lines(void)
{
	char *dir = u_fmt("%s/include/tigerfix", tf_env.prefix);
	DIR *d = opendir(dir);
	struct dirent *e;
	struct sv names = { 0 };
	if (d) {
		while ((e = readdir(d)))
			if (e->d_name[0] != '.')
				sv_pushf(&names, "%s/%s", dir, e->d_name);
		closedir(d);
	}
	if (names.n)
		qsort(names.v, names.n, sizeof *names.v, by_name);
	for (size_t i = 0; i < names.n; i++)
		file_line("header", names.v[i]);
	sv_free(&names);
	free(dir);
}

int identity(const struct call *c)
{
	static const char *const vars[] = {
		"TF_DISABLE", "TF_SKIP_FILES", "TF_SKIP_FUNCS",
		"TF_PLAIN_INLINE", "TF_INLINE_RAISE", "TF_EXPLAIN", "TF_PROBES",
		NULL
	};
	char *cc = cc_resolve(c->compiler);

	file_line("tfcc", "/proc/self/exe");
	file_line("rewriter", tf_env.rewrite);
	header_lines();
	printf("compiler %s\n", c->compiler);
	file_line("compiler-exe", cc);
	free(cc);
	for (const char *const *v = vars; *v; v++)
		printf("%s=%s\n", *v, getenv(*v) ? getenv(*v) : "");
	return fflush(stdout) == 0 && !ferror(stdout) ? 0 : 1;
}
