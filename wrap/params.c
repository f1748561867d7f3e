/*
** gcc's -Wunused-parameter and -Wunused-but-set-parameter for instrumented
** functions.  The trap passes every parameter on to a replacement it may
** call, and gcc counts any mention of a parameter as a use, so the
** instrumented compile never says either.  When clang saw one in the
** rewrite (tf-rewrite leaves <copy>.tfparams), tfcc asks gcc itself: the
** original source, the user's flags, -fsyntax-only.  Of what that prints,
** the diagnostics of those two options (and their notes) go into the
** instrumented compile's messages, where gcc would have printed them:
** front-end messages come in source order, so each goes before the first
** message of a later line, within that leading run; the function headers
** ("In function") are printed where the function changes, as gcc does.
** Under -Werror for them, the compile fails as gcc's would.
*/
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tfcc.h"

/* One message: its context lines (the function header gcc prints when the
   function changes, the include chain), its first line and the lines under
   it (source, caret, notes). */
struct msg {
	const char *ctx;        /* context as it stood (owned by the text) */
	size_t ctxlen;
	const char *body;       /* first line and the lines under it */
	size_t bodylen;
	long line;              /* its line in the main file, -1 unknown */
	int keep, error;
};

struct msgs {
	struct msg *v;
	size_t n;
	const char *tail;       /* "cc1: ..." lines at the end */
	size_t taillen;
};

/* Copy of s[0, n) without ANSI escapes (gcc's colours). */
static char *plain(const char *s, size_t n)
{
	char *r = malloc(n + 1), *w = r;
	if (!r)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\033' && i + 1 < n && s[i + 1] == '[') {
			i += 2;
			while (i < n && !(s[i] >= '@' && s[i] <= '~'))
				i++;
			continue;
		}
		*w++ = s[i];
	}
	*w = 0;
	return r;
}

/* "FILE:LINE:COL: KIND: " or "FILE:LINE: KIND: ": the line, or -1 if the
   line (plain text) does not start a message. */
static long msg_line(const char *p, const char *file, int *kind_error)
{
	for (const char *q = strchr(p, ':'); q; q = strchr(q + 1, ':')) {
		char *e;
		if (q[1] < '0' || q[1] > '9')
			continue;
		long line = strtol(q + 1, &e, 10);
		if (*e != ':')
			continue;
		if (e[1] >= '0' && e[1] <= '9') {
			char *e2;
			strtol(e + 1, &e2, 10);
			if (*e2 == ':')
				e = e2;
		}
		if (!strncmp(e, ": warning: ", 11))
			*kind_error = 0;
		else if (!strncmp(e, ": error: ", 9))
			*kind_error = 1;
		else if (!strncmp(e, ": note: ", 8))
			*kind_error = -1;
		else
			continue;
		size_t fl = strlen(file);
		return (size_t)(q - p) == fl && !strncmp(p, file, fl) ? line : -2;
	}
	return -1;
}

/* Whether a plain line is context: a function header, "At top level:",
   an include chain. */
static int is_ctx(const char *p)
{
	return strstr(p, ": In function ") || strstr(p, ": At top level:") ||
	       !strncmp(p, "In function ", 12) ||
	       !strncmp(p, "    inlined from ", 17) ||
	       !strncmp(p, "In file included from ", 22) ||
	       !strncmp(p, "                 from ", 22);
}

/* For a message in another file: the main file's line that includes it,
   from the include chain in its context ("from FILE:LINE"); else -1. */
static long included_at(const char *ctx, size_t n, const char *file)
{
	char *c = ctx ? plain(ctx, n) : NULL;
	long line = -1;
	size_t fl = strlen(file);
	for (char *p = c; p && (p = strstr(p, "from ")) != NULL; p += 5)
		if (!strncmp(p + 5, file, fl) && p[5 + fl] == ':')
			line = strtol(p + 6 + fl, NULL, 10);
	free(c);
	return line > 0 ? line : -1;
}

/* A new message of m starting with the line p[0, len); NULL without
   memory (the caller's check of what it understood then fails). */
static struct msg *add_msg(struct msgs *m, const char *p, size_t len)
{
	struct msg *v = realloc(m->v, (m->n + 1) * sizeof *v);
	if (!v)
		return NULL;
	m->v = v;
	v = &m->v[m->n++];
	memset(v, 0, sizeof *v);
	v->body = p;
	v->bodylen = len;
	v->line = -1;
	return v;
}

/* Split text into messages; file: the source as gcc names it. */
static void split(const char *text, const char *file, struct msgs *m)
{
	const char *p = text, *ctx = NULL, *ctx_open = NULL;
	size_t ctxlen = 0;
	struct msg *cur = NULL;
	memset(m, 0, sizeof *m);
	while (p && *p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) + 1 : strlen(p);
		char *pl = plain(p, len);
		int kind = 0;
		long line = pl ? msg_line(pl, file, &kind) : -1;
		if (pl && is_ctx(pl)) {
			if (!ctx_open)
				ctx_open = p;
			ctx = ctx_open;
			ctxlen = (size_t)(p + len - ctx_open);
			cur = NULL;
		} else if (pl && line != -1 && kind >= 0) {
			if (!(cur = add_msg(m, p, len))) {
				free(pl);
				break;
			}
			cur->ctx = ctx;
			cur->ctxlen = ctxlen;
			cur->line = line >= 0 ? line : included_at(ctx, ctxlen, file);
			cur->error = kind == 1;
			ctx_open = NULL;
			if (strstr(pl, "[-Wunused-parameter]") ||
			    strstr(pl, "[-Wunused-but-set-parameter]") ||
			    strstr(pl, "[-Werror=unused-parameter]") ||
			    strstr(pl, "[-Werror=unused-but-set-parameter]"))
				cur->keep = 1;
		} else if (pl && !strncmp(pl, "cc1: ", 5) &&
			   strstr(pl, " being treated as errors")) {
			m->tail = p;            /* the closing line of -Werror */
			m->taillen = len;
		} else if (cur) {
			cur->bodylen += len;    /* source, caret, fix-it, note */
		} else {                        /* a line of its own ("cc1: ..."):
						   kept in place, never moved */
			if (!(cur = add_msg(m, p, len))) {
				free(pl);
				break;
			}
			ctx_open = NULL;
		}
		free(pl);
		p += len;
	}
}

