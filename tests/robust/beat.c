/* Robustness test target: prints "beat scale tick aux ms" every ms.  beat
   counts loop turns in main (never patched), scale() is what patches
   change, tick() counts in a static local, aux_step() in a static of aux.c.
   With "fork FILE" a child forks off and prints the same lines to FILE. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int aux_step(void);

static int scale(int x) { return x; }

static int tick(void)
{
	static int n;
	return ++n;
}

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

int main(int argc, char **argv)
{
	if (argc > 2 && !strcmp(argv[1], "fork")) {
		fflush(stdout);
		if (fork() == 0 && !freopen(argv[2], "w", stdout))
			return 1;
	}
	for (long beat = 1;; beat++) {
		int a = aux_step();
		int s = scale(1);
		int t = tick();
		printf("%ld %d %d %d %lld\n", beat, s, t, a, now_ms());
		fflush(stdout);
		usleep(1000);
	}
}
