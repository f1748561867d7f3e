/* Patch v1 of target.c, in the shape tfcc patch mode produces: the whole
   file, with counter bound to the running instance (an import). */
#include <stdio.h>
#include <unistd.h>

extern int counter __asm__("tf.imp.object.target$2ec.counter") __attribute__((__weak__));

static int scale(int x) { return x + 100000; }

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
