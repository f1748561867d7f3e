/*
** tfcc dependency files: which .d file a compile writes, and mending it so
** it names the original source instead of the rewritten temp copy.
*/
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tigerfix/trap.h>

#include "tfcc.h"

/* The .d file gcc writes for this source under -MD/-MMD (NULL if none):
   -MF, else the output with its suffix replaced, else the source's base
   name (prefixed "a-" when compiling and linking without -o). */
char *dep_file(const struct call *c, const char *src_base)
{
	char *stem, *d;
	if (!c->md)
		return NULL;
	if (c->mf)
		return u_strdup(c->mf);
	stem = u_strip_ext(c->out ? c->out : src_base);
	if (c->out)
		d = u_fmt("%s.d", stem);
	else
		d = u_fmt("%s%s.d", c->mode == MODE_LINK ? "a-" : "", stem);
	free(stem);
	return d;
}

/* srcdir as make wants it in a .d file, with the trailing slash; and as
   gcc writes a name there (libcpp's apply_vpath): without leading "./"
   and the slashes after one ("./sub", ".//sub": "sub/"). */
static char *make_escaped_dir(const char *srcdir)
{
	while (srcdir[0] == '.' && srcdir[1] == '/') {
		srcdir += 2;
		while (*srcdir == '/')
			srcdir++;
	}
	if (!strcmp(srcdir, "."))
		srcdir = "";
	size_t n = strlen(srcdir);
	char *out = malloc(2 * n + 2), *w = out;
	if (!out)
		return NULL;
	for (const char *p = srcdir; *p; p++) {
		if (*p == ' ' || *p == '#')
			*w++ = '\\';
		else if (*p == '$')
			*w++ = '$';
		*w++ = *p;
	}
	if (n && srcdir[n - 1] != '/')
		*w++ = '/';
	*w = 0;
	return out;
}

/* A name escaped as gcc writes it in a .d file (libcpp mkdeps.cc). */
static char *make_escaped_name(const char *s)
{
	char *out = malloc(2 * strlen(s) + 1), *w = out;
	if (!out)
		return NULL;
	for (; *s; s++) {
		if (*s == ' ' || *s == '#')
			*w++ = '\\';
		else if (*s == '$')
			*w++ = '$';
		*w++ = *s;
	}
	*w = 0;
	return out;
}

/*
** A .c file the source #includes is written into the rewritten copy
** (rewriter/include.c), so gcc does not open it and its -MD list would
** lack it; in its place the copy includes an empty marker beside itself,
** <copy>.tfdep<k>.h (rewriter/emit.c).  Its first line, "/" "* NAME *" "/",
** names the file as gcc lists it; then, for each quote include of the file
** that the rewriter made an absolute path (it lives in another directory),
** that path and the name gcc gives it, a line each, alike.
*/
struct marks {
	char **abs, **name;     /* escaped as in the .d file */
	size_t n;
};

/* NAME, escaped, if the prerequisite name[0, len) (its part after
   "<tmpdir>/") is a marker, its absolute paths added to m; else NULL. */
static char *marker_name(const char *tmpdir, const char *name, size_t len,
			 struct marks *m)
{
	const char *t = memmem(name, len, TF_SIDE_DEP, strlen(TF_SIDE_DEP));
	if (!t || len < 8 || memcmp(name + len - 2, ".h", 2) ||
	    memchr(name, '/', len) || memchr(name, '\\', len))
		return NULL;
	char *path = u_fmt("%s/%.*s", tmpdir, (int)len, name);
	char *text = u_read_file(path), *r = NULL;
	char **v = NULL;        /* its lines' names, escaped */
	size_t nv = 0;
	free(path);
	for (char *p = text; p && *p;) {
		char *nl = strchr(p, '\n'), *e, **w;
		if (!nl || nl - p < 6 || strncmp(p, "/* ", 3) || strncmp(nl - 3, " */", 3))
			break;
		nl[-3] = 0;
		if (!(e = make_escaped_name(p + 3)) ||
		    !(w = realloc(v, (nv + 1) * sizeof *v))) {
			free(e);
			break;
		}
		v = w;
		v[nv++] = e;
		p = nl + 1;
	}
	free(text);
	if (nv)
		r = v[0];
	size_t k = 1;
	for (; k + 1 < nv; k += 2) {
		char **a = realloc(m->abs, (m->n + 1) * sizeof *a);
		if (a)
			m->abs = a;
		char **b = a ? realloc(m->name, (m->n + 1) * sizeof *b) : NULL;
		if (!b)
			break;
		m->name = b;
		m->abs[m->n] = v[k];
		m->name[m->n++] = v[k + 1];
	}
	for (; k < nv; k++)
		free(v[k]);
	free(v);
	return r;
}

/* The name gcc gives an absolute path the rewriter wrote, or NULL. */
static const char *marked(const struct marks *m, const char *name, size_t len)
{
	for (size_t i = 0; i < m->n; i++)
		if (strlen(m->abs[i]) == len && !memcmp(m->abs[i], name, len))
			return m->name[i];
	return NULL;
}

