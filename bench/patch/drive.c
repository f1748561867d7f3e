/*
** Driver of the patch benchmarks: speaks the control protocol directly
** (or runs tfctl) and prints key=value figures.  Modes:
**   latency SHM PID PATCH N [TFCTL]  N loads (each followed by an unload):
**                   request sent -> new code seen running; with TFCTL the
**                   load is `tfctl load PATCH --pid PID` (process start-up
**                   included)
**   gap SHM PID PATCH N ROUNDS      alternating phases: no loads, then N
**                   loads+unloads, same duration; largest gap per phase
**   mem PID PATCH N                 RSS/PSS delta after N loads
**   multi PATCH PID...              one load into each, sequentially
**   multi-pipe PATCH PID...         same, all requests sent before the
**                                   answers are read (pipelined)
**   multi-tfctl TFCTL PATCH PID...  same, one tfctl per process
**   multi-tfctl-list TFCTL PATCH PID...  same, one tfctl --pid P1,P2,...
*/
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/wait.h>

#include "proto.h"

static char req[8192], ans[1 << 16];

static int cmpl(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	return x < y ? -1 : x > y;
}

/* median, p99, max of v[0..n) in µs */
static void summary(const char *what, long *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, cmpl);
	printf("%s_median_us=%.1f %s_p99_us=%.1f %s_max_us=%.1f\n", what,
	       v[n / 2] / 1e3, what, v[(n * 99) / 100] / 1e3, what,
	       v[n - 1] / 1e3);
}

static struct shm *map_shm(const char *path)
{
	int fd = open(path, O_RDWR | O_CREAT, 0600);
	void *m = fd < 0 || ftruncate(fd, sizeof(struct shm)) ? MAP_FAILED : mmap(NULL, sizeof(struct shm),
					     PROT_READ | PROT_WRITE,
					     MAP_SHARED, fd, 0);
	if (m == MAP_FAILED) {
		perror(path);
		exit(1);
	}
	close(fd);
	return m;
}

static int wait_version(struct shm *s, int v)
{
	long until = now_ns() + 5000000000L;
	/* poll gently: the target's timestamp is what counts, and a
	   spinning driver would take a core from the target */
	while (__atomic_load_n(&s->version, __ATOMIC_ACQUIRE) != v) {
		if (now_ns() > until)
			return -1;
		usleep(20);
	}
	return 0;
}

static void die(const char *what)
{
	fprintf(stderr, "drive: %s failed: %s", what, ans);
	exit(1);
}

static int load(int fd, const char *patch)
{
	snprintf(req, sizeof req, "{\"op\":\"load\",\"path\":\"%s\"}\n", patch);
	if (ctl_ask(fd, req, ans, sizeof ans))
		die("load");
	return ans_id(ans);
}

static void unload(int fd, int id)
{
	snprintf(req, sizeof req, "{\"op\":\"unload\",\"id\":%d}\n", id);
	if (ctl_ask(fd, req, ans, sizeof ans))
		die("unload");
}

/* run tfctl load PATCH --pid PID --json; the patch id */
static int tfctl_load(const char *tfctl, const char *patch, int pid)
{
	char spid[16];
	int p[2], st;
	size_t n = 0;
	ssize_t k;
	pid_t c;

	snprintf(spid, sizeof spid, "%d", pid);
	if (pipe2(p, O_CLOEXEC) || (c = fork()) < 0)
		exit(1);
	if (c == 0) {
		dup2(p[1], 1);
		execl(tfctl, tfctl, "load", patch, "--pid", spid, "--json",
		      (char *)NULL);
		_exit(127);
	}
	close(p[1]);
	while (n + 1 < sizeof ans && (k = read(p[0], ans + n,
					       sizeof ans - 1 - n)) > 0)
		n += (size_t)k;
	ans[n] = 0;
	close(p[0]);
	waitpid(c, &st, 0);
	if (!WIFEXITED(st) || WEXITSTATUS(st))
		die("tfctl load");
	return ans_id(ans);
}

