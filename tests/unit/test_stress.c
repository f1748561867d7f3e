/*
** Stress: 8 threads call add() at full speed while another thread
** replaces, intercepts and undoes thousands of times, process-wide and
** thread-scoped.  Every result must match one whole configuration.
*/
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <cmocka.h>

#include <tigerfix/tf.h>
#include "disp_unit.h"

#define WORKERS 8
#define OPS 100000

static int r1(int a, int b) { return a + b + 1000; }
static int r2(int a, int b) { return a + b + 2000; }
static int r3_thread(int a, int b) { return a + b + 3000; }  /* controller only */
static int r4(int a, int b) { return TF_ORIGINAL(add)(a, b) + 4000; }
static int i_pre(struct tf_call *c) { *(int *)c->args[0] += 100; return TF_CONTINUE; }
static void i_post(struct tf_call *c) { *(int *)c->ret += 10; }
static void t_post(struct tf_call *c) { *(int *)c->ret += 50000; } /* thread */

static int stop;
static long calls, bad;
static int last_bad;  /* a wrong difference seen, for the message */

static int valid_for_workers(int d)
{
	int icpt = d % 1000;
	int repl = d - icpt;
	return (icpt == 0 || icpt == 110) &&
	       (repl == 0 || repl == 1000 || repl == 2000 || repl == 4000);
}

static void *worker(void *arg)
{
	unsigned seed = (unsigned)(size_t)arg;
	long n = 0, wrong = 0;

	while (!__atomic_load_n(&stop, __ATOMIC_RELAXED)) {
		int a = (int)(rand_r(&seed) % 100), b = (int)(rand_r(&seed) % 100);
		int d = add(a, b) - a - b;
		if (!valid_for_workers(d)) {
			wrong++;
			__atomic_store_n(&last_bad, d, __ATOMIC_RELAXED);
		}
		n++;
	}
	__atomic_add_fetch(&calls, n, __ATOMIC_RELAXED);
	__atomic_add_fetch(&bad, wrong, __ATOMIC_RELAXED);
	return NULL;
}

enum { K_R1, K_R2, K_R3, K_R4, K_I, K_T, K_N };

struct live {
	tf_hook *h;
	int kind;
};

/* what the controller itself must see under the hooks in attach order */
static int expected(const struct live *l, int n, int a, int b)
{
	int i, repl = 0, icpt = 0, arg = a;
	for (i = 0; i < n; i++) {
		switch (l[i].kind) {
		case K_R1: repl = 1000; break;
		case K_R2: repl = 2000; break;
		case K_R3: repl = 3000; break;
		case K_R4: repl = 4000; break;
		case K_I: arg += 100; icpt += 10; break;
		case K_T: icpt += 50000; break;
		}
	}
	return arg + b + repl + icpt;
}

static tf_hook *attach(int kind)
{
	struct tf_site *s = tf_site_of((tf_fnptr)&add);
	switch (kind) {
	case K_R1: return TF_MOCK(add, r1);
	case K_R2: return TF_MOCK(add, r2);
	case K_R3: return TF_MOCK_THREAD(add, r3_thread);
	case K_R4: return TF_MOCK(add, r4);
	case K_I: return tf_intercept(s, i_pre, i_post, NULL, TF_PROCESS, NULL, 0);
	default: return tf_intercept(s, NULL, t_post, NULL, TF_THREAD, NULL, 0);
	}
}

static void stress(void **state)
{
	pthread_t t[WORKERS];
	struct live l[16];
	int n = 0, i, has_i = 0, mismatches = 0;
	unsigned seed = 42;

	for (i = 0; i < WORKERS; i++)
		pthread_create(&t[i], NULL, worker, (void *)(size_t)(i + 1));
	for (i = 0; i < OPS; i++) {
		int a = i % 50, b = 7;
		if (n < 16 && (n == 0 || rand_r(&seed) % 2)) {
			int kind = (int)(rand_r(&seed) % K_N);
			if (kind == K_I && has_i)
				kind = K_R1;  /* at most one I: +110 or +0 */
			l[n].h = attach(kind);
			assert_non_null(l[n].h);
			l[n].kind = kind;
			has_i |= kind == K_I;
			n++;
		} else {
			int k = (int)(rand_r(&seed) % (unsigned)n);
			assert_int_equal(tf_undo(l[k].h), 0);
			if (l[k].kind == K_I)
				has_i = 0;
			for (; k < n - 1; k++)  /* keep attach order */
				l[k] = l[k + 1];
			n--;
		}
		if (add(a, b) != expected(l, n, a, b))
			mismatches++;
	}
	while (n > 0)
		tf_undo(l[--n].h);
	__atomic_store_n(&stop, 1, __ATOMIC_RELAXED);
	for (i = 0; i < WORKERS; i++)
		pthread_join(t[i], NULL);
	print_message("%ld worker calls, %d configuration changes\n", calls, OPS);
	if (bad)
		print_message("%ld wrong results, e.g. a + b + %d\n", bad, last_bad);
	assert_int_equal(mismatches, 0);
	assert_int_equal(bad, 0);
	assert_true(calls > 0);
	assert_int_equal(add(1, 2), 3);
	assert_null(tf_site_find("add")->slot);
	assert_null(tf_site_find("add")->by);
}

int main(void)
{
	const struct CMUnitTest tests[] = { cmocka_unit_test(stress) };
	return cmocka_run_group_tests(tests, NULL, NULL);
}
