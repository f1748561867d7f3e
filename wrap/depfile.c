/*
** tfcc dependency files: which .d file a compile writes, and mending it so
** it names the original source instead of the rewritten temp copy.
*/
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* srcdir as make wants it in a .d file, with the trailing slash. */
static char *make_escaped_dir(const char *srcdir)
{
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

static char *slurp(FILE *f, size_t *len)
{
	char *buf = NULL;
	size_t cap = 0, n;
	*len = 0;
	do {
		if (*len + 4096 + 1 > cap) {
			char *nb = realloc(buf, cap = cap ? cap * 2 : 8192);
			if (!nb) {
				free(buf);
				return NULL;
			}
			buf = nb;
		}
		n = fread(buf + *len, 1, 4096, f);
		*len += n;
	} while (n > 0);
	buf[*len] = 0;
	return buf;
}

/* Columns gcc wraps dependency lines at (libcpp mkdeps.cc). */
#define DEP_COLMAX 72

/* Append one name as libcpp's make_write_name does: a space before all
   but the first of a line, " \" and a new line when it would pass the
   limit.  Returns the new column. */
static size_t put_name(FILE *f, const char *name, size_t len, size_t col)
{
	if (col) {
		if (col + len > DEP_COLMAX) {
			fputs(" \\\n", f);
			col = 0;
		}
		col++;
		fputc(' ', f);
	}
	fwrite(name, 1, len, f);
	return col + len;
}

/* Write the first rule of a .d file again, names mended and lines wrapped
   where gcc would have wrapped them for the original names.  Returns
   where the rule ended in text. */
static const char *write_rule(FILE *f, const char *text, const char *from,
			      const char *to)
{
	size_t flen = strlen(from), col = 0;
	const char *p = text;
	int in_deps = 0;

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
		if (!in_deps && p[-1] == ':') {
			/* last target: the colon counts as one column */
			col = put_name(f, start, (size_t)(p - 1 - start), col);
			fputc(':', f);
			col++;
			in_deps = 1;
		} else if ((size_t)(p - start) >= flen &&
			   !strncmp(start, from, flen)) {
			char *name = u_fmt("%s%.*s", to,
					   (int)(p - start - flen), start + flen);
			col = put_name(f, name, strlen(name), col);
			free(name);
		} else {
			col = put_name(f, start, (size_t)(p - start), col);
		}
	}
	fputc('\n', f);
	return *p ? p + 1 : p;
}

/* Make the dependency file name "<srcdir>/" where it names "<tmpdir>/",
   laid out as gcc lays it out.  A file we cannot read was not written:
   nothing to do. */
void dep_mend(const char *file, const char *tmpdir, const char *srcdir)
{
	FILE *f = fopen(file, "r");
	char *text, *from, *to;
	const char *rest;
	size_t len;

	if (!f)
		return;
	text = slurp(f, &len);
	fclose(f);
	from = u_fmt("%s/", tmpdir);
	to = make_escaped_dir(srcdir);
	if (!text || !to || !strstr(text, from))
		goto out;
	if (!(f = fopen(file, "w"))) {
		u_warn("cannot rewrite dependency file %s; it names a "
		       "temporary copy of the source (check permissions)", file);
		goto out;
	}
	rest = write_rule(f, text, from, to);
	fputs(rest, f);
	if (fclose(f) != 0)
		u_warn("cannot write dependency file %s", file);
out:
	free(text);
	free(from);
	free(to);
}