static int latency(char **av)
{
	struct shm *s = map_shm(av[0]);
	int pid = atoi(av[1]), n = atoi(av[3]), i;
	const char *patch = av[2], *tfctl = av[4];
	long *seen = calloc((size_t)n, sizeof *seen);
	long *answered = calloc((size_t)n, sizeof *answered);
	int fd = ctl_connect(pid, 5000);

	if (fd < 0 || wait_version(s, 0))
		die("connect");
	for (i = 0; i < n; i++) {
		long t0 = now_ns(), t1;
		int id = tfctl ? tfctl_load(tfctl, patch, pid) : load(fd, patch);
		t1 = now_ns();
		if (wait_version(s, 1))
			die("waiting for the new code");
		seen[i] = __atomic_load_n(&s->seen_ns, __ATOMIC_RELAXED) - t0;
		answered[i] = t1 - t0;
		unload(fd, id);
		if (wait_version(s, 0))
			die("waiting for the old code");
	}
	summary("running", seen, n);
	summary("answered", answered, n);
	return 0;
}

static int gap(char **av)
{
	struct shm *s = map_shm(av[0]);
	int pid = atoi(av[1]), n = atoi(av[3]), rounds = atoi(av[4]), r, i;
	const char *patch = av[2];
	int fd = ctl_connect(pid, 5000);

	if (fd < 0 || rounds > 31)
		die("connect");
	usleep(200000);         /* let both threads start */
	for (r = 0; r < rounds; r++) {
		long t0 = now_ns(), d;
		__atomic_store_n(&s->phase, 2 + 2 * r + 1, __ATOMIC_RELAXED);
		for (i = 0; i < n; i++)
			unload(fd, load(fd, patch));
		d = now_ns() - t0;
		__atomic_store_n(&s->phase, 2 + 2 * r, __ATOMIC_RELAXED);
		usleep((useconds_t)(d / 1000));
	}
	__atomic_store_n(&s->phase, 0, __ATOMIC_RELAXED);
	usleep(10000);
	for (r = 0; r < 2 * rounds; r++) {
		int ph = 2 + r;
		for (i = 0; i < 2; i++) {
			const struct gapstat *g = &s->st[ph][i];
			printf("%s round=%d thread=%d max_us=%.1f over10us=%ld "
			       "over100us=%ld over1ms=%ld iters=%ld\n",
			       ph & 1 ? "loads" : "quiet", r / 2, i,
			       g->max_ns / 1e3, g->over10us, g->over100us,
			       g->over1ms, g->iters);
		}
	}
	return 0;
}

/* Rss and Pss of pid in kB, from smaps_rollup */
static void rollup(int pid, long *rss, long *pss)
{
	char path[64], line[256];
	FILE *f;

	snprintf(path, sizeof path, "/proc/%d/smaps_rollup", pid);
	if (!(f = fopen(path, "r")))
		exit(1);
	*rss = *pss = 0;
	while (fgets(line, sizeof line, f)) {
		sscanf(line, "Rss: %ld", rss);
		sscanf(line, "Pss: %ld", pss);
	}
	fclose(f);
}

static int mem(char **av)
{
	int pid = atoi(av[0]), n = atoi(av[2]), i;
	int fd = ctl_connect(pid, 5000);
	long r0, p0, r1, p1;

	if (fd < 0)
		die("connect");
	/* one load and unload first: the loader's own first-use costs */
	unload(fd, load(fd, av[1]));
	rollup(pid, &r0, &p0);
	for (i = 0; i < n; i++)
		load(fd, av[1]);
	rollup(pid, &r1, &p1);
	printf("patches=%d rss_before_kb=%ld rss_after_kb=%ld pss_before_kb=%ld "
	       "pss_after_kb=%ld rss_per_patch_kb=%.1f pss_per_patch_kb=%.1f\n",
	       n, r0, r1, p0, p1, (double)(r1 - r0) / n, (double)(p1 - p0) / n);
	return 0;
}

