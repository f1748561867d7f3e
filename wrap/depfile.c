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

/* Replace "<tmpdir>/" by "<srcdir>/" (nothing when srcdir is "") in the
   dependency file.  A file we cannot read was not written: nothing to do. */
void dep_mend(const char *file, const char *tmpdir, const char *srcdir)
{
	FILE *f = fopen(file, "r");
	char *text, *from, *to, *p, *hit;
	size_t len, flen;

	if (!f)
		return;
	text = slurp(f, &len);
	fclose(f);
	from = u_fmt("%s/", tmpdir);
	flen = strlen(from);
	to = make_escaped_dir(srcdir);
	if (!text || !to || !strstr(text, from))
		goto out;
	if (!(f = fopen(file, "w"))) {
		u_warn("cannot rewrite dependency file %s; it names a "
		       "temporary copy of the source (check permissions)", file);
		goto out;
	}
	for (p = text; (hit = strstr(p, from)); p = hit + flen) {
		fwrite(p, 1, (size_t)(hit - p), f);
		fputs(to, f);
	}
	fputs(p, f);
	if (fclose(f) != 0)
		u_warn("cannot write dependency file %s", file);
out:
	free(text);
	free(from);
	free(to);
}
