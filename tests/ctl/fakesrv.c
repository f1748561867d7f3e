/*
** fakesrv: a stand-in for the runtime's control server, for testing the
** tfctl client.  Serves "\0tigerfix.<own pid>" with canned answers.
**
**   fakesrv MODE LOG      MODE: normal | silent | refuse | garbage
**
** Prints "ready <pid>" on stdout once listening; appends every request line
** to LOG.  normal answers hello/list/sites/load/unload as described in
** docs/protocol.md; silent never answers; refuse closes every connection
** unread (as for another user); garbage answers a line that is not JSON.
*/
#include <fnmatch.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static const char *const sites[][3] = {       /* name, file, live */
	{ "add", "calc.c", "patch 1" },
	{ "sub", "calc.c", "patch 1" },
	{ "mul", "calc.c", "original" },
	{ "main", "main.c", "original" },
};

static json_object *answer_sites(const char *glob)
{
	json_object *a = json_object_new_array();
	for (size_t i = 0; i < sizeof sites / sizeof sites[0]; i++) {
		char both[256];
		snprintf(both, sizeof both, "%s:%s", sites[i][1], sites[i][0]);
		if (fnmatch(glob, strchr(glob, ':') ? both : sites[i][0], 0))
			continue;
		json_object *s = json_object_new_object();
		json_object_object_add(s, "name", json_object_new_string(sites[i][0]));
		json_object_object_add(s, "file", json_object_new_string(sites[i][1]));
		json_object_object_add(s, "line", json_object_new_int(10 + (int)i));
		json_object_object_add(s, "sig", json_object_new_string("int (int, int)"));
		json_object_object_add(s, "object", json_object_new_string("/bin/calc"));
		json_object_object_add(s, "live", json_object_new_string(sites[i][2]));
		json_object_object_add(s, "intercepted", json_object_new_boolean(i == 2));
		json_object_array_add(a, s);
	}
	return a;
}

static json_object *names(const char *a, const char *b)
{
	json_object *arr = json_object_new_array();
	if (a)
		json_object_array_add(arr, json_object_new_string(a));
	if (b)
		json_object_array_add(arr, json_object_new_string(b));
	return arr;
}

static void fail(json_object *ans, const char *msg)
{
	json_object_object_add(ans, "ok", json_object_new_boolean(0));
	json_object_object_add(ans, "error", json_object_new_string(msg));
}

static json_object *serve(const char *line)
{
	json_object *req = json_tokener_parse(line), *ans =
		json_object_new_object(), *v;
	const char *op = "";
	if (req && json_object_object_get_ex(req, "op", &v))
		op = json_object_get_string(v);
	json_object_object_add(ans, "ok", json_object_new_boolean(1));
	if (!strcmp(op, "hello")) {
		json_object_object_add(ans, "pid", json_object_new_int(getpid()));
		json_object_object_add(ans, "abi", json_object_new_int(1));
		json_object_object_add(ans, "exe", json_object_new_string("/bin/calc"));
		json_object_object_add(ans, "units", json_object_new_int(2));
		json_object_object_add(ans, "sites", json_object_new_int(4));
		json_object_object_add(ans, "patches", json_object_new_int(1));
	} else if (!strcmp(op, "list")) {
		json_object *p = json_object_new_object(), *a = json_object_new_array();
		json_object_object_add(p, "id", json_object_new_int(1));
		json_object_object_add(p, "path", json_object_new_string("/tmp/fix1.so"));
		json_object_object_add(p, "replaced", names("add", "sub"));
		json_object_object_add(p, "loaded_at", json_object_new_double(1.7e9));
		json_object_array_add(a, p);
		json_object_object_add(ans, "patches", a);
	} else if (!strcmp(op, "sites")) {
		const char *glob = "*";
		if (json_object_object_get_ex(req, "glob", &v))
			glob = json_object_get_string(v);
		json_object_object_add(ans, "sites", answer_sites(glob));
	} else if (!strcmp(op, "load")) {
		const char *path = "";
		if (json_object_object_get_ex(req, "path", &v))
			path = json_object_get_string(v);
		if (path[0] != '/')
			fail(ans, "load needs an absolute path");
		else if (strstr(path, "bad"))
			fail(ans, "add() changed signature (patch: long (int, int), "
				  "running: int (int, int)); nothing was changed");
		else {
			json_object_object_add(ans, "id", json_object_new_int(2));
			json_object_object_add(ans, "replaced", names("add", "sub"));
			json_object_object_add(ans, "unchanged", names("mul", NULL));
		}
	} else if (!strcmp(op, "unload")) {
		int id = json_object_object_get_ex(req, "id", &v) ?
				 json_object_get_int(v) : 0;
		if (id != 1)
			fail(ans, "no patch with that id; `tfctl list` shows the ids");
		else {
			json_object_object_add(ans, "id", json_object_new_int(id));
			json_object_object_add(ans, "restored", names("add", "sub"));
		}
	} else {
		fail(ans, "unknown op");
	}
	json_object_put(req);
	return ans;
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: fakesrv normal|silent|refuse|garbage LOG\n");
		return 2;
	}
	const char *mode = argv[1];
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int n = snprintf(sa.sun_path + 1, sizeof sa.sun_path - 1,
			 "tigerfix.%d", (int)getpid());
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || bind(fd, (struct sockaddr *)&sa,
			   (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + n)) ||
	    listen(fd, 8)) {
		perror("fakesrv: bind");
		return 1;
	}
	printf("ready %d\n", (int)getpid());
	fflush(stdout);
	for (;;) {
		int c = accept(fd, NULL, NULL);
		if (c < 0)
			continue;
		if (!strcmp(mode, "refuse")) {
			close(c);
			continue;
		}
		FILE *in = fdopen(c, "r");
		char line[65536];
		while (in && fgets(line, sizeof line, in)) {
			FILE *log = fopen(argv[2], "a");
			if (log) {
				fputs(line, log);
				fclose(log);
			}
			if (!strcmp(mode, "silent"))
				continue;
			if (!strcmp(mode, "garbage")) {
				if (write(c, "hello there\n", 12) < 0)
					break;
				continue;
			}
			json_object *ans = serve(line);
			const char *s = json_object_to_json_string_ext(
				ans, JSON_C_TO_STRING_PLAIN);
			if (write(c, s, strlen(s)) < 0 || write(c, "\n", 1) < 0)
				break;
			json_object_put(ans);
		}
		if (in)
			fclose(in);
	}
}
