/*
** .c files the main file #includes (a unit test including the module it
** tests, to reach its statics): their functions are instrumented too.
** Such a file is written in place of its #include line, between
** "#line 1 <its name>" and "#line <next> <main file>", so __FILE__ and
** __LINE__ stay what gcc would say.  Only plain `#include "x.c"` lines of
** the main file qualify.  A file included twice or more (a template, each
** time with other macros) is written in place of each of its #include
** lines, each copy with the traps of its own functions (below).
*/
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rewriter.h"

struct seen {
	CXFile f;
	unsigned *off;		/* of the file name in the main file, each time */
	unsigned count;
};

struct find {
	CXFile mainf;
	struct seen *v;
	unsigned n, cap;
};

static int ends_with_c(const char *s)
{
	size_t n = strlen(s);
	return n > 2 && s[n - 2] == '.' && s[n - 1] == 'c';
}

static void inclusion(CXFile inc, CXSourceLocation *stack, unsigned n,
		      CXClientData d)
{
	struct find *fd = d;
	CXFile f;
	unsigned off;
	if (n != 1)
		return;		/* only files the main file includes itself */
	clang_getFileLocation(stack[0], &f, 0, 0, &off);
	if (!f || !clang_File_isEqual(f, fd->mainf))
		return;
	CXString name = clang_getFileName(inc);
	int c = ends_with_c(clang_getCString(name));
	clang_disposeString(name);
	if (!c)
		return;
	for (unsigned i = 0; i < fd->n; i++)
		if (clang_File_isEqual(fd->v[i].f, inc)) {
			struct seen *s = &fd->v[i];
			s->off = rw_xrealloc(s->off, sizeof *s->off * (s->count + 1));
			s->off[s->count++] = off;
			return;
		}
	RW_GROW(fd->v, fd->n, fd->cap);
	fd->v[fd->n].f = inc;
	fd->v[fd->n].off = rw_xmalloc(sizeof *fd->v[fd->n].off);
	fd->v[fd->n].off[0] = off;
	fd->v[fd->n].count = 1;
	fd->n++;
}

/* The #include line around offset off: [*from, *to) including its line
   end, the quoted name, and the number of its last line.  0 if the line
   is not a plain #include "name". */
static char *directive(const char *s, size_t len, size_t off, size_t *from,
		       size_t *to, unsigned *last)
{
	size_t a = off, b = off;
	while (a > 0 && s[a - 1] != '\n')
		a--;
	while (b < len && s[b] != '\n')
		b++;
	if (b < len)
		b++;
	const char *p = s + a;
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p++ != '#')
		return 0;
	while (*p == ' ' || *p == '\t')
		p++;
	if (strncmp(p, "include", 7))
		return 0;
	p += 7;
	while (*p == ' ' || *p == '\t')
		p++;
	const char *q = *p == '"' ? memchr(p + 1, '"', (size_t)(s + b - p - 1)) : 0;
	if (!q)
		return 0;
	for (const char *r = q + 1; r < s + b; r++) {	/* then only comments */
		if (*r == '/' && r[1] == '/')
			break;
		if (*r == '/' && r[1] == '*') {
			const char *end = strstr(r + 2, "*/");
			if (!end || memchr(r, '\n', (size_t)(end - r)))
				return 0;
			r = end + 1;
		} else if (*r != ' ' && *r != '\t' && *r != '\r' && *r != '\n') {
			return 0;
		}
	}
	unsigned line = 1;
	for (size_t i = 0; i < a; i++)
		line += s[i] == '\n';
	*from = a;
	*to = b;
	*last = line;
	return rw_xstrndup(p + 1, (size_t)(q - p - 1));
}

static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? rw_xstrndup(path, (size_t)(slash - path)) : rw_xstrdup("");
}

/* The name gcc would give it: the includer's directory and the quoted
   name when that is where it is found, else libclang's path. */
