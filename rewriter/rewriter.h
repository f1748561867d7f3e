/*
** tf-rewrite: the model shared by its files.  parse.c fills a struct
** rw_unit from libclang, emit.c turns it into the text that
** docs/generated-code.md specifies, main.c drives both.
*/
#ifndef TF_REWRITER_H
#define TF_REWRITER_H

#include <stddef.h>
#include <stdint.h>

/* ---- buf.c: growable text, C string escaping, allocation that never fails */
struct rw_buf {
	char *p;
	size_t n, cap;
};

void *rw_xmalloc(size_t n);
void *rw_xrealloc(void *p, size_t n);
char *rw_xstrdup(const char *s);
char *rw_xstrndup(const char *s, size_t n);
void rw_buf_add(struct rw_buf *b, const char *s, size_t n);
void rw_buf_puts(struct rw_buf *b, const char *s);
void rw_buf_printf(struct rw_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void rw_buf_cesc(struct rw_buf *b, const char *s, size_t n);
char *rw_buf_take(struct rw_buf *b);	/* NUL-terminated, resets b */
/* Source text: only blanks precede offset off on its line (a '#' there
   starts a directive); c can start an identifier or keyword. */
int rw_line_lead(const char *src, size_t off);
int rw_ident_start(char c);

/* Makes room for one more element in arr (n used, cap allocated). */
#define RW_GROW(arr, n, cap)                                                \
	do {                                                                \
		if ((n) == (cap)) {                                         \
			(cap) = (cap) ? 2 * (cap) : 16;                     \
			(arr) = rw_xrealloc((arr), sizeof *(arr) * (cap));  \
		}                                                           \
	} while (0)

/* ---- hash.c: FNV-1a 64 */
#define RW_FNV_INIT 0xcbf29ce484222325ULL
uint64_t rw_hash(uint64_t h, const void *p, size_t n);
uint64_t rw_hash_str(uint64_t h, const char *s);	/* includes the NUL */

/* ---- args.c: the command line */
struct rw_opts {
	const char *source;	/* file to read */
	const char *presumed;	/* path for #line and records */
	const char *out;
	const char *key;
	const char *gnuc;	/* value for -fgnuc-version= */
	char **skip;		/* fnmatch globs of functions to leave alone */
	int nskip;
	int explain;
	int patch;		/* --mode=patch (rewriter/patch.c) */
	int for_clang;		/* --compiler=clang: the code is for clang */
	int lto;		/* --lto: the output is LTO code (TF__LTO) */
	int weak_statics;	/* --weak-statics: tfcc resolves statics' .fn
				   in the object (TF__FN in trap.h) */
	const char *target_file; /* --target-file: file of records, imports */
	char **gcc;		/* the user's compiler flags */
	int ngcc;
	/* derived by rw_args_clang() */
	char **clang;		/* flags for libclang */
	int nclang;
	int gnu89;		/* gnu89 inline semantics for the whole unit */
	char uid[17];
	char variant[9];
};

int rw_args_parse(struct rw_opts *o, int argc, char **argv);
void rw_args_clang(struct rw_opts *o);
/* PATH with the user's __FILE__ maps applied (malloc'd) */
char *rw_args_file_name(const struct rw_opts *o, const char *path);

/* ---- the model */
enum {
	RW_STATIC = 1 << 0,
	RW_INLINE = 1 << 1,
	RW_VARIADIC = 1 << 2,
	RW_NORETURN = 1 << 3,
	RW_KNR = 1 << 4,
	RW_MAIN = 1 << 5,
	RW_NOTHUNK = 1 << 6,
	RW_VOID = 1 << 7,	/* returns void */
	RW_INLINE_ONLY = 1 << 8,	/* no out-of-line definition: fn = 0 */
	RW_REGCALL = 1 << 9,	/* at most 6 integer or pointer arguments and
				   such a result or none (TF__RSEL) */
	RW_DEPRECATED = 1 << 10,	/* the deprecated attribute: the trap,
				   which names the function, must not warn */
	RW_AGGRET = 1 << 11,	/* returns a struct or union (the trap's call:
				   gcc's -Waggregate-return) */
	RW_NARROWARG = 1 << 12	/* a parameter narrower than int, or float
				   (the trap's call: -Wtraditional-conversion) */
};

struct rw_param {
	char *name;
	char *rtype;		/* spelling for the record (arrays adjusted) */
};

struct rw_func {
	unsigned file;		/* index in rw_unit.files */
	char *name;
	unsigned line;
	size_t brace;		/* offset of the body's '{' */
	unsigned bline;		/* its presumed line (the source's #line) */
	char *bfile;		/* its presumed file if a #line of the source
				   names another, else 0 */
	const char *skip;	/* reason it is skipped, or 0 */
	const char *nothunk;	/* reason it has no thunk, or 0 */
	unsigned flags;
	int asm_label;		/* its symbol is not its name */
	char *ret;		/* return type, for the record */
	char *sig;		/* canonical type, no anonymous locations */
	char *cc;		/* calling-convention layout (cc=), or 0 */
	unsigned nparams;
	struct rw_param *params;
	unsigned promote;	/* bit i: argument i is narrower than int */
	uint64_t sighash, bodyhash;
};

/* An object with static storage to export (tf_unit.objs, and its name in
   the unit's objects record). */
struct rw_obj {
	char *name;		/* "var" or "fn/var" or "fn/var#2" */
	char *var;		/* file scope: the C name */
	char *label;		/* static local: its asm label */
	int func;		/* static local: its function (index in
				   rw_unit.funcs); file scope: -1 */
};

/* Text put at an offset of a file, replacing len bytes there: asm labels
   of static locals, an included .c file's #include line (sub: the file
   written in its place, else -1). */
struct rw_edit {
	unsigned file;
	size_t off, len;
	char *text;
	int sub;
};

/* A file whose functions are instrumented: the main file (files[0]) and
   .c files it #includes once, which are written in place of their
   #include line between #line directives. */
struct rw_file {
	char *src;
	size_t len;
	size_t start;		/* 3 when a UTF-8 BOM is dropped */
	char *presumed;		/* name for #line and records */
	size_t dir_off, dir_len;	/* its #include line in the main file */
	unsigned dir_next;	/* number of the main file's line after it */
	char **nested;		/* its quote includes made absolute, each
				   followed by the name gcc would give it */
	unsigned nnested;
};

struct rw_unit {
	struct rw_file *files;
	unsigned nfiles;
	char *src;		/* = files[0].src, the main file */
	size_t len;
	struct rw_func *funcs;
	unsigned nfuncs, capfuncs;
	struct rw_obj *objs;
	unsigned nobjs, capobjs;
	struct rw_edit *edits;
	unsigned nedits, capedits;
	int unused_params;	/* clang saw an unused parameter (parse.c) */
	struct rw_xskip {	/* definitions outside files[], for --explain */
		char *file, *name;
		unsigned line;
		const char *why;
	} *xskips;
	unsigned nxskips, capxskips;
};

/* ---- emit.c: the marker that stands for pasted file fi in -MD lists
   (path: as a path, else as its base name, for the #include) */
unsigned rw_dep_index(const struct rw_unit *u, unsigned fi);
char *rw_dep_marker(const char *out, unsigned k, int path);

/* ---- parse.c: libclang -> model.  0, or -1 with *why set. */
#include <clang-c/Index.h>
int rw_parse(const struct rw_opts *o, struct rw_unit *u, char **why);
char *rw_spelling(CXCursor c);	/* a cursor's spelling, allocated */

/* ---- include.c: .c files the main file includes; returns u->nfiles */
#include <clang-c/Index.h>
/* A .c file the main file includes more than once (a template: each
   #include with other macros): not pasted, its functions not instrumented */
struct rw_multi {
	CXFile f;
	char *presumed;
};
unsigned rw_include_find(const struct rw_opts *o, CXTranslationUnit tu,
			 CXFile mainf, struct rw_unit *u, CXFile *cx,
			 unsigned *base, unsigned max, struct rw_multi **multi,
			 unsigned *nmulti);
/* Which inclusion of its file a file location is in (0 in a macro
   expansion): the same for all of one inclusion's locations. */
unsigned rw_loc_base(CXSourceLocation l);

/* ---- types.c: what libclang's types mean for the generated code */
#include <clang-c/Index.h>
char *rw_type_spell(CXType t);		/* anonymous locations removed */
char *rw_type_param_spell(CXType t, CXType adjusted); /* arrays -> pointers */
int rw_type_is_array(CXType t);
/* sighash: the records of one unit, each read from libclang once */
struct rw_types;
struct rw_types *rw_types_new(void);
void rw_types_free(struct rw_types *m);
uint64_t rw_type_sighash(struct rw_types *m, CXType fn);

/* ---- cc_x86_64.c: calling-convention layout for the generic thunk */
#include <clang-c/Index.h>
/* The x86-64 SysV calling-convention layout of function cursor fn (a
   definition; knr: it is a K&R/old-style definition, so its parameters
   arrive default-promoted): "<ret>;<param>,<param>...", each "v", "m",
   "x" or the class of each eightbyte ("i", "s"), then "<size>.<align>"
   (docs/generated-code.md).  Returns an allocated string, or NULL with
   *why set to a short static reason ("vector type", "empty struct"...). */
char *rw_cc_x86_64(CXCursor fn, int knr, const char **why);
/* True if clang (before LLVM 18) would pass an argument of layout cc
   otherwise than gcc: an __int128 split between the last integer
   register and the stack, where the psABI (and gcc) put it all on the
   stack. */
int rw_cc_clang_differs(const char *cc);

/* ---- emit.c: model -> text */
void rw_emit(const struct rw_opts *o, const struct rw_unit *u,
	     struct rw_buf *out);
unsigned rw_emit_nsites(const struct rw_unit *u);

/* ---- patch.c: --mode=patch (docs/patches.md).  0, or -1 with *why */
int rw_patch(const struct rw_opts *o, struct rw_unit *u, char **why);
void rw_patch_emit(const struct rw_opts *o, const struct rw_unit *u,
		   struct rw_buf *out);

/* ---- trap_text.c (generated from include/tigerfix/trap.h) */
extern const char rw_trap_h[];

/* main.c: one rewrite (the command line of tf-rewrite) */
int rw_main(int argc, char **argv);
/* serve.c: the rewrite server; the status of the request being served
   goes to rw_status_fd (-1: none) */
int rw_serve(const char *path);
extern int rw_status_fd;

#endif
