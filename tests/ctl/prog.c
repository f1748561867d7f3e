/* prog: a tiny program for tests/ctl/real.sh, built with tfcc.  Prints
   calc(2, 3) each time it changes, so a loaded patch shows at once. */
#include <stdio.h>
#include <unistd.h>

static int add(int a, int b)
{
	return a + b;
}

int calc(int a, int b)
{
	return add(a, b) * 1;
}

int main(void)
{
	int last = -1;
	for (;;) {
		int v = calc(2, 3);
		if (v != last) {
			printf("%d\n", v);
			fflush(stdout);
			last = v;
		}
		usleep(2000);
	}
}
