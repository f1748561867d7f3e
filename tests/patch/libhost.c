/* Patch test target: dlopen's libcalc.so (argv[1]) and prints calc(1)
   every 2 ms. */
#include <dlfcn.h>
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	void *h = argc > 1 ? dlopen(argv[1], RTLD_NOW) : NULL;
	int (*calc)(int) = h ? (int (*)(int))dlsym(h, "calc") : NULL;

	if (!calc) {
		fprintf(stderr, "libhost: cannot load %s: %s\n",
			argc > 1 ? argv[1] : "(none)", dlerror());
		return 1;
	}
	for (;;) {
		printf("%d\n", calc(1));
		fflush(stdout);
		usleep(2000);
	}
}
