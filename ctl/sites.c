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
	unsigned total, shown, units;
	struct fmt_table table;
	json_object *arr;       /* --json */
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

/* every key of a site record as a JSON field */
static json_object *site_json(const struct tfelf_rec *r)
{
	json_object *o = json_object_new_object();
	const char *p = r->text, *end = r->text + r->len;
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		if (eol == NULL)
			eol = end;
		const char *eq = memchr(p, '=', (size_t)(eol - p));
		if (eq != NULL) {
			char key[64];
			size_t kl = (size_t)(eq - p) < sizeof key - 1 ?
					    (size_t)(eq - p) : sizeof key - 1;
			memcpy(key, p, kl);
			key[kl] = '\0';
			const char *v = eq + 1;
			size_t n = (size_t)(eol - v);
			json_object *val;
			if (!strcmp(key, TF_INFO_LINE))
				val = json_object_new_int(atoi(v));
			else if (!strcmp(key, TF_INFO_PARAMS))
				val = split(v, n, '\t');
			else if (!strcmp(key, TF_INFO_FLAGS))
				val = split(v, n, ',');
			else
				val = json_object_new_string_len(v, (int)n);
			json_object_object_add(o, key, val);
		}
		p = eol + 1;
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
	w->shown++;
	if (w->arr != NULL) {
		json_object_array_add(w->arr, site_json(r));
		return 0;
	}
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
	fmt_table_row(&w->table, row);
	return 0;
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
	fmt_table_init(&w.table, 4);
	if (o->json)
		w.arr = json_object_new_array();
	tfelf_foreach(f, visit, &w);
	if (o->json) {
		fmt_json(w.arr, stdout);
		json_object_put(w.arr);
	} else {
		char id[130];
		fmt_table_print(&w.table, stdout);
		if (w.glob != NULL)
			printf("%u of %u functions match '%s'", w.shown,
			       w.total, w.glob);
		else
			printf("%u function%s in %u unit%s", w.total,
			       w.total == 1 ? "" : "s", w.units,
			       w.units == 1 ? "" : "s");
		if (tfelf_build_id(f, id, sizeof id) > 0)
			printf(", build-id %s", id);
		putchar('\n');
	}
	fmt_table_free(&w.table);
	tfelf_close(f);
	return TFCTL_OK;
}
