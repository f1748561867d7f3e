/*
** Reads one C file with libclang (parsed once, with the user's flags) and
** fills the model: each function definition of the main file (and of
** the .c files it includes, see include.c) with what its trap, thunk and
** record need (or why it is skipped), each object with static storage to
** export, and the asm labels of static locals.
**
** Rules: a body is instrumented only when its '{' is written in the same
** file as its name (the byte there is '{'); bodies made by macros are
** skipped.  Only
** bodies are tokenized; static locals are searched for only in bodies
** that contain the keyword "static".
*/
#define _GNU_SOURCE     /* memmem */
#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rewriter.h"

struct ctx {
	const struct rw_opts *o;
	struct rw_unit *u;
	CXTranslationUnit tu;
	CXFile cx[64];		/* files[i] of the unit, as libclang knows them */
	unsigned base[64];	/* and which inclusion, for a file included
				   more than once (rw_loc_base), else 0 */
	unsigned cur_base;	/* the inclusion of the cursor at hand */
	unsigned nfiles;
	CXPrintingPolicy pol;
	CXCursor *decls;	/* every file-scope function declaration */
	unsigned ndecls, capdecls;
	CXCursor *defs;		/* main-file function definitions, in order */
	unsigned ndefs, capdefs;
	char **ifunc;		/* names of ifunc resolvers */
	unsigned nifunc;
	char **vars;		/* file-scope objects already exported */
	unsigned nvars;
	struct sigmemo {	/* rw_type_sighash by canonical function type */
		const void *type;
		uint64_t h;
	} *sigs;
	unsigned nsigs, capsigs;
	struct rw_types *types;	/* records' layouts, for sighash */
	int x86_64;		/* target is x86-64 (LP64): cc= records */
	int wide;		/* wide_target(): no RW_REGCALL in the unit */
	struct rw_multi *multi;	/* .c files included more than once */
	unsigned nmulti;
	long *unused;		/* file-scope objects clang says are unused:
				   file index * 2^32 + offset of the name */
	unsigned nunused;
};

/* One token of a body: where it is in the source. */
struct tok {
	size_t start, end;
};

char *rw_spelling(CXCursor c)
{
	CXString s = clang_getCursorSpelling(c);
	char *r = rw_xstrdup(clang_getCString(s));
	clang_disposeString(s);
	return r;
}

/* Offset of a location (expansion point) in one of the unit's files,
   whose index goes to *fi; -1 elsewhere. */
static long file_offset(struct ctx *x, CXSourceLocation l, unsigned *fi,
			unsigned *line)
{
	CXFile f;
	unsigned off;
	clang_getExpansionLocation(l, &f, line, 0, &off);
	for (unsigned i = 0; f && i < x->nfiles; i++)
		if (clang_File_isEqual(f, x->cx[i])) {
			if (x->base[i]) {	/* one of its inclusions */
				unsigned b = rw_loc_base(l);
				if ((b ? b : x->cur_base) != x->base[i])
					continue;
			}
			if (off > x->u->files[i].len)
				return -1;
			if (fi)
				*fi = i;
			return (long)off;
		}
	return -1;
}

/* Offset in file fi, or -1. */
static long offset_in(struct ctx *x, CXSourceLocation l, unsigned fi)
{
	unsigned at = 0;
	long off = file_offset(x, l, &at, 0);
	return at == fi ? off : -1;
}

static int is_ident_char(char c)
{
	return rw_ident_start(c) || (c >= '0' && c <= '9') || c == '$';
}

/* Whether name is written at off (and not produced by a macro). */
static int written_at(struct ctx *x, unsigned fi, long off, const char *name)
{
	const struct rw_file *rf = &x->u->files[fi];
	size_t n = strlen(name);
	if (off < 0 || (size_t)off + n > rf->len)
		return 0;
	const char *p = rf->src + off;
	return !memcmp(p, name, n) &&
	       ((size_t)off + n == rf->len || !is_ident_char(p[n]));
}

/* The declaration's attributes, as clang prints them (only for
   declarations that have attributes: printing is not free). */
static char *attr_text(struct ctx *x, CXCursor c)
{
	struct rw_buf b = {0};
	CXCursor canon = clang_getCanonicalCursor(c);
	CXCursor both[2] = { c, canon };
	for (int i = 0; i < 2; i++) {
		if (i == 1 && clang_equalCursors(c, canon))
			break;
		if (!clang_Cursor_hasAttrs(both[i]))
			continue;
		CXString s = clang_getCursorPrettyPrinted(both[i], x->pol);
		rw_buf_puts(&b, clang_getCString(s));
		rw_buf_puts(&b, "\n");
		clang_disposeString(s);
	}
	return rw_buf_take(&b);
}

/* Remembers resolvers named by ifunc("name") attributes. */
static void note_ifunc(struct ctx *x, const char *attrs)
{
	for (const char *p = attrs; (p = strstr(p, "ifunc(\"")); ) {
		p += 7;
		const char *q = strchr(p, '"');
		if (!q)
			break;
		x->ifunc = rw_xrealloc(x->ifunc, sizeof *x->ifunc * (x->nifunc + 1));
		x->ifunc[x->nifunc++] = rw_xstrndup(p, (size_t)(q - p));
	}
}

