/*
** `tfctl ps [--json]`: the processes on this host that carry the tigerfix
** runtime.  They are found by their abstract sockets "@tigerfix.<pid>" in
** /proc/net/unix (this network namespace only), then each is asked
** "hello".  A process that is gone, refuses us (another user) or does not
** answer is shown with that state; only failing to read /proc is an error.
*/
#include "tfctl.h"
#include "client.h"
#include "fmt.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PREFIX "@tigerfix."
#define MAX_THREADS 16  /* processes asked at once */

/* the pid named by a /proc/net/unix path field, 0 if not ours */
static int pid_of_path(const char *path)
{
	if (strncmp(path, PREFIX, sizeof PREFIX - 1) != 0)
		return 0;
	const char *p = path + sizeof PREFIX - 1;
	char *end;
	if (*p < '1' || *p > '9')
		return 0;
	long v = strtol(p, &end, 10);
	return (*end == '\0' && v > 0 && v <= 0x7fffffff) ? (int)v : 0;
}

static int cmp_int(const void *a, const void *b)
{
	return (*(const int *)a > *(const int *)b) -
	       (*(const int *)a < *(const int *)b);
}

/* the distinct pids with a control socket, sorted; -1 if unreadable */
static int find_pids(int **pids, size_t *n)
{
	FILE *f = fopen("/proc/net/unix", "re");
	if (f == NULL)
		return -1;
	char line[512];
	size_t cap = 0;
	*pids = NULL;
	*n = 0;
	while (fgets(line, sizeof line, f) != NULL) {
		char *path = strrchr(line, ' ');
		if (path == NULL)
			continue;
		path[strcspn(path, "\n")] = '\0';
		int pid = pid_of_path(path + 1);
		if (pid == 0)
			continue;
		if (*n == cap) {
			cap = cap ? 2 * cap : 16;
			int *p = realloc(*pids, cap * sizeof *p);
			if (p == NULL)
				break;
			*pids = p;
		}
		(*pids)[(*n)++] = pid;
	}
	fclose(f);
	if (*n == 0)
		return 0;
	qsort(*pids, *n, sizeof **pids, cmp_int);
	size_t k = 1;   /* drop duplicates: accepted sockets share the name */
	for (size_t i = 1; i < *n; i++)
		if ((*pids)[i] != (*pids)[k - 1])
			(*pids)[k++] = (*pids)[i];
	*n = k;
	return 0;
}

/* per enum client_err: the "state" field, and what ps prints for it */
static const char *const states[][2] = {
	[CLIENT_OK] = { "ok", "" },
	[CLIENT_ENOPROC] = { "exited", "exited" },
	[CLIENT_ENORT] = { "closed", "closed its control socket" },
	[CLIENT_EREFUSED] = { "refused", "refused: another user's process "
				         "(run tfctl as that user or root)" },
	[CLIENT_ETIMEOUT] = { "timeout", "no answer (control thread blocked?)" },
	[CLIENT_EPROTO] = { "bad-answer", "bad answer (other tigerfix "
				          "version?)" },
	[CLIENT_EIO] = { "error", "error talking to it" },
};

static const char *state_text(const char *name)
{
	for (size_t i = 0; i < sizeof states / sizeof states[0]; i++)
		if (!strcmp(states[i][0], name))
			return states[i][1];
	return name;
}

/* a count field that may come as a number or as an array */
static char *count_of(json_object *o, const char *key, char *buf, size_t n)
{
	json_object *v;
	if (json_object_object_get_ex(o, key, &v) &&
	    json_object_is_type(v, json_type_array))
		snprintf(buf, n, "%zu", json_object_array_length(v));
	else
		snprintf(buf, n, "%lld", fmt_int(o, key, 0));
	return buf;
}

/* what the process runs, as far as we may see: its exe link (same user
   or root), else its argv[0] (anyone may read cmdline) */
static int exe_of(int pid, char *buf, size_t n)
{
	char path[64];
	ssize_t len;
	snprintf(path, sizeof path, "/proc/%d/exe", pid);
	if ((len = readlink(path, buf, n - 1)) > 0) {
		buf[len] = '\0';
		return 1;
	}
	snprintf(path, sizeof path, "/proc/%d/cmdline", pid);
	FILE *f = fopen(path, "re");
	if (f == NULL)
		return 0;
	len = (ssize_t)fread(buf, 1, n - 1, f);
	fclose(f);
	buf[len > 0 ? len : 0] = '\0';  /* argv[0] ends at its NUL */
	return buf[0] != '\0';
}

