/* e2e-tfcc-only */
/* A static function gcc inlined into every caller, and never named by
   address, keeps no out-of-line copy (tfcc does not force one: TF__FN in
   trap.h): looked up by name, it is still replaced in every inlined
   copy, and an interceptor, which would need the original to call, is
   refused with the reason.  A static gcc kept out of line is found by
   name and intercepted as usual. */
#include <stdio.h>
#include <tigerfix/tf.h>

static int twice(int x) { return 2 * x; }
static __attribute__((__noinline__)) int thrice(int x) { return 3 * x + (x > 1000); }
int use(int x) { return twice(x) + thrice(x); }

static int ten(int x) { return 10 * x; }
static int pre_add1(struct tf_call *c) { *(int *)c->args[0] += 1; return TF_CONTINUE; }

int main(void)
{
	volatile int v = 2;
	char err[300];
	struct tf_site *two = tf_site_find("twice"), *three = tf_site_find("thrice");
	tf_hook *h;

	printf("plain %d\n", use(v));
	h = tf_replace(two, (tf_fnptr)ten, TF_PROCESS, err, sizeof err);
	printf("twice replaced: %d\n", h ? use(v) : -1);
	tf_undo(h);
	printf("undone: %d\n", use(v));
#ifdef __OPTIMIZE__
	h = tf_intercept(two, pre_add1, 0, 0, TF_PROCESS, err, sizeof err);
	printf("twice intercepted: %s\n", h ? "yes" : err);
#else	/* -O0 inlines nothing: twice() is kept out of line */
	h = tf_intercept(two, pre_add1, 0, 0, TF_PROCESS, err, sizeof err);
	tf_undo(h);
	printf("twice intercepted: %s\n", h ? "tf_intercept: twice() was inlined "
	       "into every caller (the compiler kept no out-of-line copy), so "
	       "there is no original to call after the interceptors; replace it "
	       "instead" : "not at -O0");
#endif
	printf("unchanged: %d\n", use(v));
	h = tf_intercept(three, pre_add1, 0, 0, TF_PROCESS, err, sizeof err);
	printf("thrice intercepted: %d\n", h ? use(v) : -1);
	tf_undo(h);
	printf("undone: %d\n", use(v));
	return 0;
}
