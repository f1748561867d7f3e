/*
** The System V x86-64 calling convention of a function (psABI 3.2.3) as
** the text the runtime's generic thunk reads (cc=, docs/generated-code.md):
** the return value and each parameter as the classes of its eightbytes
** (i INTEGER, s SSE) then size.align, or m (MEMORY), x (long double
** return), v (void).  Classified from libclang's types and layouts; where
** gcc and clang lay a value out differently, or the text cannot say how,
** there is no layout and the function gets no interceptors.
*/
#include <stdlib.h>
#include <string.h>

#include "rewriter.h"

enum { C_NONE, C_SSE, C_INT };	/* merging two classes keeps the larger */

/* What a walk over a value's members found. */
struct cls {
	unsigned char eb[2];	/* class of each eightbyte, when small */
	int small;		/* at most 16 bytes: eightbytes are classified */
	int mem;		/* a scalar off its natural alignment (gcc) */
	int mem_decl;		/* a member off its declared type's (clang) */
	int ld;			/* holds a long double */
	const char *why;	/* no layout, or 0 */
};

static void walk(struct cls *c, CXType t, long long off);

/* Class k for the eightbytes that bytes [from, to) overlap. */
static void mark(struct cls *c, long long from, long long to, int k)
{
	for (long long e = from / 8; e < 2 && e * 8 < to; e++)
		if (c->eb[e] < k)
			c->eb[e] = (unsigned char)k;
}

static void scalar(struct cls *c, CXType t, long long off, int k)
{
	long long size = clang_Type_getSizeOf(t);
	long long align = clang_Type_getAlignOf(t);
	if (align > 0 && off % align)
		c->mem = 1;
	mark(c, off, off + size, k);
}

struct member {
	struct cls *c;
	long long off;		/* of the record holding it */
};

static enum CXVisitorResult field(CXCursor f, CXClientData data)
{
	struct member *m = data;
	struct cls *c = m->c;
	long long bit = clang_Cursor_getOffsetOfField(f);
	CXType t = clang_getCursorType(f);
	if (bit < 0) {
		c->why = "member offset unknown";
		return CXVisit_Break;
	}
	bit += 8 * m->off;
	if (clang_Cursor_isBitField(f)) {
		/* INTEGER wherever it lies; gcc and clang disagree on
		   unnamed ones, gcc 12 changed zero-width ones */
		int width = clang_getFieldDeclBitWidth(f);
		CXString name = clang_getCursorSpelling(f);
		int unnamed = !*clang_getCString(name);
		clang_disposeString(name);
		if (c->small && width <= 0)
			c->why = "zero-width bit-field";
		else if (c->small && unnamed)
			c->why = "unnamed bit-field";
		mark(c, bit / 8, (bit + width + 7) / 8, C_INT);
	} else {
		long long align = clang_Type_getAlignOf(t);
		if (align > 0 && (bit / 8) % align)
			c->mem_decl = 1;
		walk(c, clang_getCanonicalType(t), bit / 8);
	}
	return c->why ? CXVisit_Break : CXVisit_Continue;
}

/* Classifies a value of canonical type t at byte off of the value passed:
   the eightbytes it overlaps when c->small, what has no layout always. */