static char *presumed_name(const char *main_presumed, const char *quoted,
			   CXFile f)
{
	char *dir = dir_of(main_presumed);
	struct rw_buf b = {0};
	if (*dir)
		rw_buf_printf(&b, "%s/%s", dir, quoted);
	else
		rw_buf_puts(&b, quoted);
	free(dir);
	if (quoted[0] != '/' && access(b.p, R_OK) == 0)
		return rw_buf_take(&b);
	free(b.p);
	CXString s = clang_getFileName(f);
	char *r = rw_xstrdup(clang_getCString(s));
	clang_disposeString(s);
	return r;
}

/* Quote includes of a file that lives elsewhere than the main file would
   be searched from the wrong directory once it is written in place:
   point them at the file they meant. */
static void fix_nested(struct rw_unit *u, unsigned fi, const char *realdir,
		       const char *maindir)
{
	struct rw_file *rf = &u->files[fi];
	if (!strcmp(realdir, maindir))
		return;
	for (size_t a = rf->start; a < rf->len; ) {
		size_t b = a;
		while (b < rf->len && rf->src[b] != '\n')
			b++;
		size_t from, to;
		unsigned last;
		char *q = directive(rf->src, rf->len, a, &from, &to, &last);
		if (q) {
			char path[PATH_MAX];
			snprintf(path, sizeof path, "%s/%s", realdir, q);
			if (q[0] != '/' && !strpbrk(path, "\"\\") &&
			    access(path, R_OK) == 0) {
				const char *at = memchr(rf->src + from, '"', to - from);
				RW_GROW(u->edits, u->nedits, u->capedits);
				struct rw_edit *e = &u->edits[u->nedits++];
				e->file = fi;
				e->off = (size_t)(at - rf->src) + 1;
				e->len = strlen(q);
				e->text = rw_xstrdup(path);
				e->sub = -1;
				/* for -MD lists: gcc names it from the includer's
				   name (emit.c, rw_dep_marker) */
				char *d = dir_of(rf->presumed);
				struct rw_buf nb = {0};
				rw_buf_printf(&nb, "%s%s%s", d, *d ? "/" : "", q);
				free(d);
				rf->nested = rw_xrealloc(rf->nested, sizeof
					*rf->nested * (rf->nnested + 2));
				rf->nested[rf->nnested++] = rw_xstrdup(path);
				rf->nested[rf->nnested++] = rw_buf_take(&nb);
			}
			free(q);
		}
		a = b + 1;
	}
}

static char *real_dir(const char *path)
{
	char buf[PATH_MAX];
	char *d = dir_of(realpath(path, buf) ? buf : path);
	return d;
}

/*
** A file the main file includes several times (a template): each
** inclusion is a file of the unit, with its own traps, when the
** definitions can be told apart by inclusion.  libclang gives each
** inclusion its own range of source locations (a FileID), so a file
** location's raw encoding (CXSourceLocation.int_data, the high bit clear)
** minus its offset is the same for every location of one inclusion and
** grows from one inclusion to the next.  Those bases, from the file's
** top-level declarations, must be exactly one per #include of the main
** file; otherwise (an inclusion that declares nothing, or one from
** another file) the file is left to gcc and its functions are listed as
** skipped.
*/
struct bases {
	CXFile f;
	unsigned *v;
	unsigned n;
};

unsigned rw_loc_base(CXSourceLocation l)
{
	CXFile f;
	unsigned off;
	if (l.int_data & 0x80000000u)
		return 0;		/* in a macro expansion */
	clang_getFileLocation(l, &f, 0, 0, &off);
	return f && l.int_data > off ? l.int_data - off : 0;
}

