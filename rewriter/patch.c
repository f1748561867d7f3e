/*
** tf-rewrite --mode=patch (docs/patches.md): on top of the normal
** rewrite, every object with static storage the main file defines is
** bound to the running program's instance.  Its declarations become
** imports, by token edits on the same lines:
**
**   static int n = 0;  ->  extern int n __asm__("tf.imp.object.f$2ec.n")
**                          __attribute__((__weak__));
**
** ("static" becomes "extern", or "extern " is inserted; the label goes
** after the declarator; the initializer is deleted; "[]" gets its size).
** Static locals are named fn/var (fn/var#2), as in the object exports.
** Not bound: const objects, thread-locals, declarations that say TF_NEW.
** Constructors and destructors lose that attribute: a patch must not
** re-run the program's initialisation.  What cannot be done exactly is
** refused with one line (tfcc then fails the patch build).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "patch.h"

struct lists {
	CXCursor *vars;		/* file-scope VarDecls of the main file */
	unsigned nvars, capvars;
	CXCursor *fns;		/* FunctionDecls of the main file */
	unsigned nfns, capfns;
	char **names;		/* every file-scope name of the unit */
	unsigned nnames, capnames;
};

struct pctx_l {
	struct pctx *x;
	struct lists *l;
};

static char *spell(CXCursor c)
{
	CXString s = clang_getCursorSpelling(c);
	char *r = rw_xstrdup(clang_getCString(s));
	clang_disposeString(s);
	return r;
}

/* Offset in the main file where c's name is written (not by a macro),
   or -1; *line gets its line. */
static long name_off(struct pctx *x, CXCursor c, unsigned *line)
{
	CXSourceLocation l = clang_getCursorLocation(c);
	CXFile f, sf;
	unsigned off, soff;
	clang_getExpansionLocation(l, &f, line, 0, &off);
	clang_getSpellingLocation(l, &sf, 0, 0, &soff);
	if (!f || !sf || !clang_File_isEqual(f, x->mainf) ||
	    !clang_File_isEqual(sf, x->mainf) || off != soff)
		return -1;
	return (long)off;
}

static int in_main(struct pctx *x, CXCursor c)
{
	CXFile f;
	clang_getExpansionLocation(clang_getCursorLocation(c), &f, 0, 0, 0);
	return f && clang_File_isEqual(f, x->mainf);
}

static enum CXChildVisitResult top(CXCursor c, CXCursor p, CXClientData d)
{
	struct pctx_l *pl = d;
	struct lists *l = pl->l;
	enum CXCursorKind k = clang_getCursorKind(c);
	(void)p;
	if (k != CXCursor_VarDecl && k != CXCursor_FunctionDecl)
		return CXChildVisit_Continue;
	RW_GROW(l->names, l->nnames, l->capnames);
	l->names[l->nnames++] = spell(c);
	if (!in_main(pl->x, c))
		return CXChildVisit_Continue;
	if (k == CXCursor_VarDecl) {
		RW_GROW(l->vars, l->nvars, l->capvars);
		l->vars[l->nvars++] = c;
	} else {
		RW_GROW(l->fns, l->nfns, l->capfns);
		l->fns[l->nfns++] = c;
	}
	return CXChildVisit_Continue;
}

/* const all the way down through arrays: a fixed table. */
static int is_const(CXType t)
{
	for (;;) {
		if (clang_isConstQualifiedType(t) ||
		    clang_isConstQualifiedType(clang_getCanonicalType(t)))
			return 1;
		CXType e = clang_getArrayElementType(clang_getCanonicalType(t));
		if (e.kind == CXType_Invalid)
			return 0;
		t = e;
	}
}