static int add_var_name(struct ctx *x, const char *name)
{
	for (unsigned i = 0; i < x->nvars; i++)
		if (!strcmp(x->vars[i], name))
			return 0;
	x->vars = rw_xrealloc(x->vars, sizeof *x->vars * (x->nvars + 1));
	x->vars[x->nvars++] = rw_xstrdup(name);
	return 1;
}

static void add_obj(struct rw_unit *u, char *name, char *var, char *label,
		    int func)
{
	RW_GROW(u->objs, u->nobjs, u->capobjs);
	struct rw_obj *ob = &u->objs[u->nobjs++];
	ob->name = name;
	ob->var = var;
	ob->label = label;
	ob->func = func;
}

/* The file-scope objects nothing uses (clang's -Wunused-variable and
   -Wunused-const-variable, with the source's pragmas and attributes): not
   exported (tf__O), so gcc still says "defined but not used" and drops
   them, as without tfcc. */
static void find_unused_objects(struct ctx *x)
{
	unsigned n = clang_getNumDiagnostics(x->tu);
	for (unsigned i = 0; i < n; i++) {
		CXDiagnostic d = clang_getDiagnostic(x->tu, i);
		CXString opt = clang_getDiagnosticOption(d, 0);
		const char *s = clang_getCString(opt);
		unsigned fi;
		long off;
		if (s && (!strcmp(s, "-Wunused-variable") ||
			  !strcmp(s, "-Wunused-const-variable")) &&
		    (off = file_offset(x, clang_getDiagnosticLocation(d), &fi, 0)) >= 0) {
			x->unused = rw_xrealloc(x->unused, sizeof *x->unused *
						(x->nunused + 1));
			x->unused[x->nunused++] = (long)fi << 32 | off;
		}
		clang_disposeString(opt);
		clang_disposeDiagnostic(d);
	}
}

/* A file-scope object definition of the main file. */
static void file_object(struct ctx *x, CXCursor c)
{
	enum CX_StorageClass sc = clang_Cursor_getStorageClass(c);
	if (sc == CX_SC_Register || clang_getCursorTLSKind(c) != CXTLS_None)
		return;
	if (sc == CX_SC_Extern && !clang_isCursorDefinition(c))
		return;
	char *name = rw_spelling(c);
	unsigned fi = 0;
	long off = file_offset(x, clang_getCursorLocation(c), &fi, 0);
	for (unsigned i = 0; off >= 0 && i < x->nunused; i++)
		if (x->unused[i] == ((long)fi << 32 | off))
			off = -1;
	if (!*name || !written_at(x, fi, off, name) || !add_var_name(x, name)) {
		free(name);
		return;
	}
	add_obj(x->u, name, rw_xstrdup(name), 0, -1);
}

/* A definition in a .c file the main file includes more than once whose
   inclusions rw_include_find could not tell apart: one --explain line,
   skipped. */
static void in_multi(struct ctx *x, CXCursor c)
{
	CXFile f;
	unsigned line;
	clang_getExpansionLocation(clang_getCursorLocation(c), &f, &line, 0, 0);
	for (unsigned i = 0; f && i < x->nmulti; i++)
		if (clang_File_isEqual(f, x->multi[i].f)) {
			struct rw_unit *u = x->u;
			RW_GROW(u->xskips, u->nxskips, u->capxskips);
			struct rw_xskip *s = &u->xskips[u->nxskips++];
			s->file = x->multi[i].presumed;
			s->name = rw_spelling(c);
			s->line = line;
			s->why = "its file is #included more than once (a "
				 "template) and its inclusions cannot be told "
				 "apart: one declares nothing, or another file "
				 "includes it too";
			return;
		}
}

/* Which inclusion of its file cursor c is in: from the first of its
   extent's ends and its location that is no macro expansion; 0 if none. */
static unsigned cursor_base(CXCursor c)
{
	CXSourceRange r = clang_getCursorExtent(c);
	CXSourceLocation at[3] = { clang_getRangeStart(r), clang_getRangeEnd(r),
				   clang_getCursorLocation(c) };
	for (int i = 0; i < 3; i++) {
		unsigned b = rw_loc_base(at[i]);
		if (b)
			return b;
	}
	return 0;
}

static enum CXChildVisitResult top(CXCursor c, CXCursor parent, CXClientData d)
{
	struct ctx *x = d;
	(void)parent;
	x->cur_base = cursor_base(c);
	enum CXCursorKind k = clang_getCursorKind(c);
	if (k == CXCursor_FunctionDecl) {
		RW_GROW(x->decls, x->ndecls, x->capdecls);
		x->decls[x->ndecls++] = c;
		if (file_offset(x, clang_getCursorLocation(c), 0, 0) < 0) {
			if (clang_isCursorDefinition(c))
				in_multi(x, c);
			return CXChildVisit_Continue;
		}
		if (clang_Cursor_hasAttrs(c)) {
			CXString s = clang_getCursorPrettyPrinted(c, x->pol);
			note_ifunc(x, clang_getCString(s));
			clang_disposeString(s);
		}
		if (clang_isCursorDefinition(c)) {
			RW_GROW(x->defs, x->ndefs, x->capdefs);
			x->defs[x->ndefs++] = c;
		}
	} else if (k == CXCursor_VarDecl &&
		   file_offset(x, clang_getCursorLocation(c), 0, 0) >= 0) {
		file_object(x, c);
	}
	return CXChildVisit_Continue;
}

