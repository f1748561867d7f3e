/* e2e-tfcc-only */
/* e2e-flags: -fsanitize=address -fno-omit-frame-pointer -pthread */
/* e2e-libs: -ldl -pthread */
/* e2e-plugin: plugin aux/plugin.c */
/* A test built with AddressSanitizer (LeakSanitizer at exit) leaves mocks
   in place, as tests do: the runtime's hooks stay reachable, also those of
   a thread that exited and of a library unloaded, so the run exits 0
   with no leak report; a handle whose site went is still undone. */
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <tigerfix/tf.h>

static int answer(void) { return 1; }
static int fake(void) { return 42; }
static int seen;
static int pre(struct tf_call *c) { (void)c; seen++; return 0; }
static int add(int a, int b) { return a + b; }
static int sq(int x) { return -x; }

static void *worker(void *arg)
{
	(void)arg;
	if (!TF_MOCK_THREAD(answer, fake))
		printf("thread mock: %s\n", tf_error());
	printf("thread: %d\n", answer());
	return NULL;
}

int main(void)
{
	pthread_t t;
	pthread_create(&t, NULL, worker, NULL);
	pthread_join(t, NULL);
	if (!TF_MOCK(answer, fake) || !TF_INTERCEPT(add, pre, NULL, NULL, TF_PROCESS))
		printf("hook: %s\n", tf_error());
	int a = answer(), b = add(1, 2);
	printf("main: %d %d seen %d\n", a, b, seen);

	tf_hook *kept = NULL, *undone = NULL;
	for (int i = 0; i < 2; i++) {
		void *h = dlopen("./plugin.so", RTLD_NOW | RTLD_LOCAL);
		int (*entry)(int);
		if (!h) {
			printf("dlopen: %s\n", dlerror());
			return 1;
		}
		*(void **)&entry = dlsym(h, "plugin_entry");
		tf_hook *hk = tf_replace_by_name(NULL, "square", (tf_fnptr)sq, TF_PROCESS, NULL, 0);
		printf("plugin: %d (%s)\n", entry(3), hk ? "replaced" : tf_error());
		*(i ? &undone : &kept) = hk;
		dlclose(h);
	}
	printf("undo after unload: %d\n", tf_undo(undone));
	(void)kept;
	return 0;
}
