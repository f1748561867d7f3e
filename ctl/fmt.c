/*
** fmt: tfctl's output helpers: one-line errors, aligned text tables,
** JSON printing and tolerant access to answer fields.
*/
#include "fmt.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void fmt_err(const char *fmt, ...)
{
	va_list ap;
	fflush(stdout);
	fputs("tfctl: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void fmt_table_init(struct fmt_table *t, int ncols)
{
	memset(t, 0, sizeof *t);
	t->ncols = ncols;
}

static char *dup_or_die(const char *s)
{
	char *d = strdup(s ? s : "");
	if (d == NULL) {
		fmt_err("out of memory while formatting output");
		exit(1);
	}
	return d;
}

void fmt_table_row(struct fmt_table *t, const char *const *cells)
{
	if (t->nrows == t->cap) {
		int cap = t->cap ? 2 * t->cap : 32;
		char **c = realloc(t->cells,
				   (size_t)cap * (size_t)t->ncols * sizeof *c);
		if (c == NULL) {
			fmt_err("out of memory while formatting output");
			exit(1);
		}
		t->cells = c;
		t->cap = cap;
	}
	for (int i = 0; i < t->ncols; i++)
		t->cells[t->nrows * t->ncols + i] = dup_or_die(cells[i]);
	t->nrows++;
}

void fmt_table_print(const struct fmt_table *t, FILE *out)
{
	size_t w[16] = { 0 };
	int nc = t->ncols < 16 ? t->ncols : 16;
	for (int r = 0; r < t->nrows; r++)
		for (int i = 0; i < nc; i++) {
			size_t n = strlen(t->cells[r * t->ncols + i]);
			if (n > w[i])
				w[i] = n;
		}
	for (int r = 0; r < t->nrows; r++) {
		char *const *row = t->cells + r * t->ncols;
		int last = nc - 1;
		while (last > 0 && row[last][0] == '\0')
			last--;
		for (int i = 0; i <= last; i++) {
			if (i < last)
				fprintf(out, "%-*s  ", (int)w[i], row[i]);
			else
				fprintf(out, "%s\n", row[i]);
		}
	}
}

void fmt_table_free(struct fmt_table *t)
{
	for (int i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	memset(t, 0, sizeof *t);
}

void fmt_json(json_object *o, FILE *out)
{
	fputs(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PRETTY |
					     JSON_C_TO_STRING_SPACED |
					     JSON_C_TO_STRING_NOSLASHESCAPE),
	      out);
	fputc('\n', out);
}

char *fmt_join(json_object *arr, const char *sep, char *buf, size_t bufsz)
{
	size_t len = 0;
	if (bufsz == 0)
		return buf;
	buf[0] = '\0';
	if (!json_object_is_type(arr, json_type_array))
		return buf;
	size_t n = json_object_array_length(arr);
	for (size_t i = 0; i < n; i++) {
		const char *s =
			json_object_get_string(json_object_array_get_idx(arr, i));
		int w = snprintf(buf + len, bufsz - len, "%s%s", i ? sep : "",
				 s ? s : "");
		if (w < 0 || (size_t)w >= bufsz - len)
			break;          /* truncated: keep what fits */
		len += (size_t)w;
	}
	return buf;
}

const char *fmt_str(json_object *o, const char *key, const char *dflt)
{
	json_object *v;
	if (!json_object_object_get_ex(o, key, &v) || v == NULL)
		return dflt;
	return json_object_get_string(v);
}

long long fmt_int(json_object *o, const char *key, long long dflt)
{
	json_object *v;
	if (!json_object_object_get_ex(o, key, &v) ||
	    !(json_object_is_type(v, json_type_int) ||
	      json_object_is_type(v, json_type_double)))
		return dflt;
	return (long long)json_object_get_int64(v);
}

char *fmt_time(double t, char *buf, size_t bufsz)
{
	time_t s = (time_t)t;
	struct tm tm;
	if (t <= 0 || localtime_r(&s, &tm) == NULL ||
	    strftime(buf, bufsz, "%Y-%m-%d %H:%M:%S", &tm) == 0)
		snprintf(buf, bufsz, "?");
	return buf;
}
