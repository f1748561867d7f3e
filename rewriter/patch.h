/*
** tf-rewrite --mode=patch: state shared by patch.c (what to change, from
** libclang) and patch_edit.c (tokens of the main file, the text edits,
** import names, and the patch's emitted text).
*/
#ifndef TF_REWRITER_PATCH_H
#define TF_REWRITER_PATCH_H

#include "rewriter.h"

/* One token of the main file, by byte offsets. */
struct ptok {
	size_t start, end;
};

/* Replace del bytes at off by text ("" deletes, del 0 inserts). */
struct pedit {
	size_t off, del;
	char *text;
};

struct pctx {
	const struct rw_opts *o;
	struct rw_unit *u;
	CXTranslationUnit tu;
	CXFile mainf;
	const char *file;	/* <file> of the import names */
	struct ptok *t;		/* every token of the main file */
	unsigned nt;
	struct pedit *e;
	unsigned ne, cape;
	char *why;		/* first error, one line */
	char **drop;		/* object exports that became imports */
	unsigned ndrop;
	size_t *dropoff;	/* offsets of u->edits to drop (their labels) */
	unsigned ndropoff;
};

/* patch_edit.c */
void pe_tokenize(struct pctx *x);
long pe_tok_at(const struct pctx *x, size_t off);  /* token starting at off */
int pe_tok_is(const struct pctx *x, long i, const char *s);
char *pe_tok_text(const struct pctx *x, long i);
void pe_edit(struct pctx *x, size_t off, size_t del, const char *text);
void pe_fail(struct pctx *x, unsigned line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
char *pe_import_label(const struct pctx *x, const char *name);
void pe_apply(struct pctx *x);

#endif
