/*
** tf-rewrite's command line, and the translation of the user's gcc flags
** into the few that matter to libclang's parse (macros, include paths,
** language dialect, target); everything else is dropped so that gcc-only
** flags never reach libclang.  Also derives the unit's uid and variant.
*/
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rewriter.h"

static void usage(const char *why)
{
	fprintf(stderr, "tf-rewrite: %s; usage: tf-rewrite [--explain] "
		"[--name PRESUMED] [--key STR] [--gnuc-version X.Y.Z] "
		"[--compiler=gcc|clang] [--weak-statics] [--lto] "
		"[--skip-funcs GLOB,...] -o OUT.c SOURCE -- GCC_ARGS...\n", why);
	exit(2);
}

static void add_globs(struct rw_opts *o, const char *list)
{
	char *dup = rw_xstrdup(list), *save = 0;
	for (char *g = strtok_r(dup, ",", &save); g; g = strtok_r(0, ",", &save)) {
		o->skip = rw_xrealloc(o->skip, sizeof *o->skip * (o->nskip + 1));
		o->skip[o->nskip++] = rw_xstrdup(g);
	}
	free(dup);
}

int rw_args_parse(struct rw_opts *o, int argc, char **argv)
{
	memset(o, 0, sizeof *o);
	o->gnuc = "12.2.0";
	int i;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *next = i + 1 < argc ? argv[i + 1] : 0;
		if (!strcmp(a, "--")) {
			i++;
			break;
		} else if (!strcmp(a, "--explain")) {
			o->explain = 1;
		} else if (!strcmp(a, "--compiler=clang")) {
			o->for_clang = 1;
		} else if (!strcmp(a, "--weak-statics")) {
			o->weak_statics = 1;
		} else if (!strcmp(a, "--lto")) {
			o->lto = 1;
		} else if (!strcmp(a, "--compiler=gcc")) {
			o->for_clang = 0;
		} else if (!strcmp(a, "--mode=patch") || !strcmp(a, "--mode=normal")) {
			o->patch = a[7] == 'p';
		} else if (!strcmp(a, "--target-file") && next) {
			o->target_file = argv[++i];
		} else if (!strcmp(a, "-o") || !strcmp(a, "--name") ||
			   !strcmp(a, "--key") || !strcmp(a, "--gnuc-version") ||
			   !strcmp(a, "--skip-funcs")) {
			if (!next)
				usage("an option lacks its value");
			if (a[1] == 'o')
				o->out = next;
			else if (a[2] == 'n')
				o->presumed = next;
			else if (a[2] == 'k')
				o->key = next;
			else if (a[2] == 'g')
				o->gnuc = next;
			else
				add_globs(o, next);
			i++;
		} else if (a[0] == '-' && a[1]) {
			usage("unknown option");
		} else if (!o->source) {
			o->source = a;
		} else {
			usage("more than one SOURCE");
		}
	}
	if (!o->source || !o->out)
		usage("SOURCE and -o OUT.c are required");
	if (!o->presumed)
		o->presumed = o->source;
	if (!o->key)
		o->key = o->out;
	o->gcc = argv + i;
	o->ngcc = argc - i;
	const char *e = getenv("TF_EXPLAIN");
	if (e && *e && strcmp(e, "0"))
		o->explain = 1;
	e = getenv("TF_SKIP_FUNCS");
	if (e && *e)
		add_globs(o, e);
	return 0;
}

static void push(struct rw_opts *o, const char *a)
{
	o->clang = rw_xrealloc(o->clang, sizeof *o->clang * (o->nclang + 2));
	o->clang[o->nclang++] = rw_xstrdup(a);
	o->clang[o->nclang] = 0;
}

/* Flags kept with a value, joined ("-Ifoo") or separate ("-I foo"). */
static const char *const with_value[] = {
	"-D", "-U", "-I", "-iquote", "-isystem", "-idirafter", "-include",
	"-imacros", "--sysroot", "-isysroot", 0
};
/* gcc flags whose separate value must be skipped along with them. */
static const char *const drop_value[] = {
	"-o", "-MF", "-MT", "-MQ", "-Xlinker", "-Xassembler",
	"-Xpreprocessor", "-Xclang", "-L", "-l", "-u", "-T", "-z", "-aux-info",
	"--param", "-wrapper", "-iprefix", "-iwithprefix",
	"-iwithprefixbefore", "-imultilib", "-dumpbase", "-dumpdir",
	"-dumpbase-ext", "-G", "-e", 0
};
/* Kept as they are: they change macros, types or layout. */
static const char *const kept[] = {
	"-ansi", "-m32", "-m64", "-mx32", "-nostdinc", "-funsigned-char",
	"-fsigned-char", "-fgnu89-inline", "-fno-gnu89-inline",
	"-fms-extensions", "-fopenmp", "-pthread", "-fPIC", "-fpic", "-fPIE",
	"-fpie", "-fno-PIC", "-fno-pic", "-ffreestanding", "-fno-builtin",
	"-fshort-enums", "-fshort-wchar", "-funsigned-bitfields",
	"-fsigned-bitfields", 0
};

