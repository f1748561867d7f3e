/*
** Dispatch tests: replace/undo, stacking, interceptors (args, return,
** skip), the original from a replacement, thread scope, variadic sites,
** refusals and the re-entrancy guard.
*/
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include <tigerfix/tf.h>
#include "disp_unit.h"

static int add_1(int a, int b) { return a + b + 1; }
static int add_2(int a, int b) { return a + b + 2; }
static int add_3(int a, int b) { return a + b + 3; }
static int add_orig_x10(int a, int b) { return 10 * TF_ORIGINAL(add)(a, b); }

static void replace_and_undo(void **state)
{
	tf_hook *h;
	assert_int_equal(add(2, 3), 5);
	h = TF_MOCK(add, add_1);
	assert_non_null(h);
	assert_int_equal(add(2, 3), 6);
	/* the gate the regcall trap tests goes with the slot */
	assert_true(tf_site_find("add")->gate == (void *)~(uintptr_t)0);
	assert_int_equal(tf_undo(h), 0);
	assert_int_equal(add(2, 3), 5);
	assert_null(tf_site_find("add")->slot);
	assert_null(tf_site_find("add")->gate);
}

static void stacking_remove_middle(void **state)
{
	tf_hook *h1 = TF_MOCK(add, add_1), *h2 = TF_MOCK(add, add_2),
		*h3 = TF_MOCK(add, add_3);
	assert_int_equal(add(0, 0), 3);
	assert_int_equal(tf_undo(h2), 0);     /* middle: top stays */
	assert_int_equal(add(0, 0), 3);
	assert_int_equal(tf_undo(h3), 0);     /* top: h1 live again */
	assert_int_equal(add(0, 0), 1);
	h2 = TF_MOCK(add, add_2);
	assert_int_equal(add(0, 0), 2);
	assert_int_equal(tf_undo(h1), 0);
	assert_int_equal(add(0, 0), 2);
	assert_int_equal(tf_undo(h2), 0);
	assert_int_equal(add(0, 0), 0);
}

static int pre_double_a(struct tf_call *c)
{
	*(int *)c->args[0] *= 2;
	(*(int *)c->user)++;
	return TF_CONTINUE;
}

static void post_plus_100(struct tf_call *c)
{
	*(int *)c->ret += 100;
	(*(int *)c->user) += 10;
}

static int order[8], norder;
static int pre_log(struct tf_call *c) { order[norder++] = (int)(long)c->user; return TF_CONTINUE; }
static void post_log(struct tf_call *c) { order[norder++] = -(int)(long)c->user; }

static void interceptors_args_and_ret(void **state)
{
	int n = 0;
	tf_hook *h = TF_INTERCEPT(add, pre_double_a, post_plus_100, &n,
				  TF_PROCESS);
	assert_non_null(h);
	assert_int_equal(add(3, 4), 3 * 2 + 4 + 100);
	assert_int_equal(n, 11);
	assert_int_equal(tf_undo(h), 0);
	assert_int_equal(add(3, 4), 7);

	/* order: pre in attach order, post reversed */
	tf_hook *a = TF_INTERCEPT(add, pre_log, post_log, (void *)1L, TF_PROCESS);
	tf_hook *b = TF_INTERCEPT(add, pre_log, post_log, (void *)2L, TF_PROCESS);
	norder = 0;
	add(1, 1);
	assert_int_equal(norder, 4);
	assert_int_equal(order[0], 1);
	assert_int_equal(order[1], 2);
	assert_int_equal(order[2], -2);
	assert_int_equal(order[3], -1);
	tf_undo(a);
	tf_undo(b);
}

static int pre_skip_42(struct tf_call *c)
{
	*(int *)c->ret = 42;
	return TF_SKIP;
}

static int bump_pre_count;
static int pre_count(struct tf_call *c) { bump_pre_count++; return TF_CONTINUE; }
static int pre_skip_void(struct tf_call *c) { return TF_SKIP; }

