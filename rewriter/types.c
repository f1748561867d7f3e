/*
** What libclang's types mean for the records: how to spell them
** (anonymous-struct locations removed, arrays adjusted), and the ABI
** hash of a signature (sighash).
*/
#include <stdlib.h>
#include <string.h>

#include "rewriter.h"

/* libclang spells an unnamed struct "struct (unnamed at f.c:3:1)" or
   "(unnamed struct at f.c:3:1)": drop " at <file>:<line>:<col>" so the text
   is the same wherever the file sits. */
static char *strip_locations(const char *s)
{
	struct rw_buf b = {0};
	const char *p = s;
	for (;;) {
		const char *u = strstr(p, "(unnamed ");
		const char *a = strstr(p, "(anonymous ");
		if (!u || (a && a < u))
			u = a;
		if (!u)
			break;
		const char *at = strstr(u, " at ");
		const char *close = at ? strchr(at, ')') : 0;
		/* the path may hold ')': take the first ')' after ":L:C" */
		while (close) {
			const char *q = close;
			int colons = 0;
			while (q > at && (q[-1] == ':' || (q[-1] >= '0' && q[-1] <= '9'))) {
				q--;
				colons += *q == ':';
			}
			if (colons == 2)
				break;
			close = strchr(close + 1, ')');
		}
		if (!close) {
			rw_buf_add(&b, p, (size_t)(u - p) + 1);
			p = u + 1;
			continue;
		}
		rw_buf_add(&b, p, (size_t)(at - p));
		p = close;
	}
	rw_buf_puts(&b, p);
	return rw_buf_take(&b);
}

char *rw_type_spell(CXType t)
{
	CXString s = clang_getTypeSpelling(t);
	char *r = strip_locations(clang_getCString(s));
	clang_disposeString(s);
	return r;
}

int rw_type_is_array(CXType t)
{
	return t.kind == CXType_ConstantArray || t.kind == CXType_IncompleteArray ||
	       t.kind == CXType_VariableArray ||
	       t.kind == CXType_DependentSizedArray;
}

/* A parameter's type as the function type sees it: arrays become
   pointers to their elements ("int *", keeping typedef names), or the
   canonical adjusted type when the element is itself an array. */
char *rw_type_param_spell(CXType t, CXType adjusted)
{
	if (!rw_type_is_array(t))
		return rw_type_spell(t);
	CXType e = clang_getArrayElementType(t);
	if (rw_type_is_array(clang_getCanonicalType(e)) ||
	    adjusted.kind == CXType_Invalid)
		return rw_type_spell(adjusted.kind == CXType_Invalid ? t : adjusted);
	char *es = rw_type_spell(e);
	struct rw_buf b = {0};
	rw_buf_printf(&b, "%s *", es);
	free(es);
	return rw_buf_take(&b);
}

/* ---- sighash: canonical types, records expanded with their layout */

struct sh {
	uint64_t h;
	unsigned seen[64];	/* records already expanded (cursor hashes) */
	unsigned nseen;
	int depth;
};

static void hash_type(struct sh *s, CXType t);

static enum CXVisitorResult hash_field(CXCursor c, CXClientData d)
{
	struct sh *s = d;
	CXString n = clang_getCursorSpelling(c);
	s->h = rw_hash_str(s->h, clang_getCString(n));
	clang_disposeString(n);
	long long off = clang_Cursor_getOffsetOfField(c);
	int w = clang_getFieldDeclBitWidth(c);
	s->h = rw_hash(s->h, &off, sizeof off);
	s->h = rw_hash(s->h, &w, sizeof w);
	hash_type(s, clang_getCursorType(c));
	return CXVisit_Continue;
}

static void hash_record(struct sh *s, CXType t)
{
	unsigned id = clang_hashCursor(clang_getTypeDeclaration(t));
	for (unsigned i = 0; i < s->nseen; i++)
		if (s->seen[i] == id)
			return;		/* cycle, or already described */
	if (s->nseen == sizeof s->seen / sizeof s->seen[0] ||
	    clang_Type_getSizeOf(t) < 0)
		return;			/* too deep, or incomplete */
	s->seen[s->nseen++] = id;
	s->h = rw_hash_str(s->h, "{");
	clang_Type_visitFields(t, hash_field, s);
	s->h = rw_hash_str(s->h, "}");
}

static void hash_type(struct sh *s, CXType t)
{
	if (++s->depth > 32) {
		s->depth--;
		return;
	}
	t = clang_getCanonicalType(t);
	char *sp = rw_type_spell(t);
	s->h = rw_hash_str(s->h, sp);
	free(sp);
	long long size = clang_Type_getSizeOf(t);
	s->h = rw_hash(s->h, &size, sizeof size);
	switch (t.kind) {
	case CXType_Record:
		hash_record(s, t);
		break;
	case CXType_Pointer:
		hash_type(s, clang_getPointeeType(t));
		break;
	case CXType_ConstantArray:
	case CXType_IncompleteArray:
		hash_type(s, clang_getArrayElementType(t));
		break;
	case CXType_FunctionProto: {
		int n = clang_getNumArgTypes(t);
		for (int i = 0; i < n; i++)
			hash_type(s, clang_getArgType(t, (unsigned)i));
		hash_type(s, clang_getResultType(t));
		break;
	}
	default:
		break;
	}
	s->depth--;
}

uint64_t rw_type_sighash(CXType fn)
{
	struct sh s;
	memset(&s, 0, sizeof s);
	s.h = RW_FNV_INIT;
	fn = clang_getCanonicalType(fn);
	hash_type(&s, clang_getResultType(fn));
	int n = clang_getNumArgTypes(fn);
	for (int i = 0; i < n; i++)
		hash_type(&s, clang_getArgType(fn, (unsigned)i));
	if (clang_isFunctionTypeVariadic(fn))
		s.h = rw_hash_str(s.h, "...");
	return s.h;
}