/* Line layout of a .d file: gcc's (libcpp mkdeps.cc, 72 columns) or
   clang's (DependencyFile.cpp, 75 columns, continuation lines indented
   by two). */
struct layout {
	int clang;
	size_t col;
	int in_deps;
};

/* Append one name as the compiler would, breaking the line with " \"
   where it would. */
static void put_name(FILE *f, struct layout *l, const char *name, size_t len)
{
	size_t out = len;
	if (l->clang)           /* clang counts the name before escaping */
		for (size_t i = 0; i + 1 < out; i++)
			if ((name[i] == '\\' && (name[i + 1] == ' ' || name[i + 1] == '#')) ||
			    (name[i] == '$' && name[i + 1] == '$'))
				len--, i++;
	if (!l->clang) {
		if (l->col) {
			if (l->col + len > 72) {
				fputs(" \\\n", f);
				l->col = 0;
			}
			l->col++;
			fputc(' ', f);
		}
		l->col += len;
	} else if (!l->in_deps) {
		if (!l->col) {
			l->col = len;
		} else if (l->col + len + 2 > 75) {
			fputs(" \\\n  ", f);
			l->col = len + 2;
		} else {
			fputc(' ', f);
			l->col += len + 1;
		}
	} else {
		if (l->col + len + 1 + 2 > 75) {
			fputs(" \\\n ", f);
			l->col = 2;
		}
		fputc(' ', f);
		l->col += len + 1;
	}
	fwrite(name, 1, out, f);
}

/* Names already written as prerequisites.  A header the source includes
   by quotes is found through tfcc's -iquote <srcdir> (the rewritten copy
   is elsewhere), and again, as another file entry of the compiler's, when
   a header beside it includes it too; gcc, finding both through the
   source's own directory, lists it once.  Only such names are listed once
   (quoted: "<srcdir>/<name>" for each #include "<name>" of the source):
   gcc lists twice a header it finds through an -I directory and again
   through a header's own (json-c's tests), and so must tfcc. */
struct seen {
	char **v;
	size_t n, cap;
	char **quoted;
	size_t nquoted;
};

/* The source's own #include "<name>" lines of a name in its directory,
   as <srcdir>/<name> (to is the escaped srcdir with its slash). */
static void quoted_includes(struct seen *s, const char *src, const char *to)
{
	char *text = u_read_file(src);
	for (const char *p = text; p && *p;) {
		const char *q = p, *nl = strchr(p, '\n');
		while (*q == ' ' || *q == '\t')
			q++;
		if (*q++ == '#') {
			while (*q == ' ' || *q == '\t')
				q++;
			if (!strncmp(q, "include", 7)) {
				q += 7;
				while (*q == ' ' || *q == '\t')
					q++;
				const char *e = *q == '"' ? strchr(q + 1, '"') : NULL;
				/* a name with a '/' ("../common/x.h", "sub/x.h")
				   lies in another directory, whose headers find it
				   from there: gcc lists that twice itself */
				if (e && (!nl || e < nl) &&
				    !memchr(q + 1, '/', (size_t)(e - q - 1))) {
					char **v = realloc(s->quoted, (s->nquoted + 1) *
							   sizeof *v);
					if (v) {
						s->quoted = v;
						v[s->nquoted++] = u_fmt("%s%.*s", to,
							(int)(e - q - 1), q + 1);
					}
				}
			}
		}
		p = nl ? nl + 1 : NULL;
	}
	free(text);
}

static int is_quoted(const struct seen *s, const char *name, size_t len)
{
	for (size_t i = 0; i < s->nquoted; i++)
		if (strlen(s->quoted[i]) == len && !memcmp(s->quoted[i], name, len))
			return 1;
	return 0;
}

/* Whether name was seen and is to be listed once; records it if not. */
static int seen_before(struct seen *s, const char *name, size_t len)
{
	if (s->quoted && !is_quoted(s, name, len))
		return 0;
	for (size_t i = 0; i < s->n; i++)
		if (strlen(s->v[i]) == len && !memcmp(s->v[i], name, len))
			return 1;
	if (s->n == s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 16;
		char **v = realloc(s->v, cap * sizeof *v);
		if (!v)
			return 0;
		s->v = v;
		s->cap = cap;
	}
	s->v[s->n++] = u_fmt("%.*s", (int)len, name);
	return 0;
}

static void seen_free(struct seen *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	for (size_t i = 0; i < s->nquoted; i++)
		free(s->quoted[i]);
	free(s->quoted);
}

/* Write the first rule of a .d file again, names mended and lines wrapped
   where gcc would have wrapped them for the original names, each
   prerequisite once (in *seen).  Returns where the rule ended in text. */
static const char *write_rule(FILE *f, const char *text, const char *tmpdir,
			      const char *from, const char *to, int clang,
			      struct seen *seen, struct marks *m)
{
	struct layout l = { clang, 0, 0 };
	size_t flen = strlen(from);
	const char *p = text;

