/* Patch test target with 4 threads calling work() (changed by patches):
   every result must be what one whole version computes; the main thread
   prints "calls=N bad=M" every 2 ms. */
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

int work(int x) { return x * 10; }

static unsigned long calls, bad;

static void *loop(void *arg)
{
	int i = 0;
	(void)arg;
	for (;;) {
		int r = work(i), k = r - i * 10;
		if (k != 0 && k != 1 && k != 2)  /* original, v1, v2 */
			__atomic_add_fetch(&bad, 1, __ATOMIC_RELAXED);
		__atomic_add_fetch(&calls, 1, __ATOMIC_RELAXED);
		i = (i + 1) & 0xffff;
	}
	return NULL;
}

int main(void)
{
	pthread_t t;
	int i;

	for (i = 0; i < 4; i++)
		pthread_create(&t, NULL, loop, NULL);
	for (;;) {
		printf("calls=%lu bad=%lu\n",
		       __atomic_load_n(&calls, __ATOMIC_RELAXED),
		       __atomic_load_n(&bad, __ATOMIC_RELAXED));
		fflush(stdout);
		usleep(2000);
	}
}
