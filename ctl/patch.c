/*
** `tfctl list`, `tfctl load` and `tfctl unload`: the patch commands, each
** one or two requests over the control socket (docs/protocol.md).  With
** --json the answer object is printed as received; failures that never
** reached the process are printed as {"ok": false, "error": ...} too, so
** scripts always get one object.
*/
#include "tfctl.h"
#include "client.h"
#include "fmt.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* one process's JSON answer, naming the process (with --pid N,M,...
   the answers come one after another) */
static void print_answer(const struct opts *o, json_object *ans)
{
	json_object_object_add(ans, "pid", json_object_new_int(o->pid));
	fmt_json(ans, stdout);
}

/* report a request that got no answer; returns the exit status */
static int no_answer(const struct opts *o, const char *msg)
{
	fmt_err("%s", msg);
	if (o->json) {
		json_object *e = json_object_new_object();
		json_object_object_add(e, "ok", json_object_new_boolean(0));
		json_object_object_add(e, "error", json_object_new_string(msg));
		print_answer(o, e);
		json_object_put(e);
	}
	return TFCTL_FAIL;
}

static int ok_of(json_object *ans)
{
	json_object *v;
	return json_object_object_get_ex(ans, "ok", &v) &&
	       json_object_get_boolean(v);
}

/* the error of a refused answer, never NULL */
static const char *error_of(json_object *ans)
{
	return fmt_str(ans, "error", "the process refused without a reason");
}

static json_object *request(const char *op)
{
	json_object *r = json_object_new_object();
	json_object_object_add(r, "op", json_object_new_string(op));
	return r;
}

static void print_patches(const struct opts *o, json_object *patches)
{
	size_t n = json_object_is_type(patches, json_type_array) ?
			   json_object_array_length(patches) : 0;
	if (n == 0) {
		printf("no patches in %d\n", o->pid);
		return;
	}
	struct fmt_table t;
	fmt_table_init(&t, 4);
	const char *head[] = { "ID", "LOADED", "PATH", "REPLACED" };
	fmt_table_row(&t, head);
	for (size_t i = 0; i < n; i++) {
		json_object *p = json_object_array_get_idx(patches, i), *v;
		char id[24], when[32], repl[4096];
		snprintf(id, sizeof id, "%lld", fmt_int(p, "id", 0));
		double at = json_object_object_get_ex(p, "loaded_at", &v) ?
				    json_object_get_double(v) : 0;
		json_object_object_get_ex(p, "replaced", &v);
		const char *row[] = { id, fmt_time(at, when, sizeof when),
				      fmt_str(p, "path", "?"),
				      fmt_join(v, ", ", repl, sizeof repl) };
		fmt_table_row(&t, row);
	}
	fmt_table_print(&t, stdout);
	fmt_table_free(&t);
}

static void print_sites(const struct opts *o, json_object *sites)
{
	size_t n = json_object_is_type(sites, json_type_array) ?
			   json_object_array_length(sites) : 0;
	if (n == 0) {
		printf("no function of %d matches '%s'\n", o->pid, o->sites);
		return;
	}
	struct fmt_table t;
	fmt_table_init(&t, 4);
	const char *head[] = { "FUNCTION", "FILE:LINE", "LIVE", "" };
	fmt_table_row(&t, head);
	for (size_t i = 0; i < n; i++) {
		json_object *s = json_object_array_get_idx(sites, i), *v;
		char where[2100];
		snprintf(where, sizeof where, "%s:%lld", fmt_str(s, "file", "?"),
			 fmt_int(s, "line", 0));
		int icpt = json_object_object_get_ex(s, "intercepted", &v) &&
			   json_object_get_boolean(v);
		/* absent (an older runtime): assume a copy */
		int nocopy = json_object_object_get_ex(s, "out_of_line", &v) &&
			     !json_object_get_boolean(v);
		const char *row[] = { fmt_str(s, "name", "?"), where,
				      fmt_str(s, "live", "?"),
				      icpt ? "(intercepted)" :
				      nocopy ? "(replace only: no out-of-line copy)" : "" };
		fmt_table_row(&t, row);
	}
	fmt_table_print(&t, stdout);
	printf("%zu function%s of %d match '%s'\n", n, n == 1 ? "" : "s",
	       o->pid, o->sites);
	fmt_table_free(&t);
}

