/*
** Patch latency benchmark: this program (built with tfcc) loads a patch
** into itself over its own control socket, 100 times, and measures the
** time from sending the load request until a worker thread runs the new
** code; then unloads it and waits for the original.  Prints median and
** p99 in microseconds.  Usage: latency PATCH.so [N]
*/
#define _GNU_SOURCE
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

int version(void) { return 0; }         /* the patch returns 1 */

static int seen = -1;

static void *worker(void *arg)
{
	(void)arg;
	for (;;)
		__atomic_store_n(&seen, version(), __ATOMIC_RELEASE);
	return NULL;
}

static double now_us(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e6 + t.tv_nsec / 1e3;
}

/* connect to our own control socket (it starts with the first unit) */
static int connect_self(void)
{
	struct sockaddr_un a;
	double until = now_us() + 5e6;
	socklen_t len;
	int fd;

	memset(&a, 0, sizeof a);
	a.sun_family = AF_UNIX;
	len = offsetof(struct sockaddr_un, sun_path) + 1 +
	      snprintf(a.sun_path + 1, sizeof a.sun_path - 1, "tigerfix.%d",
		       (int)getpid());
	while (now_us() < until) {
		fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
		if (fd >= 0 && connect(fd, (struct sockaddr *)&a, len) == 0)
			return fd;
		if (fd >= 0)
			close(fd);
		usleep(1000);
	}
	return -1;
}

/* send one request line, read one answer line into ans */
static int ask(int fd, const char *req, char *ans, size_t len)
{
	size_t n = 0;
	if (write(fd, req, strlen(req)) != (ssize_t)strlen(req))
		return -1;
	while (n + 1 < len) {
		ssize_t k = read(fd, ans + n, 1);
		if (k <= 0)
			return -1;
		if (ans[n++] == '\n')
			break;
	}
	ans[n] = 0;
	return strstr(ans, "\"ok\":true") ? 0 : -1;
}

static int wait_seen(int v)
{
	double until = now_us() + 5e6;
	while (__atomic_load_n(&seen, __ATOMIC_ACQUIRE) != v)
		if (now_us() > until)
			return -1;
	return 0;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	char req[4200], ans[65536];
	int fd, i, n = argc > 2 ? atoi(argv[2]) : 100;
	double *t;
	pthread_t w;

	if (argc < 2 || n <= 0 || !(t = calloc((size_t)n, sizeof *t))) {
		fprintf(stderr, "usage: latency PATCH.so [N]\n");
		return 2;
	}
	pthread_create(&w, NULL, worker, NULL);
	if ((fd = connect_self()) < 0 || wait_seen(0)) {
		fprintf(stderr, "latency: no control socket or no worker; "
			"build this file with tfcc\n");
		return 1;
	}
	for (i = 0; i < n; i++) {
		double t0 = now_us();
		const char *id;
		snprintf(req, sizeof req, "{\"op\":\"load\",\"path\":\"%s\"}\n",
			 argv[1]);
		if (ask(fd, req, ans, sizeof ans) || wait_seen(1)) {
			fprintf(stderr, "latency: load %d failed: %s", i, ans);
			return 1;
		}
		t[i] = now_us() - t0;
		id = strstr(ans, "\"id\":");
		snprintf(req, sizeof req, "{\"op\":\"unload\",\"id\":%d}\n",
			 id ? atoi(id + 5) : 0);
		if (ask(fd, req, ans, sizeof ans) || wait_seen(0)) {
			fprintf(stderr, "latency: unload %d failed: %s", i, ans);
			return 1;
		}
	}
	qsort(t, (size_t)n, sizeof *t, cmp);
	printf("loads=%d median_us=%.0f p99_us=%.0f max_us=%.0f\n", n,
	       t[n / 2], t[(n * 99) / 100 < n ? (n * 99) / 100 : n - 1],
	       t[n - 1]);
	return 0;
}
