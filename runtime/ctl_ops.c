/*
** Control operations: parse one JSON request line, run the op, build the
** answer line (docs/protocol.md).  Patch ops are delegated to patch_*.c.
*/
#define _GNU_SOURCE
#include <json-c/json.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tf_int.h"

typedef int (*ops_fn)(json_object *req, json_object *ans, char *err,
		      size_t errlen);

static int op_hello(json_object *req, json_object *ans, char *err,
		    size_t errlen)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	unsigned nu, ns;

	exe[n > 0 ? n : 0] = 0;
	reg_counts(&nu, &ns);   /* kept at registration: no record is read */
	json_object_object_add(ans, "pid", json_object_new_int(getpid()));
	json_object_object_add(ans, "abi", json_object_new_int(TF_ABI_VERSION));
	json_object_object_add(ans, "exe", json_object_new_string(exe));
	json_object_object_add(ans, "units", json_object_new_int((int)nu));
	json_object_object_add(ans, "sites", json_object_new_int((int)ns));
	json_object_object_add(ans, "patches",
			       json_object_new_int((int)patch_count()));
	return 0;
}

static int site_json(struct reg_site *rs, void *arg)
{
	json_object *o = json_object_new_object(), *arr = arg;
	char live[32];
	int tag, icpt;

	disp_state(rs, &tag, &icpt);
	if (tag < 0)
		snprintf(live, sizeof live, "original");
	else if (tag == 0)
		snprintf(live, sizeof live, "replaced");
	else
		snprintf(live, sizeof live, "patch %d", tag);
	json_object_object_add(o, "name", json_object_new_string(rs->name));
	json_object_object_add(o, "file", json_object_new_string(rs->file));
	json_object_object_add(o, "line", json_object_new_int(rs->line));
	json_object_object_add(o, "sig", json_object_new_string(rs->sig));
	json_object_object_add(o, "object",
			       json_object_new_string(rs->unit->obj.path));
	json_object_object_add(o, "live", json_object_new_string(live));
	json_object_object_add(o, "intercepted", json_object_new_boolean(icpt));
	/* no copy to call: replace only (disp_no_fn says why) */
	json_object_object_add(o, "out_of_line",
			       json_object_new_boolean(rs->site->fn != 0));
	json_object_array_add(arr, o);
	return 0;
}

static int op_sites(json_object *req, json_object *ans, char *err,
		    size_t errlen)
{
	json_object *g, *arr;
	const char *glob = NULL;

	if (json_object_object_get_ex(req, "glob", &g)) {
		if (!json_object_is_type(g, json_type_string)) {
			snprintf(err, errlen, "sites: \"glob\" must be a "
				 "string; send e.g. {\"op\":\"sites\","
				 "\"glob\":\"parse_*\"}");
			return -1;
		}
		glob = json_object_get_string(g);
	}
	arr = json_object_new_array();
	reg_each(glob, site_json, arr);
	json_object_object_add(ans, "sites", arr);
	return 0;
}

static int op_list(json_object *req, json_object *ans, char *err,
		   size_t errlen)
{
	json_object *arr = json_object_new_array();
	patch_list(arr);
	json_object_object_add(ans, "patches", arr);
	return 0;
}

static const struct {
	const char *name;
	ops_fn fn;
} ops_table[] = {
	{ "hello", op_hello },
	{ "sites", op_sites },
	{ "list", op_list },
	{ "load", patch_op_load },
	{ "unload", patch_op_unload },
};

/* the answer object for one request line */
static json_object *answer(const char *line, size_t len)
{
	json_object *ans = json_object_new_object(), *req, *op;
	json_tokener *tok = json_tokener_new();
	char err[512] = "";
	const char *name;
	size_t i;
	int r = -1;

	req = tok ? json_tokener_parse_ex(tok, line, (int)len) : NULL;
	if (!req || json_tokener_get_error(tok) != json_tokener_success ||
	    json_tokener_get_parse_end(tok) < len)  /* trailing garbage */
		snprintf(err, sizeof err, "request is not one JSON object "
			 "per line; send e.g. {\"op\":\"hello\"}");
	else if (!json_object_is_type(req, json_type_object) ||
		 !json_object_object_get_ex(req, "op", &op) ||
		 !json_object_is_type(op, json_type_string))
		snprintf(err, sizeof err, "request has no \"op\" string; "
			 "send e.g. {\"op\":\"hello\"}");
	else {
		name = json_object_get_string(op);
		for (i = 0; i < sizeof ops_table / sizeof ops_table[0]; i++)
			if (!strcmp(name, ops_table[i].name))
				break;
		if (i == sizeof ops_table / sizeof ops_table[0])
			snprintf(err, sizeof err, "unknown op \"%.64s\"; use "
				 "hello, sites, list, load or unload", name);
		else
			r = ops_table[i].fn(req, ans, err, sizeof err);
	}
	if (r < 0) {
		json_object_put(ans);
		ans = json_object_new_object();
		json_object_object_add(ans, "error",
				       json_object_new_string(err[0] ? err :
					       "request failed; see TF_LOG"));
	}
	json_object_object_add(ans, "ok", json_object_new_boolean(r == 0));
	json_object_put(req);
	if (tok)
		json_tokener_free(tok);
	return ans;
}

char *ops_handle(const char *line, size_t len)
{
	json_object *ans;
	const char *s;
	char *out;
	size_t n;

	while (len > 0 && (line[len - 1] == '\r' || line[len - 1] == ' '))
		len--;
	ans = answer(line, len);
	s = json_object_to_json_string_ext(ans, JSON_C_TO_STRING_PLAIN |
						JSON_C_TO_STRING_NOSLASHESCAPE);
	n = strlen(s);
	out = malloc(n + 2);
	if (out) {
		memcpy(out, s, n);
		out[n] = '\n';
		out[n + 1] = 0;
	}
	json_object_put(ans);
	return out;
}
