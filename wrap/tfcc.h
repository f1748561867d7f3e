/*
** tfcc internals: the parsed compiler call and the helpers the wrapper's
** files share (string vectors, running commands, temporary directories).
*/
#ifndef TFCC_H
#define TFCC_H

#include <stddef.h>
#include <stdint.h>

/* A growable, NULL-terminated vector of strings (usable as an argv). */
struct sv {
	char **v;
	size_t n, cap;
};

void sv_push(struct sv *s, const char *str);   /* copies str */
void sv_pushf(struct sv *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void sv_append(struct sv *s, const struct sv *from);
void sv_free(struct sv *s);

/* What one input on the command line is. */
enum in_kind {
	IN_C,           /* C source: instrumented */
	IN_SRC,         /* another language: compiled as is */
	IN_HEADER,      /* header / PCH: the whole call passes through */
	IN_LINK,        /* object, archive, shared object, -l */
};

/* What each word of call.args is, for rebuilding command lines. */
enum role {
	R_FLAG,         /* kept everywhere */
	R_INPUT,        /* a file input (see struct input) */
	R_LIB,          /* -l and its value: link input, order matters */
	R_OUT,          /* -o and its value */
	R_LANG,         /* -x and its value */
	R_MODE,         /* -c, -S */
	R_DEP,          /* dependency-file options and their values */
};

struct input {
	const char *path;       /* as given ("-" for stdin) */
	const char *lang;       /* -x language in effect, or NULL */
	int argi;               /* index in call.args */
	enum in_kind kind;
	const char *obj;        /* object made for it (link mode), or NULL */
};

enum mode {
	MODE_PASS,      /* exec the compiler unchanged */
	MODE_COMPILE,   /* -c */
	MODE_ASM,       /* -S */
	MODE_LINK,      /* compile (if sources) and link */
};

/* One parsed compiler call. */
struct call {
	char **argv;            /* original argv of tfcc */
	int argc;
	struct sv cc;           /* compiler words: launcher(s) + compiler */
	const char *compiler;   /* the compiler word proper (after launchers) */
	struct sv args;         /* arguments after the compiler words,
				   response files expanded */
	unsigned char *role;    /* enum role of each of args */
	int first_arg;          /* index in argv of the first argument */
	enum mode mode;
	const char *why_pass;   /* reason for MODE_PASS (verbose output) */
	const char *out;        /* -o argument or NULL */
	struct input *in;
	int nin;
	int nsrc_c;             /* inputs of kind IN_C */
	int nsrc_other;         /* inputs of kind IN_SRC */
	/* dependency output */
	int md;                 /* -MD or -MMD given */
	const char *mf;         /* -MF argument */
	int mt;                 /* -MT or -MQ given */
	const char *wp_md;      /* file of -Wp,-MD,file or -Wp,-MMD,file */
	/* link */
	int is_static, nolibs, relocatable;
	int has_dumpdir, has_dumpbase;
	int has_prefix_map;     /* user gave -f*-prefix-map */
	int has_color;          /* user chose -f[no-]diagnostics-color */
	int explain;
	int clang;              /* the compiler is clang (not gcc-like) */
};

/* How far tfcc raises gcc's -O2/-O3 inline limits by default
   (TF_INLINE_RAISE; compile.c says why this much). */
#define TF_INLINE_RAISE_DEFAULT 16

/* Settings read once from the environment. */
struct env {
	int verbose, keep, explain;
	int no_cache;           /* TF_NO_CACHE: no version cache on disk */
	int inline_raise;       /* TF_INLINE_RAISE (TF_PLAIN_INLINE=1: 0) */
	int probes;             /* TF_PROBES: instrument build-system probes */
	const char *skip_files, *skip_funcs;
	const char *rewrite;    /* path of tf-rewrite */
	char *prefix;           /* <exe_dir>/.. */
};

extern struct env tf_env;

/* rwclient.c: run tf-rewrite's argv through the rewrite server, stderr
   to err_to (NULL: tfcc's); a wait status, or -1: run it yourself */
int rwc_run(char *const *argv, const char *err_to);

/* args.c */
int args_expand(struct sv *out, int argc, char **argv);
void args_parse(struct call *c);
int args_takes_value(const char *opt);
int args_is_skipped(const char *path);

/* compile.c */
int comp_sources(struct call *c, const char *tmp);

/* fnfix.c: static functions' sites get their addresses in object path;
   with explain (the source's name), a line per static left without */
int fnfix_object(const char *path, const char *explain);

/* ident.c: tfcc --identity, for ccache's compiler_check */
int identity(const struct call *c);

/* link.c */
void link_runtime(const struct call *c, struct sv *cmd);
int link_objects(struct call *c);
int link_run(const struct call *c, struct sv *cmd);

/* gccver.c: `CC -dumpfullversion` (cached on disk), NULL for clang */
const char *gnuc_version(const struct call *c);
/* The target gcc prints for -dumpmachine (cached with the version), or
   NULL (clang, or not known). */
const char *gnuc_machine(const struct call *c);
char *cc_resolve(const char *word);     /* as execvp finds it, or NULL */

/* params.c: gcc's unused-parameter warnings the trap hides */
int params_merge(char *const *argv, const char *name, const char *cc_err,
		 const char *p_err, int *failed);
/* depfile.c */
char *dep_file(const struct call *c, const char *src_base);
/* src: the original source (its #include "..." lines) */
void dep_mend(const char *file, const char *tmpdir, const char *srcdir,
	      const char *src, int clang);

/* util.c */
int run(char *const *argv, const char *in_from, const char *err_to);
int run_fd(char *const *argv, int err_fd);
int run_capture(char *const *argv, char *buf, size_t size);
int status_exit(int status);
char *u_strdup(const char *s);
char *u_fmt(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* FNV-1a 64 of n bytes, continuing from h (U_FNV_INIT to start) */
#define U_FNV_INIT 0xcbf29ce484222325ULL
uint64_t u_fnv(uint64_t h, const void *p, size_t n);
char *u_dirname(const char *path);
const char *u_basename(const char *path);
char *u_strip_ext(const char *name);
int u_exists(const char *path);
void u_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *tmp_make(void);
char *tmp_make_keyed(uint64_t key);     /* NULL: use tmp_make */
void tmp_remove(const char *dir);
void sig_protect(const char *dir);
int sig_caught(void);
int u_copy_fd(int from, int to);
int u_cat_file(const char *path, int to);
char *u_read_file(const char *path);

#endif /* TFCC_H */