int cmd_list(const struct opts *o)
{
	struct client c;
	char msg[1024];
	enum client_err err;
	if (client_open(&c, o->pid, o->timeout_ms, msg, sizeof msg) != 0) {
		client_close(&c);
		return no_answer(o, msg);
	}
	json_object *req = request("list");
	json_object *ans = client_call(&c, req, &err, msg, sizeof msg);
	json_object *sites = NULL;
	json_object_put(req);
	if (ans != NULL && ok_of(ans) && o->sites != NULL) {
		req = request("sites");
		json_object_object_add(req, "glob",
				       json_object_new_string(o->sites));
		sites = client_call(&c, req, &err, msg, sizeof msg);
		json_object_put(req);
		if (sites == NULL) {
			json_object_put(ans);
			ans = NULL;
		}
	}
	client_close(&c);
	if (ans == NULL)
		return no_answer(o, msg);
	int rc = TFCTL_OK;
	json_object *failed = !ok_of(ans) ? ans :
			      sites && !ok_of(sites) ? sites : NULL;
	json_object *v = NULL;
	if (failed != NULL) {
		if (o->json)
			print_answer(o, failed);
		fmt_err("cannot list %s of %d: %s",
			failed == ans ? "the patches" : "the functions", o->pid,
			error_of(failed));
		rc = TFCTL_FAIL;
	} else if (o->json) {
		if (sites && json_object_object_get_ex(sites, "sites", &v))
			json_object_object_add(ans, "sites",
					       json_object_get(v));
		print_answer(o, ans);
	} else {
		json_object_object_get_ex(ans, "patches", &v);
		print_patches(o, v);
		if (sites != NULL) {
			json_object_object_get_ex(sites, "sites", &v);
			putchar('\n');
			print_sites(o, v);
		}
	}
	json_object_put(sites);
	json_object_put(ans);
	return rc;
}

/* Send REQ (consumed) to the process.  A refusal prints "cannot WHAT:
   <error>".  Returns the exit status; on success *ans is the answer (the
   caller puts it), already printed with --json. */
static int call(const struct opts *o, json_object *req, const char *what,
		json_object **ans)
{
	enum client_err err;
	char msg[1024];
	*ans = client_request(o->pid, req, o->timeout_ms, &err, msg,
			      sizeof msg);
	json_object_put(req);
	if (*ans == NULL)
		return no_answer(o, msg);
	if (o->json)
		print_answer(o, *ans);
	if (ok_of(*ans))
		return TFCTL_OK;
	fmt_err("cannot %s: %s", what, error_of(*ans));
	json_object_put(*ans);
	*ans = NULL;
	return TFCTL_FAIL;
}

/* the names in field KEY of ans, joined, or "nothing" */
static char *names(json_object *ans, const char *key, char *buf, size_t n)
{
	json_object *v = NULL;
	json_object_object_get_ex(ans, key, &v);
	fmt_join(v, ", ", buf, n);
	if (buf[0] == '\0')
		snprintf(buf, n, "nothing");
	return buf;
}

int cmd_load(const struct opts *o)
{
	const char *patch = o->argv[0];
	char abs[PATH_MAX], what[PATH_MAX + 64], repl[4096], same[4096];
	snprintf(what, sizeof what, "load %s into %d", patch, o->pid);
	if (realpath(patch, abs) == NULL) {
		char msg[PATH_MAX + 256];
		snprintf(msg, sizeof msg, "cannot %s: %s; give the path of a "
			 "patch built with tfcc --patch-for", what,
			 strerror(errno));
		return no_answer(o, msg);
	}
	json_object *req = request("load"), *ans;
	json_object_object_add(req, "path", json_object_new_string(abs));
	int rc = call(o, req, what, &ans);
	if (rc == TFCTL_OK && !o->json) {
		printf("loaded patch %lld into %d: replaced %s",
		       fmt_int(ans, "id", 0), o->pid,
		       names(ans, "replaced", repl, sizeof repl));
		if (strcmp(names(ans, "unchanged", same, sizeof same),
			   "nothing") != 0)
			printf("; unchanged: %s", same);
		putchar('\n');
	}
	json_object_put(ans);
	return rc;
}

int cmd_unload(const struct opts *o)
{
	char *end, what[96], rest[4096];
	long id = strtol(o->argv[0], &end, 10);
	if (*o->argv[0] == '\0' || *end != '\0' || id <= 0 || id > INT_MAX) {
		fmt_err("bad patch id '%s': expected a positive number; "
			"`tfctl list --pid %d` shows the ids", o->argv[0],
			o->pid);
		return TFCTL_USAGE;
	}
	snprintf(what, sizeof what, "unload patch %ld from %d", id, o->pid);
	json_object *req = request("unload"), *ans;
	json_object_object_add(req, "id", json_object_new_int((int)id));
	int rc = call(o, req, what, &ans);
	if (rc == TFCTL_OK && !o->json)
		printf("unloaded patch %lld from %d: restored %s\n",
		       fmt_int(ans, "id", id), o->pid,
		       names(ans, "restored", rest, sizeof rest));
	json_object_put(ans);
	return rc;
}