/* TF_NEW among the declaration's tokens or just before it. */
static int says_new(struct pctx *x, CXCursor c)
{
	CXSourceRange r = clang_getCursorExtent(c);
	unsigned a, b;
	clang_getExpansionLocation(clang_getRangeStart(r), 0, 0, 0, &a);
	clang_getExpansionLocation(clang_getRangeEnd(r), 0, 0, 0, &b);
	for (unsigned i = 0; i < x->nt && x->t[i].start < b; i++)
		if (x->t[i].start >= a && pe_tok_is(x, i, "TF_NEW"))
			return 1;
	/* identifiers right before the extent: TF_NEW static int x; */
	long i = 0;
	while ((unsigned long)i < x->nt && x->t[i].end <= a)
		i++;
	for (i--; i >= 0; i--) {
		if (pe_tok_is(x, i, "TF_NEW"))
			return 1;
		if (!rw_ident_start(x->u->src[x->t[i].start]))
			break;
	}
	return 0;
}

/* Whether the object c declares stays the patch's own. */
static int not_bound(struct pctx *x, CXCursor c)
{
	return clang_getCursorTLSKind(c) != CXTLS_None ||
	       is_const(clang_getCursorType(c)) || says_new(x, c);
}

/* The token ending the declarator whose name is token i ('=', ',', ';',
   an attribute), or -1; then *why is 1 for an asm label there, 2 for a
   preprocessor directive before the end, else 0. */
static long declarator_end(struct pctx *x, long i, int *why)
{
	int open = 0;
	*why = 0;
	for (long j = i + 1; (unsigned long)j < x->nt; j++) {
		if (pe_tok_is(x, j, "(") || pe_tok_is(x, j, "["))
			open++;
		else if (pe_tok_is(x, j, ")") || pe_tok_is(x, j, "]"))
			open -= open > 0;
		else if (open == 0) {
			if (pe_tok_is(x, j, "__asm__") || pe_tok_is(x, j, "__asm") ||
			    pe_tok_is(x, j, "asm")) {
				*why = 1;
				return -1;
			}
			if (pe_tok_is(x, j, "#") &&
			    rw_line_lead(x->u->src, x->t[j].start)) {
				*why = 2;
				return -1;
			}
			if (!pe_tok_is(x, j, "__attribute__") &&
			    !pe_tok_is(x, j, "__attribute") &&
			    rw_ident_start(x->u->src[x->t[j].start]))
				return -1;      /* a macro: made by a macro */
			if (pe_tok_is(x, j, "=") || pe_tok_is(x, j, ",") ||
			    pe_tok_is(x, j, ";") || pe_tok_is(x, j, "__attribute__") ||
			    pe_tok_is(x, j, "__attribute") || pe_tok_is(x, j, "{"))
				return j;
		}
	}
	return -1;
}

/* Index past the balanced group opening at token i. */
static long skip_group(struct pctx *x, long i)
{
	int depth = 0;
	for (; (unsigned long)i < x->nt; i++) {
		if (pe_tok_is(x, i, "(") || pe_tok_is(x, i, "[") || pe_tok_is(x, i, "{"))
			depth++;
		else if (pe_tok_is(x, i, ")") || pe_tok_is(x, i, "]") ||
			 pe_tok_is(x, i, "}"))
			if (--depth <= 0)
				return i + 1;
	}
	return i;
}

/* Group start offsets already given their storage class, and whether
   that group is bound (all declarators of a declaration share it). */
struct groups {
	size_t *start;
	int *bound;
	unsigned n, cap;
};

/* Storage class of the declaration starting at token s with name at
   token i: static -> extern, none -> extern inserted. */
static void storage(struct pctx *x, struct groups *g, long s, long i,
		    int bound, unsigned line, const char *name)
{
	for (unsigned k = 0; k < g->n; k++)
		if (g->start[k] == x->t[s].start) {
			if (g->bound[k] != bound)
				pe_fail(x, line, "'%s' shares its declaration "
					"with an object that is%s bound to the "
					"running program; declare it separately",
					name, bound ? " not" : "");
			return;
		}
	if (g->n == g->cap) {
		g->cap = g->cap ? 2 * g->cap : 16;
		g->start = rw_xrealloc(g->start, sizeof *g->start * g->cap);
		g->bound = rw_xrealloc(g->bound, sizeof *g->bound * g->cap);
	}
	g->start[g->n] = x->t[s].start;
	g->bound[g->n++] = bound;
	if (!bound)
		return;
	for (long j = s; j < i; j++) {
		if (pe_tok_is(x, j, "static")) {
			pe_edit(x, x->t[j].start, 6, "extern");
			return;
		}
		if (pe_tok_is(x, j, "extern"))
			return;
	}
	pe_edit(x, x->t[s].start, 0, "extern ");
}

