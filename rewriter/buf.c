/*
** Growable text buffers, C string-literal escaping and two questions
** about source text for tf-rewrite.
** Allocation failure ends the program with one line: a rewriter that
** cannot allocate cannot do anything useful, and tfcc then compiles the
** original file.
*/
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rewriter.h"

static void oom(void)
{
	fputs("tfcc: warning: tf-rewrite: out of memory; not instrumented\n",
	      stderr);
	exit(1);
}

void *rw_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom();
	return p;
}

void *rw_xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		oom();
	return p;
}

char *rw_xstrndup(const char *s, size_t n)
{
	char *p = rw_xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = 0;
	return p;
}

char *rw_xstrdup(const char *s)
{
	return rw_xstrndup(s, strlen(s));
}

static void reserve(struct rw_buf *b, size_t more)
{
	if (b->n + more + 1 <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 256;
	while (cap < b->n + more + 1)
		cap *= 2;
	b->p = rw_xrealloc(b->p, cap);
	b->cap = cap;
}

void rw_buf_add(struct rw_buf *b, const char *s, size_t n)
{
	reserve(b, n);
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = 0;
}

void rw_buf_puts(struct rw_buf *b, const char *s)
{
	rw_buf_add(b, s, strlen(s));
}

void rw_buf_printf(struct rw_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(0, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	reserve(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->p + b->n, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->n += (size_t)n;
}

/* Contents of a C string literal: printable ASCII stays, everything else
   (quotes, backslash, '?' against trigraphs, control bytes, non-ASCII)
   becomes an escape; octal escapes are always 3 digits, so a following
   digit cannot extend them. */
void rw_buf_cesc(struct rw_buf *b, const char *s, size_t n)
{
	reserve(b, n);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		char tmp[8];
		if (c == '\\' || c == '"' || c == '?') {
			tmp[0] = '\\';
			tmp[1] = (char)c;
			rw_buf_add(b, tmp, 2);
		} else if (c == '\n') {
			rw_buf_add(b, "\\n", 2);
		} else if (c == '\t') {
			rw_buf_add(b, "\\t", 2);
		} else if (c < 0x20 || c >= 0x7f) {
			snprintf(tmp, sizeof tmp, "\\%03o", c);
			rw_buf_add(b, tmp, 4);
		} else {
			rw_buf_add(b, (const char *)&c, 1);
		}
	}
}

char *rw_buf_take(struct rw_buf *b)
{
	char *p = b->p ? b->p : rw_xstrdup("");
	b->p = 0;
	b->n = b->cap = 0;
	return p;
}

int rw_line_lead(const char *src, size_t off)
{
	while (off-- > 0 && src[off] != '\n')
		if (src[off] != ' ' && src[off] != '\t')
			return 0;
	return 1;
}

int rw_ident_start(char c)
{
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
