/* Body of the rt_forms* cases: one program run with each form of the
   trap's out-of-line check (shared routine, LTO's own, Intel syntax).
   twice() is inlined into sum()'s loop and kept out of line by &twice
   (TF_MOCK): mocks, the original called from a mock (a pass), an
   interceptor and a thread-scoped mock must reach every inlined copy. */
#include <pthread.h>
#include <stdio.h>
#include <tigerfix/tf.h>

static int twice(int x) { return 2 * x; }
static int twice_mock(int x) { return TF_ORIGINAL(twice)(x) + 1; }
static long sum(int n) { long s = 0; int i; for (i = 0; i < n; i++) s += twice(i); return s; }

static int counted;
static int pre_count(struct tf_call *c) { (void)c; counted++; return TF_CONTINUE; }
static void *other(void *arg) { *(long *)arg = sum(10); return 0; }

int main(void)
{
	tf_hook *h;
	pthread_t t;
	long theirs = 0;

	printf("plain %ld\n", sum(10));
	h = TF_MOCK(twice, twice_mock);
	printf("mocked %ld\n", sum(10));
	tf_undo(h);
	printf("undone %ld\n", sum(10));
	h = TF_INTERCEPT(twice, pre_count, 0, 0, TF_PROCESS);
	theirs = sum(10);
	printf("intercepted %ld calls=%d\n", theirs, counted);
	tf_undo(h);
	h = TF_MOCK_THREAD(twice, twice_mock);
	pthread_create(&t, 0, other, &theirs);
	pthread_join(t, 0);
	printf("thread-scoped: mine %ld, another thread's %ld\n", sum(10), theirs);
	tf_undo(h);
	printf("undone %ld\n", sum(10));
	return 0;
}
