/*
** fmt: tfctl's output helpers: one-line errors, aligned text tables,
** JSON printing and small conversions of answer fields.
*/
#ifndef TF_CTL_FMT_H
#define TF_CTL_FMT_H

#include <stdio.h>
#include <json-c/json.h>

/* "tfctl: <message>\n" on stderr. */
void fmt_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A table of text cells printed with aligned columns (two spaces apart;
   the last column is not padded, trailing empty cells are dropped). */
struct fmt_table {
	int ncols;
	int nrows, cap;
	char **cells;           /* nrows * ncols, malloc'd */
};

void fmt_table_init(struct fmt_table *t, int ncols);
/* Append a row of ncols cells (copied; NULL prints as ""). */
void fmt_table_row(struct fmt_table *t, const char *const *cells);
void fmt_table_print(const struct fmt_table *t, FILE *out);
void fmt_table_free(struct fmt_table *t);

/* Print a JSON value, pretty, followed by a newline. */
void fmt_json(json_object *o, FILE *out);

/* Join the strings of a JSON array with sep into buf ("" if none or not
   an array); returns buf. */
char *fmt_join(json_object *arr, const char *sep, char *buf, size_t bufsz);

/* Field accessors that tolerate a missing or mistyped field. */
const char *fmt_str(json_object *o, const char *key, const char *dflt);
long long fmt_int(json_object *o, const char *key, long long dflt);

/* Seconds since the epoch as local "YYYY-MM-DD HH:MM:SS". */
char *fmt_time(double t, char *buf, size_t bufsz);

#endif /* TF_CTL_FMT_H */
