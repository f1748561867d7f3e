/* Robustness test target: dlopen's argv[1] and prints calc(0) every ms. */
#include <dlfcn.h>
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	void *h = argc > 1 ? dlopen(argv[1], RTLD_NOW) : NULL;
	int (*calc)(int) = h ? (int (*)(int))dlsym(h, "calc") : NULL;

	if (!calc) {
		fprintf(stderr, "host: cannot load %s: %s\n",
			argc > 1 ? argv[1] : "(none)", dlerror());
		return 1;
	}
	for (;;) {
		printf("%d\n", calc(0));
		fflush(stdout);
		usleep(1000);
	}
}