static int in(const char *const *list, const char *a)
{
	for (; *list; list++)
		if (!strcmp(*list, a))
			return 1;
	return 0;
}

/* Which -m flags change predefined macros (ISA extensions) and clang
   understands; the rest (-mtune, -mno-red-zone, ...) are dropped. */
static int isa_flag(const char *a)
{
	static const char *const isa[] = {
		"sse", "avx", "fma", "bmi", "popcnt", "aes", "pclmul", "f16c",
		"lzcnt", "movbe", "rdrnd", "sha", "xsave", "crc32", 0
	};
	if (!strncmp(a, "-march=", 7))
		return 1;
	if (strncmp(a, "-m", 2))
		return 0;
	a += 2;
	if (!strncmp(a, "no-", 3))
		a += 3;
	for (const char *const *p = isa; *p; p++)
		if (!strncmp(a, *p, strlen(*p)))
			return 1;
	return 0;
}

static int note_std(const char *std)
{
	static const char *const c89[] = {
		"c89", "c90", "gnu89", "gnu90", "iso9899:1990",
		"iso9899:199409", 0
	};
	return in(c89, std);
}

static char hexdigit(unsigned v)
{
	return "0123456789abcdef"[v & 15];
}

/*
** The user's path maps, -ffile-prefix-map, -fdebug-prefix-map and
** -fmacro-prefix-map (OLD=NEW), as gcc takes them: split at the first
** '=', the last given tried first.  A path hashed into the uid is mapped
** by them first, so a build moved to another directory, with its maps,
** makes the same objects, as it does with plain gcc (reproducible builds:
** Debian's dpkg-buildflags passes -ffile-prefix-map=BUILDDIR=.).
*/
static const char *prefix_map(const char *a)
{
	static const char *const opts[] = {
		"-ffile-prefix-map=", "-fdebug-prefix-map=",
		"-fmacro-prefix-map=", 0
	};
	for (const char *const *p = opts; *p; p++)
		if (!strncmp(a, *p, strlen(*p)) && strchr(a + strlen(*p), '='))
			return a + strlen(*p);
	return 0;
}

/* H extended by S with every OLD in it (a path, or a flag naming one)
   written as its NEW, at most one map applied per place. */
static uint64_t hash_mapped(uint64_t h, const struct rw_opts *o, const char *s)
{
	struct rw_buf b = {0};
	int any = 0;
	for (int i = 0; i < o->ngcc && !any; i++)
		any = prefix_map(o->gcc[i]) != 0;
	if (!any)
		return rw_hash_str(h, s);
	for (const char *p = s; *p;) {
		int i;
		for (i = o->ngcc - 1; i >= 0; i--) {
			const char *m = prefix_map(o->gcc[i]);
			size_t n = m ? (size_t)(strchr(m, '=') - m) : 0;
			if (n && !strncmp(p, m, n)) {
				rw_buf_puts(&b, m + n + 1);
				p += n;
				break;
			}
		}
		if (i < 0)
			rw_buf_add(&b, p++, 1);
	}
	char *m = rw_buf_take(&b);
	h = rw_hash_str(h, m ? m : "");
	free(m);
	return h;
}

/* PATH as gcc spells it in __FILE__: the first of the user's
   -ffile-prefix-map and -fmacro-prefix-map (the last given first) whose
   OLD begins it, applied.  Site records name files so: the name a tool or
   a patch uses is the one the program's own __FILE__ gives. */
char *rw_args_file_name(const struct rw_opts *o, const char *path)
{
	for (int i = o->ngcc - 1; i >= 0; i--) {
		const char *m = prefix_map(o->gcc[i]);
		if (!m || !strncmp(o->gcc[i], "-fdebug", 7))
			continue;
		size_t n = (size_t)(strchr(m, '=') - m);
		if (n && !strncmp(path, m, n)) {
			const char *to = m + n + 1;
			char *r = rw_xmalloc(strlen(to) + strlen(path + n) + 1);
			sprintf(r, "%s%s", to, path + n);
			return r;
		}
	}
	return rw_xstrdup(path);
}

/* The source as an absolute path: made from the working directory as the
   shell names it ($PWD, when that is the working directory), as gcc names
   the compile directory, so a map of the logical path applies. */
static char *source_path(const char *src)
{
	char cwd[PATH_MAX];
	const char *pwd = getenv("PWD");
	struct stat a, b;
	if (src[0] == '/')
		return rw_xstrdup(src);
	if (!(pwd && pwd[0] == '/' && !stat(pwd, &a) && !stat(".", &b) &&
	      a.st_dev == b.st_dev && a.st_ino == b.st_ino))
		pwd = getcwd(cwd, sizeof cwd);
	if (!pwd)
		return rw_xstrdup(src);
	char *r = rw_xmalloc(strlen(pwd) + strlen(src) + 2);
	sprintf(r, "%s/%s", pwd, src);
	return r;
}

