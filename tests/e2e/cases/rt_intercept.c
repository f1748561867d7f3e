/* e2e-tfcc-only */
/* Interceptors: a pre changes an argument, a post changes the return
   value, a pre skips the call and sets the result; recursion is seen at
   every level; pre runs in attach order, post in reverse. */
#include <stdio.h>
#include <string.h>
#include <tigerfix/tf.h>

__attribute__((noinline)) static int mul(int a, int b) { return a * b; }
__attribute__((noinline)) static long fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
struct pair { int lo, hi; };
__attribute__((noinline)) static struct pair span(struct pair p, int by) { p.lo -= by; p.hi += by; return p; }

static int calls;
static char order[16];
static int pre_arg(struct tf_call *c) { *(int *)c->args[1] = 10; return TF_CONTINUE; }
static void post_ret(struct tf_call *c) { *(int *)c->ret += 1; }
static int pre_skip(struct tf_call *c) { *(int *)c->ret = -1; return TF_SKIP; }
static int pre_count(struct tf_call *c) { calls++; return TF_CONTINUE; }
static int pre_tag(struct tf_call *c) { strncat(order, (const char *)c->user, 1); return TF_CONTINUE; }
static void post_tag(struct tf_call *c) { strncat(order, (const char *)c->user + 1, 1); }
static int pre_span(struct tf_call *c) { ((struct pair *)c->args[0])->hi = 50; return TF_CONTINUE; }
static void post_span(struct tf_call *c) { ((struct pair *)c->ret)->lo = 0; }

int main(void)
{
	tf_hook *a, *b, *h;
	struct pair p = { 10, 20 }, q;
	long r;

	printf("plain %d\n", mul(3, 4));
	a = TF_INTERCEPT(mul, pre_arg, 0, 0, TF_PROCESS);
	printf("arg changed %d\n", mul(3, 4));
	b = TF_INTERCEPT(mul, 0, post_ret, 0, TF_PROCESS);
	printf("arg and ret changed %d\n", mul(3, 4));
	tf_undo(a);
	tf_undo(b);
	h = TF_INTERCEPT(mul, pre_skip, 0, 0, TF_PROCESS);
	printf("skipped %d\n", mul(3, 4));
	tf_undo(h);
	printf("restored %d\n", mul(3, 4));

	h = TF_INTERCEPT(fib, pre_count, 0, 0, TF_PROCESS);
	r = fib(15);
	printf("fib(15)=%ld calls=%d\n", r, calls);
	tf_undo(h);
	calls = 0;
	r = fib(15);
	printf("fib(15)=%ld calls=%d\n", r, calls);

	a = TF_INTERCEPT(mul, pre_tag, post_tag, "aA", TF_PROCESS);
	b = TF_INTERCEPT(mul, pre_tag, post_tag, "bB", TF_PROCESS);
	mul(1, 1);
	printf("order %s\n", order);
	tf_undo(a);
	tf_undo(b);

	h = TF_INTERCEPT(span, pre_span, post_span, 0, TF_PROCESS);
	q = span(p, 1);
	printf("span %d..%d\n", q.lo, q.hi);
	tf_undo(h);
	q = span(p, 1);
	printf("span %d..%d\n", q.lo, q.hi);
	return 0;
}