/* Turns the declaration of c (name at token i; the whole declaration
   starts where decl does) into an import named name; new_name, if set,
   renames the declared identifier. */
static void import_decl(struct pctx *x, struct groups *g, CXCursor c,
			CXCursor decl, long i, unsigned line, const char *name,
			const char *new_name)
{
	char *var = pe_tok_text(x, i);
	CXSourceRange r = clang_getCursorExtent(decl);
	unsigned a;
	CXFile f;
	clang_getExpansionLocation(clang_getRangeStart(r), &f, 0, 0, &a);
	long s = pe_tok_at(x, a);
	int why;
	long end = declarator_end(x, i, &why);
	if (s < 0 || s > i || end < 0) {
		pe_fail(x, line, "cannot bind '%s' to the running program: %s",
			var, why == 1 ? "it already has an asm label; mark it "
			"TF_NEW or drop the label" : why == 2 ? "a preprocessor "
			"directive splits its declaration; move the directive "
			"out of it in the patch or mark it TF_NEW" : "its "
			"declaration is made by a macro; write it out in the "
			"patch or mark it TF_NEW");
		free(var);
		return;
	}
	storage(x, g, s, i, 1, line, var);
	if (new_name)
		pe_edit(x, x->t[i].start, x->t[i].end - x->t[i].start, new_name);
	/* name[] = {...}: the size the initializer gave */
	CXType t = clang_getCursorType(c);
	if (t.kind == CXType_ConstantArray && pe_tok_is(x, i + 1, "[") &&
	    pe_tok_is(x, i + 2, "]")) {
		char n[32];
		snprintf(n, sizeof n, "%lld", clang_getArraySize(t));
		pe_edit(x, x->t[i + 2].start, 0, n);
	}
	char *label = pe_import_label(x, name);
	pe_edit(x, x->t[end - 1].end, 0, label);
	free(label);
	x->dropoff = rw_xrealloc(x->dropoff, sizeof *x->dropoff *
				 (x->ndropoff + 1));
	x->dropoff[x->ndropoff++] = x->t[end - 1].end;
	long j = end;
	while (pe_tok_is(x, j, "__attribute__") || pe_tok_is(x, j, "__attribute"))
		j = skip_group(x, j + 1);
	if (pe_tok_is(x, j, "=")) {
		long k = j + 1;
		while ((unsigned long)k < x->nt && !pe_tok_is(x, k, ",") &&
		       !pe_tok_is(x, k, ";")) {
			if (pe_tok_is(x, k, "(") || pe_tok_is(x, k, "[") ||
			    pe_tok_is(x, k, "{"))
				k = skip_group(x, k);
			else
				k++;
		}
		if ((unsigned long)k < x->nt)
			pe_edit(x, x->t[j].start, x->t[k].start - x->t[j].start, "");
	}
	free(var);
}

static void drop_export(struct pctx *x, const char *name)
{
	x->drop = rw_xrealloc(x->drop, sizeof *x->drop * (x->ndrop + 1));
	x->drop[x->ndrop++] = rw_xstrdup(name);
}