static enum CXChildVisitResult find_body(CXCursor c, CXCursor p, CXClientData d)
{
	(void)p;
	if (clang_getCursorKind(c) == CXCursor_CompoundStmt)
		*(CXCursor *)d = c;
	return CXChildVisit_Continue;
}

/* Source offsets of the tokens of range r (in file fi only). */
static struct tok *tokens(struct ctx *x, unsigned fi, CXSourceRange r,
			  unsigned *n)
{
	CXToken *t = 0;
	unsigned nt = 0;
	clang_tokenize(x->tu, r, &t, &nt);
	struct tok *v = rw_xmalloc(sizeof *v * (nt + 1));
	unsigned k = 0;
	for (unsigned i = 0; i < nt; i++) {
		CXSourceRange e = clang_getTokenExtent(x->tu, t[i]);
		unsigned a, b;
		CXFile f;
		clang_getFileLocation(clang_getRangeStart(e), &f, 0, 0, &a);
		clang_getFileLocation(clang_getRangeEnd(e), 0, 0, 0, &b);
		if (!f || !clang_File_isEqual(f, x->cx[fi]) || b < a ||
		    b > x->u->files[fi].len ||
		    clang_getTokenKind(t[i]) == CXToken_Comment)
			continue;
		v[k].start = a;
		v[k].end = b;
		k++;
	}
	if (t)
		clang_disposeTokens(x->tu, t, nt);
	*n = k;
	return v;
}

static int tok_is(struct ctx *x, unsigned fi, const struct tok *t,
		  const char *s)
{
	size_t n = strlen(s);
	return t->end - t->start == n &&
	       !memcmp(x->u->files[fi].src + t->start, s, n);
}

/* K&R definition: a ';' at nesting depth 0 between name and body.
   brace: where the body starts, a file location (its '{' is written in
   file fi); clang_getLocationForOffset would find the same location but
   costs about a million instructions a call on macro-heavy files. */
static int knr_syntax(struct ctx *x, unsigned fi, CXSourceLocation name,
		      CXSourceLocation brace)
{
	CXSourceRange r = clang_getRange(name, brace);
	unsigned n;
	struct tok *t = tokens(x, fi, r, &n);
	int depth = 0, knr = 0;
	for (unsigned i = 0; i < n && !knr; i++) {
		char c = x->u->files[fi].src[t[i].start];
		if (t[i].end - t[i].start != 1)
			continue;
		if (c == '(' || c == '[' || c == '{')
			depth++;
		else if (c == ')' || c == ']' || c == '}')
			depth--;
		else if (c == ';' && depth == 0)
			knr = 1;
	}
	free(t);
	return knr;
}

/* Whether this declaration itself says inline (clang's isInlined also
   answers yes for later declarations of an inline function). */
static int inline_specified(struct ctx *x, CXCursor c)
{
	CXString s = clang_getCursorPrettyPrinted(c, x->pol);
	const char *t = clang_getCString(s);
	const char *paren = strchr(t, '(');
	const char *in = strstr(t, "inline ");
	int r = in && (!paren || in < paren);
	clang_disposeString(s);
	return r;
}

/* A function of internal linkage: defined static, or defined without it
   (or "extern") after a static declaration, which gives the definition
   the earlier linkage (C11 6.2.2p4-5; libyaml's scanner.c). */
static int internal_fn(CXCursor c)
{
	return clang_Cursor_getStorageClass(c) == CX_SC_Static ||
	       clang_getCursorLinkage(c) == CXLinkage_Internal;
}

/* C99: a non-static inline definition is inline-only unless some
   declaration of the function is extern or lacks inline.  gnu89 (by
   -std, -fgnu89-inline or the gnu_inline attribute): inline-only exactly
   when it is "extern inline". */
static int inline_only(struct ctx *x, CXCursor c, int gnu)
{
	enum CX_StorageClass sc = clang_Cursor_getStorageClass(c);
	if (!clang_Cursor_isFunctionInlined(c) || internal_fn(c))
		return 0;
	if (gnu)
		return sc == CX_SC_Extern && inline_specified(x, c);
	CXCursor canon = clang_getCanonicalCursor(c);
	for (unsigned i = 0; i < x->ndecls; i++) {
		CXCursor d = x->decls[i];
		if (!clang_equalCursors(clang_getCanonicalCursor(d), canon))
			continue;
		if (clang_Cursor_getStorageClass(d) == CX_SC_Extern ||
		    !clang_Cursor_isFunctionInlined(d) ||
		    !inline_specified(x, d))
			return 0;
	}
	return 1;
}

struct statics {
	struct ctx *x;
	struct rw_func *f;
	struct tok *t;
	unsigned nt;
	unsigned count;		/* statics exported so far in this function */
	char **names;		/* their variable names, for "#2" */
};