/* hello to one process: its answer, or a stand-in object with "state" */
static json_object *ask(int pid, int timeout_ms)
{
	json_object *req = json_object_new_object();
	json_object_object_add(req, "op", json_object_new_string("hello"));
	enum client_err err;
	char msg[1024];
	json_object *ans = client_request(pid, req, timeout_ms, &err, msg,
					  sizeof msg);
	json_object_put(req);
	json_object *v;
	if (ans != NULL && json_object_object_get_ex(ans, "ok", &v) &&
	    !json_object_get_boolean(v)) {
		err = CLIENT_EREFUSED;
		snprintf(msg, sizeof msg, "%s", fmt_str(ans, "error", "?"));
		json_object_put(ans);
		ans = NULL;
	}
	if (ans == NULL) {
		char exe[4096];
		ans = json_object_new_object();
		json_object_object_add(ans, "ok", json_object_new_boolean(0));
		json_object_object_add(ans, "pid", json_object_new_int(pid));
		if (exe_of(pid, exe, sizeof exe))
			json_object_object_add(ans, "exe",
					       json_object_new_string(exe));
		json_object_object_add(ans, "error",
				       json_object_new_string(msg));
	}
	json_object_object_add(ans, "state",
			       json_object_new_string(states[err][0]));
	json_object_object_add(ans, "pid", json_object_new_int(pid));
	return ans;
}

static void print_text(json_object *all)
{
	size_t n = json_object_array_length(all);
	if (n == 0) {
		printf("no instrumented processes (none serves a tigerfix "
		       "control socket)\n");
		return;
	}
	struct fmt_table t;
	fmt_table_init(&t, 5);
	const char *head[] = { "PID", "EXE", "SITES", "PATCHES", "" };
	fmt_table_row(&t, head);
	for (size_t i = 0; i < n; i++) {
		json_object *p = json_object_array_get_idx(all, i);
		char pid[16], sites[24], patches[24];
		const char *st = fmt_str(p, "state", "");
		int ok = !strcmp(st, "ok");
		snprintf(pid, sizeof pid, "%lld", fmt_int(p, "pid", 0));
		count_of(p, "sites", sites, sizeof sites);
		count_of(p, "patches", patches, sizeof patches);
		const char *row[] = { pid, fmt_str(p, "exe", "?"),
				      ok ? sites : "-", ok ? patches : "-",
				      ok ? "" : state_text(st) };
		fmt_table_row(&t, row);
	}
	fmt_table_print(&t, stdout);
	fmt_table_free(&t);
}

/* the work shared by the asking threads */
struct pool {
	const int *pids;
	json_object **answers;
	size_t n, next;
	int timeout_ms;
	pthread_mutex_t lock;
};

static void *asker(void *arg)
{
	struct pool *p = arg;
	for (;;) {
		pthread_mutex_lock(&p->lock);
		size_t i = p->next++;
		pthread_mutex_unlock(&p->lock);
		if (i >= p->n)
			return NULL;
		p->answers[i] = ask(p->pids[i], p->timeout_ms);
	}
}

/* ask every pid; answers[i] for pids[i] */
static void ask_all(const int *pids, size_t n, int timeout_ms,
		    json_object **answers)
{
	struct pool p = { pids, answers, n, 0, timeout_ms,
			  PTHREAD_MUTEX_INITIALIZER };
	pthread_t th[MAX_THREADS];
	size_t nth = 0;
	while (nth < MAX_THREADS && nth + 1 < n &&
	       pthread_create(&th[nth], NULL, asker, &p) == 0)
		nth++;
	asker(&p);      /* this thread asks too (and alone when n == 1) */
	for (size_t i = 0; i < nth; i++)
		pthread_join(th[i], NULL);
}

int cmd_ps(const struct opts *o)
{
	int *pids;
	size_t n;
	if (find_pids(&pids, &n) != 0) {
		fmt_err("cannot read /proc/net/unix: %s; tfctl ps needs a "
			"mounted /proc", strerror(errno));
		return TFCTL_FAIL;
	}
	json_object **answers = calloc(n ? n : 1, sizeof *answers);
	if (answers == NULL) {
		fmt_err("out of memory listing %zu processes", n);
		free(pids);
		return TFCTL_FAIL;
	}
	ask_all(pids, n, o->timeout_ms, answers);
	json_object *all = json_object_new_array();
	for (size_t i = 0; i < n; i++)
		json_object_array_add(all, answers[i]);
	free(answers);
	free(pids);
	if (o->json)
		fmt_json(all, stdout);
	else
		print_text(all);
	json_object_put(all);
	return TFCTL_OK;
}