/* File-scope objects: every main-file declaration of a bound object. */
static void file_scope(struct pctx *x, struct lists *l, struct groups *g)
{
	for (unsigned v = 0; v < l->nvars; v++) {
		CXCursor c = l->vars[v], canon = clang_getCanonicalCursor(c);
		int defined = 0, bound = 1;
		for (unsigned w = 0; w < l->nvars; w++) {
			CXCursor d = l->vars[w];
			if (!clang_equalCursors(clang_getCanonicalCursor(d), canon))
				continue;
			defined |= clang_isCursorDefinition(d) ||   /* or tentative */
				   clang_Cursor_getStorageClass(d) != CX_SC_Extern;
			bound &= !not_bound(x, d);
		}
		unsigned line = 0;
		long off = name_off(x, c, &line);
		char *name = spell(c);
		if (!defined || !bound) {
			if (off >= 0) {
				long i = pe_tok_at(x, (size_t)off);
				CXSourceRange r = clang_getCursorExtent(c);
				unsigned a;
				clang_getExpansionLocation(clang_getRangeStart(r),
							   0, 0, 0, &a);
				long s = pe_tok_at(x, a);
				if (i >= 0 && s >= 0 && s <= i)
					storage(x, g, s, i, 0, line, name);
			}
			free(name);
			continue;
		}
		long i = off >= 0 ? pe_tok_at(x, (size_t)off) : -1;
		if (i < 0)
			pe_fail(x, line, "cannot bind '%s' to the running "
				"program: its name is made by a macro; write it "
				"out in the patch or mark it TF_NEW", name);
		else
			import_decl(x, g, c, c, i, line, name, 0);
		drop_export(x, name);
		free(name);
	}
}

/* A static local: where, whose, and what it becomes. */
struct local {
	CXCursor c, fn;
	CXCursor stmt;		/* its DeclStmt: where "static" is */
	char *var, *name;	/* "n", "f/n" or "f/n#2" */
	long tok;		/* its name's token */
	unsigned line;
	int bound;
};

struct locals {
	struct pctx *x;
	CXCursor fn;
	char *fname;
	struct local *v;
	unsigned n, cap;
	unsigned first;		/* first of the current function */
};

static enum CXChildVisitResult find_locals(CXCursor c, CXCursor p,
					   CXClientData d)
{
	struct locals *s = d;
	if (clang_getCursorKind(c) != CXCursor_VarDecl ||
	    clang_Cursor_getStorageClass(c) != CX_SC_Static)
		return CXChildVisit_Recurse;
	if (clang_getCursorTLSKind(c) != CXTLS_None)
		return CXChildVisit_Continue;
	RW_GROW(s->v, s->n, s->cap);
	struct local *lv = &s->v[s->n];
	memset(lv, 0, sizeof *lv);
	lv->c = c;
	lv->stmt = clang_getCursorKind(p) == CXCursor_DeclStmt ? p : c;
	lv->fn = s->fn;
	lv->var = spell(c);
	long off = name_off(s->x, c, &lv->line);
	lv->tok = off >= 0 ? pe_tok_at(s->x, (size_t)off) : -1;
	lv->bound = !not_bound(s->x, c);
	unsigned same = 1;
	for (unsigned k = s->first; k < s->n; k++)
		same += !strcmp(s->v[k].var, lv->var);
	struct rw_buf b = {0};
	rw_buf_printf(&b, "%s/%s", s->fname, lv->var);
	if (same > 1)
		rw_buf_printf(&b, "#%u", same);
	lv->name = rw_buf_take(&b);
	s->n++;
	return CXChildVisit_Continue;
}

/* The rewriter instruments fn (so the target exports its statics). */
static int instrumented(const struct rw_unit *u, const char *name,
			unsigned line)
{
	for (unsigned i = 0; i < u->nfuncs; i++)
		if (u->funcs[i].file == 0 && !strcmp(u->funcs[i].name, name) &&
		    u->funcs[i].line == line)
			return !u->funcs[i].skip &&
			       !(u->funcs[i].flags & RW_INLINE_ONLY);
	return 0;
}

struct renames {
	struct pctx *x;
	CXCursor var;
	const char *to;
	const struct local *lv;
};