static void walk(struct cls *c, CXType t, long long off)
{
	switch (t.kind) {
	case CXType_Bool:
	case CXType_Char_U:
	case CXType_UChar:
	case CXType_UShort:
	case CXType_UInt:
	case CXType_ULong:
	case CXType_ULongLong:
	case CXType_UInt128:
	case CXType_Char_S:
	case CXType_SChar:
	case CXType_Short:
	case CXType_Int:
	case CXType_Long:
	case CXType_LongLong:
	case CXType_Int128:
	case CXType_Enum:
	case CXType_Pointer:
	case CXType_BlockPointer:
		scalar(c, t, off, C_INT);
		break;
	case CXType_Float:
	case CXType_Double:
	case CXType_Float16:
		scalar(c, t, off, C_SSE);
		break;
	case CXType_LongDouble:
		c->ld = 1;	/* X87: memory, or st0 for a scalar return */
		break;
	case CXType_Float128:
		c->why = "__float128";
		break;
	case CXType_Vector:
	case CXType_ExtVector:
		c->why = "vector type";
		break;
	case CXType_Complex: {
		/* classified as a pair of its element */
		CXType e = clang_getCanonicalType(clang_getElementType(t));
		if (e.kind == CXType_LongDouble)
			c->why = "complex long double";
		else
			for (int i = 0; i < 2; i++)
				walk(c, e, off + i * clang_Type_getSizeOf(e));
		break;
	}
	case CXType_ConstantArray: {
		CXType e = clang_getCanonicalType(clang_getArrayElementType(t));
		long long n = clang_getArraySize(t);
		long long size = clang_Type_getSizeOf(e);
		if (!c->small && n > 1)
			n = 1;	/* MEMORY anyway: only look for what has none */
		for (long long i = 0; i < n && !c->why; i++)
			walk(c, e, off + i * size);
		break;
	}
	case CXType_IncompleteArray:
		if (c->small)
			c->why = "flexible array member";  /* clang: MEMORY */
		else
			walk(c, clang_getCanonicalType(
				     clang_getArrayElementType(t)), off);
		break;
	case CXType_Record: {
		struct member m = {c, off};
		if (clang_Type_getSizeOf(t) < 0)
			c->why = "incomplete type";
		else
			clang_Type_visitFields(t, field, &m);
		break;
	}
	default:
		c->why = "type without a known layout";
		break;
	}
}

/* Whether record type t is a union with the transparent_union attribute
   (passed as its first member); libclang does not expose that attribute. */
static enum CXChildVisitResult transparent_attr(CXCursor a, CXCursor parent,
						CXClientData data)
{
	(void)parent;
	if (a.kind != CXCursor_UnexposedAttr)
		return CXChildVisit_Continue;
	CXTranslationUnit tu = clang_Cursor_getTranslationUnit(a);
	CXToken *tok;
	unsigned n;
	clang_tokenize(tu, clang_getCursorExtent(a), &tok, &n);
	for (unsigned i = 0; i < n; i++) {
		CXString s = clang_getTokenSpelling(tu, tok[i]);
		if (strstr(clang_getCString(s), "transparent_union"))
			*(int *)data = 1;
		clang_disposeString(s);
	}
	clang_disposeTokens(tu, tok, n);
	return *(int *)data ? CXChildVisit_Break : CXChildVisit_Continue;
}

static int transparent_union(CXType t)
{
	CXCursor d = clang_getTypeDeclaration(t);
	CXCursor def = clang_getCursorDefinition(d);
	int found = 0;
	if (!clang_Cursor_isNull(def))
		d = def;
	if (d.kind == CXCursor_UnionDecl)
		clang_visitChildren(d, transparent_attr, &found);
	return found;
}

/* Writes the layout of a return value (ret) or parameter of canonical
   type ct to b; or returns why there is none.  t: the type as declared,
   for the alignment a typedef gives it. */
static const char *value(struct rw_buf *b, CXType t, CXType ct, int ret)
{
	if (ct.kind == CXType_Void) {
		rw_buf_puts(b, "v");
		return ret ? 0 : "void parameter";
	}
	long long size = clang_Type_getSizeOf(ct);
	long long align = clang_Type_getAlignOf(ct);
	if (size < 0 || align <= 0)
		return "type without a known layout";
	if (align > 16 || (clang_equalTypes(clang_getCanonicalType(t), ct) &&
			   clang_Type_getAlignOf(t) > 16))
		return "alignment over 16";
	if (size == 0)
		return "empty struct";
	if (ct.kind == CXType_LongDouble) {
		rw_buf_printf(b, "%c%lld.%lld", ret ? 'x' : 'm', size, align);
		return 0;
	}
	if (ct.kind == CXType_Complex && clang_getCanonicalType(
		    clang_getElementType(ct)).kind == CXType_LongDouble) {
		/* COMPLEX_X87: returned in st0 (real) and st1, passed in
		   memory */
		rw_buf_printf(b, "%s%lld.%lld", ret ? "xx" : "m", size, align);
		return 0;
	}
	if (ct.kind == CXType_Record && transparent_union(ct))
		return "transparent union";
	struct cls c = {.small = size <= 16};
	walk(&c, ct, 0);
	if (c.why)
		return c.why;
	if (c.ld && ret && c.small)
		return "long double inside a returned struct";
	if (c.small && !c.ld && c.mem != c.mem_decl)
		return "packed member gcc and clang pass differently";
	if (!c.small || c.ld || c.mem) {
		rw_buf_printf(b, "m%lld.%lld", size, align);
		return 0;
	}
	for (long long e = 0; e * 8 < size; e++) {
		if (c.eb[e] == C_NONE)
			return "eightbyte of padding only";
		rw_buf_puts(b, c.eb[e] == C_INT ? "i" : "s");
	}
	rw_buf_printf(b, "%lld.%lld", size, align);
	return 0;
}