static enum CXChildVisitResult collect_bases(CXCursor c, CXCursor p,
					     CXClientData d)
{
	struct bases *b = d;
	(void)p;
	CXSourceRange r = clang_getCursorExtent(c);
	CXSourceLocation at[3] = { clang_getRangeStart(r), clang_getRangeEnd(r),
				   clang_getCursorLocation(c) };
	for (int i = 0; i < 3; i++) {
		CXFile f;
		unsigned base = rw_loc_base(at[i]);
		if (!base)
			continue;
		clang_getFileLocation(at[i], &f, 0, 0, 0);
		if (!f || !clang_File_isEqual(f, b->f))
			return CXChildVisit_Continue;
		for (unsigned k = 0; k < b->n; k++)
			if (b->v[k] == base)
				return CXChildVisit_Continue;
		b->v = rw_xrealloc(b->v, sizeof *b->v * (b->n + 1));
		b->v[b->n++] = base;
		return CXChildVisit_Continue;
	}
	return CXChildVisit_Continue;
}

static int by_value(const void *a, const void *b)
{
	unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;
	return x < y ? -1 : x > y;
}

/* The bases of f's inclusions, in order, when there is one for each of
   its count #includes in the main file; else 0. */
static unsigned *inclusion_bases(CXTranslationUnit tu, CXFile f, unsigned count)
{
	struct bases b = { f, 0, 0 };
	clang_visitChildren(clang_getTranslationUnitCursor(tu), collect_bases, &b);
	if (b.n != count) {
		free(b.v);
		return 0;
	}
	qsort(b.v, b.n, sizeof *b.v, by_value);
	return b.v;
}

unsigned rw_include_find(const struct rw_opts *o, CXTranslationUnit tu,
			 CXFile mainf, struct rw_unit *u, CXFile *cx,
			 unsigned *base, unsigned max, struct rw_multi **multi,
			 unsigned *nmulti)
{
	struct find fd = { mainf, 0, 0, 0 };
	clang_getInclusions(tu, inclusion, &fd);
	unsigned n = 1;
	char *maindir = real_dir(o->source);
	for (unsigned i = 0; i < fd.n; i++) {
		unsigned *bases = 0;
		if (fd.v[i].count > 1)
			bases = inclusion_bases(tu, fd.v[i].f, fd.v[i].count);
		if (fd.v[i].count > 1 && (!bases || n + fd.v[i].count > max)) {
			size_t from, to;
			unsigned last;
			char *q = directive(u->src, u->len, fd.v[i].off[0],
					    &from, &to, &last);
			if (q) {
				*multi = rw_xrealloc(*multi, sizeof **multi *
						     (*nmulti + 1));
				(*multi)[*nmulti].f = fd.v[i].f;
				(*multi)[(*nmulti)++].presumed =
					presumed_name(o->presumed, q, fd.v[i].f);
			}
			free(q);
			free(bases);
			continue;
		}
		for (unsigned k = 0; k < fd.v[i].count && n < max; k++) {
			size_t from, to, size;
			unsigned last;
			char *q = directive(u->src, u->len, fd.v[i].off[k],
					    &from, &to, &last);
			const char *text = q ? clang_getFileContents(tu, fd.v[i].f, &size) : 0;
			if (!text) {
				free(q);
				continue;
			}
			u->files = rw_xrealloc(u->files, sizeof *u->files * (n + 1));
			struct rw_file *rf = &u->files[n];
			memset(rf, 0, sizeof *rf);
			rf->src = rw_xstrndup(text, size);
			rf->len = size;
			rf->start = size >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3) ? 3 : 0;
			rf->presumed = presumed_name(o->presumed, q, fd.v[i].f);
			rf->dir_off = from;
			rf->dir_len = to - from;
			rf->dir_next = last + 1;
			cx[n] = fd.v[i].f;
			base[n] = bases ? bases[k] : 0;
			CXString fname = clang_getFileName(fd.v[i].f);
			char *rd = real_dir(clang_getCString(fname));
			clang_disposeString(fname);
			fix_nested(u, n, rd, maindir);
			free(rd);
			free(q);
			n++;
		}
		free(bases);
	}
	for (unsigned i = 0; i < fd.n; i++)
		free(fd.v[i].off);
	free(maindir);
	free(fd.v);
	u->nfiles = n;
	return n;
}