static int same_ctx(const struct msg *a, const struct msg *b)
{
	char *x = a->ctx ? plain(a->ctx, a->ctxlen) : NULL;
	char *y = b->ctx ? plain(b->ctx, b->ctxlen) : NULL;
	int r = (!x && !y) || (x && y && !strcmp(x, y));
	free(x);
	free(y);
	return r;
}

static int printed(const struct msgs *m, const struct msg *k)
{
	char *a = plain(k->body, k->bodylen);
	int r = 0;
	for (size_t i = 0; a && i < m->n && !r; i++) {
		char *b = plain(m->v[i].body, m->v[i].bodylen);
		r = b && !strcmp(a, b);
		free(b);
	}
	free(a);
	return r;
}

/* g, after its context if that differs from the last message's. */
static void put(const struct msg *g, const struct msg **last)
{
	if (g->ctx && (!*last || !same_ctx(*last, g)))
		fwrite(g->ctx, 1, g->ctxlen, stderr);
	fwrite(g->body, 1, g->bodylen, stderr);
	*last = g;
}

/*
** argv: gcc -fsyntax-only on the original (compile.c); name: the source
** as gcc names it; cc_err: the instrumented compile's messages; p_err:
** where argv's go.  0: the messages, merged, are printed (*failed: one of
** those added is an error); -1: nothing to add, print cc_err as it is.
*/
int params_merge(char *const *argv, const char *name, const char *cc_err,
		 const char *p_err, int *failed)
{
	*failed = 0;
	run(argv, NULL, p_err);
	char *pt = u_read_file(p_err), *ct = u_read_file(cc_err);
	if (!pt) {
		free(ct);
		return -1;
	}
	struct msgs pm, cm;
	split(pt, name, &pm);
	split(ct ? ct : "", name, &cm);
	size_t nk = 0;
	int err = 0;
	for (size_t i = 0; i < pm.n; i++)
		if (pm.v[i].keep && !printed(&cm, &pm.v[i])) {
			nk++;
			err |= pm.v[i].error;
		} else {
			pm.v[i].keep = 0;
		}
	if (!nk) {
		free(pm.v);
		free(cm.v);
		free(pt);
		free(ct);
		return -1;
	}
	/* every byte of the compile's messages in a message, its context or
	   the closing line; else (a layout not understood) they are printed
	   as they are, and gcc's added after them */
	size_t covered = cm.taillen;
	for (size_t i = 0; i < cm.n; i++)
		covered += cm.v[i].bodylen +
			   (cm.v[i].ctx && (!i || cm.v[i - 1].ctx != cm.v[i].ctx) ?
			    cm.v[i].ctxlen : 0);
	/* the leading run of the compile's messages in source order: the
	   front end's, before the optimizers' start again from the top */
	size_t run_end = 0;
	long prev = -1;
	for (; run_end < cm.n; run_end++) {
		long l = cm.v[run_end].line;
		if (l >= 0 && l < prev)
			break;
		if (l >= 0)
			prev = l;
	}
	/* where each goes: after the compile's last message of its function
	   (gcc says it when the function ends), else before the first of a
	   later line; all within the leading run */
	size_t *at = covered == (ct ? strlen(ct) : 0) ?
		     calloc(pm.n, sizeof *at) : NULL;
	for (size_t k = 0; at && k < pm.n; k++) {
		if (!pm.v[k].keep)
			continue;
		size_t pos = run_end, j;
		for (j = 0; j < run_end; j++)
			if (cm.v[j].line >= 0 && pm.v[k].line >= 0 &&
			    cm.v[j].line > pm.v[k].line) {
				pos = j;
				break;
			}
		for (j = run_end; j-- > 0;)
			if (pm.v[k].ctx && cm.v[j].ctx && same_ctx(&cm.v[j], &pm.v[k])) {
				pos = j + 1;
				break;
			}
		at[k] = pos;
	}
	const struct msg *last = NULL;
	if (!at) {      /* not understood, or no memory: gcc's after them */
		if (ct)
			fputs(ct, stderr);
		for (size_t k = 0; k < pm.n; k++)
			if (pm.v[k].keep)
				put(&pm.v[k], &last);
	}
	for (size_t i = 0; at && i <= cm.n; i++) {
		for (size_t k = 0; i <= run_end && k < pm.n; k++)
			if (pm.v[k].keep && at[k] == i)
				put(&pm.v[k], &last);
		if (i < cm.n)
			put(&cm.v[i], &last);
	}
	if (at && cm.tail)
		fwrite(cm.tail, 1, cm.taillen, stderr);
	free(at);
	if (!cm.tail && err && pm.tail)
		fwrite(pm.tail, 1, pm.taillen, stderr);
	fflush(stderr);
	*failed = err;
	free(pm.v);
	free(cm.v);
	free(pt);
	free(ct);
	return 0;
}
