/* handmade: prog.c as tf-rewrite instruments it (docs/generated-code.md), written
   by hand so tfctl can be tested against the real runtime before the rewriter
   exists.  trap.h is included instead of pasted; no thunks. */
#include <tigerfix/trap.h>
extern struct tf_site tf__S_c7c7c7c7c7c7c7c7[3] __attribute__((__visibility__("hidden")));
#line 1 "prog.c"
/* prog: a tiny program for tests/ctl/real.sh, built with tfcc.  Prints
   calc(2, 3) each time it changes, so a loaded patch shows at once. */
#include <stdio.h>
#include <unistd.h>

static int add(int a, int b)
{ __extension__ int tf__u __attribute__((__unused__)) = ({ tf_fnptr tf__t = TF__SLOT(tf__S_c7c7c7c7c7c7c7c7[0]); if (__builtin_expect(tf__t != 0, 0) && !TF__PASS(tf__S_c7c7c7c7c7c7c7c7[0])) return ((__typeof__(&add))tf__t)(a, b); 0; });
	return a + b;
}

int calc(int a, int b)
{ __extension__ int tf__u __attribute__((__unused__)) = ({ tf_fnptr tf__t = TF__SLOT(tf__S_c7c7c7c7c7c7c7c7[1]); if (__builtin_expect(tf__t != 0, 0) && !TF__PASS(tf__S_c7c7c7c7c7c7c7c7[1])) return ((__typeof__(&calc))tf__t)(a, b); 0; });
	return add(a, b) * 1;
}

int main(void)
{ __extension__ int tf__u __attribute__((__unused__)) = ({ tf_fnptr tf__t = TF__SLOT(tf__S_c7c7c7c7c7c7c7c7[2]); if (__builtin_expect(tf__t != 0, 0) && !TF__PASS(tf__S_c7c7c7c7c7c7c7c7[2])) return ((__typeof__(&main))tf__t)(); 0; });
	int last = -1;
	for (;;) {
		int v = calc(2, 3);
		if (v != last) {
			printf("%d\n", v);
			fflush(stdout);
			last = v;
		}
		usleep(2000);
	}
}
struct tf_site tf__S_c7c7c7c7c7c7c7c7[3] = { TF__SITE_INIT((tf_fnptr)&add), TF__SITE_INIT((tf_fnptr)&calc), TF__SITE_INIT((tf_fnptr)&main) };
static const char tf__IU[] __attribute__((__section__("tf_info"), __used__, __aligned__(1))) = "tf.unit\n3\nprog.c\n00000000\n3\n" "\0" "add\n\n6\nint (int, int)\n1111111111111111\n2222222222222222\nint\nint a\tint b\nstatic\n\n" "\0" "calc\n\n11\nint (int, int)\n1111111111111111\n3333333333333333\nint\nint a\tint b\n\n\n" "\0" "main\n\n16\nint (void)\n4444444444444444\n5555555555555555\nint\n\nmain\n\n";
static struct tf_unit tf__U = { TF_ABI_VERSION, 3, tf__S_c7c7c7c7c7c7c7c7, 0, 0, tf__IU, 0, 0 };
static void tf__ctor(void) __attribute__((__constructor__)); static void tf__ctor(void) { if (tf__register) tf__register(&tf__U); }
static void tf__dtor(void) __attribute__((__destructor__)); static void tf__dtor(void) { if (tf__unregister) tf__unregister(&tf__U); }