static void skip_call(void **state)
{
	int x = 1;
	tf_hook *h = TF_INTERCEPT(add, pre_skip_42, NULL, NULL, TF_PROCESS);
	assert_int_equal(add(1, 2), 42);
	tf_undo(h);
	assert_int_equal(add(1, 2), 3);

	h = TF_INTERCEPT(bump, pre_count, NULL, NULL, TF_PROCESS);
	bump(&x);
	assert_int_equal(x, 2);
	assert_int_equal(bump_pre_count, 1);
	tf_hook *s = TF_INTERCEPT(bump, pre_skip_void, NULL, NULL, TF_PROCESS);
	bump(&x);
	assert_int_equal(x, 2);         /* skipped */
	assert_int_equal(bump_pre_count, 2);
	tf_undo(h);
	tf_undo(s);
	bump(&x);
	assert_int_equal(x, 3);
}

static int fib_calls;
static int fib_pre(struct tf_call *c) { fib_calls++; return TF_CONTINUE; }
static int fib_repl(int n) { return TF_ORIGINAL(fib)(n); }

static void original_and_recursion(void **state)
{
	tf_hook *r, *i;
	r = TF_MOCK(add, add_orig_x10);
	assert_int_equal(add(2, 3), 50);
	tf_undo(r);

	/* fib(5) makes 15 calls; with a replacement calling the original,
	   each call goes replacement -> body once, recursion stays hooked */
	r = TF_MOCK(fib, fib_repl);
	fib_bodies = 0;
	assert_int_equal(fib(5), 5);
	assert_int_equal(fib_bodies, 15);
	i = TF_INTERCEPT(fib, fib_pre, NULL, NULL, TF_PROCESS);
	fib_calls = fib_bodies = 0;
	assert_int_equal(fib(5), 5);
	assert_int_equal(fib_calls, 15);
	assert_int_equal(fib_bodies, 15);
	tf_undo(r);
	fib_calls = fib_bodies = 0;
	assert_int_equal(fib(5), 5);    /* interceptor only */
	assert_int_equal(fib_calls, 15);
	assert_int_equal(fib_bodies, 15);
	tf_undo(i);
	fib_calls = 0;
	fib(5);
	assert_int_equal(fib_calls, 0);
}

static void *other_thread_add(void *arg)
{
	*(int *)arg = add(1, 1);
	return NULL;
}

static void thread_scope(void **state)
{
	pthread_t t;
	int other = 0, n = 0;
	tf_hook *m = TF_MOCK_THREAD(add, add_1);
	tf_hook *i = tf_intercept(tf_site_of((tf_fnptr)&add), NULL,
				  post_plus_100, &n, TF_THREAD, NULL, 0);
	assert_non_null(m);
	assert_non_null(i);
	assert_int_equal(add(1, 1), 103);
	pthread_create(&t, NULL, other_thread_add, &other);
	pthread_join(t, NULL);
	assert_int_equal(other, 2);     /* other threads: untouched */
	assert_int_equal(n, 10);
	tf_undo(m);
	assert_int_equal(add(1, 1), 102);
	tf_undo(i);
	assert_int_equal(add(1, 1), 2);

	/* process-wide under a thread-scoped one */
	tf_hook *p = TF_MOCK(add, add_2);
	m = TF_MOCK_THREAD(add, add_3);
	assert_int_equal(add(0, 0), 3);
	pthread_create(&t, NULL, other_thread_add, &other);
	pthread_join(t, NULL);
	assert_int_equal(other, 4);
	tf_undo(p);
	tf_undo(m);
}

static void *mock_and_exit(void *arg)
{
	tf_hook **h = arg;
	h[0] = TF_MOCK_THREAD(add, add_1);
	h[1] = tf_intercept(tf_site_of((tf_fnptr)&add), pre_count, NULL, NULL,
			    TF_THREAD, NULL, 0);
	return (void *)(long)add(1, 1);     /* exits without undoing */
}

static void thread_hooks_go_with_thread(void **state)
{
	pthread_t t;
	tf_hook *h[2];
	void *r;

	pthread_create(&t, NULL, mock_and_exit, h);
	pthread_join(t, &r);
	assert_int_equal((long)r, 3);
	assert_non_null(h[0]);
	assert_non_null(h[1]);
	assert_null(tf_site_find("add")->slot);
	assert_int_equal(add(1, 1), 2);
	assert_int_equal(tf_undo(h[0]), 0); /* handles stay valid */
	assert_int_equal(tf_undo(h[1]), 0);
}

static int vsum_seen;
static int vsum_pre(struct tf_call *c)
{
	vsum_seen = *(int *)c->args[0];
	return TF_SKIP;                 /* ignored: variadic always runs */
}

