/*
** tf-rewrite --mode=patch, the mechanics: the main file's tokens, text
** edits that never move a line (deleted newlines are kept), import names
** with $xx escapes, and the patch's text (records may name the target's
** file while #line names the patch source).
*/
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "patch.h"

void pe_tokenize(struct pctx *x)
{
	CXSourceRange r = clang_getRange(
		clang_getLocationForOffset(x->tu, x->mainf, 0),
		clang_getLocationForOffset(x->tu, x->mainf, (unsigned)x->u->len));
	CXToken *t = 0;
	unsigned n = 0;
	clang_tokenize(x->tu, r, &t, &n);
	x->t = rw_xmalloc(sizeof *x->t * (n + 1));
	x->nt = 0;
	for (unsigned i = 0; i < n; i++) {
		CXSourceRange e = clang_getTokenExtent(x->tu, t[i]);
		unsigned a, b;
		clang_getFileLocation(clang_getRangeStart(e), 0, 0, 0, &a);
		clang_getFileLocation(clang_getRangeEnd(e), 0, 0, 0, &b);
		if (b < a || b > x->u->len ||
		    (x->nt && a < x->t[x->nt - 1].end) ||
		    clang_getTokenKind(t[i]) == CXToken_Comment)
			continue;
		x->t[x->nt].start = a;
		x->t[x->nt].end = b;
		x->nt++;
	}
	if (t)
		clang_disposeTokens(x->tu, t, n);
}