/* A K&R parameter of declared type t: adjusted, then default-promoted. */
static const char *knr_value(struct rw_buf *b, CXType t)
{
	CXType ct = clang_getCanonicalType(t);
	switch (ct.kind) {
	case CXType_ConstantArray:
	case CXType_IncompleteArray:
	case CXType_VariableArray:
	case CXType_DependentSizedArray:
	case CXType_FunctionProto:
	case CXType_FunctionNoProto:
		rw_buf_puts(b, "i8.8");		/* a pointer */
		return 0;
	case CXType_Float:
		rw_buf_puts(b, "s8.8");		/* double */
		return 0;
	case CXType_Half:
	case CXType_Float16:
		return "K&R half-precision parameter";
	case CXType_Bool:
	case CXType_Char_U:
	case CXType_UChar:
	case CXType_Char_S:
	case CXType_SChar:
	case CXType_Short:
	case CXType_UShort:
	case CXType_Enum:
		if (clang_Type_getSizeOf(ct) < 4) {
			rw_buf_puts(b, "i4.4");	/* int */
			return 0;
		}
		break;
	default:
		break;
	}
	return value(b, t, ct, 0);
}

char *rw_cc_x86_64(CXCursor fn, int knr, const char **why)
{
	CXType dt = clang_getCursorType(fn);	/* with typedefs */
	CXType ft = clang_getCanonicalType(dt);	/* parameters adjusted */
	int proto = ft.kind == CXType_FunctionProto;
	int n = proto ? clang_getNumArgTypes(ft) :
		ft.kind == CXType_FunctionNoProto ?
		clang_Cursor_getNumArguments(fn) : -1;
	const char *w = 0;
	if (n < 0)
		w = "not a function";
	else if (n > 32)
		w = "more than 32 parameters";
	struct rw_buf b = {0};
	if (!w)
		w = value(&b, clang_getResultType(dt),
			  clang_getResultType(ft), 1);
	rw_buf_puts(&b, ";");
	for (int i = 0; i < n && !w; i++) {
		unsigned u = (unsigned)i;
		if (i)
			rw_buf_puts(&b, ",");
		size_t at = b.n;
		if (proto)
			w = value(&b, clang_getArgType(dt, u),
				  clang_getArgType(ft, u), 0);
		if (w || (proto && !knr))
			continue;
		/* K&R: clang types the definition with the promoted types,
		   or with an earlier prototype's, which must be the same */
		struct rw_buf k = {0};
		w = knr_value(&k, clang_getCursorType(
				      clang_Cursor_getArgument(fn, u)));
		if (!w && !proto)
			rw_buf_add(&b, k.p, k.n);
		else if (!w && (k.n != b.n - at || memcmp(k.p, b.p + at, k.n)))
			w = "K&R parameter unlike its prototype";
		free(k.p);
	}
	if (w) {
		free(b.p);
		if (why)
			*why = w;
		return 0;
	}
	return rw_buf_take(&b);
}

int rw_cc_clang_differs(const char *cc)
{
	int gpr = *cc == 'm', xmm = 0;
	const char *p = strchr(cc, ';');
	while (p && *++p) {
		int ni = 0, ns = 0;
		for (; *p == 'i' || *p == 's'; p++)
			*p == 'i' ? ni++ : ns++;
		if (gpr + ni <= 6 && xmm + ns <= 8) {
			gpr += ni;
			xmm += ns;
		} else if (ni == 2 && !ns && gpr == 5 && !strncmp(p, "16.16", 5)) {
			return 1;       /* __int128 with one register left */
		}
		p = strchr(p, ',');
	}
	return 0;
}
