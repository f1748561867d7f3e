/* e2e-tfcc-only */
/* e2e-flags: -pthread */
/* Atomic publication: 8 threads call a function in a loop while the
   main thread replaces it and undoes the replacement many times.  Every
   call returns the original's or the replacement's value, never anything
   else; each thread sees a replacement within a deadline once it is
   published, and the original once it is undone. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <time.h>
#include <tigerfix/tf.h>

#define NTHREADS 8

__attribute__((noinline)) static long work(long x) { return x * 2; }
static long work_v2(long x) { return x * 2 + 1; }

static atomic_int stop;
static atomic_long bad, calls;
static atomic_int phase;		/* 0: original, 1: replaced */
static atomic_int seen[NTHREADS];	/* last phase each thread observed */

static void *caller(void *arg)
{
	int id = (int)(long)arg;
	long i = 0;
	while (!atomic_load(&stop)) {
		long r = work(i);
		if (r == i * 2) atomic_store(&seen[id], 0);
		else if (r == i * 2 + 1) atomic_store(&seen[id], 1);
		else atomic_fetch_add(&bad, 1);
		atomic_fetch_add(&calls, 1);
		i++;
	}
	return 0;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* every thread observes phase p before the deadline */
static int all_see(int p)
{
	double end = now() + 10;
	int i, ok;
	do {
		for (ok = 1, i = 0; i < NTHREADS; i++)
			if (atomic_load(&seen[i]) != p) ok = 0;
		if (ok) return 1;
	} while (now() < end);
	return 0;
}

int main(void)
{
	pthread_t t[NTHREADS];
	int i, round, late = 0;

	for (i = 0; i < NTHREADS; i++) atomic_store(&seen[i], -1);
	for (i = 0; i < NTHREADS; i++) pthread_create(&t[i], 0, caller, (void *)(long)i);
	late += !all_see(0);
	for (round = 0; round < 200; round++) {
		tf_hook *h = TF_REPLACE(work, work_v2, TF_PROCESS);
		if (!h) { printf("replace failed: %s\n", tf_error()); break; }
		late += !all_see(1);
		tf_undo(h);
		late += !all_see(0);
	}
	atomic_store(&stop, 1);
	for (i = 0; i < NTHREADS; i++) pthread_join(t[i], 0);
	printf("rounds=%d bad=%ld late=%d calls>0:%d\n", round, atomic_load(&bad), late, atomic_load(&calls) > 0);
	printf("final=%ld\n", work(5));
	return 0;
}
