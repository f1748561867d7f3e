/* Recursion: direct, mutual, deep, and fib (the benchmark's shape). */
#include <stdio.h>

__attribute__((noinline)) static long fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
static int is_odd(unsigned n);
static int is_even(unsigned n) { return n == 0 ? 1 : is_odd(n - 1); }
static int is_odd(unsigned n) { return n == 0 ? 0 : is_even(n - 1); }
static long depth(long n) { volatile long pad = n; return n == 0 ? 0 : 1 + depth(pad - 1); }

int main(void)
{
	printf("fib(25)=%ld\n", fib(25));
	printf("even(1001)=%d odd(1001)=%d\n", is_even(1001), is_odd(1001));
	printf("depth=%ld\n", depth(100000));
	return 0;
}
