/* e2e-tfcc-only */
/* e2e-flags: -fno-optimize-sibling-calls */
/* A trap's cold path must survive gcc: the result of the call in asm,
   on its way to a return other paths share (fib without sibling calls),
   was lost by gcc 12 (a mocked fib returned 0); see rt_cold_dropped. */
#include <stdio.h>
#include <tigerfix/tf.h>

static int calls;

__attribute__((noinline)) long fib(long n)
{
	return n < 2 ? n : fib(n - 1) + fib(n - 2);
}
static long fib_mock(long n) { calls++; return n * 100; }

int main(void)
{
	long r;
	tf_hook *h;

	printf("fib %ld\n", fib(10));
	h = TF_MOCK(fib, fib_mock);
	r = fib(10);
	printf("mocked fib %ld calls %d\n", r, calls);
	tf_undo(h);
	printf("undone fib %ld\n", fib(10));
	return 0;
}