/* Index of the token starting at off, or -1. */
static long tok_at(const struct tok *t, unsigned n, size_t off)
{
	unsigned lo = 0, hi = n;
	while (lo < hi) {
		unsigned mid = (lo + hi) / 2;
		if (t[mid].start < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && t[lo].start == off ? (long)lo : -1;
}

/* Where a declarator that starts with its name at token i ends: before
   '=', ',', ';', attributes, an asm label, a preprocessor directive (a
   bison parser's "static YYLTYPE yyloc_default\n# if ...\n= {...}") or a
   macro at the same nesting.  Returns the token that stops it, or -1
   (an asm label there already). */
static long declarator_end(struct ctx *x, unsigned fi, const struct tok *t,
			   unsigned n, unsigned i)
{
	static const char *const stop[] = {
		"=", ",", ";", "{", "__attribute__", "__attribute", 0
	};
	int open = 0;
	for (unsigned j = i + 1; j < n; j++) {
		if (tok_is(x, fi, &t[j], "(") || tok_is(x, fi, &t[j], "["))
			open++;
		else if (tok_is(x, fi, &t[j], ")") || tok_is(x, fi, &t[j], "]"))
			open -= open > 0;
		else if (open == 0) {
			if (tok_is(x, fi, &t[j], "__asm__") || tok_is(x, fi, &t[j], "__asm") ||
			    tok_is(x, fi, &t[j], "asm"))
				return -1;	/* already has a label */
			for (const char *const *s = stop; *s; s++)
				if (tok_is(x, fi, &t[j], *s))
					return (long)j;
			/* a directive, or a word the declarator cannot hold
			   there: a macro ("#define INIT = 5", an attribute
			   macro), which the label must precede */
			const char *src = x->u->files[fi].src;
			if ((src[t[j].start] == '#' &&
			     rw_line_lead(src, t[j].start)) ||
			    rw_ident_start(src[t[j].start]))
				return (long)j;
		}
	}
	return -1;
}

/*
** Under LTO the second name of a static local comes from a declaration
** put after the local's own (the trap, before it, cannot name it): an
** unused int whose initializer is an asm that takes the local's address
** as an operand.  A static that two partitions of the link share is
** renamed (.lto_priv.N); the operand follows it, a name in asm text does
** not.  The asm emits no instruction.  Weak and hidden: each partition
** with a copy of the function defines it, the one with the unit's table
** may have none.  Returns the edit's text.
*/
static char *lto_second_name(const char *label, const char *var, unsigned k)
{
	struct rw_buf b = {0};
	rw_buf_printf(&b, " __extension__ int tf__d%u __attribute__((__unused__)) = "
		      "({ __asm__(\".ifndef tf.L%s\\n\\t.weak tf.L%s\\n\\t"
		      ".hidden tf.L%s\\n\\t.set tf.L%s, %%c0\\n\\t.endif\" "
		      ": : \"i\"(&%s)); 0; });", k, label + 4, label + 4,
		      label + 4, label + 4, var);
	return rw_buf_take(&b);
}

static void static_local(struct statics *s, CXCursor c, CXCursor decl)
{
	struct ctx *x = s->x;
	if (clang_Cursor_getStorageClass(c) != CX_SC_Static ||
	    clang_getCursorTLSKind(c) != CXTLS_None)
		return;
	char *var = rw_spelling(c);
	unsigned fi = s->f->file;
	long off = offset_in(x, clang_getCursorLocation(c), fi);
	long i = written_at(x, fi, off, var) ? tok_at(s->t, s->nt, (size_t)off) : -1;
	long end = i >= 0 ? declarator_end(x, fi, s->t, s->nt, (unsigned)i) : -1;
	if (end < 0) {
		free(var);
		return;
	}
	unsigned same = 1;
	for (unsigned k = 0; k < s->count; k++)
		same += !strcmp(s->names[k], var);
	s->names = rw_xrealloc(s->names, sizeof *s->names * (s->count + 1));
	s->names[s->count++] = var;

	struct rw_buf name = {0}, label = {0}, text = {0};
	rw_buf_printf(&name, "%s/%s", s->f->name, var);
	rw_buf_printf(&label, "tf.l.%s.%s.%s", x->o->uid, s->f->name, var);
	if (same > 1) {
		rw_buf_printf(&name, "#%u", same);
		rw_buf_printf(&label, ".%u", same);
	}
	rw_buf_printf(&text, " __asm__(\"%s\") __attribute__((__used__))",
		      label.p);
	struct rw_unit *u = x->u;
	RW_GROW(u->edits, u->nedits, u->capedits);
	u->edits[u->nedits].file = fi;
	u->edits[u->nedits].off = s->t[end - 1].end;
	u->edits[u->nedits].len = 0;
	u->edits[u->nedits].sub = -1;
	u->edits[u->nedits].text = rw_buf_take(&text);
	u->nedits++;
	if (x->o->lto) {
		long semi = offset_in(x, clang_getRangeEnd(clang_getCursorExtent(decl)), fi);
		const char *src = u->files[fi].src;
		if (semi > 0 && src[semi - 1] == ';') {
			RW_GROW(u->edits, u->nedits, u->capedits);
			u->edits[u->nedits].file = fi;
			u->edits[u->nedits].off = (size_t)semi;
			u->edits[u->nedits].len = 0;
			u->edits[u->nedits].sub = -1;
			u->edits[u->nedits].text = lto_second_name(label.p, var,
								  s->count);
			u->nedits++;
		}
	}
	add_obj(u, rw_buf_take(&name), 0, rw_buf_take(&label),
		(int)(s->f - u->funcs));
}

static enum CXChildVisitResult find_statics(CXCursor c, CXCursor p,
					    CXClientData d)
{
	if (clang_getCursorKind(c) == CXCursor_VarDecl)
		static_local(d, c, p);
	return CXChildVisit_Recurse;
}

static int skipped_by_glob(struct ctx *x, const char *name)
{
	for (int i = 0; i < x->o->nskip; i++)
		if (!fnmatch(x->o->skip[i], name, 0))
			return 1;
	return 0;
}

/* An integer (up to 64 bits), enum or pointer: one INTEGER register.
   *narrow: an integer narrower than int (the caller widens it). */
static int reg_scalar(CXType t, int *narrow)
{
	t = clang_getCanonicalType(t);
	long long size = clang_Type_getSizeOf(t);
	*narrow = 0;
	switch (t.kind) {
	case CXType_Pointer:
		return size == 8;
	case CXType_Bool: case CXType_Char_U: case CXType_UChar:
	case CXType_Char16: case CXType_Char32: case CXType_UShort:
	case CXType_UInt: case CXType_ULong: case CXType_ULongLong:
	case CXType_Char_S: case CXType_SChar: case CXType_WChar:
	case CXType_Short: case CXType_Int: case CXType_Long:
	case CXType_LongLong: case CXType_Enum:
		*narrow = size > 0 && size < 4;
		return size > 0 && size <= 8;
	default:
		return 0;
	}
}

/* RW_REGCALL (TF__RSEL in trap.h): a prototyped, non-variadic function of
   at most six such arguments, returning one or nothing. */
static void regcall(CXCursor c, struct rw_func *f)
{
	CXType ft = clang_getCanonicalType(clang_getCursorType(c));
	int narrow;
	if (ft.kind != CXType_FunctionProto || clang_isFunctionTypeVariadic(ft) ||
	    (f->flags & RW_KNR) || f->nparams > 6)
		return;
	CXType rt = clang_getCanonicalType(clang_getResultType(ft));
	if (!(f->flags & RW_VOID) && (!reg_scalar(rt, &narrow) ||
	    clang_isConstQualifiedType(rt) || clang_isVolatileQualifiedType(rt)))
		return;		/* (a qualified result: the asm's output) */
	f->promote = 0;
	for (unsigned i = 0; i < f->nparams; i++) {
		CXType pt = clang_getCursorType(clang_Cursor_getArgument(c, i));
		if (clang_getCanonicalType(pt).kind == CXType_Atomic ||
		    !reg_scalar(clang_getArgType(ft, i), &narrow))
			return;
		if (narrow)
			f->promote |= 1u << i;
	}
	f->flags |= RW_REGCALL;
}

static void signature(struct ctx *x, CXCursor c, struct rw_func *f)
{
	CXType ft = clang_getCursorType(c);
	CXType rt = clang_getResultType(ft);
	f->ret = rw_type_spell(rt);
	if (clang_getCanonicalType(rt).kind == CXType_Void)
		f->flags |= RW_VOID;
	if (clang_getCanonicalType(rt).kind == CXType_Record)
		f->flags |= RW_AGGRET;
	for (unsigned i = 0; i < f->nparams; i++) {
		CXCursor pc = clang_Cursor_getArgument(c, i);
		CXType pt = clang_getCursorType(pc);
		struct rw_param *p = &f->params[i];
		switch (clang_getCanonicalType(pt).kind) {
		case CXType_Bool: case CXType_Char_U: case CXType_UChar:
		case CXType_Char_S: case CXType_SChar: case CXType_Short:
		case CXType_UShort: case CXType_Float: case CXType_Half:
		case CXType_Float16:
			f->flags |= RW_NARROWARG;
			break;
		default:
			break;
		}
		p->name = rw_spelling(pc);
		p->rtype = rw_type_param_spell(pt,
			clang_getArgType(clang_getCanonicalType(ft), i));
	}
	/* the layout the runtime's generic thunk needs (rewriter/cc_*.c) */
	enum CXCallingConv cc = clang_getFunctionTypeCallingConv(ft);
	if ((cc == CXCallingConv_C || cc == CXCallingConv_Default ||
	     cc == CXCallingConv_X86_64SysV) && x->x86_64)
		regcall(c, f);
	if (f->flags & RW_VARIADIC)
		f->nothunk = "variadic";
	else if (cc != CXCallingConv_C && cc != CXCallingConv_Default &&
		 cc != CXCallingConv_X86_64SysV)
		f->nothunk = "non-default calling convention";
	else if (!x->x86_64)
		f->nothunk = "no interceptor thunk for this target";
	else
		f->cc = rw_cc_x86_64(c, !!(f->flags & RW_KNR), &f->nothunk);
	if (f->cc && x->o->for_clang && rw_cc_clang_differs(f->cc)) {
		free(f->cc);
		f->cc = 0;
		f->nothunk = "clang splits an __int128 argument between the "
			     "last register and the stack";
	}
	if (f->nothunk)
		f->flags |= RW_NOTHUNK;
	CXType cft = clang_getCanonicalType(ft);
	f->sig = rw_type_spell(cft);
	/* the hash depends only on the canonical type: one per signature */
	for (unsigned i = 0; i < x->nsigs; i++)
		if (x->sigs[i].type == cft.data[0]) {
			f->sighash = x->sigs[i].h;
			return;
		}
	f->sighash = rw_type_sighash(x->types, ft);
	RW_GROW(x->sigs, x->nsigs, x->capsigs);
	x->sigs[x->nsigs].type = cft.data[0];
	x->sigs[x->nsigs++].h = f->sighash;
}

/*
** Whether text (a function's attributes, or a line of source) makes code
** for AVX-512 or a whole CPU: a target or target_clones attribute or a
** GCC target pragma naming avx512 or arch=.  Such a function may keep
** values in xmm16-31 or k0-7, which the cold path's asm (TF__RSEL) cannot
** name in a unit compiled without -mavx512f (gcc refuses them there), so a
** unit with one takes the C call, which gcc knows changes them all.
*/
static int wide_target(const char *text, size_t len)
{
	const char *t = memmem(text, len, "target", 6);
	return t && (memmem(t, len - (size_t)(t - text), "avx512", 6) ||
		     memmem(t, len - (size_t)(t - text), "arch=", 5));
}

/* A GCC target pragma (#pragma or _Pragma) line of file text that is
   wide_target(). */
static int wide_pragma(const char *src, size_t len)
{
	for (size_t i = 0; i < len;) {
		const char *nl = memchr(src + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - src) : len;
		if (memmem(src + i, end - i, "ragma", 5) &&
		    memmem(src + i, end - i, "GCC", 3) &&
		    wide_target(src + i, end - i))
			return 1;
		i = end + 1;
	}
	return 0;
}

static const char *why_skipped(struct ctx *x, struct rw_func *f,
			       const char *attrs)
{
	if (skipped_by_glob(x, f->name))
		return "opted out";
	if (strstr(attrs, "((naked))"))
		return "naked";
	if (strstr(attrs, "((no_instrument_function))"))
		return "no_instrument_function";
	if (strstr(attrs, "((interrupt))"))
		return "interrupt handler";
	for (unsigned i = 0; i < x->nifunc; i++)
		if (!strcmp(x->ifunc[i], f->name))
			return "ifunc resolver";
	return 0;
}

/* Where the source itself says the '{' at loc is (its #line directives):
   the trap's #line after it names that (emit.c, trap_line_end). */
static void brace_presumed(CXSourceLocation loc, struct rw_func *f)
{
	CXString pf, sf;
	CXFile file;
	unsigned line;
	clang_getPresumedLocation(loc, &pf, &line, 0);
	clang_getSpellingLocation(loc, &file, 0, 0, 0);
	sf = clang_getFileName(file);
	f->bline = line;
	if (clang_getCString(pf) && clang_getCString(sf) &&
	    strcmp(clang_getCString(pf), clang_getCString(sf)))
		f->bfile = rw_xstrdup(clang_getCString(pf));
	clang_disposeString(pf);
	clang_disposeString(sf);
}

static void function(struct ctx *x, CXCursor c)
{
	struct rw_unit *u = x->u;
	RW_GROW(u->funcs, u->nfuncs, u->capfuncs);
	struct rw_func *f = &u->funcs[u->nfuncs++];
	memset(f, 0, sizeof *f);
	f->name = rw_spelling(c);
	x->cur_base = cursor_base(c);
	CXSourceLocation nameloc = clang_getCursorLocation(c);
	file_offset(x, nameloc, &f->file, &f->line);
	unsigned fi = f->file;
	const char *src = u->files[fi].src;
	char *attrs = attr_text(x, c);
	f->skip = why_skipped(x, f, attrs);
	x->wide |= wide_target(attrs, strlen(attrs));

	CXCursor body = clang_getNullCursor();
	clang_visitChildren(c, find_body, &body);
	CXSourceRange br = clang_getCursorExtent(body);
	long open = offset_in(x, clang_getRangeStart(br), fi);
	long close = offset_in(x, clang_getRangeEnd(br), fi);
	if (!f->skip && (open < 0 || close <= open || src[open] != '{' ||
			 src[close - 1] != '}'))
		f->skip = "body made by a macro";
	f->brace = open < 0 ? 0 : (size_t)open;
	brace_presumed(clang_getRangeStart(br), f);

	int n = clang_Cursor_getNumArguments(c);
	f->nparams = n > 0 ? (unsigned)n : 0;
	f->params = rw_xmalloc(sizeof *f->params * (f->nparams + 1));
	memset(f->params, 0, sizeof *f->params * (f->nparams + 1));
	CXType ft = clang_getCursorType(c);
	if (internal_fn(c))
		f->flags |= RW_STATIC;
	if (clang_Cursor_isFunctionInlined(c))
		f->flags |= RW_INLINE;
	if (clang_getCursorAvailability(c) == CXAvailability_Deprecated)
		f->flags |= RW_DEPRECATED;
	/* a deprecated parameter too: the trap passes it on (git marks
	   unused ones so, UNUSED: 110 files fell back under -Werror) */
	for (int k = 0; k < n; k++)
		if (clang_getCursorAvailability(clang_Cursor_getArgument(c, (unsigned)k)) ==
		    CXAvailability_Deprecated)
			f->flags |= RW_DEPRECATED;
	if (clang_Cursor_isVariadic(c))
		f->flags |= RW_VARIADIC;
	if (!strcmp(f->name, "main"))
		f->flags |= RW_MAIN;
	CXString fts = clang_getTypeSpelling(ft);
	if (strstr(clang_getCString(fts), "noreturn") ||
	    strstr(attrs, "noreturn") || strstr(attrs, "_Noreturn"))
		f->flags |= RW_NORETURN;
	clang_disposeString(fts);
	if (ft.kind == CXType_FunctionNoProto ||
	    (!f->skip && knr_syntax(x, fi, nameloc, clang_getRangeStart(br))))
		f->flags |= RW_KNR;
	if (inline_only(x, c, x->o->gnu89 || strstr(attrs, "((gnu_inline))")))
		f->flags |= RW_INLINE_ONLY;
	/* its symbol is not its name (an asm label): tfcc finds an emitted
	   static by name (TF__FN in trap.h) */
	CXString mg = clang_Cursor_getMangling(c);
	f->asm_label = strcmp(clang_getCString(mg), f->name) != 0;
	clang_disposeString(mg);
	free(attrs);

	signature(x, c, f);
	for (unsigned i = 0; i < f->nparams && !f->skip; i++) {
		if (!*f->params[i].name)
			f->skip = "unnamed parameter";
		else if (!strcmp(f->params[i].name, f->name))
			f->skip = "a parameter has the function's name";
		else if (!strncmp(f->params[i].name, "tf__", 4))
			f->skip = "a parameter uses the reserved prefix tf__";
	}
	if (f->skip)
		return;

	/* the body: its hash, and its static locals */
	unsigned nt;
	struct tok *t = tokens(x, fi, br, &nt);
	while (nt && t[nt - 1].end > (size_t)close)
		nt--;			/* libclang may give one token more */
	uint64_t h = RW_FNV_INIT;
	int has_static = 0;
	for (unsigned i = 0; i < nt; i++) {
		h = rw_hash(h, src + t[i].start, t[i].end - t[i].start);
		h = rw_hash(h, "", 1);
		has_static |= tok_is(x, fi, &t[i], "static");
		if (tok_is(x, fi, &t[i], "__builtin_va_arg_pack") ||
		    tok_is(x, fi, &t[i], "__builtin_va_arg_pack_len"))
			f->skip = "uses __builtin_va_arg_pack (must always be inlined)";
	}
	if (f->skip) {
		free(t);
		return;
	}
	f->bodyhash = h;
	if (has_static && !(f->flags & RW_INLINE_ONLY)) {
		struct statics s = { x, f, t, nt, 0, 0 };
		clang_visitChildren(body, find_statics, &s);
		for (unsigned i = 0; i < s.count; i++)
			free(s.names[i]);
		free(s.names);
	}
	free(t);
}

static int read_source(const char *path, struct rw_unit *u, char **why)
{
	FILE *fp = fopen(path, "rb");
	struct rw_buf b = {0};
	char chunk[65536];
	size_t n;
	if (!fp) {
		struct rw_buf e = {0};
		rw_buf_printf(&e, "cannot read it: %s", strerror(errno));
		*why = rw_buf_take(&e);
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
		rw_buf_add(&b, chunk, n);
	fclose(fp);
	u->len = b.n;
	u->src = rw_buf_take(&b);
	u->files = rw_xmalloc(sizeof *u->files);
	memset(u->files, 0, sizeof *u->files);
	u->nfiles = 1;
	u->files[0].src = u->src;
	u->files[0].len = u->len;
	u->files[0].start = u->len >= 3 && !memcmp(u->src, "\xEF\xBB\xBF", 3) ? 3 : 0;
	return 0;
}

/* The first error diagnostic, as one line, or 0. */
/*
** Whether clang saw an unused (or set but unused) parameter in one of the
** unit's files.  gcc counts a parameter the trap passes on as used, so
** tfcc then asks gcc about the original source (wrap/params.c); clang's
** answer, with the source's pragmas and attributes, only says whether to.
*/
static int unused_params(struct ctx *x)
{
	unsigned n = clang_getNumDiagnostics(x->tu);
	int any = 0;
	for (unsigned i = 0; i < n && !any; i++) {
		CXDiagnostic d = clang_getDiagnostic(x->tu, i);
		CXString opt = clang_getDiagnosticOption(d, 0);
		const char *s = clang_getCString(opt);
		if (s && (!strcmp(s, "-Wunused-parameter") ||
			  !strcmp(s, "-Wunused-but-set-parameter")))
			any = file_offset(x, clang_getDiagnosticLocation(d), 0, 0) >= 0;
		clang_disposeString(opt);
		clang_disposeDiagnostic(d);
	}
	return any;
}

static char *first_error(CXTranslationUnit tu)
{
	unsigned n = clang_getNumDiagnostics(tu);
	for (unsigned i = 0; i < n; i++) {
		CXDiagnostic d = clang_getDiagnostic(tu, i);
		char *r = 0;
		if (clang_getDiagnosticSeverity(d) >= CXDiagnostic_Error) {
			CXString s = clang_formatDiagnostic(d,
				CXDiagnostic_DisplaySourceLocation |
				CXDiagnostic_DisplayColumn);
			struct rw_buf b = {0};
			rw_buf_puts(&b, "libclang cannot parse it (");
			rw_buf_puts(&b, clang_getCString(s));
			rw_buf_puts(&b, "); check the flags, or the file uses "
				    "something only gcc accepts");
			for (size_t k = 0; k < b.n; k++)
				if (b.p[k] == '\n' || b.p[k] == '\r')
					b.p[k] = ' ';
			r = rw_buf_take(&b);
			clang_disposeString(s);
		}
		clang_disposeDiagnostic(d);
		if (r)
			return r;
	}
	return 0;
}

/* The trap needs the thread pointer: only these targets have it. */
static char *unsupported_target(CXTranslationUnit tu)
{
	CXTargetInfo ti = clang_getTranslationUnitTargetInfo(tu);
	if (!ti)
		return 0;
	CXString tr = clang_TargetInfo_getTriple(ti);
	const char *t = clang_getCString(tr);
	char *r = 0;
	if (strncmp(t, "x86_64", 6) && strncmp(t, "aarch64", 7) &&
	    strncmp(t, "riscv64", 7)) {
		struct rw_buf b = {0};
		rw_buf_printf(&b, "target %s has no trap support (only "
			      "x86_64, aarch64, riscv64)", t);
		r = rw_buf_take(&b);
	}
	clang_disposeString(tr);
	clang_TargetInfo_dispose(ti);
	return r;
}

/* x86-64 with 64-bit pointers (not x32): the target of cc_x86_64.c */
static int target_x86_64(CXTranslationUnit tu)
{
	CXTargetInfo ti = clang_getTranslationUnitTargetInfo(tu);
	if (!ti)
		return 0;
	CXString tr = clang_TargetInfo_getTriple(ti);
	const char *t = clang_getCString(tr);
	int r = !strncmp(t, "x86_64", 6) && !strstr(t, "x32") &&
		clang_TargetInfo_getPointerWidth(ti) == 64;
	clang_disposeString(tr);
	clang_TargetInfo_dispose(ti);
	return r;
}

int rw_parse(const struct rw_opts *o, struct rw_unit *u, char **why)
{
	memset(u, 0, sizeof *u);
	if (read_source(o->source, u, why))
		return -1;
	struct ctx x;
	memset(&x, 0, sizeof x);
	x.o = o;
	x.u = u;
	x.types = rw_types_new();
	CXIndex idx = clang_createIndex(0, 0);
	struct CXUnsavedFile uf = { o->source, u->src, (unsigned long)u->len };
	enum CXErrorCode e = clang_parseTranslationUnit2(idx, o->source,
		(const char *const *)o->clang, o->nclang, &uf, 1,
		CXTranslationUnit_None, &x.tu);
	if (e != CXError_Success || !x.tu) {
		struct rw_buf b = {0};
		if (e == CXError_Crashed)
			rw_buf_puts(&b, "libclang crashed while parsing it; "
				    "please report it with this file");
		else
			rw_buf_printf(&b, "libclang could not parse it (error %d); "
				      "check the flags and that libclang 14 is "
				      "installed", (int)e);
		*why = rw_buf_take(&b);
		rw_types_free(x.types);
		clang_disposeIndex(idx);
		return -1;
	}
	*why = first_error(x.tu);
	if (!*why)
		*why = unsupported_target(x.tu);
	x.x86_64 = target_x86_64(x.tu);
	if (!*why) {
		x.cx[0] = clang_getFile(x.tu, o->source);
		x.nfiles = 1;
		u->files[0].presumed = rw_xstrdup(o->presumed);
		if (!x.cx[0])
			*why = rw_xstrdup("libclang lost the main file");
		else
			x.nfiles = rw_include_find(o, x.tu, x.cx[0], u, x.cx,
				x.base, sizeof x.cx / sizeof x.cx[0], &x.multi,
				&x.nmulti);
	}
	if (!*why) {
		CXCursor root = clang_getTranslationUnitCursor(x.tu);
		x.pol = clang_getCursorPrintingPolicy(root);
		find_unused_objects(&x);
		clang_PrintingPolicy_setProperty(x.pol,
			CXPrintingPolicy_TerseOutput, 1);
		clang_visitChildren(root, top, &x);
		for (unsigned i = 0; i < x.ndefs; i++)
			function(&x, x.defs[i]);
		u->unused_params = unused_params(&x);
		for (unsigned k = 0; k < u->nfiles && !x.wide; k++)
			x.wide = wide_pragma(u->files[k].src, u->files[k].len);
		for (unsigned i = 0; i < u->nfuncs && x.wide; i++)
			u->funcs[i].flags &= ~(unsigned)RW_REGCALL;
		clang_PrintingPolicy_dispose(x.pol);
	}
	for (unsigned i = 0; i < x.nifunc; i++)
		free(x.ifunc[i]);
	for (unsigned i = 0; i < x.nvars; i++)
		free(x.vars[i]);
	free(x.ifunc);
	free(x.vars);
	free(x.decls);
	free(x.multi);
	free(x.unused);	/* the names stay: u->xskips holds them */
	free(x.defs);
	free(x.sigs);
	rw_types_free(x.types);
	clang_disposeTranslationUnit(x.tu);
	clang_disposeIndex(idx);
	return *why ? -1 : 0;
}
