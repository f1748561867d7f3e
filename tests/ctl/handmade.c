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
struct tf_site tf__S_c7c7c7c7c7c7c7c7[3] = { { 0, 0, (tf_fnptr)&add, 0 }, { 0, 0, (tf_fnptr)&calc, 0 }, { 0, 0, (tf_fnptr)&main, 0 } };
static const char tf__IU[] __attribute__((__section__("tf_info"), __used__, __aligned__(1))) = "file=prog.c\nvariant=00000000\nabi=2\n" "\0" "name=add\nfile=prog.c\nline=6\nsig=int (int, int)\nsighash=1111111111111111\nbodyhash=2222222222222222\nret=int\nparams=int a\tint b\nflags=static\n" "\0" "name=calc\nfile=prog.c\nline=11\nsig=int (int, int)\nsighash=1111111111111111\nbodyhash=3333333333333333\nret=int\nparams=int a\tint b\n" "\0" "name=main\nfile=prog.c\nline=16\nsig=int (void)\nsighash=4444444444444444\nbodyhash=5555555555555555\nret=int\nparams=\nflags=main\n";
static struct tf_unit tf__U = { TF_ABI_VERSION, 3, tf__S_c7c7c7c7c7c7c7c7, 0, 0, tf__IU, 0, 0 };
static void tf__ctor(void) __attribute__((__constructor__)); static void tf__ctor(void) { if (tf__register) tf__register(&tf__U); }
static void tf__dtor(void) __attribute__((__destructor__)); static void tf__dtor(void) { if (tf__unregister) tf__unregister(&tf__U); }