	for (;;) {
		const char *start;
		while (*p == ' ' || (p[0] == '\\' && p[1] == '\n'))
			p += *p == ' ' ? 1 : 2;
		if (!*p || *p == '\n')
			break;
		for (start = p; *p && *p != ' ' && *p != '\n'; p++)
			if (p[0] == '\\' && (p[1] == ' ' || p[1] == '#'))
				p++;
			else if (p[0] == '\\' && p[1] == '\n')
				break;
		if (!l.in_deps && p[-1] == ':') {
			/* last target: the colon counts as one column */
			put_name(f, &l, start, (size_t)(p - 1 - start));
			fputc(':', f);
			l.col++;
			l.in_deps = 1;
		} else if ((size_t)(p - start) >= flen &&
			   !strncmp(start, from, flen)) {
			char *name = l.in_deps ? marker_name(tmpdir, start + flen,
					(size_t)(p - start - flen), m) : NULL;
			if (!name)
				name = u_fmt("%s%.*s", to, (int)(p - start - flen),
					     start + flen);
			if (!l.in_deps || !seen_before(seen, name, strlen(name)))
				put_name(f, &l, name, strlen(name));
			free(name);
		} else if (l.in_deps && marked(m, start, (size_t)(p - start))) {
			const char *name = marked(m, start, (size_t)(p - start));
			if (!seen_before(seen, name, strlen(name)))
				put_name(f, &l, name, strlen(name));
		} else if (!l.in_deps ||
			   !seen_before(seen, start, (size_t)(p - start))) {
			put_name(f, &l, start, (size_t)(p - start));
		}
	}
	fputc('\n', f);
	return *p ? p + 1 : p;
}

/* The rest of the file after the first rule: -MP's empty rules, one per
   header, each once (a name gcc lists twice, as above, gets two). */
static void write_phony(FILE *f, const char *rest, const char *tmpdir,
			const char *from, const struct seen *deps,
			const struct marks *marks)
{
	size_t flen = strlen(from);
	struct seen seen = {0};
	seen.quoted = deps->quoted;     /* borrowed */
	seen.nquoted = deps->nquoted;
	while (*rest) {
		const char *nl = strchr(rest, '\n');
		size_t len = nl ? (size_t)(nl - rest) + 1 : strlen(rest);
		/* "name:" (clang puts an empty line after it) */
		struct marks none = {0};
		char *m = len > flen + 2 && rest[len - 1] == '\n' &&
			  rest[len - 2] == ':' && !strncmp(rest, from, flen) ?
			  marker_name(tmpdir, rest + flen, len - 2 - flen, &none) : NULL;
		const char *ab = len > 2 && rest[len - 1] == '\n' && rest[len - 2] == ':' ?
				 marked(marks, rest, len - 2) : NULL;
		if (!m && ab)
			m = u_strdup(ab);
		for (size_t i = 0; i < none.n; i++) {
			free(none.abs[i]);
			free(none.name[i]);
		}
		free(none.abs);
		free(none.name);
		if (m) {                /* a pasted file: its own name */
			if (seen_before(&seen, m, strlen(m)))
				len += rest[len] == '\n';
			else
				fprintf(f, "%s:\n", m);
			free(m);
			rest += len;
			continue;
		}
		if (len > 2 && rest[len - 1] == '\n' && rest[len - 2] == ':' &&
		    seen_before(&seen, rest, len - 2)) {
			rest += len + (rest[len] == '\n');
			continue;
		}
		fwrite(rest, 1, len, f);
		rest += len;
	}
	seen.quoted = NULL;
	seen.nquoted = 0;
	seen_free(&seen);
}

/* Make the dependency file name "<srcdir>/" where it names "<tmpdir>/",
   laid out as gcc lays it out.  A file we cannot read was not written:
   nothing to do. */
void dep_mend(const char *file, const char *tmpdir, const char *srcdir,
	      const char *src, int clang)
{
	char *text = u_read_file(file), *from, *to;
	const char *rest;
	struct seen seen = {0};
	struct marks marks = {0};
	FILE *f;

	if (!text)
		return;
	from = u_fmt("%s/", tmpdir);
	to = make_escaped_dir(srcdir);
	if (!text || !to || !strstr(text, from))
		goto out;
	if (!(f = fopen(file, "w"))) {
		u_warn("cannot rewrite dependency file %s; it names a "
		       "temporary copy of the source (check permissions)", file);
		goto out;
	}
	quoted_includes(&seen, src, to);
	if (!seen.quoted)               /* none: nothing is listed once */
		seen.quoted = calloc(1, sizeof *seen.quoted);
	rest = write_rule(f, text, tmpdir, from, to, clang, &seen, &marks);
	write_phony(f, rest, tmpdir, from, &seen, &marks);
	if (fclose(f) != 0)
		u_warn("cannot write dependency file %s", file);
out:
	for (size_t i = 0; i < marks.n; i++) {
		free(marks.abs[i]);
		free(marks.name[i]);
	}
	free(marks.abs);
	free(marks.name);
	seen_free(&seen);
	free(text);
	free(from);
	free(to);
}
