/* e2e-tfcc-only */
/* e2e-flags: -std=gnu99 */
/* Interceptors on functions the per-function C thunks could not spell
   (they were replace-only): an anonymous struct parameter, a VLA
   parameter, a K&R definition with char and float parameters (they
   arrive promoted), a const-qualified return type, an anonymous struct
   returned.  The generic thunk only needs the layout. */
#include <stdio.h>
#include <tigerfix/tf.h>

static struct { int lo, hi; } range = { 1, 9 };

__attribute__((noinline)) static int width(__typeof__(range) r)
{
	return r.hi - r.lo;
}

__attribute__((noinline)) static long sum(int n, int m, int a[n][m])
{
	long s = 0;
	for (int i = 0; i < n; i++)
		for (int j = 0; j < m; j++)
			s += a[i][j];
	return s;
}

__attribute__((noinline)) static double knr(c, f)
	char c;
	float f;
{
	return c + f;
}

__attribute__((noinline)) static const int cret(int x)
{
	return x * 3;
}

__attribute__((noinline)) static __typeof__(range) grow(int by)
{
	__typeof__(range) r = range;
	r.hi += by;
	return r;
}

static int pre_width(struct tf_call *c) { ((int *)c->args[0])[1] = 20; return TF_CONTINUE; }
static void post_long(struct tf_call *c) { *(long *)c->ret += 1000; }
static int pre_knr(struct tf_call *c)
{
	/* promoted: the char arrives as an int, the float as a double */
	printf("knr args %d %g\n", *(int *)c->args[0], *(double *)c->args[1]);
	*(double *)c->args[1] = 0.5;
	return TF_CONTINUE;
}
static void post_int(struct tf_call *c) { *(int *)c->ret = -*(int *)c->ret; }
static int pre_grow(struct tf_call *c) { *(int *)c->args[0] = 41; return TF_CONTINUE; }

int main(void)
{
	int a[2][3] = { { 1, 2, 3 }, { 4, 5, 6 } };
	tf_hook *h[5];

	printf("plain %d %ld %g %d %d\n", width(range), sum(2, 3, a), knr('A', 1.25f),
	       cret(5), grow(1).hi);
	h[0] = TF_INTERCEPT(width, pre_width, 0, 0, TF_PROCESS);
	h[1] = TF_INTERCEPT(sum, 0, post_long, 0, TF_PROCESS);
	h[2] = TF_INTERCEPT(knr, pre_knr, 0, 0, TF_PROCESS);
	h[3] = TF_INTERCEPT(cret, 0, post_int, 0, TF_PROCESS);
	h[4] = TF_INTERCEPT(grow, pre_grow, 0, 0, TF_PROCESS);
	for (int i = 0; i < 5; i++)
		if (!h[i])
			printf("attach %d failed: %s\n", i, tf_error());
	printf("hooked %d %ld %g %d %d\n", width(range), sum(2, 3, a), knr('A', 1.25f),
	       cret(5), grow(1).hi);
	for (int i = 0; i < 5; i++)
		tf_undo(h[i]);
	printf("undone %d %ld %g %d %d\n", width(range), sum(2, 3, a), knr('A', 1.25f),
	       cret(5), grow(1).hi);
	return 0;
}
