/* e2e-tfcc-only */
/* TF_ORIGINAL: a mock that calls the real function and adjusts its
   result; recursion from the original body goes through the mock again. */
#include <stdio.h>
#include <tigerfix/tf.h>

__attribute__((noinline)) static int halve(int x) { return x / 2; }
__attribute__((noinline)) static int fact(int n) { return n <= 1 ? 1 : n * fact(n - 1); }
static int mock_calls;

static int halve_logged(int x) { mock_calls++; return TF_ORIGINAL(halve)(x) + 1000; }
static int fact_counted(int n) { mock_calls++; return TF_ORIGINAL(fact)(n); }

int main(void)
{
	tf_hook *h = TF_MOCK(halve, halve_logged);
	int r = halve(10);

	printf("halve(10)=%d mock_calls=%d\n", r, mock_calls);
	tf_undo(h);
	printf("halve(10)=%d\n", halve(10));
	mock_calls = 0;
	h = TF_MOCK(fact, fact_counted);
	r = fact(6);
	printf("fact(6)=%d mock_calls=%d\n", r, mock_calls);
	tf_undo(h);
	return 0;
}