/* uid: the source (absolute), presumed name, key and every flag, each
   with the user's path maps applied; variant: the -D/-U flags only, in
   order. */
static void identities(struct rw_opts *o, uint64_t vh)
{
	char *src = source_path(o->source);
	uint64_t h = hash_mapped(RW_FNV_INIT, o, src);
	free(src);
	h = hash_mapped(h, o, o->presumed);
	h = hash_mapped(h, o, o->key);
	for (int i = 0; i < o->ngcc; i++)
		h = hash_mapped(h, o, o->gcc[i]);
	for (int i = 0; i < 16; i++)
		o->uid[i] = hexdigit((unsigned)(h >> (60 - 4 * i)));
	uint32_t v = (uint32_t)(vh ^ (vh >> 32));
	for (int i = 0; i < 8; i++)
		o->variant[i] = hexdigit(v >> (28 - 4 * i));
}

/* With __GNUC__ >= 7 glibc's headers take gcc's _FloatN types and (from
   11) two-argument malloc attributes for granted; clang 14 has neither.
   These macros let it read the same headers gcc reads. */
static void gcc_compat(struct rw_opts *o)
{
	static const char *const defs[] = {
		"__malloc__(...)=__malloc__", "_Float32=float",
		"_Float64=double", "_Float32x=double",
		"_Float64x=long double", "_Float128=__float128", 0
	};
	if (atoi(o->gnuc) < 7)
		return;
	for (const char *const *d = defs; *d; d++) {
		push(o, "-D");
		push(o, *d);
	}
}

void rw_args_clang(struct rw_opts *o)
{
	uint64_t vh = RW_FNV_INIT;
	int have_x = 0, std89 = 0, f89 = -1;
	for (int i = 0; i < o->ngcc; i++) {
		const char *a = o->gcc[i];
		const char *next = i + 1 < o->ngcc ? o->gcc[i + 1] : 0;
		size_t n;
		const char *const *w;
		for (w = with_value; *w; w++) {
			n = strlen(*w);
			if (!strncmp(a, *w, n) &&
			    (a[n] != '=' || a[1] == '-'))
				break;
		}
		if (*w) {
			const char *val = a[n] ? a + n + (a[1] == '-') : next;
			if (a[1] == '-' && a[n] && a[n] != '=')
				continue;	/* --sysrootX: not ours */
			if (!val)
				continue;
			if (!a[n])
				i++;
			if (!strcmp(*w, "--sysroot")) {
				char *j = rw_xmalloc(strlen(val) + 12);
				sprintf(j, "--sysroot=%s", val);
				push(o, j);
				free(j);
				continue;
			}
			push(o, *w);
			push(o, val);
			if (n == 2 && (a[1] == 'D' || a[1] == 'U')) {
				vh = rw_hash_str(vh, *w);
				vh = rw_hash_str(vh, val);
			}
		} else if (!strncmp(a, "-std=", 5)) {
			push(o, a);
			std89 = note_std(a + 5);
		} else if (!strcmp(a, "-ansi")) {
			push(o, a);
			std89 = 1;
		} else if (!strcmp(a, "-fgnu89-inline")) {
			f89 = 1;	/* beats any -std */
			push(o, a);
		} else if (!strcmp(a, "-fno-gnu89-inline")) {
			f89 = 0;
			push(o, a);
		} else if (!strcmp(a, "-x")) {
			if (next && !strcmp(next, "c")) {
				push(o, "-x");
				push(o, "c");
				have_x = 1;
			}
			i++;
		} else if (!strcmp(a, "-xc")) {
			push(o, "-x");
			push(o, "c");
			have_x = 1;
		} else if (in(kept, a) || isa_flag(a) ||
			   (a[0] == '-' && a[1] == 'O')) {
			push(o, a);
		} else if (in(drop_value, a)) {
			i++;
		}
	}
	o->gnu89 = f89 >= 0 ? f89 : std89;
	if (!have_x) {
		push(o, "-x");
		push(o, "c");
	}
	char gv[64];
	snprintf(gv, sizeof gv, "-fgnuc-version=%s", o->gnuc);
	push(o, gv);
	gcc_compat(o);
	/* no warnings but the two the trap hides from gcc (parse.c,
	   unused_params) */
	push(o, "-Wno-everything");
	push(o, "-Wunused-parameter");
	push(o, "-Wunused-but-set-parameter");
	push(o, "-Wunused-variable");	/* file-scope objects (parse.c) */
	push(o, "-Wunused-const-variable");
	push(o, "-ferror-limit=1");
	identities(o, vh);
}
