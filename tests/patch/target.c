/* Patch test target: prints "step same" every 2 ms; step() counts in a
   static (state a patch must keep), scale() is what patches change. */
#include <stdio.h>
#include <unistd.h>

static int counter;

static int scale(int x) { return x; }

int same(int x) { return x * 2; }

static int step(void) { counter++; return scale(counter); }

int main(void)
{
	for (;;) {
		int s = step();
		printf("%d %d\n", s, same(1));
		fflush(stdout);
		usleep(2000);
	}
}
