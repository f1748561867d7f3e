/*
** tfcc argument handling: @response-file expansion (gcc quoting rules) and
** classification of a compiler command line into inputs, outputs and the
** mode of the call (pass through, compile, assemble, link).
*/
#define _GNU_SOURCE
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tfcc.h"

/* ---- response files ---- */

static int expand(struct sv *out, const char *arg, int depth);

/* Split text as libiberty's buildargv does: whitespace separates, quotes
   group, a backslash takes the next character literally. */
static int split_file(struct sv *out, const char *text, int depth)
{
	size_t len = strlen(text);
	char *word = malloc(len + 1);
	const char *p = text;
	int rc = 0;

	if (!word)
		return -1;
	for (;;) {
		char *w = word;
		int sq = 0, dq = 0, bs = 0, any = 0;
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' ||
		       *p == '\f' || *p == '\v')
			p++;
		if (!*p)
			break;
		for (; *p; p++) {
			char ch = *p;
			if (bs) {
				bs = 0;
				*w++ = ch;
			} else if (ch == '\\') {
				bs = 1;
			} else if (sq) {
				if (ch == '\'')
					sq = 0;
				else
					*w++ = ch;
			} else if (dq) {
				if (ch == '"')
					dq = 0;
				else
					*w++ = ch;
			} else if (ch == ' ' || ch == '\t' || ch == '\n' ||
				   ch == '\r' || ch == '\f' || ch == '\v') {
				break;
			} else if (ch == '\'') {
				sq = 1;
			} else if (ch == '"') {
				dq = 1;
			} else {
				*w++ = ch;
			}
			any = 1;
		}
		*w = 0;
		if (any && (rc = expand(out, word, depth + 1)) != 0)
			break;
	}
	free(word);
	return rc;
}

static int expand(struct sv *out, const char *arg, int depth)
{
	char *text;
	int rc;
	if (arg[0] != '@' || depth > 32 || !(text = u_read_file(arg + 1))) {
		sv_push(out, arg);  /* not a readable file: gcc keeps it too */
		return 0;
	}
	rc = split_file(out, text, depth);
	free(text);
	return rc;
}

/* Append argv[0..argc) to out with @file arguments expanded. */
int args_expand(struct sv *out, int argc, char **argv)
{
	for (int i = 0; i < argc; i++)
		if (expand(out, argv[i], 0) != 0)
			return -1;
	return 0;
}

/* ---- classification ---- */

/* Options whose value is the next word when not joined. */
static const char *const takes_value[] = {
	"-o", "-x", "-I", "-iquote", "-isystem", "-idirafter", "-iprefix",
	"-iwithprefix", "-iwithprefixbefore", "-isysroot", "-imultilib",
	"-imultiarch", "-include", "-imacros", "-D", "-U", "-A", "-MF", "-MT",
	"-MQ", "-L", "-l", "-T", "-u", "-z", "-e", "-Xlinker", "-Xassembler",
	"-Xpreprocessor", "-aux-info", "-dumpdir", "-dumpbase",
	"-dumpbase-ext", "--param", "-wrapper", "-Xclang", "-mllvm",
	"-target", "-arch", "-B", "--sysroot", "-ivfsoverlay", "-include-pch",
	"-MJ", "-iframework", "-isystem-after", "-iwithsysroot", "--include",
	"-Xopenmp-target", "--serialize-diagnostics", "--define-macro",
	"--undefine-macro", "--include-directory", "--include-directory-after",
	"--include-prefix", "--include-with-prefix",
	"--include-with-prefix-before", "--include-with-prefix-after",
	"--library-directory", "--imacros", "--assert", NULL
};

int args_takes_value(const char *opt)
{
	for (const char *const *t = takes_value; *t; t++)
		if (!strcmp(opt, *t))
			return 1;
	return 0;
}

/* Options that make the call something tfcc passes through (the long
   spellings of -o, -x, -c, ... too: rare, and not worth a second parser). */
static int is_query(const char *a)
{
	static const char *const exact[] = {
		"-E", "-M", "-MM", "-fsyntax-only", "-###", "--version",
		"--target-help", "-fpreprocessed", "-qversion", "--compile",
		"--assemble", "--preprocess", "--dependencies",
		"--user-dependencies", "--save-temps", NULL
	};
	for (const char *const *t = exact; *t; t++)
		if (!strcmp(a, *t))
			return 1;
	return !strncmp(a, "--help", 6) || !strncmp(a, "-print-", 7) ||
	       !strncmp(a, "--output", 8) || !strncmp(a, "--language", 10) ||
	       !strncmp(a, "--print-", 8) ||
	       (!strncmp(a, "-dump", 5) && strcmp(a, "-dumpdir") &&
		strncmp(a, "-dumpbase", 9));
}

