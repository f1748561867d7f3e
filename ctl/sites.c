/*
** `tfctl sites FILE [GLOB] [--json]`: the functions a file built with tfcc
** carries, read from its tf_info section (no process needed).
*/
#include "tfctl.h"
#include "elfsites.h"
#include "fmt.h"

#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include <tigerfix/trap.h>

struct walk {
	const char *glob;
	unsigned total, units;
	struct tfelf_rec *recs; /* the matching sites */
	size_t n, cap;
};

/* does the site match GLOB (name, or file:name when GLOB has a ':')? */
static int matches(const struct tfelf_rec *r, const char *glob)
{
	char name[512], file[2048], both[2600];
	if (glob == NULL)
		return 1;
	tfelf_getstr(r, TF_INFO_NAME, name, sizeof name);
	if (strchr(glob, ':') == NULL)
		return fnmatch(glob, name, 0) == 0;
	tfelf_getstr(r, TF_INFO_FILE, file, sizeof file);
	snprintf(both, sizeof both, "%s:%s", file, name);
	return fnmatch(glob, both, 0) == 0;
}

/* a JSON array of the pieces of v separated by sep (empty ones dropped) */
static json_object *split(const char *v, size_t n, char sep)
{
	json_object *a = json_object_new_array();
	const char *end = v + n;
	while (v < end) {
		const char *e = memchr(v, sep, (size_t)(end - v));
		if (e == NULL)
			e = end;
		if (e > v)
			json_object_array_add(a, json_object_new_string_len(
							 v, (int)(e - v)));
		v = e + 1;
	}
	return a;
}

/* every value of a site record as a JSON field named by its key */
static json_object *site_json(const struct tfelf_rec *r)
{
	json_object *o = json_object_new_object();
	size_t nk;
	const char *const *keys = tfelf_site_keys(&nk);
	for (size_t k = 0; k < nk; k++) {
		size_t n;
		const char *v = tfelf_get(r, keys[k], &n);
		json_object *val;
		int list = !strcmp(keys[k], TF_INFO_PARAMS) ||
			   !strcmp(keys[k], TF_INFO_FLAGS);
		if (v == NULL && !list)  /* lists are always there, maybe [] */
			continue;
		if (!strcmp(keys[k], TF_INFO_LINE))
			val = json_object_new_int(atoi(v));
		else if (!strcmp(keys[k], TF_INFO_PARAMS))
			val = split(v ? v : "", n, '\t');
		else if (!strcmp(keys[k], TF_INFO_FLAGS))
			val = split(v ? v : "", n, ',');
		else
			val = json_object_new_string_len(v, (int)n);
		json_object_object_add(o, keys[k], val);
	}
	return o;
}

static int visit(const struct tfelf_rec *r, void *arg)
{
	struct walk *w = arg;
	if (r->kind == TFELF_UNIT)
		w->units++;
	if (r->kind != TFELF_SITE)
		return 0;
	w->total++;
	if (!matches(r, w->glob))
		return 0;
	if (w->n == w->cap) {
		size_t cap = w->cap ? 2 * w->cap : 64;
		struct tfelf_rec *p = realloc(w->recs, cap * sizeof *p);
		if (p == NULL)
			return -1;
		w->recs = p;
		w->cap = cap;
	}
	w->recs[w->n++] = *r;
	return 0;
}

/* by file, then line, then name: section order depends on the linker */
static int cmp_site(const void *a, const void *b)
{
	const struct tfelf_rec *x = a, *y = b;
	char s1[2048], s2[2048];
	int c = strcmp(tfelf_getstr(x, TF_INFO_FILE, s1, sizeof s1),
		       tfelf_getstr(y, TF_INFO_FILE, s2, sizeof s2));
	if (c != 0)
		return c;
	long l1 = atol(tfelf_getstr(x, TF_INFO_LINE, s1, sizeof s1));
	long l2 = atol(tfelf_getstr(y, TF_INFO_LINE, s2, sizeof s2));
	if (l1 != l2)
		return l1 < l2 ? -1 : 1;
	return strcmp(tfelf_getstr(x, TF_INFO_NAME, s1, sizeof s1),
		      tfelf_getstr(y, TF_INFO_NAME, s2, sizeof s2));
}

/* one table row: file:line  name  sig  [flags] */
static void add_row(struct fmt_table *t, const struct tfelf_rec *r)
{
	char file[2048], line[32], where[2100], name[512], sig[1024];
	char flags[256], fl[260];
	tfelf_getstr(r, TF_INFO_FILE, file, sizeof file);
	tfelf_getstr(r, TF_INFO_LINE, line, sizeof line);
	snprintf(where, sizeof where, "%s:%s", file, line[0] ? line : "?");
	tfelf_getstr(r, TF_INFO_FLAGS, flags, sizeof flags);
	snprintf(fl, sizeof fl, flags[0] ? "[%s]" : "%s", flags);
	const char *row[] = {
		where, tfelf_getstr(r, TF_INFO_NAME, name, sizeof name),
		tfelf_getstr(r, TF_INFO_SIG, sig, sizeof sig), fl,
	};
	fmt_table_row(t, row);
}

static void print_text(struct tfelf *f, const struct walk *w)
{
	struct fmt_table t;
	char id[130];
	fmt_table_init(&t, 4);
	for (size_t i = 0; i < w->n; i++)
		add_row(&t, &w->recs[i]);
	fmt_table_print(&t, stdout);
	fmt_table_free(&t);
	if (w->glob != NULL)
		printf("%zu of %u functions match '%s'", w->n, w->total,
		       w->glob);
	else
		printf("%u function%s in %u unit%s", w->total,
		       w->total == 1 ? "" : "s", w->units,
		       w->units == 1 ? "" : "s");
	if (tfelf_build_id(f, id, sizeof id) > 0)
		printf(", build-id %s", id);
	putchar('\n');
}

int cmd_sites(const struct opts *o)
{
	const char *path = o->argv[0];
	enum tfelf_err err;
	char msg[1024];
	struct tfelf *f = tfelf_open(path, &err, msg, sizeof msg);
	if (f == NULL) {
		fmt_err("%s", msg);
		return TFCTL_FAIL;
	}
	struct walk w = { .glob = o->argc > 1 ? o->argv[1] : NULL };
	if (tfelf_foreach(f, visit, &w) != 0) {
		fmt_err("out of memory reading the sites of %s", path);
		free(w.recs);
		tfelf_close(f);
		return TFCTL_FAIL;
	}
	if (w.n > 1)
		qsort(w.recs, w.n, sizeof *w.recs, cmp_site);
	if (o->json) {
		json_object *arr = json_object_new_array();
		for (size_t i = 0; i < w.n; i++)
			json_object_array_add(arr, site_json(&w.recs[i]));
		fmt_json(arr, stdout);
		json_object_put(arr);
	} else {
		print_text(f, &w);
	}
	free(w.recs);
	tfelf_close(f);
	return TFCTL_OK;
}