static void variadic(void **state)
{
	char err[256];
	struct tf_site *s = tf_site_of((tf_fnptr)&vsum);
	tf_hook *h;

	assert_non_null(s);
	assert_null(tf_replace(s, (tf_fnptr)&add_1, TF_PROCESS, err, sizeof err));
	assert_non_null(strstr(err, "variadic"));
	assert_null(tf_intercept(s, vsum_pre, post_log, NULL, TF_PROCESS, err,
				 sizeof err));
	assert_non_null(strstr(err, "post"));
	h = tf_intercept(s, vsum_pre, NULL, NULL, TF_PROCESS, err, sizeof err);
	assert_non_null(h);
	assert_true(s->slot == (tf_fnptr)1);
	assert_int_equal(vsum(3, 1, 2, 3), 6);
	assert_int_equal(vsum_seen, 3);
	tf_undo(h);
	assert_null(s->slot);
	assert_null(s->by);
}

static int opaque_repl(int x) { return x; }

static void refusals(void **state)
{
	char err[256];
	struct tf_site *s = tf_site_of((tf_fnptr)&opaque);
	tf_hook *h;

	assert_null(tf_intercept(s, pre_count, NULL, NULL, TF_PROCESS, err,
				 sizeof err));
	assert_string_equal(err, "tf_intercept: opaque() cannot be "
			    "intercepted: its types have no known calling-"
			    "convention layout (see tfcc --explain); replace "
			    "it instead");
	assert_null(tf_replace(s, (tf_fnptr)&opaque_repl, TF_THREAD, err,
			       sizeof err));
	assert_non_null(strstr(err, "TF_PROCESS"));
	h = TF_MOCK(opaque, opaque_repl);  /* process-wide is fine */
	assert_non_null(h);
	assert_int_equal(opaque(5), 5);
	tf_undo(h);
	assert_int_equal(opaque(5), -5);

	s = tf_site_find("inl");
	assert_non_null(s);
	assert_null(tf_intercept(s, pre_count, NULL, NULL, TF_PROCESS, err,
				 sizeof err));
	assert_non_null(strstr(err, "inline-only"));
	assert_null(tf_replace(NULL, (tf_fnptr)&add_1, TF_PROCESS, err,
			       sizeof err));
	assert_non_null(strstr(err, "no such instrumented function"));
	assert_null(tf_replace_by_name(NULL, "nope", (tf_fnptr)&add_1,
				       TF_PROCESS, err, sizeof err));
	assert_non_null(strstr(tf_error(), "nope"));
	assert_int_equal(tf_undo(NULL), -1);
}

static int inner_adds;
static int pre_calls_add(struct tf_call *c)
{
	inner_adds += add(100, 0);      /* not intercepted again */
	return TF_CONTINUE;
}

static void reentrancy_guard(void **state)
{
	tf_hook *r = TF_MOCK(add, add_1);
	tf_hook *h = TF_INTERCEPT(add, pre_calls_add, NULL, NULL, TF_PROCESS);
	inner_adds = 0;
	assert_int_equal(add(1, 1), 3);
	assert_int_equal(inner_adds, 101);  /* replacement still applies */
	tf_undo(h);
	tf_undo(r);
}

static void by_name(void **state)
{
	char err[256];
	tf_hook *h = tf_replace_by_name("disp_unit.c", "add", (tf_fnptr)&add_2,
					TF_PROCESS, err, sizeof err);
	assert_non_null(h);
	assert_int_equal(add(0, 0), 2);
	tf_undo(h);
	assert_null(tf_replace_by_name("other.c", "add", (tf_fnptr)&add_2,
				       TF_PROCESS, err, sizeof err));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(replace_and_undo),
		cmocka_unit_test(stacking_remove_middle),
		cmocka_unit_test(interceptors_args_and_ret),
		cmocka_unit_test(skip_call),
		cmocka_unit_test(original_and_recursion),
		cmocka_unit_test(thread_scope),
		cmocka_unit_test(thread_hooks_go_with_thread),
		cmocka_unit_test(variadic),
		cmocka_unit_test(refusals),
		cmocka_unit_test(reentrancy_guard),
		cmocka_unit_test(by_name),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
