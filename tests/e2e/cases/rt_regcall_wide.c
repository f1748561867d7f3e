/* e2e-tfcc-only */
/* A function made for AVX-512 by a target attribute, in a unit compiled
   without -mavx512f, keeps a value in xmm16-31 across a trap inlined into
   it, where the cold path's asm (TF__RSEL) cannot name those registers;
   the rewriter gives such a unit the C call instead (wide_target in
   rewriter/parse.c).  The mock overwrites zmm16-31.  Without AVX-512 the
   same sum comes from the plain loop, so the output is the same. */
#include <stdio.h>
#include <tigerfix/tf.h>

static double v[8] = { 1.5, 2.25, -0.5, 4.0, 0.125, 3.0, -2.0, 0.75 };
static int wide;

static inline int pick(int i) { return (i * 5 + 3) & 7; }

__attribute__((target("avx512f"), noinline)) static void trash_hi(void)
{
	__asm__ __volatile__(
		"vpternlogd $0xff, %%zmm16, %%zmm16, %%zmm16\n\t"
		"vpternlogd $0xff, %%zmm17, %%zmm17, %%zmm17\n\t"
		"vpternlogd $0xff, %%zmm18, %%zmm18, %%zmm18\n\t"
		"vpternlogd $0xff, %%zmm19, %%zmm19, %%zmm19\n\t"
		"vpternlogd $0xff, %%zmm20, %%zmm20, %%zmm20\n\t"
		"vpternlogd $0xff, %%zmm21, %%zmm21, %%zmm21\n\t"
		"vpternlogd $0xff, %%zmm22, %%zmm22, %%zmm22\n\t"
		"vpternlogd $0xff, %%zmm23, %%zmm23, %%zmm23\n\t"
		"vpternlogd $0xff, %%zmm24, %%zmm24, %%zmm24\n\t"
		"vpternlogd $0xff, %%zmm25, %%zmm25, %%zmm25\n\t"
		"vpternlogd $0xff, %%zmm26, %%zmm26, %%zmm26\n\t"
		"vpternlogd $0xff, %%zmm27, %%zmm27, %%zmm27\n\t"
		"vpternlogd $0xff, %%zmm28, %%zmm28, %%zmm28\n\t"
		"vpternlogd $0xff, %%zmm29, %%zmm29, %%zmm29\n\t"
		"vpternlogd $0xff, %%zmm30, %%zmm30, %%zmm30\n\t"
		"vpternlogd $0xff, %%zmm31, %%zmm31, %%zmm31\n\t"
		"vzeroupper"
		: : : "xmm16", "xmm17", "xmm18", "xmm19", "xmm20", "xmm21",
		  "xmm22", "xmm23", "xmm24", "xmm25", "xmm26", "xmm27",
		  "xmm28", "xmm29", "xmm30", "xmm31");
}

static int pick_mock(int i)
{
	int r = TF_ORIGINAL(pick)(i);
	if (wide)
		trash_hi();
	return r;
}

__attribute__((target("avx512f"), noinline)) static double sum_wide(int n)
{
	double s = 0, p = 1;
	for (int i = 0; i < n; i++) {
		double x = v[pick(i)];
		s += x;
		p *= x > 0 ? x : -x;
	}
	return s * 1000 + p;
}

static __attribute__((noinline)) double sum_plain(int n)
{
	double s = 0, p = 1;
	for (int i = 0; i < n; i++) {
		double x = v[(i * 5 + 3) & 7];
		s += x;
		p *= x > 0 ? x : -x;
	}
	return s * 1000 + p;
}

static void show(const char *what)
{
	printf("%s: %.6f\n", what, wide ? sum_wide(12) : sum_plain(12));
}

int main(void)
{
	tf_hook *h;
	__builtin_cpu_init();
	wide = __builtin_cpu_supports("avx512f");
	show("plain");
	h = TF_MOCK(pick, pick_mock);
	show("mocked");
	tf_undo(h);
	show("undone");
	return 0;
}
