/*
** Bench helpers shared by the patch benchmarks: a monotonic clock in ns,
** and a minimal client of the control protocol (docs/protocol.md).
*/
#ifndef BENCH_PROTO_H
#define BENCH_PROTO_H
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

/* what target.c publishes in the shared file (BENCH_SHM) */
struct gapstat { long max_ns, over10us, over100us, over1ms, iters; };
struct shm {
	int version;            /* last version() the spinner saw */
	int phase;              /* gap mode: which stats slot to fill */
	long seen_ns;           /* when the spinner first saw it */
	struct gapstat st[64][2];
};

static inline long now_ns(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000000000L + t.tv_nsec;
}

/* connect to pid's control socket; fd or -1 (retries for up to ms) */
static inline int ctl_connect(int pid, int ms)
{
	struct sockaddr_un a;
	socklen_t len;
	long until = now_ns() + ms * 1000000L;

	memset(&a, 0, sizeof a);
	a.sun_family = AF_UNIX;
	len = offsetof(struct sockaddr_un, sun_path) + 1 +
	      snprintf(a.sun_path + 1, sizeof a.sun_path - 1, "tigerfix.%d",
		       pid);
	for (;;) {
		int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
		if (fd >= 0 && connect(fd, (struct sockaddr *)&a, len) == 0)
			return fd;
		if (fd >= 0)
			close(fd);
		if (now_ns() > until)
			return -1;
		usleep(1000);
	}
}

/* send one request line; 0 or -1 */
static inline int ctl_send(int fd, const char *req)
{
	size_t n = strlen(req), d = 0;
	while (d < n) {
		ssize_t k = write(fd, req + d, n - d);
		if (k <= 0)
			return -1;
		d += (size_t)k;
	}
	return 0;
}

/* read one answer line into ans; 0 if it says ok, -1 otherwise */
static inline int ctl_recv(int fd, char *ans, size_t len)
{
	size_t n = 0;
	while (n + 1 < len) {
		ssize_t k = read(fd, ans + n, len - 1 - n);
		if (k <= 0)
			break;
		n += (size_t)k;
		if (ans[n - 1] == '\n')
			break;
	}
	ans[n] = 0;
	return strstr(ans, "\"ok\":true") || strstr(ans, "\"ok\": true") ?
	       0 : -1;
}

static inline int ctl_ask(int fd, const char *req, char *ans, size_t len)
{
	return ctl_send(fd, req) ? -1 : ctl_recv(fd, ans, len);
}

/* the id of a load answer, or 0 */
static inline int ans_id(const char *ans)
{
	const char *p = strstr(ans, "\"id\"");
	if (!p)
		return 0;
	p += 4;
	while (*p == ' ' || *p == ':')
		p++;
	return atoi(p);
}
#endif