static int ext_in(const char *ext, const char *const *list)
{
	for (; *list; list++)
		if (!strcmp(ext, *list))
			return 1;
	return 0;
}

/* Kind of an input file, from -x or else its suffix, as gcc decides. */
static enum in_kind kind_of(const char *path, const char *lang)
{
	static const char *const hdr[] = {
		"h", "hh", "H", "hp", "hxx", "hpp", "HPP", "h++", "tcc", NULL
	};
	static const char *const src[] = {
		"i", "ii", "cc", "cp", "cxx", "cpp", "CPP", "c++", "C", "s",
		"S", "sx", "m", "mi", "M", "mm", "mii", "f", "for", "ftn",
		"F", "FOR", "fpp", "FPP", "FTN", "f90", "f95", "f03", "f08",
		"F90", "F95", "F03", "F08", "go", "d", "di", "dd", "adb",
		"ads", "cu", "cl", "ll", "bc", NULL
	};
	const char *dot, *base = u_basename(path);

	if (lang) {
		if (!strcmp(lang, "c"))
			return IN_C;
		if (strstr(lang, "header"))
			return IN_HEADER;
		return IN_SRC;
	}
	if (!strcmp(path, "-"))
		return IN_HEADER;   /* gcc wants -x: let it say so */
	dot = strrchr(base, '.');
	if (!dot)
		return IN_LINK;
	if (!strcmp(dot + 1, "c"))
		return IN_C;
	if (ext_in(dot + 1, hdr))
		return IN_HEADER;
	if (ext_in(dot + 1, src))
		return IN_SRC;
	return IN_LINK;
}

/* TF_SKIP_FILES: comma-separated globs on the source path (a glob
   without '/' also matches the base name). */
int args_is_skipped(const char *path)
{
	const char *list = tf_env.skip_files, *p;
	if (!list || !*list)
		return 0;
	for (p = list; *p;) {
		size_t n = strcspn(p, ",");
		char *glob = strndup(p, n);
		int hit = fnmatch(glob, path, 0) == 0 ||
			  (!strchr(glob, '/') &&
			   fnmatch(glob, u_basename(path), 0) == 0);
		free(glob);
		if (hit)
			return 1;
		p += n;
		if (*p == ',')
			p++;
	}
	return 0;
}

/*
** A build system's probe: autoconf's conftest*, CMake's try_compile
** (CMakeFiles/CMakeScratch, CMakeTmp, cmTC_* targets) and compiler
** identification (CMakeCCompilerId.c), meson's meson-private/ files,
** nginx's hand-written configure's autotest.c (beside the
** ngx_auto_headers.h it writes first: 1.2-2.2x its time otherwise).  A
** call whose every input is one goes to the compiler untouched
** (TF_PROBES=1: instrumented like any other): it answers as the compiler
** does by construction, and a configure run costs what it does without
** tfcc (each probe's rewrite cost more than its compile: gzip's
** configure took 1.36x the time).
*/
static int nginx_probe(const char *path, const char *base)
{
	if (strcmp(base, "autotest.c"))
		return 0;
	char *dir = u_dirname(path);
	char *h = u_fmt("%s%sngx_auto_headers.h", dir, *dir ? "/" : "");
	int r = u_exists(h);
	free(dir);
	free(h);
	return r;
}

static int is_probe(const char *path)
{
	const char *base = u_basename(path);
	return !strncmp(base, "conftest", 8) || nginx_probe(path, base) ||
	       !strcmp(base, "CMakeCCompilerId.c") ||
	       strstr(path, "CMakeFiles/CMakeScratch/") ||
	       strstr(path, "CMakeFiles/CMakeTmp/") ||
	       strstr(path, "CMakeFiles/cmTC_") ||
	       !strncmp(path, "meson-private/", 14) ||
	       strstr(path, "/meson-private/");
}

static void add_input(struct call *c, int i, const char *path,
		      const char *lang, enum in_kind kind)
{
	struct input *in;
	c->in = realloc(c->in, (size_t)(c->nin + 1) * sizeof *c->in);
	if (!c->in) {
		fputs("tfcc: out of memory\n", stderr);
		exit(4);
	}
	in = &c->in[c->nin++];
	memset(in, 0, sizeof *in);
	in->path = path;
	in->argi = i;
	in->lang = lang;
	in->kind = kind;
	if (kind == IN_C && args_is_skipped(path))
		in->kind = IN_SRC;
	if (in->kind == IN_C)
		c->nsrc_c++;
	else if (in->kind == IN_SRC)
		c->nsrc_other++;
}

/* -Wp,-MD,file and -Wp,-MMD,file: the preprocessor writes deps itself. */
static void parse_wp(struct call *c, const char *a)
{
	const char *p = strstr(a, ",-MD,");
	if (!p)
		p = strstr(a, ",-MMD,");
	if (p) {
		p = strchr(p + 2, ',') + 1;
		c->wp_md = strndup(p, strcspn(p, ","));
	}
}

