/* e2e-shared: e2elib aux/shlib.c */
/* e2e-plugin: plugin aux/plugin.c */
/* e2e-libs: -ldl */
/* A shared library built with tfcc, linked; another dlopen()ed,
   called and dlclose()d; each carries its own sites. */
#include <dlfcn.h>
#include <stdio.h>

int lib_scale(int x);
const char *lib_name(void);

int main(void)
{
	void *h;
	int (*plug)(int);

	printf("linked: %s %d\n", lib_name(), lib_scale(7));
	h = dlopen("./plugin.so", RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		printf("dlopen: %s\n", dlerror());
		return 1;
	}
	*(void **)&plug = dlsym(h, "plugin_entry");
	printf("plugin: %d\n", plug(5));
	dlclose(h);
	h = dlopen("./plugin.so", RTLD_NOW);
	*(void **)&plug = dlsym(h, "plugin_entry");
	printf("plugin again: %d\n", plug(6));
	dlclose(h);
	/* the linked library, opened again by dlopen, is the same object */
	h = dlopen("libe2elib.so", RTLD_NOW);
	printf("dlopen linked lib: %s\n", h && dlsym(h, "lib_scale") == (void *)lib_scale ? "same" : "different");
	if (h) dlclose(h);
	return 0;
}