static int multi(const char *tfctl, const char *patch, char **pids, int n)
{
	long *t = calloc((size_t)n, sizeof *t), t0, all;
	int i;

	for (i = 0; i < n; i++) {       /* every target is up */
		int fd = ctl_connect(atoi(pids[i]), 10000);
		if (fd < 0 || ctl_ask(fd, "{\"op\":\"hello\"}\n", ans, sizeof ans))
			die("hello");
		close(fd);
	}
	all = now_ns();
	for (i = 0; i < n; i++) {
		t0 = now_ns();
		if (tfctl) {
			tfctl_load(tfctl, patch, atoi(pids[i]));
		} else {
			int fd = ctl_connect(atoi(pids[i]), 1000);
			if (fd < 0)
				die("connect");
			load(fd, patch);
			close(fd);
		}
		t[i] = now_ns() - t0;
	}
	all = now_ns() - all;
	printf("processes=%d total_ms=%.1f per_process_us=%.1f\n", n, all / 1e6,
	       all / 1e3 / n);
	summary("each", t, n);
	return 0;
}

/* pipelined: send the load to every process, then read the answers, so
   the targets load in parallel while the driver goes on */
static int multi_pipe(const char *patch, char **pids, int n)
{
	int *fd = calloc((size_t)n, sizeof *fd), i;
	long t0;

	for (i = 0; i < n; i++) {       /* every target is up */
		int c = ctl_connect(atoi(pids[i]), 10000);
		if (c < 0 || ctl_ask(c, "{\"op\":\"hello\"}\n", ans, sizeof ans))
			die("hello");
		close(c);
	}
	snprintf(req, sizeof req, "{\"op\":\"load\",\"path\":\"%s\"}\n", patch);
	t0 = now_ns();
	for (i = 0; i < n; i++)
		if ((fd[i] = ctl_connect(atoi(pids[i]), 1000)) < 0 ||
		    ctl_send(fd[i], req))
			die("connect");
	for (i = 0; i < n; i++) {
		if (ctl_recv(fd[i], ans, sizeof ans))
			die("load");
		close(fd[i]);
	}
	t0 = now_ns() - t0;
	printf("processes=%d total_ms=%.1f per_process_us=%.1f\n", n, t0 / 1e6,
	       t0 / 1e3 / n);
	return 0;
}

/* one tfctl for all: tfctl load PATCH --pid P1,P2,... */
static int multi_list(const char *tfctl, const char *patch, char **pids, int n)
{
	size_t len = 1, at = 0;
	char *list;
	long t0;
	int i, st;
	pid_t c;

	for (i = 0; i < n; i++)
		len += strlen(pids[i]) + 1;
	if (!(list = malloc(len)))
		exit(1);
	for (i = 0; i < n; i++)
		at += (size_t)sprintf(list + at, "%s%s", i ? "," : "", pids[i]);
	t0 = now_ns();
	if ((c = fork()) == 0) {
		int null = open("/dev/null", O_WRONLY);
		dup2(null, 1);
		execl(tfctl, tfctl, "load", patch, "--pid", list, (char *)NULL);
		_exit(127);
	}
	waitpid(c, &st, 0);
	t0 = now_ns() - t0;
	if (!WIFEXITED(st) || WEXITSTATUS(st))
		die("tfctl load --pid LIST");
	printf("processes=%d total_ms=%.1f per_process_us=%.1f\n", n, t0 / 1e6,
	       t0 / 1e3 / n);
	return 0;
}

int main(int argc, char **argv)
{
	const char *m = argc > 1 ? argv[1] : "";
	if (!strcmp(m, "latency") && argc >= 6)
		return latency(argv + 2);
	if (!strcmp(m, "gap") && argc >= 7)
		return gap(argv + 2);
	if (!strcmp(m, "mem") && argc >= 5)
		return mem(argv + 2);
	if (!strcmp(m, "multi") && argc >= 4)
		return multi(NULL, argv[2], argv + 3, argc - 3);
	if (!strcmp(m, "multi-pipe") && argc >= 4)
		return multi_pipe(argv[2], argv + 3, argc - 3);
	if (!strcmp(m, "multi-tfctl-list") && argc >= 5)
		return multi_list(argv[2], argv[3], argv + 4, argc - 4);
	if (!strcmp(m, "multi-tfctl") && argc >= 5)
		return multi(argv[2], argv[3], argv + 4, argc - 4);
	fprintf(stderr, "usage: see the comment at the top of drive.c\n");
	return 2;
}
