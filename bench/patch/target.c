/*
** The program the patch benchmarks patch (built with tfcc; also with
** plain gcc for the per-call baseline).  Modes:
**   spin SHM SECS    one thread calls version() in a loop and records in
**                    SHM when its result changes (latency)
**   gap SHM SECS     two threads call version() in a loop and record the
**                    largest gap between iterations, per phase (stop time)
**   idle SECS        sleeps (memory, many processes)
**   calls N [PATCH]  times N calls of add(); with PATCH, loads it into
**                    itself first over its own control socket
** Every mode exits by itself after SECS.
*/
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/mman.h>

#include "proto.h"

__attribute__((noinline)) int version(void) { return 0; }
__attribute__((noinline)) int add(int a, int b) { return a + b; }

static struct shm *shm;

static void *spinner(void *arg)
{
	int last = -1;
	(void)arg;
	for (;;) {
		int v = version();
		if (v != last) {
			__atomic_store_n(&shm->seen_ns, now_ns(), __ATOMIC_RELAXED);
			__atomic_store_n(&shm->version, v, __ATOMIC_RELEASE);
			last = v;
		}
	}
	return NULL;
}

/* gap between consecutive calls of version(), into the current phase */
static void *gapper(void *arg)
{
	int me = (int)(long)arg;
	long prev = now_ns();
	for (;;) {
		long t;
		int p;
		(void)version();
		t = now_ns();
		p = __atomic_load_n(&shm->phase, __ATOMIC_RELAXED) & 63;
		struct gapstat *s = &shm->st[p][me];
		long g = t - prev;
		if (g > s->max_ns)
			s->max_ns = g;
		s->over10us += g > 10000;
		s->over100us += g > 100000;
		s->over1ms += g > 1000000;
		s->iters++;
		prev = t;
	}
	return NULL;
}

static struct shm *map_shm(const char *path)
{
	int fd = open(path, O_RDWR | O_CREAT, 0600);
	void *m;
	if (fd < 0 || ftruncate(fd, sizeof(struct shm)) ||
	    (m = mmap(NULL, sizeof(struct shm), PROT_READ | PROT_WRITE,
		      MAP_SHARED, fd, 0)) == MAP_FAILED) {
		perror(path);
		exit(1);
	}
	close(fd);
	return m;
}

static int calls(long n, const char *patch)
{
	char req[4200], ans[65536];
	long i, t0, t1;
	int s = 0;

	if (patch) {
		int fd = ctl_connect((int)getpid(), 5000);
		snprintf(req, sizeof req, "{\"op\":\"load\",\"path\":\"%s\"}\n",
			 patch);
		if (fd < 0 || ctl_ask(fd, req, ans, sizeof ans)) {
			fprintf(stderr, "target: cannot load %s: %s\n", patch,
				fd < 0 ? "no control socket" : ans);
			return 1;
		}
		close(fd);
	}
	t0 = now_ns();
	for (i = 0; i < n; i++) {
		s = add(s, (int)i);
		__asm__ volatile("" : "+r"(s));
	}
	t1 = now_ns();
	printf("%.3f ns/call (sum %d)\n", (double)(t1 - t0) / (double)n, s);
	return 0;
}

int main(int argc, char **argv)
{
	pthread_t t;
	const char *mode = argc > 1 ? argv[1] : "";

	if (!strcmp(mode, "calls") && argc > 2)
		return calls(atol(argv[2]), argc > 3 ? argv[3] : NULL);
	if (!strcmp(mode, "idle") && argc > 2) {
		sleep((unsigned)atoi(argv[2]));
		return 0;
	}
	if ((!strcmp(mode, "spin") || !strcmp(mode, "gap")) && argc > 3) {
		shm = map_shm(argv[2]);
		if (!strcmp(mode, "spin")) {
			pthread_create(&t, NULL, spinner, NULL);
		} else {
			pthread_create(&t, NULL, gapper, (void *)0L);
			pthread_create(&t, NULL, gapper, (void *)1L);
		}
		sleep((unsigned)atoi(argv[3]));
		return 0;
	}
	fprintf(stderr, "usage: target spin|gap SHM SECS | idle SECS | "
		"calls N [PATCH]\n");
	return 2;
}