static enum CXChildVisitResult rename_refs(CXCursor c, CXCursor p,
					   CXClientData d)
{
	struct renames *r = d;
	(void)p;
	if (clang_getCursorKind(c) != CXCursor_DeclRefExpr ||
	    !clang_equalCursors(clang_getCursorReferenced(c), r->var))
		return CXChildVisit_Recurse;
	unsigned line = 0;
	long off = name_off(r->x, c, &line);
	long i = off >= 0 ? pe_tok_at(r->x, (size_t)off) : -1;
	if (i < 0 || !pe_tok_is(r->x, i, r->lv->var))
		pe_fail(r->x, line, "static local '%s' is used through a macro, "
			"and its name clashes with another name of the file, so "
			"the patch cannot bind it; rename it in the patch's copy "
			"of the macro or mark it TF_NEW", r->lv->name);
	else
		pe_edit(r->x, r->x->t[i].start, r->x->t[i].end - r->x->t[i].start,
			r->to);
	return CXChildVisit_Continue;
}

/* Static locals of instrumented functions become block-scope imports.
   Two block-scope externs of one name are one entity in C (and any
   file-scope name would be taken instead), so a clashing name is
   renamed in the function, to tf__P<k>_<var>. */
static void static_locals(struct pctx *x, struct lists *l, struct groups *g)
{
	struct locals s;
	memset(&s, 0, sizeof s);
	s.x = x;
	for (unsigned f = 0; f < l->nfns; f++) {
		CXCursor c = l->fns[f];
		unsigned line = 0;
		if (!clang_isCursorDefinition(c))
			continue;
		s.fname = spell(c);
		clang_getExpansionLocation(clang_getCursorLocation(c), 0, &line,
					   0, 0);
		if (instrumented(x->u, s.fname, line)) {
			s.fn = c;
			s.first = s.n;
			clang_visitChildren(c, find_locals, &s);
		}
		free(s.fname);
	}
	for (unsigned k = 0; k < s.n; k++) {
		struct local *lv = &s.v[k];
		if (!lv->bound)
			continue;
		if (lv->tok < 0) {
			pe_fail(x, lv->line, "cannot bind static local '%s' to "
				"the running program: its name is made by a macro; "
				"write it out in the patch or mark it TF_NEW",
				lv->name);
			continue;
		}
		int clash = 0;
		for (unsigned j = 0; j < s.n && !clash; j++)
			clash = j != k && s.v[j].bound && !strcmp(s.v[j].var, lv->var);
		for (unsigned j = 0; j < l->nnames && !clash; j++)
			clash = !strcmp(l->names[j], lv->var);
		char to[300];
		snprintf(to, sizeof to, "tf__P%u_%s", k, lv->var);
		import_decl(x, g, lv->c, lv->stmt, lv->tok, lv->line, lv->name,
			    clash ? to : 0);
		if (clash) {
			struct renames r = { x, lv->c, to, lv };
			clang_visitChildren(lv->fn, rename_refs, &r);
		}
		drop_export(x, lv->name);
	}
	for (unsigned k = 0; k < s.n; k++) {
		free(s.v[k].var);
		free(s.v[k].name);
	}
	free(s.v);
}