long pe_tok_at(const struct pctx *x, size_t off)
{
	unsigned lo = 0, hi = x->nt;
	while (lo < hi) {
		unsigned mid = (lo + hi) / 2;
		if (x->t[mid].start < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < x->nt && x->t[lo].start == off ? (long)lo : -1;
}

int pe_tok_is(const struct pctx *x, long i, const char *s)
{
	size_t n = strlen(s);
	if (i < 0 || (unsigned long)i >= x->nt)
		return 0;
	return x->t[i].end - x->t[i].start == n &&
	       !memcmp(x->u->src + x->t[i].start, s, n);
}

char *pe_tok_text(const struct pctx *x, long i)
{
	return rw_xstrndup(x->u->src + x->t[i].start,
			   x->t[i].end - x->t[i].start);
}

void pe_edit(struct pctx *x, size_t off, size_t del, const char *text)
{
	if (x->ne == x->cape) {
		x->cape = x->cape ? 2 * x->cape : 16;
		x->e = rw_xrealloc(x->e, sizeof *x->e * x->cape);
	}
	x->e[x->ne].off = off;
	x->e[x->ne].del = del;
	x->e[x->ne].text = rw_xstrdup(text);
	x->ne++;
}

/* Keeps the first error: "<file>:<line>: <what>; <what to do>". */
void pe_fail(struct pctx *x, unsigned line, const char *fmt, ...)
{
	if (x->why)
		return;
	struct rw_buf b = {0};
	char tmp[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	rw_buf_printf(&b, "patch mode: %s:%u: %s", x->o->presumed, line, tmp);
	x->why = rw_buf_take(&b);
}

/* Every byte outside [A-Za-z0-9_] as $xx. */
static void escape(struct rw_buf *b, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '_')
			rw_buf_add(b, s, 1);
		else
			rw_buf_printf(b, "$%02x", c);
	}
}

/* The text after a bound object's declarator. */
char *pe_import_label(const struct pctx *x, const char *name)
{
	struct rw_buf b = {0};
	rw_buf_puts(&b, " __asm__(\"tf.imp.object.");
	escape(&b, x->file);
	rw_buf_puts(&b, ".");
	escape(&b, name);
	rw_buf_puts(&b, "\") __attribute__((__weak__))");
	return rw_buf_take(&b);
}

static int by_off(const void *a, const void *b)
{
	const struct pedit *p = a, *q = b;
	if (p->off != q->off)
		return p->off < q->off ? -1 : 1;
	return (p->del != 0) - (q->del != 0);	/* inserts first */
}

/* Where old offset off lands in the edited text. */
static size_t moved(const struct pctx *x, size_t off)
{
	long d = 0;
	for (unsigned i = 0; i < x->ne && x->e[i].off < off; i++)
		d += (long)strlen(x->e[i].text) - (long)x->e[i].del;
	return (size_t)((long)off + d);
}

static int dropped(const struct pctx *x, size_t off)
{
	for (unsigned i = 0; i < x->ndropoff; i++)
		if (x->dropoff[i] == off)
			return 1;
	return 0;
}

/* Applies the edits to u->src; moves the model's offsets along; drops
   the exports (and their label edits) of objects that became imports. */
void pe_apply(struct pctx *x)
{
	struct rw_unit *u = x->u;
	qsort(x->e, x->ne, sizeof *x->e, by_off);
	struct rw_buf b = {0};
	size_t pos = 0;
	for (unsigned i = 0; i < x->ne; i++) {
		struct pedit *e = &x->e[i];
		if (e->off < pos || e->off + e->del > u->len)
			continue;	/* overlapping: cannot happen */
		rw_buf_add(&b, u->src + pos, e->off - pos);
		rw_buf_puts(&b, e->text);
		for (size_t k = e->off; k < e->off + e->del; k++)
			if (u->src[k] == '\n')
				rw_buf_add(&b, "\n", 1);	/* lines stay */
		pos = e->off + e->del;
	}
	rw_buf_add(&b, u->src + pos, u->len - pos);
	/* newlines kept inside deletions shift later offsets back */
	for (unsigned i = 0; i < x->ne; i++) {
		size_t nl = 0;
		for (size_t k = x->e[i].off; k < x->e[i].off + x->e[i].del; k++)
			nl += u->src[k] == '\n';
		if (nl) {
			char *t = rw_xmalloc(strlen(x->e[i].text) + nl + 1);
			strcpy(t, x->e[i].text);
			memset(t + strlen(t), '\n', nl);
			t[strlen(x->e[i].text) + nl] = 0;
			free(x->e[i].text);
			x->e[i].text = t;
		}
	}
	for (unsigned i = 0; i < u->nfuncs; i++)
		if (u->funcs[i].file == 0)
			u->funcs[i].brace = moved(x, u->funcs[i].brace);
	for (unsigned i = 1; i < u->nfiles; i++)
		u->files[i].dir_off = moved(x, u->files[i].dir_off);
	unsigned k = 0;
	for (unsigned i = 0; i < u->nedits; i++) {
		if (u->edits[i].file == 0 && dropped(x, u->edits[i].off))
			continue;
		u->edits[k] = u->edits[i];
		if (u->edits[i].file == 0)
			u->edits[k].off = moved(x, u->edits[i].off);
		k++;
	}
	u->nedits = k;
	k = 0;
	for (unsigned i = 0; i < u->nobjs; i++) {
		int drop = 0;
		for (unsigned j = 0; j < x->ndrop && !drop; j++)
			drop = !strcmp(x->drop[j], u->objs[i].name);
		if (!drop)
			u->objs[k++] = u->objs[i];
	}
	u->nobjs = k;
	free(u->src);
	u->len = b.n;
	u->src = rw_buf_take(&b);
	u->files[0].src = u->src;	/* the main file */
	u->files[0].len = u->len;
	if (x->o->target_file) {
		free(u->files[0].presumed);
		u->files[0].presumed = rw_xstrdup(x->o->target_file);
	}
}

/* rw_emit, but records and the unit name --target-file when given while
   #line keeps naming the patch source. */
void rw_patch_emit(const struct rw_opts *o, const struct rw_unit *u,
		   struct rw_buf *out)
{
	if (!o->target_file || !strcmp(o->target_file, o->presumed)) {
		rw_emit(o, u, out);
		return;
	}
	struct rw_opts t = *o;
	t.presumed = o->target_file;
	struct rw_buf b = {0}, want = {0}, have = {0};
	rw_emit(&t, u, &b);
	rw_buf_puts(&have, "\n#line 1 \"");
	rw_buf_cesc(&have, o->target_file, strlen(o->target_file));
	rw_buf_puts(&have, "\"\n");
	rw_buf_puts(&want, "\n#line 1 \"");
	rw_buf_cesc(&want, o->presumed, strlen(o->presumed));
	rw_buf_puts(&want, "\"\n");
	char *p = b.n ? strstr(b.p, have.p) : 0;
	if (b.n && !strncmp(b.p, have.p + 1, have.n - 1)) {
		rw_buf_add(out, want.p + 1, want.n - 1);	/* at the top */
		rw_buf_add(out, b.p + have.n - 1, b.n - (have.n - 1));
	} else if (p) {
		rw_buf_add(out, b.p, (size_t)(p - b.p));
		rw_buf_add(out, want.p, want.n);
		rw_buf_add(out, p + have.n, b.n - (size_t)(p - b.p) - have.n);
	} else {
		rw_buf_add(out, b.p, b.n);
	}
	free(b.p);
	free(want.p);
	free(have.p);
}
