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

/* ---- sighash: canonical types, and the layout of every record they reach
**
** A signature's hash covers the spelling and size of its canonical return
** and parameter types, then the layouts of all the records reachable from
** them through fields, pointers, arrays and function types, as a sorted
** set.  A record's layout (its spelling, size and, per field, name,
** offset, bit width, type spelling and size) does not depend on where it
** was reached from, so each is read from libclang once per unit and every
** signature reuses it (Lua: expanding lua_State and all it reaches again
** for each signature was a quarter of a rewrite).  Sorting makes
** the hash independent of the order the walk found the records in.
*/

struct rec {
	CXType t;		/* canonical record type */
	unsigned id;		/* clang_hashCursor of its declaration */
	int done;		/* h and refs are filled in */
	unsigned mark;		/* rw_types.gen when a walk last reached it */
	uint64_t h;		/* its own layout */
	unsigned *refs;		/* records its fields reach (indexes) */
	unsigned nrefs;
};

struct ulist {
	unsigned *v;
	unsigned n, cap;
};

struct rw_types {
	struct rec *r;
	unsigned n, cap;
	unsigned gen;
};

struct rw_types *rw_types_new(void)
{
	struct rw_types *m = rw_xmalloc(sizeof *m);
	memset(m, 0, sizeof *m);
	return m;
}

void rw_types_free(struct rw_types *m)
{
	if (!m)
		return;
	for (unsigned i = 0; i < m->n; i++)
		free(m->r[i].refs);
	free(m->r);
	free(m);
}

/* The index of a record type (canonical), added unread if new. */
static unsigned rec_of(struct rw_types *m, CXType t)
{
	CXCursor d = clang_getTypeDeclaration(t);
	unsigned id = clang_hashCursor(d);
	for (unsigned i = 0; i < m->n; i++)
		if (m->r[i].id == id &&
		    clang_equalCursors(clang_getTypeDeclaration(m->r[i].t), d))
			return i;
	RW_GROW(m->r, m->n, m->cap);
	memset(&m->r[m->n], 0, sizeof m->r[m->n]);
	m->r[m->n].t = t;
	m->r[m->n].id = id;
	return m->n++;
}

static void ulist_add(struct ulist *l, unsigned v)
{
	for (unsigned i = 0; i < l->n; i++)
		if (l->v[i] == v)
			return;
	RW_GROW(l->v, l->n, l->cap);
	l->v[l->n++] = v;
}

/* The records a type names, through pointers, arrays and function types
   (its spelling already says how they are combined). */
static void reach(struct rw_types *m, CXType t, struct ulist *out, int depth)
{
	if (depth > 32)
		return;
	t = clang_getCanonicalType(t);
	switch (t.kind) {
	case CXType_Record:
		ulist_add(out, rec_of(m, t));
		break;
	case CXType_Pointer:
		reach(m, clang_getPointeeType(t), out, depth + 1);
		break;
	case CXType_ConstantArray:
	case CXType_IncompleteArray:
		reach(m, clang_getArrayElementType(t), out, depth + 1);
		break;
	case CXType_FunctionProto: {
		int n = clang_getNumArgTypes(t);
		for (int i = 0; i < n; i++)
			reach(m, clang_getArgType(t, (unsigned)i), out, depth + 1);
		reach(m, clang_getResultType(t), out, depth + 1);
		break;
	}
	default:
		break;
	}
}

/* A type's spelling and size (canonical). */
static uint64_t hash_shallow(uint64_t h, CXType t)
{
	t = clang_getCanonicalType(t);
	char *sp = rw_type_spell(t);
	h = rw_hash_str(h, sp);
	free(sp);
	long long size = clang_Type_getSizeOf(t);
	return rw_hash(h, &size, sizeof size);
}

struct fieldwalk {
	struct rw_types *m;
	uint64_t h;
	struct ulist refs;
};

static enum CXVisitorResult hash_field(CXCursor c, CXClientData d)
{
	struct fieldwalk *w = d;
	CXString n = clang_getCursorSpelling(c);
	w->h = rw_hash_str(w->h, clang_getCString(n));
	clang_disposeString(n);
	long long off = clang_Cursor_getOffsetOfField(c);
	int bits = clang_getFieldDeclBitWidth(c);
	w->h = rw_hash(w->h, &off, sizeof off);
	w->h = rw_hash(w->h, &bits, sizeof bits);
	CXType ft = clang_getCursorType(c);
	w->h = hash_shallow(w->h, ft);
	reach(w->m, ft, &w->refs, 0);
	return CXVisit_Continue;
}

/* Read record i's layout (an incomplete one is its spelling alone). */
static void rec_read(struct rw_types *m, unsigned i)
{
	struct fieldwalk w = { m, RW_FNV_INIT, { 0, 0, 0 } };
	CXType t = m->r[i].t;
	w.h = hash_shallow(w.h, t);
	if (clang_Type_getSizeOf(t) >= 0) {
		w.h = rw_hash_str(w.h, "{");
		clang_Type_visitFields(t, hash_field, &w);
		w.h = rw_hash_str(w.h, "}");
	}
	/* m->r may have moved: rec_of adds the records the fields name */
	m->r[i].h = w.h;
	m->r[i].refs = w.refs.v;
	m->r[i].nrefs = w.refs.n;
	m->r[i].done = 1;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

uint64_t rw_type_sighash(struct rw_types *m, CXType fn)
{
	struct ulist todo = { 0, 0, 0 };	/* the records it reaches */
	uint64_t h = RW_FNV_INIT;
	fn = clang_getCanonicalType(fn);
	h = hash_shallow(h, clang_getResultType(fn));
	reach(m, clang_getResultType(fn), &todo, 0);
	int n = clang_getNumArgTypes(fn);
	for (int i = 0; i < n; i++) {
		CXType a = clang_getArgType(fn, (unsigned)i);
		h = hash_shallow(h, a);
		reach(m, a, &todo, 0);
	}
	if (clang_isFunctionTypeVariadic(fn))
		h = rw_hash_str(h, "...");

	/* then what those reach, once each */
	unsigned gen = ++m->gen;
	for (unsigned k = 0; k < todo.n; k++)
		m->r[todo.v[k]].mark = gen;
	for (unsigned k = 0; k < todo.n; k++) {
		unsigned i = todo.v[k];
		if (!m->r[i].done)
			rec_read(m, i);
		for (unsigned j = 0; j < m->r[i].nrefs; j++) {
			unsigned r = m->r[i].refs[j];
			if (m->r[r].mark == gen)
				continue;
			m->r[r].mark = gen;
			RW_GROW(todo.v, todo.n, todo.cap);
			todo.v[todo.n++] = r;
		}
	}
	uint64_t *hs = rw_xmalloc(sizeof *hs * (todo.n ? todo.n : 1));
	for (unsigned k = 0; k < todo.n; k++)
		hs[k] = m->r[todo.v[k]].h;
	qsort(hs, todo.n, sizeof *hs, cmp_u64);
	h = rw_hash_str(h, "records");
	h = rw_hash(h, hs, sizeof *hs * todo.n);
	free(hs);
	free(todo.v);
	return h;
}