static void ctor_attributes(struct pctx *x, struct lists *l)
{
	static const char *const kw[] = {
		"constructor", "__constructor__", "destructor", "__destructor__", 0
	};
	char **done = 0;
	unsigned ndone = 0;
	for (unsigned f = 0; f < l->nfns; f++) {
		CXCursor c = l->fns[f];
		CXSourceRange r = clang_getCursorExtent(c);
		unsigned a, b;
		clang_getExpansionLocation(clang_getRangeStart(r), 0, 0, 0, &a);
		clang_getExpansionLocation(clang_getRangeEnd(r), 0, 0, 0, &b);
		long i = 0;
		while ((unsigned long)i < x->nt && x->t[i].start < a)
			i++;
		for (; (unsigned long)i < x->nt && x->t[i].start < b &&
		       !pe_tok_is(x, i, "{"); i++) {
			if (!pe_tok_is(x, i, "__attribute__") &&
			    !pe_tok_is(x, i, "__attribute"))
				continue;
			long end = skip_group(x, i + 1);
			for (long j = i + 1; j < end; j++)
				for (const char *const *k = kw; *k; k++) {
					if (!pe_tok_is(x, j, *k))
						continue;
					long e = pe_tok_is(x, j + 1, "(") ?
						 skip_group(x, j + 1) : j + 1;
					pe_edit(x, x->t[j].start, x->t[e - 1].end -
						x->t[j].start, "__unused__");
					done = rw_xrealloc(done, sizeof *done *
							   (ndone + 1));
					done[ndone++] = spell(c);
					j = e - 1;
					break;
				}
			i = end - 1;
		}
	}
	for (unsigned f = 0; f < l->nfns && !x->why; f++) {
		CXCursor c = l->fns[f];
		if (!clang_isCursorDefinition(c) || !clang_Cursor_hasAttrs(c))
			continue;
		CXPrintingPolicy pol = clang_getCursorPrintingPolicy(c);
		clang_PrintingPolicy_setProperty(pol, CXPrintingPolicy_TerseOutput, 1);
		CXString s = clang_getCursorPrettyPrinted(c, pol);
		const char *t = clang_getCString(s);
		int ctor = strstr(t, "((constructor") || strstr(t, "((destructor");
		clang_disposeString(s);
		clang_PrintingPolicy_dispose(pol);
		char *name = spell(c);
		int ok = !ctor;
		for (unsigned k = 0; k < ndone && !ok; k++)
			ok = !strcmp(done[k], name);
		unsigned line = 0;
		clang_getExpansionLocation(clang_getCursorLocation(c), 0, &line, 0, 0);
		if (!ok)
			pe_fail(x, line, "%s() is a constructor or destructor whose "
				"attribute is not written in this file; a patch "
				"must not re-run the program's initialisation: "
				"remove the attribute from the patch", name);
		free(name);
	}
	for (unsigned k = 0; k < ndone; k++)
		free(done[k]);
	free(done);
}

int rw_patch(const struct rw_opts *o, struct rw_unit *u, char **why)
{
	struct pctx x;
	struct lists l;
	struct groups g;
	memset(&x, 0, sizeof x);
	memset(&l, 0, sizeof l);
	memset(&g, 0, sizeof g);
	x.o = o;
	x.u = u;
	x.file = o->target_file ? rw_xstrdup(o->target_file) :
		 rw_args_file_name(o, o->presumed);
	CXIndex idx = clang_createIndex(0, 0);
	struct CXUnsavedFile uf = { o->source, u->src, (unsigned long)u->len };
	enum CXErrorCode e = clang_parseTranslationUnit2(idx, o->source,
		(const char *const *)o->clang, o->nclang, &uf, 1,
		CXTranslationUnit_IgnoreNonErrorsFromIncludedFiles, &x.tu);
	if (e != CXError_Success || !x.tu || !(x.mainf = clang_getFile(x.tu, o->source))) {
		*why = rw_xstrdup("patch mode: libclang failed on the second "
				  "parse; check that libclang 14 is installed");
		clang_disposeIndex(idx);
		return -1;
	}
	pe_tokenize(&x);
	struct pctx_l pl = { &x, &l };
	clang_visitChildren(clang_getTranslationUnitCursor(x.tu), top, &pl);
	file_scope(&x, &l, &g);
	static_locals(&x, &l, &g);
	ctor_attributes(&x, &l);
	if (!x.why)
		pe_apply(&x);
	*why = x.why;
	free((char *)x.file);
	for (unsigned i = 0; i < l.nnames; i++)
		free(l.names[i]);
	free(l.names);
	free(l.vars);
	free(l.fns);
	free(g.start);
	free(g.bound);
	free(x.t);
	for (unsigned i = 0; i < x.ne; i++)
		free(x.e[i].text);
	free(x.e);
	free(x.dropoff);
	for (unsigned i = 0; i < x.ndrop; i++)
		free(x.drop[i]);
	free(x.drop);
	clang_disposeTranslationUnit(x.tu);
	clang_disposeIndex(idx);
	return *why ? -1 : 0;
}
