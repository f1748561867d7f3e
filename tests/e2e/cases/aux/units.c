/* Body of rt_units and rt_units_lld: units register with no constructor
   of their own (trap.h TF__REG_DEFINE: a note per unit, one registrar per
   linked object), also where the linker collects unused sections: the
   program's two units and a dlopen()ed plugin's are found by name, and
   mocked; after dlclose the plugin's are gone. */
#include <dlfcn.h>
#include <stdio.h>
#include <tigerfix/tf.h>

int units_b(int x);
static int b_mock(int x) { return x + 2000; }
static int plugin_mock(int x) { return x * 11; }

int main(void)
{
	void *h;
	int (*pf)(int);
	tf_hook *hk;

	printf("main found %d, units_b found %d\n", tf_site_find("main") != 0,
	       tf_site_find("units_b") != 0);
	hk = tf_replace_by_name(0, "units_b", (tf_fnptr)b_mock, TF_PROCESS, 0, 0);
	printf("units_b(1) mocked: %d\n", units_b(1));
	tf_undo(hk);
	printf("units_b(1) again: %d\n", units_b(1));
	printf("plugin found before dlopen %d\n", tf_site_find("units_plugin") != 0);
	h = dlopen("./units_plugin.so", RTLD_NOW);
	if (!h) {
		printf("dlopen: %s\n", dlerror());
		return 1;
	}
	pf = (int (*)(int))dlsym(h, "units_plugin");
	printf("plugin found %d\n", tf_site_find("units_plugin") != 0);
	hk = tf_replace_by_name(0, "units_plugin", (tf_fnptr)plugin_mock, TF_PROCESS, 0, 0);
	printf("units_plugin(2) mocked: %d\n", pf(2));
	tf_undo(hk);
	printf("units_plugin(2) again: %d\n", pf(2));
	dlclose(h);
	printf("plugin found after dlclose %d\n", tf_site_find("units_plugin") != 0);
	return 0;
}
