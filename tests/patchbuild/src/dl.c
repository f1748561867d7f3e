/* Maps a patch with no runtime present: its imports stay 0 and none of
   its code must run (its constructor attribute was dropped). */
#include <dlfcn.h>
#include <stdio.h>

int main(int argc, char **argv)
{
	void *h = dlopen(argc > 1 ? argv[1] : "", RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		fprintf(stderr, "dl: %s\n", dlerror());
		return 1;
	}
	puts("mapped");
	return 0;
}