/* Options that only change what tfcc adds; returns the role of a. */
static enum role note_flag(struct call *c, const char *a, const char *val,
			   int *stop_c, int *stop_s)
{
	if (!strcmp(a, "-c")) {
		*stop_c = 1;
		return R_MODE;
	}
	if (!strcmp(a, "-S")) {
		*stop_s = 1;
		return R_MODE;
	}
	if (!strcmp(a, "-MD") || !strcmp(a, "-MMD")) {
		c->md = 1;
		return R_DEP;
	}
	if (!strcmp(a, "-MP") || !strcmp(a, "-MG"))
		return R_DEP;
	if (!strncmp(a, "-MF", 3)) {
		c->mf = a[3] ? a + 3 : val;
		return R_DEP;
	}
	if (!strncmp(a, "-MT", 3) || !strncmp(a, "-MQ", 3)) {
		c->mt = 1;
		return R_DEP;
	}
	if (!strncmp(a, "-Wp,", 4) && (strstr(a, ",-MD,") ||
				       strstr(a, ",-MMD,"))) {
		parse_wp(c, a);
		return R_DEP;
	}
	if (!strcmp(a, "-static") || !strcmp(a, "-static-pie"))
		c->is_static = 1;
	else if (!strcmp(a, "-nostdlib") || !strcmp(a, "-nodefaultlibs") ||
		 !strcmp(a, "-nostartfiles"))
		c->nolibs = 1;
	else if (!strcmp(a, "-r"))
		c->relocatable = 1;
	else if (!strcmp(a, "-dumpdir"))
		c->has_dumpdir = 1;
	else if (!strncmp(a, "-dumpbase", 9))
		c->has_dumpbase = 1;
	else if (strstr(a, "-prefix-map=") && !strncmp(a, "-f", 2))
		c->has_prefix_map = 1;
	else if (!strncmp(a, "-fdiagnostics-color", 19) ||
		 !strcmp(a, "-fno-diagnostics-color"))
		c->has_color = 1;
	return R_FLAG;
}

/* Classify c->args; sets c->mode (MODE_PASS with c->why_pass if tfcc
   must not touch the call). */
void args_parse(struct call *c)
{
	const char *lang = NULL;
	int stop_c = 0, stop_s = 0, query = 0, verbose = 0, header = 0;
	size_t n = c->args.n;
	int nfiles = 0, nprobes = 0;

	c->role = calloc(n + 1, 1);
	for (size_t i = 0; i < n; i++) {
		const char *a = c->args.v[i];
		const char *val = i + 1 < n ? c->args.v[i + 1] : NULL;
		int sep = a[0] == '-' && args_takes_value(a) && val;
		enum role r = R_FLAG;

		if (a[0] != '-' || !strcmp(a, "-")) {
			enum in_kind k = kind_of(a, lang);
			header |= k == IN_HEADER;
			add_input(c, (int)i, a, lang, k);
			c->role[i] = R_INPUT;
			nfiles++;
			nprobes += is_probe(a);
			continue;
		}
		if (!strncmp(a, "-o", 2)) {
			c->out = a[2] ? a + 2 : val;
			r = R_OUT;
		} else if (!strncmp(a, "-x", 2)) {
			lang = a[2] ? a + 2 : val;
			if (lang && !strcmp(lang, "none"))
				lang = NULL;
			r = R_LANG;
		} else if (!strncmp(a, "-l", 2)) {
			add_input(c, (int)i, a[2] ? a + 2 : val, NULL, IN_LINK);
			r = R_LIB;
		} else if (is_query(a)) {
			query = 1;
		} else if (!strcmp(a, "-v")) {
			verbose = 1;
		} else {
			r = note_flag(c, a, val, &stop_c, &stop_s);
		}
		c->role[i] = (unsigned char)r;
		if (sep)
			c->role[++i] = (unsigned char)r;
	}
	(void)verbose;
	if (query)
		c->why_pass = "preprocess, query or syntax-only call";
	else if (header)
		c->why_pass = "header, PCH or stdin input without -x c";
	else if (c->nin == 0)
		c->why_pass = "no input files";
	else if (c->nsrc_c == 0 && (stop_c || stop_s))
		c->why_pass = "no C source to instrument";
	else if ((stop_c || stop_s) && c->out &&
		 c->nsrc_c + c->nsrc_other > 1)
		c->why_pass = "-o with several sources (gcc reports it)";
	else if (nprobes == nfiles && !tf_env.probes)
		c->why_pass = "a build system's probe (TF_PROBES=1 instruments it)";
	if (c->why_pass)
		c->mode = MODE_PASS;
	else
		c->mode = stop_s ? MODE_ASM : stop_c ? MODE_COMPILE : MODE_LINK;
}
