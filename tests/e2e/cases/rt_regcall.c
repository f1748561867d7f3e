/* e2e-tfcc-only */
/* The cold path's call in asm (TF__RSEL in trap.h), for functions of at
   most six integer or pointer arguments.  gcc's -fipa-ra lets mix() keep
   values in call-clobbered registers across its calls to slot_of(), which
   touches few; mocks that overwrite every call-clobbered register must
   not disturb them, nor the narrow arguments (char, short, _Bool), the
   fifth and sixth (r8, r9), or a _Bool result, through a mock, the
   original and an interceptor. */
#include <stdio.h>
#include <tigerfix/tf.h>

static long table[8] = { 3, 5, 7, 11, 13, 17, 19, 23 };

static __attribute__((noinline)) long *slot_of(long *base, int i) { return base + (i & 7); }

/* Overwrites every call-clobbered integer register and some vector ones. */
#define TRASH()                                                             \
	__asm__ __volatile__("movq $-1, %%rcx\n\tmovq $-1, %%rdx\n\t"       \
			     "movq $-1, %%rsi\n\tmovq $-1, %%rdi\n\t"       \
			     "movq $-1, %%r8\n\tmovq $-1, %%r9\n\t"         \
			     "movq $-1, %%r10\n\tmovq $-1, %%r11\n\t"       \
			     "pcmpeqd %%xmm1, %%xmm1\n\tpcmpeqd %%xmm7, %%xmm7" \
			     : : : "rcx", "rdx", "rsi", "rdi", "r8", "r9",  \
			       "r10", "r11", "xmm1", "xmm7")

static long *slot_mock(long *base, int i)
{
	long *r = TF_ORIGINAL(slot_of)(base, i + 1);
	TRASH();
	return r;
}

static __attribute__((noinline)) long mix(long *b, int a, int c, int d, int e)
{
	long x = *slot_of(b, a), y = *slot_of(b, c);
	return x * 1000 + y * 100 + d * 10 + e + a * 100000L + c * 1000000L;
}

static __attribute__((noinline)) long six(char a, short b, _Bool c, unsigned char d, long e, void *f)
{
	return a + b * 10L + c * 100L + d * 1000L + e * 10000L + (f ? 100000L : 0);
}

static long six_mock(char a, short b, _Bool c, unsigned char d, long e, void *f)
{
	long r = TF_ORIGINAL(six)(a, b, c, d, e, f) + 7000000L;
	TRASH();
	return r;
}

static __attribute__((noinline)) _Bool odd(int x) { return x & 1; }

static _Bool odd_mock(int x)
{
	TRASH();
	return !(x & 1);
}

static int seen;
static int pre(struct tf_call *c)
{
	seen += *(int *)c->args[1];
	*(int *)c->args[1] += 2;
	return TF_CONTINUE;
}

static void show(const char *what)
{
	printf("%s: mix %ld, six %ld, odd %d %d\n", what, mix(table, 1, 2, 3, 4),
	       six(-3, -2, 1, 200, 5, table), odd(3), odd(4));
}

int main(void)
{
	tf_hook *h[3];
	show("plain");
	h[0] = TF_MOCK(slot_of, slot_mock);
	h[1] = TF_MOCK(six, six_mock);
	h[2] = TF_MOCK(odd, odd_mock);
	show("mocked");
	tf_undo(h[0]);
	tf_undo(h[1]);
	tf_undo(h[2]);
	show("undone");
	h[0] = TF_INTERCEPT(slot_of, pre, 0, 0, TF_PROCESS);
	show("intercepted");
	printf("interceptor saw %d\n", seen);
	tf_undo(h[0]);
	return 0;
}
