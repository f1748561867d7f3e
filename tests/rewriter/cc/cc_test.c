/*
** Test of rewriter/cc_x86_64.c: parses a C file with libclang and, for
** each function definition in it, compares rw_cc_x86_64's layout with the
** one in the comment on the line just above the definition, written
** "cc: i4.4;i4.4,s8.8" (or "cc: none" when there is no layout) between
** the comment's delimiters.  K&R is decided as rewriter/parse.c does: no
** prototype, or a ';' outside brackets between the name and the body.
**
** usage: cc_test [-v] FILE [clang flags...]   (-v: print every case)
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rewriter.h"

struct run {
	const char *path;
	char **lines;		/* the file's lines, 1-based */
	unsigned nlines;
	int verbose;
	unsigned cases, bad;
};

static char *spelling(CXCursor c)
{
	CXString s = clang_getCursorSpelling(c);
	char *r = rw_xstrdup(clang_getCString(s));
	clang_disposeString(s);
	return r;
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return 0;
	struct rw_buf b = {0};
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		rw_buf_add(&b, chunk, n);
	fclose(f);
	rw_buf_puts(&b, "");
	return rw_buf_take(&b);
}

/* The text of "cc: ... *" "/" on line n, allocated, or 0. */
static char *expected(struct run *r, unsigned n)
{
	if (n < 1 || n > r->nlines)
		return 0;
	const char *s = strstr(r->lines[n], "/* cc:");
	const char *e = s ? strstr(s, "*/") : 0;
	if (!e)
		return 0;
	s += 6;
	while (*s == ' ')
		s++;
	while (e > s && e[-1] == ' ')
		e--;
	return rw_xstrndup(s, (size_t)(e - s));
}

static int knr_syntax(CXCursor fn, CXCursor body)
{
	CXTranslationUnit tu = clang_Cursor_getTranslationUnit(fn);
	CXSourceRange r = clang_getRange(clang_getCursorLocation(fn),
		clang_getRangeStart(clang_getCursorExtent(body)));
	CXToken *tok;
	unsigned n;
	int depth = 0, knr = 0;
	clang_tokenize(tu, r, &tok, &n);
	for (unsigned i = 0; i < n && !knr; i++) {
		CXString s = clang_getTokenSpelling(tu, tok[i]);
		const char *p = clang_getCString(s);
		if (p[0] && !p[1] && strchr("([{", *p))
			depth++;
		else if (p[0] && !p[1] && strchr(")]}", *p))
			depth--;
		else if (!strcmp(p, ";") && !depth)
			knr = 1;
		clang_disposeString(s);
	}
	clang_disposeTokens(tu, tok, n);
	return knr;
}

static enum CXChildVisitResult find_body(CXCursor c, CXCursor parent,
					 CXClientData data)
{
	(void)parent;
	if (c.kind != CXCursor_CompoundStmt)
		return CXChildVisit_Continue;
	*(CXCursor *)data = c;
	return CXChildVisit_Break;
}

static void check(struct run *r, CXCursor fn)
{
	unsigned line;
	clang_getExpansionLocation(clang_getRangeStart(clang_getCursorExtent(fn)),
				   0, &line, 0, 0);
	char *name = spelling(fn);
	CXCursor body = clang_getNullCursor();
	clang_visitChildren(fn, find_body, &body);
	int knr = clang_getCursorType(fn).kind == CXType_FunctionNoProto ||
		  knr_syntax(fn, body);
	const char *why = 0;
	char *got = rw_cc_x86_64(fn, knr, &why);
	char *want = expected(r, line - 1);
	r->cases++;
	if (!want) {
		printf("%s:%u: %s: no \"/* cc: ... */\" on the line above\n",
		       r->path, line, name);
		r->bad++;
	} else if (got ? strcmp(got, want) : strcmp(want, "none")) {
		printf("%s:%u: %s: got %s%s%s%s, want %s\n", r->path, line, name,
		       got ? got : "none", got ? "" : " (", got ? "" : why,
		       got ? "" : ")", want);
		r->bad++;
	} else if (r->verbose) {
		printf("%s:%u: %s%s: %s%s%s%s\n", r->path, line, name,
		       knr ? " (K&R)" : "", got ? got : "none", got ? "" : " (",
		       got ? "" : why, got ? "" : ")");
	}
	free(got);
	free(want);
	free(name);
}

static enum CXChildVisitResult visit(CXCursor c, CXCursor parent,
				     CXClientData data)
{
	(void)parent;
	if (c.kind == CXCursor_FunctionDecl && clang_isCursorDefinition(c) &&
	    clang_Location_isFromMainFile(clang_getCursorLocation(c)))
		check(data, c);
	return CXChildVisit_Continue;
}

int main(int argc, char **argv)
{
	struct run r = {0};
	int a = 1;
	if (a < argc && !strcmp(argv[a], "-v")) {
		r.verbose = 1;
		a++;
	}
	if (a >= argc) {
		fprintf(stderr, "usage: cc_test [-v] FILE [clang flags...]\n");
		return 2;
	}
	r.path = argv[a];
	char *src = slurp(r.path);
	if (!src) {
		perror(r.path);
		return 2;
	}
	unsigned cap = 0;
	RW_GROW(r.lines, r.nlines, cap);
	r.lines[r.nlines++] = 0;
	for (char *p = src; *p;) {
		RW_GROW(r.lines, r.nlines, cap);
		r.lines[r.nlines++] = p;
		p += strcspn(p, "\n");
		if (*p)
			*p++ = 0;
	}
	r.nlines--;

	CXIndex idx = clang_createIndex(0, 0);
	CXTranslationUnit tu = clang_parseTranslationUnit(idx, r.path,
		(const char *const *)argv + a + 1, argc - a - 1, 0, 0,
		CXTranslationUnit_None);
	if (!tu) {
		fprintf(stderr, "%s: libclang cannot parse it\n", r.path);
		return 2;
	}
	int errors = 0;
	for (unsigned i = 0; i < clang_getNumDiagnostics(tu); i++) {
		CXDiagnostic d = clang_getDiagnostic(tu, i);
		if (clang_getDiagnosticSeverity(d) >= CXDiagnostic_Error) {
			CXString s = clang_formatDiagnostic(d,
				clang_defaultDiagnosticDisplayOptions());
			fprintf(stderr, "%s\n", clang_getCString(s));
			clang_disposeString(s);
			errors++;
		}
		clang_disposeDiagnostic(d);
	}
	if (!errors)
		clang_visitChildren(clang_getTranslationUnitCursor(tu), visit, &r);
	clang_disposeTranslationUnit(tu);
	clang_disposeIndex(idx);
	free(r.lines);
	free(src);
	printf("cc_test: %u cases, %u wrong\n", r.cases, r.bad);
	return errors || r.bad || !r.cases;
}
