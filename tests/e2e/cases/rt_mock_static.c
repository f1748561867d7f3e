/* e2e-tfcc-only */
/* e2e-flags: -pthread */
/* A test mocks a static function of the module it #includes: the
   module's own internal calls see the mock; undo restores it; a
   thread-scoped mock is seen only by its thread. */
#include <pthread.h>
#include <stdio.h>
#include <tigerfix/tf.h>
#include "aux/rt_module.c"

static int rate_free(int qty) { (void)qty; return 0; }
static int rate_double(int qty) { return 2 * 10 + 0 * qty; }

static void *other_thread(void *p)
{
	*(int *)p = price(1);
	return 0;
}

int main(void)
{
	tf_hook *h;
	pthread_t t;
	int seen = -1;

	printf("before: %d %d\n", price(1), price(10));
	h = TF_MOCK(rate, rate_free);
	if (!h) { printf("TF_MOCK failed: %s\n", tf_error()); return 1; }
	printf("mocked: %d %d\n", price(1), price(10));
	printf("undo=%d\n", tf_undo(h));
	printf("after: %d %d\n", price(1), price(10));

	h = TF_MOCK_THREAD(rate, rate_double);
	if (!h) { printf("TF_MOCK_THREAD failed: %s\n", tf_error()); return 1; }
	pthread_create(&t, 0, other_thread, &seen);
	pthread_join(t, 0);
	printf("thread mock: mine=%d other=%d\n", price(1), seen);
	tf_undo(h);
	printf("restored: %d\n", price(1));
	h = tf_replace_by_name("rt_module.c", "tax", (tf_fnptr)rate_free, TF_PROCESS, 0, 0);
	printf("by name: %s %d\n", h ? "ok" : tf_error(), price(10));
	tf_undo(h);
	printf("unknown: %s\n", tf_replace_by_name(0, "no_such_fn", (tf_fnptr)rate_free, TF_PROCESS, 0, 0) ? "found?" : "NULL");
	return 0;
}
