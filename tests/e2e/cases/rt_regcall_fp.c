/* e2e-tfcc-only */
/* The cold path's call in asm (TF__RSEL) keeps no floating-point value
   in a register across it (its asm names the vector and x87 registers as
   changed; tf__pcall does not keep them).  sums() has doubles and a long
   double live across a trap inlined into its loop; a mock that overwrites
   every vector register and fills the whole x87 stack must not change
   them, whichever side keeps them. */
#include <stdio.h>
#include <tigerfix/tf.h>

static double v[8] = { 1.5, 2.25, -0.5, 4.0, 0.125, 3.0, -2.0, 0.75 };

static inline int pick(int i) { return (i * 5 + 3) & 7; }

/* every xmm register to all ones (a NaN), then the x87 stack full and
   emptied again: with a value of the caller's still on it, the eighth
   load overflows and overwrites that value */
#define TRASH_FP()                                                          \
	__asm__ __volatile__(                                               \
		"pcmpeqd %%xmm0, %%xmm0\n\tpcmpeqd %%xmm1, %%xmm1\n\t"      \
		"pcmpeqd %%xmm2, %%xmm2\n\tpcmpeqd %%xmm3, %%xmm3\n\t"      \
		"pcmpeqd %%xmm4, %%xmm4\n\tpcmpeqd %%xmm5, %%xmm5\n\t"      \
		"pcmpeqd %%xmm6, %%xmm6\n\tpcmpeqd %%xmm7, %%xmm7\n\t"      \
		"pcmpeqd %%xmm8, %%xmm8\n\tpcmpeqd %%xmm9, %%xmm9\n\t"      \
		"pcmpeqd %%xmm10, %%xmm10\n\tpcmpeqd %%xmm11, %%xmm11\n\t"  \
		"pcmpeqd %%xmm12, %%xmm12\n\tpcmpeqd %%xmm13, %%xmm13\n\t"  \
		"pcmpeqd %%xmm14, %%xmm14\n\tpcmpeqd %%xmm15, %%xmm15\n\t"  \
		"fldpi\n\tfldpi\n\tfldpi\n\tfldpi\n\t"                     \
		"fldpi\n\tfldpi\n\tfldpi\n\tfldpi\n\t"                     \
		"fstp %%st(0)\n\tfstp %%st(0)\n\tfstp %%st(0)\n\tfstp %%st(0)\n\t" \
		"fstp %%st(0)\n\tfstp %%st(0)\n\tfstp %%st(0)\n\tfstp %%st(0)\n\t" \
		"fnclex"                                                    \
		: : : "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", \
		  "xmm7", "xmm8", "xmm9", "xmm10", "xmm11", "xmm12",        \
		  "xmm13", "xmm14", "xmm15", "st", "st(1)", "st(2)",        \
		  "st(3)", "st(4)", "st(5)", "st(6)", "st(7)")

static int pick_mock(int i)
{
	int r = TF_ORIGINAL(pick)(i);
	TRASH_FP();
	return r;
}

static __attribute__((noinline)) double sums(int n, long double *lacc)
{
	double sum = 0, prod = 1;
	long double acc = 0;
	for (int i = 0; i < n; i++) {
		double x = v[pick(i)];
		sum += x;
		prod *= x > 0 ? x : -x;
		acc += (long double)x / 3;
	}
	*lacc = acc;
	return sum * 1000 + prod;
}

static void show(const char *what)
{
	long double l;
	double d = sums(12, &l);
	printf("%s: %.6f %.6Lf\n", what, d, l);
}

int main(void)
{
	tf_hook *h;
	show("plain");
	h = TF_MOCK(pick, pick_mock);
	show("mocked");
	tf_undo(h);
	show("undone");
	return 0;
}
