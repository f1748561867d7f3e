/* e2e-tfcc-only */
/*
** Interceptors against every shape of the x86-64 SysV calling convention.
**
** For each shape one function (noinline; most static, some extern): a
** pre-interceptor prints every argument through c->args (typed here, the
** test knows the signature) and changes some of them, a post-interceptor
** prints the return value through c->ret and changes it.  Each function
** is called four times:
**   -- intercepted  pre changes arguments, the body prints what it got,
**                   post changes the result, the caller prints ("got") it;
**   -- plain        after tf_undo: the plain result, no interceptor;
**   -- skipped      same pre, but it sets *ret and returns TF_SKIP (user
**                   is SKIP): the body must not run; post still runs;
**   -- plain        after tf_undo again.
**
** Shapes (where SysV puts them):
**   narrow       _Bool, char, signed/unsigned char, short, unsigned short
**                arguments (registers), int return
**   ret_*        _Bool, char, signed char, unsigned char, short, unsigned
**                short, unsigned, long, unsigned long, long long returns
**   wide         int, unsigned, long, unsigned long, long long, unsigned
**                long long arguments; unsigned long long return
**   ptr          pointer argument and return
**   many_longs   9 longs: 3 on the stack
**   many_doubles 10 doubles: 2 on the stack
**   mixed        7 ints and 9 floats interleaved: 1 int, 1 float on stack
**   f_float      float arguments and return (xmm, single)
**   f_double     double and int arguments, double return
**   f_ld         long double arguments (memory) and return (st0)
**   f_i128       __int128 argument (rdi:rsi) and return (rax:rdx)
**   i128_stack   __int128 when one integer register is left: on the
**                stack, the long after it takes r9
**   f_ii         struct {int,int}          one integer register
**   f_ff         struct {float,float}      one xmm register
**   f_di         struct {double,int}       xmm + integer register
**   f_lds        struct {long,double}      integer + xmm register
**   f_c3         struct {char[3]}          one integer register
**   f_fff        struct {float,float,float} two xmm registers
**   f_ud         union {double; long}      one integer register
**   f_dd         struct {double,double} after 7 doubles: on the stack,
**                the double after it takes xmm7; returned in xmm0:xmm1
**   ll_stack     struct {long,long} after 5 longs: on the stack, the long
**                after it takes r9; returned in rax:rdx
**   f_big        struct of 5 ints: memory argument, hidden-pointer return
**   f_bigld      struct with a long double field: same
**   big_args     struct return (hidden pointer in rdi) with 7 int
**                arguments: 2 on the stack
**   f_cd         _Complex double arguments and return (xmm0:xmm1)
**   f_cf         _Complex float (one xmm register)
**   f_cld        _Complex long double (memory argument, st0:st1 return)
**   f_void       void function with pointer arguments (ret is NULL)
**   pick         function pointer arguments and return
**   rec8         recursion, depth 5, through an intercepted function of
**                8 longs (2 on the stack)
** Extern (the others are static): many_longs, many_doubles, f_ld, f_bigld,
** f_cd, rec8.
** Numbers are exact in binary, so %g prints them exactly; __int128 is
** printed as its high (signed) and low (unsigned) 64-bit halves.
*/
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <tigerfix/tf.h>

static char SKIP[] = "skip";   /* user of the hooks whose pre skips */
static tf_hook *cur;

static void on(tf_hook *h, const char *what)
{
	printf("-- %s\n", what);
	if (!h)
		printf("  attach failed: %s\n", tf_error());
	cur = h;
}

static void off(void)
{
	if (cur && tf_undo(cur) != 0)
		printf("  undo failed: %s\n", tf_error());
	cur = 0;
	printf("-- plain\n");
}

static void p128(const char *what, __int128 v)
{
	printf("%s%lld:%llu", what, (long long)(v >> 64),
	       (unsigned long long)v);
}

/* ---- narrow integer arguments, int return ---- */

__attribute__((noinline)) static int narrow(_Bool b, char ch, signed char sc,
					    unsigned char uc, short s,
					    unsigned short us)
{
	printf("  body %d %c %d %d %d %d\n", b, ch, sc, uc, s, us);
	return b + ch + sc + uc + s + us;
}

static int pre_narrow(struct tf_call *c)
{
	printf("  pre  %d %c %d %d %d %d\n", *(_Bool *)c->args[0],
	       *(char *)c->args[1], *(signed char *)c->args[2],
	       *(unsigned char *)c->args[3], *(short *)c->args[4],
	       *(unsigned short *)c->args[5]);
	*(_Bool *)c->args[0] = 0;
	*(char *)c->args[1] = 'z';
	*(signed char *)c->args[2] = -100;
	*(unsigned char *)c->args[3] = 200;
	*(short *)c->args[4] = -30000;
	*(unsigned short *)c->args[5] = 60000;
	if (c->user) { *(int *)c->ret = -7; return TF_SKIP; }
	return TF_CONTINUE;
}

static void post_narrow(struct tf_call *c)
{
	printf("  post %d\n", *(int *)c->ret);
	*(int *)c->ret += 1000;
}

static void t_narrow(void)
{
	printf("== narrow: _Bool char schar uchar short ushort -> int\n");
	on(TF_INTERCEPT(narrow, pre_narrow, post_narrow, 0, TF_PROCESS), "intercepted");
	printf("  got %d\n", narrow(1, 'a', -3, 250, -300, 65000));
	off();
	printf("  got %d\n", narrow(1, 'a', -3, 250, -300, 65000));
	on(TF_INTERCEPT(narrow, pre_narrow, post_narrow, SKIP, TF_PROCESS), "skipped");
	printf("  got %d\n", narrow(1, 'a', -3, 250, -300, 65000));
	off();
	printf("  got %d\n", narrow(1, 'a', -3, 250, -300, 65000));
}

/* ---- returns of every integer width (argument of the same type) ---- */

__attribute__((noinline)) static _Bool ret_bool(_Bool x)
{
	printf("  body %d\n", x);
	return !x;
}
static int pre_bool(struct tf_call *c)
{
	printf("  pre  %d\n", *(_Bool *)c->args[0]);
	*(_Bool *)c->args[0] = 0;
	if (c->user) { *(_Bool *)c->ret = 0; return TF_SKIP; }
	return TF_CONTINUE;
}
static void post_bool(struct tf_call *c)
{
	printf("  post %d\n", *(_Bool *)c->ret);
	*(_Bool *)c->ret = !*(_Bool *)c->ret;
}

__attribute__((noinline)) static char ret_char(char x)
{
	printf("  body %c\n", x);
	return x + 1;
}
static int pre_char(struct tf_call *c)
{
	printf("  pre  %c\n", *(char *)c->args[0]);
	*(char *)c->args[0] = 'm';
	if (c->user) { *(char *)c->ret = 's'; return TF_SKIP; }
	return TF_CONTINUE;
}
static void post_char(struct tf_call *c)
{
	printf("  post %c\n", *(char *)c->ret);
	*(char *)c->ret -= 'a' - 'A';
}

__attribute__((noinline)) static signed char ret_schar(signed char x)
{
	printf("  body %d\n", x);
	return x * 2;
}
static int pre_schar(struct tf_call *c)
{
	printf("  pre  %d\n", *(signed char *)c->args[0]);
	*(signed char *)c->args[0] = -60;
	if (c->user) { *(signed char *)c->ret = -1; return TF_SKIP; }
	return TF_CONTINUE;
}
static void post_schar(struct tf_call *c)
{
	printf("  post %d\n", *(signed char *)c->ret);
	*(signed char *)c->ret -= 5;
}

__attribute__((noinline)) static unsigned char ret_uchar(unsigned char x)
{
	printf("  body %d\n", x);
	return x + 10;
}
static int pre_uchar(struct tf_call *c)
{
	printf("  pre  %d\n", *(unsigned char *)c->args[0]);
	*(unsigned char *)c->args[0] = 240;
	if (c->user) { *(unsigned char *)c->ret = 128; return TF_SKIP; }
	return TF_CONTINUE;
}
static void post_uchar(struct tf_call *c)
{
	printf("  post %d\n", *(unsigned char *)c->ret);
	*(unsigned char *)c->ret += 3;
}

__attribute__((noinline)) static short ret_short(short x)
{
	printf("  body %d\n", x);
	return x - 1000;
}
static int pre_short(struct tf_call *c)
{
	printf("  pre  %d\n", *(short *)c->args[0]);
	*(short *)c->args[0] = -31000;
	if (c->user) { *(short *)c->ret = -1; return TF_SKIP; }
	return TF_CONTINUE;
}
static void post_short(struct tf_call *c)
{
	printf("  post %d\n", *(short *)c->ret);
	*(short *)c->ret -= 700;
}

__attribute__((noinline)) static unsigned short ret_ushort(unsigned short x)
{
	printf("  body %d\n", x);
	return x + 1000;
}
static int pre_ushort(struct tf_call *c)
{
	printf("  pre  %d\n", *(unsigned short *)c->args[0]);
	*(unsigned short *)c->args[0] = 64000;
	if (c->user) { *(unsigned short *)c->ret = 1; return TF_SKIP; }
	return TF_CONTINUE;
}
static void post_ushort(struct tf_call *c)
{
	printf("  post %d\n", *(unsigned short *)c->ret);
	*(unsigned short *)c->ret += 500;
}

__attribute__((noinline)) static unsigned ret_uint(unsigned x)
{
	printf("  body %u\n", x);
	return x + 1;
}
static int pre_uint(struct tf_call *c)
{
	printf("  pre  %u\n", *(unsigned *)c->args[0]);
	*(unsigned *)c->args[0] = 4294967290u;
	if (c->user) { *(unsigned *)c->ret = 7; return TF_SKIP; }
	return TF_CONTINUE;
}
static void post_uint(struct tf_call *c)
{
	printf("  post %u\n", *(unsigned *)c->ret);
	*(unsigned *)c->ret += 4;
}

__attribute__((noinline)) static long ret_long(long x)
{
	printf("  body %ld\n", x);
	return x * 3;
}
static int pre_long(struct tf_call *c)
{
	printf("  pre  %ld\n", *(long *)c->args[0]);
	*(long *)c->args[0] = -3000000000000L;
	if (c->user) { *(long *)c->ret = 5; return TF_SKIP; }
	return TF_CONTINUE;
}
static void post_long(struct tf_call *c)
{
	printf("  post %ld\n", *(long *)c->ret);
	*(long *)c->ret -= 1;
}

__attribute__((noinline)) static unsigned long ret_ulong(unsigned long x)
{
	printf("  body %lu\n", x);
	return x / 2;
}
static int pre_ulong(struct tf_call *c)
{
	printf("  pre  %lu\n", *(unsigned long *)c->args[0]);
	*(unsigned long *)c->args[0] = 18446744073709551614UL;
	if (c->user) { *(unsigned long *)c->ret = 100; return TF_SKIP; }
	return TF_CONTINUE;
}
static void post_ulong(struct tf_call *c)
{
	printf("  post %lu\n", *(unsigned long *)c->ret);
	*(unsigned long *)c->ret += 1;
}

__attribute__((noinline)) static long long ret_llong(long long x)
{
	printf("  body %lld\n", x);
	return -x;
}
static int pre_llong(struct tf_call *c)
{
	printf("  pre  %lld\n", *(long long *)c->args[0]);
	*(long long *)c->args[0] = -5000000000000000000LL;
	if (c->user) { *(long long *)c->ret = 0; return TF_SKIP; }
	return TF_CONTINUE;
}
static void post_llong(struct tf_call *c)
{
	printf("  post %lld\n", *(long long *)c->ret);
	*(long long *)c->ret += 1;
}

static void t_ret_ints(void)
{
	printf("== ret_bool: _Bool -> _Bool\n");
	on(TF_INTERCEPT(ret_bool, pre_bool, post_bool, 0, TF_PROCESS), "intercepted");
	printf("  got %d\n", ret_bool(1));
	off();
	printf("  got %d\n", ret_bool(1));
	on(TF_INTERCEPT(ret_bool, pre_bool, post_bool, SKIP, TF_PROCESS), "skipped");
	printf("  got %d\n", ret_bool(1));
	off();
	printf("  got %d\n", ret_bool(1));

	printf("== ret_char: char -> char\n");
	on(TF_INTERCEPT(ret_char, pre_char, post_char, 0, TF_PROCESS), "intercepted");
	printf("  got %c\n", ret_char('a'));
	off();
	printf("  got %c\n", ret_char('a'));
	on(TF_INTERCEPT(ret_char, pre_char, post_char, SKIP, TF_PROCESS), "skipped");
	printf("  got %c\n", ret_char('a'));
	off();
	printf("  got %c\n", ret_char('a'));

	printf("== ret_schar: signed char -> signed char\n");
	on(TF_INTERCEPT(ret_schar, pre_schar, post_schar, 0, TF_PROCESS), "intercepted");
	printf("  got %d\n", ret_schar(-5));
	off();
	printf("  got %d\n", ret_schar(-5));
	on(TF_INTERCEPT(ret_schar, pre_schar, post_schar, SKIP, TF_PROCESS), "skipped");
	printf("  got %d\n", ret_schar(-5));
	off();
	printf("  got %d\n", ret_schar(-5));

	printf("== ret_uchar: unsigned char -> unsigned char\n");
	on(TF_INTERCEPT(ret_uchar, pre_uchar, post_uchar, 0, TF_PROCESS), "intercepted");
	printf("  got %d\n", ret_uchar(200));
	off();
	printf("  got %d\n", ret_uchar(200));
	on(TF_INTERCEPT(ret_uchar, pre_uchar, post_uchar, SKIP, TF_PROCESS), "skipped");
	printf("  got %d\n", ret_uchar(200));
	off();
	printf("  got %d\n", ret_uchar(200));

	printf("== ret_short: short -> short\n");
	on(TF_INTERCEPT(ret_short, pre_short, post_short, 0, TF_PROCESS), "intercepted");
	printf("  got %d\n", ret_short(-2000));
	off();
	printf("  got %d\n", ret_short(-2000));
	on(TF_INTERCEPT(ret_short, pre_short, post_short, SKIP, TF_PROCESS), "skipped");
	printf("  got %d\n", ret_short(-2000));
	off();
	printf("  got %d\n", ret_short(-2000));

	printf("== ret_ushort: unsigned short -> unsigned short\n");
	on(TF_INTERCEPT(ret_ushort, pre_ushort, post_ushort, 0, TF_PROCESS), "intercepted");
	printf("  got %d\n", ret_ushort(60000));
	off();
	printf("  got %d\n", ret_ushort(60000));
	on(TF_INTERCEPT(ret_ushort, pre_ushort, post_ushort, SKIP, TF_PROCESS), "skipped");
	printf("  got %d\n", ret_ushort(60000));
	off();
	printf("  got %d\n", ret_ushort(60000));

	printf("== ret_uint: unsigned -> unsigned\n");
	on(TF_INTERCEPT(ret_uint, pre_uint, post_uint, 0, TF_PROCESS), "intercepted");
	printf("  got %u\n", ret_uint(4000000000u));
	off();
	printf("  got %u\n", ret_uint(4000000000u));
	on(TF_INTERCEPT(ret_uint, pre_uint, post_uint, SKIP, TF_PROCESS), "skipped");
	printf("  got %u\n", ret_uint(4000000000u));
	off();
	printf("  got %u\n", ret_uint(4000000000u));

	printf("== ret_long: long -> long\n");
	on(TF_INTERCEPT(ret_long, pre_long, post_long, 0, TF_PROCESS), "intercepted");
	printf("  got %ld\n", ret_long(-1000000000000L));
	off();
	printf("  got %ld\n", ret_long(-1000000000000L));
	on(TF_INTERCEPT(ret_long, pre_long, post_long, SKIP, TF_PROCESS), "skipped");
	printf("  got %ld\n", ret_long(-1000000000000L));
	off();
	printf("  got %ld\n", ret_long(-1000000000000L));

	printf("== ret_ulong: unsigned long -> unsigned long\n");
	on(TF_INTERCEPT(ret_ulong, pre_ulong, post_ulong, 0, TF_PROCESS), "intercepted");
	printf("  got %lu\n", ret_ulong(18000000000000000000UL));
	off();
	printf("  got %lu\n", ret_ulong(18000000000000000000UL));
	on(TF_INTERCEPT(ret_ulong, pre_ulong, post_ulong, SKIP, TF_PROCESS), "skipped");
	printf("  got %lu\n", ret_ulong(18000000000000000000UL));
	off();
	printf("  got %lu\n", ret_ulong(18000000000000000000UL));

	printf("== ret_llong: long long -> long long\n");
	on(TF_INTERCEPT(ret_llong, pre_llong, post_llong, 0, TF_PROCESS), "intercepted");
	printf("  got %lld\n", ret_llong(123456789012345LL));
	off();
	printf("  got %lld\n", ret_llong(123456789012345LL));
	on(TF_INTERCEPT(ret_llong, pre_llong, post_llong, SKIP, TF_PROCESS), "skipped");
	printf("  got %lld\n", ret_llong(123456789012345LL));
	off();
	printf("  got %lld\n", ret_llong(123456789012345LL));
}

/* ---- wide integer arguments, unsigned long long return ---- */

__attribute__((noinline)) static unsigned long long
wide(int i, unsigned u, long l, unsigned long ul, long long ll,
     unsigned long long ull)
{
	printf("  body %d %u %ld %lu %lld %llu\n", i, u, l, ul, ll, ull);
	return (unsigned long long)i + u + l + ul + ll + ull;
}

static int pre_wide(struct tf_call *c)
{
	printf("  pre  %d %u %ld %lu %lld %llu\n", *(int *)c->args[0],
	       *(unsigned *)c->args[1], *(long *)c->args[2],
	       *(unsigned long *)c->args[3], *(long long *)c->args[4],
	       *(unsigned long long *)c->args[5]);
	*(int *)c->args[0] = -2000000000;
	*(unsigned *)c->args[1] = 4294967295u;
	*(long *)c->args[2] = -9000000000000000000L;
	*(unsigned long *)c->args[3] = 18000000000000000000UL;
	*(long long *)c->args[4] = -1;
	*(unsigned long long *)c->args[5] = 1;
	if (c->user) {
		*(unsigned long long *)c->ret = 18446744073709551615ULL;
		return TF_SKIP;
	}
	return TF_CONTINUE;
}

static void post_wide(struct tf_call *c)
{
	printf("  post %llu\n", *(unsigned long long *)c->ret);
	*(unsigned long long *)c->ret *= 2;
}

static void t_wide(void)
{
	printf("== wide: int unsigned long ulong llong ullong -> ullong\n");
	on(TF_INTERCEPT(wide, pre_wide, post_wide, 0, TF_PROCESS), "intercepted");
	printf("  got %llu\n", wide(-1, 4000000000u, -2, 3, -4, 5));
	off();
	printf("  got %llu\n", wide(-1, 4000000000u, -2, 3, -4, 5));
	on(TF_INTERCEPT(wide, pre_wide, post_wide, SKIP, TF_PROCESS), "skipped");
	printf("  got %llu\n", wide(-1, 4000000000u, -2, 3, -4, 5));
	off();
	printf("  got %llu\n", wide(-1, 4000000000u, -2, 3, -4, 5));
}

/* ---- pointer argument and return ---- */

__attribute__((noinline)) static const char *ptr(const char *s, int n)
{
	printf("  body %s %d\n", s, n);
	return s + n;
}

static int pre_ptr(struct tf_call *c)
{
	printf("  pre  %s %d\n", *(const char **)c->args[0], *(int *)c->args[1]);
	*(const char **)c->args[0] = "world";
	*(int *)c->args[1] = 2;
	if (c->user) { *(const char **)c->ret = "skipped"; return TF_SKIP; }
	return TF_CONTINUE;
}

static void post_ptr(struct tf_call *c)
{
	printf("  post %s\n", *(const char **)c->ret);
	*(const char **)c->ret += 1;
}

static void t_ptr(void)
{
	printf("== ptr: const char *, int -> const char *\n");
	on(TF_INTERCEPT(ptr, pre_ptr, post_ptr, 0, TF_PROCESS), "intercepted");
	printf("  got %s\n", ptr("hello", 1));
	off();
	printf("  got %s\n", ptr("hello", 1));
	on(TF_INTERCEPT(ptr, pre_ptr, post_ptr, SKIP, TF_PROCESS), "skipped");
	printf("  got %s\n", ptr("hello", 1));
	off();
	printf("  got %s\n", ptr("hello", 1));
}

/* ---- 9 longs: a..f in registers, g, h, i on the stack (extern) ---- */

__attribute__((noinline)) long many_longs(long a, long b, long c, long d,
					  long e, long f, long g, long h,
					  long i)
{
	printf("  body %ld %ld %ld %ld %ld %ld %ld %ld %ld\n", a, b, c, d, e,
	       f, g, h, i);
	return 1 * a + 2 * b + 3 * c + 4 * d + 5 * e + 6 * f + 7 * g + 8 * h +
	       9 * i;
}

static int pre_many_longs(struct tf_call *c)
{
	int k;
	printf("  pre ");
	for (k = 0; k < 9; k++)
		printf(" %ld", *(long *)c->args[k]);
	printf("\n");
	*(long *)c->args[0] = 100;
	*(long *)c->args[6] = 700;
	*(long *)c->args[8] = 900;
	if (c->user) { *(long *)c->ret = -1; return TF_SKIP; }
	return TF_CONTINUE;
}

static void post_many_longs(struct tf_call *c)
{
	printf("  post %ld\n", *(long *)c->ret);
	*(long *)c->ret = -*(long *)c->ret;
}

static void t_many_longs(void)
{
	printf("== many_longs: 9 longs (3 on the stack) -> long\n");
	on(TF_INTERCEPT(many_longs, pre_many_longs, post_many_longs, 0, TF_PROCESS), "intercepted");
	printf("  got %ld\n", many_longs(1, 2, 3, 4, 5, 6, 7, 8, 9));
	off();
	printf("  got %ld\n", many_longs(1, 2, 3, 4, 5, 6, 7, 8, 9));
	on(TF_INTERCEPT(many_longs, pre_many_longs, post_many_longs, SKIP, TF_PROCESS), "skipped");
	printf("  got %ld\n", many_longs(1, 2, 3, 4, 5, 6, 7, 8, 9));
	off();
	printf("  got %ld\n", many_longs(1, 2, 3, 4, 5, 6, 7, 8, 9));
}

/* ---- 10 doubles: a..h in xmm0-7, i, j on the stack (extern) ---- */

__attribute__((noinline)) double many_doubles(double a, double b, double c,
					      double d, double e, double f,
					      double g, double h, double i,
					      double j)
{
	printf("  body %g %g %g %g %g %g %g %g %g %g\n", a, b, c, d, e, f, g,
	       h, i, j);
	return 1 * a + 2 * b + 3 * c + 4 * d + 5 * e + 6 * f + 7 * g + 8 * h +
	       9 * i + 10 * j;
}

static int pre_many_doubles(struct tf_call *c)
{
	int k;
	printf("  pre ");
	for (k = 0; k < 10; k++)
		printf(" %g", *(double *)c->args[k]);
	printf("\n");
	*(double *)c->args[0] = 0.5;
	*(double *)c->args[7] = 100;
	*(double *)c->args[8] = -1;
	*(double *)c->args[9] = 0.25;
	if (c->user) { *(double *)c->ret = 1.5; return TF_SKIP; }
	return TF_CONTINUE;
}

static void post_many_doubles(struct tf_call *c)
{
	printf("  post %g\n", *(double *)c->ret);
	*(double *)c->ret /= 4;
}

static void t_many_doubles(void)
{
	printf("== many_doubles: 10 doubles (2 on the stack) -> double\n");
	on(TF_INTERCEPT(many_doubles, pre_many_doubles, post_many_doubles, 0, TF_PROCESS), "intercepted");
	printf("  got %g\n", many_doubles(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
	off();
	printf("  got %g\n", many_doubles(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
	on(TF_INTERCEPT(many_doubles, pre_many_doubles, post_many_doubles, SKIP, TF_PROCESS), "skipped");
	printf("  got %g\n", many_doubles(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
	off();
	printf("  got %g\n", many_doubles(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
}

/* ---- 7 ints and 9 floats interleaved: i7 and f9 on the stack ---- */

__attribute__((noinline)) static float
mixed(int i1, float f1, int i2, float f2, int i3, float f3, int i4, float f4,
      int i5, float f5, int i6, float f6, int i7, float f7, float f8, float f9)
{
	printf("  body %d %g %d %g %d %g %d %g %d %g %d %g %d %g %g %g\n", i1,
	       f1, i2, f2, i3, f3, i4, f4, i5, f5, i6, f6, i7, f7, f8, f9);
	return i1 + f1 + i2 + f2 + i3 + f3 + i4 + f4 + i5 + f5 + i6 + f6 +
	       i7 + f7 + f8 + f9;
}

static int pre_mixed(struct tf_call *c)
{
	int k;
	printf("  pre ");
	/* arguments 0, 2, ..., 12 are ints, the others floats */
	for (k = 0; k < 16; k++)
		if (k % 2 == 0 && k <= 12)
			printf(" %d", *(int *)c->args[k]);
		else
			printf(" %g", *(float *)c->args[k]);
	printf("\n");
	*(int *)c->args[0] = 10;      /* i1 */
	*(float *)c->args[1] = 0.25f; /* f1 */
	*(int *)c->args[12] = 70;     /* i7, stack */
	*(float *)c->args[14] = 75;   /* f8, xmm7 */
	*(float *)c->args[15] = 80.5f; /* f9, stack */
	if (c->user) { *(float *)c->ret = -2; return TF_SKIP; }
	return TF_CONTINUE;
}

static void post_mixed(struct tf_call *c)
{
	printf("  post %g\n", *(float *)c->ret);
	*(float *)c->ret += 0.5f;
}

static void t_mixed(void)
{
	printf("== mixed: 7 ints and 9 floats interleaved -> float\n");
	on(TF_INTERCEPT(mixed, pre_mixed, post_mixed, 0, TF_PROCESS), "intercepted");
	printf("  got %g\n", mixed(1, 0.5f, 2, 1.5f, 3, 2.5f, 4, 3.5f, 5, 4.5f, 6, 5.5f, 7, 6.5f, 7.5f, 8.5f));
	off();
	printf("  got %g\n", mixed(1, 0.5f, 2, 1.5f, 3, 2.5f, 4, 3.5f, 5, 4.5f, 6, 5.5f, 7, 6.5f, 7.5f, 8.5f));
	on(TF_INTERCEPT(mixed, pre_mixed, post_mixed, SKIP, TF_PROCESS), "skipped");
	printf("  got %g\n", mixed(1, 0.5f, 2, 1.5f, 3, 2.5f, 4, 3.5f, 5, 4.5f, 6, 5.5f, 7, 6.5f, 7.5f, 8.5f));
	off();
	printf("  got %g\n", mixed(1, 0.5f, 2, 1.5f, 3, 2.5f, 4, 3.5f, 5, 4.5f, 6, 5.5f, 7, 6.5f, 7.5f, 8.5f));
}

/* ---- float arguments and return ---- */

__attribute__((noinline)) static float f_float(float x, float y)
{
	printf("  body %g %g\n", x, y);
	return x * y;
}

static int pre_float(struct tf_call *c)
{
	printf("  pre  %g %g\n", *(float *)c->args[0], *(float *)c->args[1]);
	*(float *)c->args[1] = -4;
	if (c->user) { *(float *)c->ret = 0.75f; return TF_SKIP; }
	return TF_CONTINUE;
}

static void post_float(struct tf_call *c)
{
	printf("  post %g\n", *(float *)c->ret);
	*(float *)c->ret += 0.125f;
}

static void t_float(void)
{
	printf("== f_float: float float -> float\n");
	on(TF_INTERCEPT(f_float, pre_float, post_float, 0, TF_PROCESS), "intercepted");
	printf("  got %g\n", f_float(1.5f, 2));
	off();
	printf("  got %g\n", f_float(1.5f, 2));
	on(TF_INTERCEPT(f_float, pre_float, post_float, SKIP, TF_PROCESS), "skipped");
	printf("  got %g\n", f_float(1.5f, 2));
	off();
	printf("  got %g\n", f_float(1.5f, 2));
}

/* ---- double and int arguments, double return ---- */

__attribute__((noinline)) static double f_double(double x, int n)
{
	printf("  body %g %d\n", x, n);
	return x * n;
}

static int pre_double(struct tf_call *c)
{
	printf("  pre  %g %d\n", *(double *)c->args[0], *(int *)c->args[1]);
	*(double *)c->args[0] += 1;
	*(int *)c->args[1] = 3;
	if (c->user) { *(double *)c->ret = -1.5; return TF_SKIP; }
	return TF_CONTINUE;
}

static void post_double(struct tf_call *c)
{
	printf("  post %g\n", *(double *)c->ret);
	*(double *)c->ret += 0.25;
}

static void t_double(void)
{
	printf("== f_double: double int -> double\n");
	on(TF_INTERCEPT(f_double, pre_double, post_double, 0, TF_PROCESS), "intercepted");
	printf("  got %g\n", f_double(2.5, 4));
	off();
	printf("  got %g\n", f_double(2.5, 4));
	on(TF_INTERCEPT(f_double, pre_double, post_double, SKIP, TF_PROCESS), "skipped");
	printf("  got %g\n", f_double(2.5, 4));
	off();
	printf("  got %g\n", f_double(2.5, 4));
}

/* ---- long double argument (memory) and return (st0), extern ----
   1e4000L is out of double's range: it survives only as a long double. */

__attribute__((noinline)) long double f_ld(int n, long double x, double d)
{
	printf("  body %d %Lg %g\n", n, x, d);
	return x * n + d;
}

static int pre_ld(struct tf_call *c)
{
	printf("  pre  %d %Lg %g\n", *(int *)c->args[0],
	       *(long double *)c->args[1], *(double *)c->args[2]);
	*(int *)c->args[0] = 3;
	*(long double *)c->args[1] = 1e4000L;
	if (c->user) { *(long double *)c->ret = -1e-4000L; return TF_SKIP; }
	return TF_CONTINUE;
}

static void post_ld(struct tf_call *c)
{
	printf("  post %Lg\n", *(long double *)c->ret);
	*(long double *)c->ret *= 2;
}

static void t_ld(void)
{
	printf("== f_ld: int, long double, double -> long double\n");
	on(TF_INTERCEPT(f_ld, pre_ld, post_ld, 0, TF_PROCESS), "intercepted");
	printf("  got %Lg\n", f_ld(2, 1.25L, 0.5));
	off();
	printf("  got %Lg\n", f_ld(2, 1.25L, 0.5));
	on(TF_INTERCEPT(f_ld, pre_ld, post_ld, SKIP, TF_PROCESS), "skipped");
	printf("  got %Lg\n", f_ld(2, 1.25L, 0.5));
	off();
	printf("  got %Lg\n", f_ld(2, 1.25L, 0.5));
}

/* ---- __int128 argument (rdi:rsi) and return (rax:rdx) ---- */

__attribute__((noinline)) static __int128 f_i128(__int128 a, long b)
{
	p128("  body ", a);
	printf(" %ld\n", b);
	return a * b;
}

static int pre_i128(struct tf_call *c)
{
	p128("  pre  ", *(__int128 *)c->args[0]);
	printf(" %ld\n", *(long *)c->args[1]);
	*(__int128 *)c->args[0] = (__int128)7 << 64 | 9;
	*(long *)c->args[1] = 2;
	if (c->user) { *(__int128 *)c->ret = (__int128)1 << 100; return TF_SKIP; }
	return TF_CONTINUE;
}

static void post_i128(struct tf_call *c)
{
	p128("  post ", *(__int128 *)c->ret);
	printf("\n");
	*(__int128 *)c->ret = -*(__int128 *)c->ret;
}

static void t_i128(void)
{
	__int128 a = (__int128)1 << 64 | 5;
	printf("== f_i128: __int128 long -> __int128\n");
	on(TF_INTERCEPT(f_i128, pre_i128, post_i128, 0, TF_PROCESS), "intercepted");
	p128("  got ", f_i128(a, 3)); printf("\n");
	off();
	p128("  got ", f_i128(a, 3)); printf("\n");
	on(TF_INTERCEPT(f_i128, pre_i128, post_i128, SKIP, TF_PROCESS), "skipped");
	p128("  got ", f_i128(a, 3)); printf("\n");
	off();
	p128("  got ", f_i128(a, 3)); printf("\n");
}

/* ---- __int128 with one integer register left: x on the stack, f in r9 ---- */

__attribute__((noinline)) static long i128_stack(long a, long b, long c,
						 long d, long e, __int128 x,
						 long f)
{
	printf("  body %ld %ld %ld %ld %ld", a, b, c, d, e);
	p128(" ", x);
	printf(" %ld\n", f);
	return a + b + c + d + e + (long)(x >> 64) + (long)x + f;
}

static int pre_i128_stack(struct tf_call *c)
{
	int k;
	printf("  pre ");
	for (k = 0; k < 5; k++)
		printf(" %ld", *(long *)c->args[k]);
	p128(" ", *(__int128 *)c->args[5]);
	printf(" %ld\n", *(long *)c->args[6]);
	*(long *)c->args[4] = 50;
	*(__int128 *)c->args[5] = (__int128)60 << 64 | 70;
	*(long *)c->args[6] = 80;
	if (c->user) { *(long *)c->ret = -5; return TF_SKIP; }
	return TF_CONTINUE;
}

static void post_i128_stack(struct tf_call *c)
{
	printf("  post %ld\n", *(long *)c->ret);
	*(long *)c->ret += 1;
}

static void t_i128_stack(void)
{
	__int128 x = (__int128)6 << 64 | 7;
	printf("== i128_stack: 5 longs, __int128 (stack), long (r9) -> long\n");
	on(TF_INTERCEPT(i128_stack, pre_i128_stack, post_i128_stack, 0, TF_PROCESS), "intercepted");
	printf("  got %ld\n", i128_stack(1, 2, 3, 4, 5, x, 8));
	off();
	printf("  got %ld\n", i128_stack(1, 2, 3, 4, 5, x, 8));
	on(TF_INTERCEPT(i128_stack, pre_i128_stack, post_i128_stack, SKIP, TF_PROCESS), "skipped");
	printf("  got %ld\n", i128_stack(1, 2, 3, 4, 5, x, 8));
	off();
	printf("  got %ld\n", i128_stack(1, 2, 3, 4, 5, x, 8));
}

/* ---- struct {int,int}: one integer register ---- */

struct ii { int a, b; };

__attribute__((noinline)) static struct ii f_ii(struct ii s, int k)
{
	struct ii r = { s.a * k, s.b + k };
	printf("  body {%d,%d} %d\n", s.a, s.b, k);
	return r;
}

static int pre_ii(struct tf_call *c)
{
	struct ii *s = c->args[0];
	printf("  pre  {%d,%d} %d\n", s->a, s->b, *(int *)c->args[1]);
	s->b = -40;
	*(int *)c->args[1] = 5;
	if (c->user) {
		struct ii r = { -1, -2 };
		*(struct ii *)c->ret = r;
		return TF_SKIP;
	}
	return TF_CONTINUE;
}

static void post_ii(struct tf_call *c)
{
	struct ii *r = c->ret;
	printf("  post {%d,%d}\n", r->a, r->b);
	r->b *= 2;
}

static void t_ii(void)
{
	struct ii s = { 3, -4 }, r;
	printf("== f_ii: struct {int,int}, int -> struct {int,int}\n");
	on(TF_INTERCEPT(f_ii, pre_ii, post_ii, 0, TF_PROCESS), "intercepted");
	r = f_ii(s, 2); printf("  got {%d,%d}\n", r.a, r.b);
	off();
	r = f_ii(s, 2); printf("  got {%d,%d}\n", r.a, r.b);
	on(TF_INTERCEPT(f_ii, pre_ii, post_ii, SKIP, TF_PROCESS), "skipped");
	r = f_ii(s, 2); printf("  got {%d,%d}\n", r.a, r.b);
	off();
	r = f_ii(s, 2); printf("  got {%d,%d}\n", r.a, r.b);
}

/* ---- struct {float,float}: one xmm register ---- */

struct ff { float x, y; };

__attribute__((noinline)) static struct ff f_ff(struct ff s, float k)
{
	struct ff r = { s.x * k, s.y * k };
	printf("  body {%g,%g} %g\n", s.x, s.y, k);
	return r;
}

static int pre_ff(struct tf_call *c)
{
	struct ff *s = c->args[0];
	printf("  pre  {%g,%g} %g\n", s->x, s->y, *(float *)c->args[1]);
	s->y = 0.25f;
	*(float *)c->args[1] = 4;
	if (c->user) {
		struct ff r = { 0.5f, 0.5f };
		*(struct ff *)c->ret = r;
		return TF_SKIP;
	}
	return TF_CONTINUE;
}

static void post_ff(struct tf_call *c)
{
	struct ff *r = c->ret;
	printf("  post {%g,%g}\n", r->x, r->y);
	r->y += 10;
}

static void t_ff(void)
{
	struct ff s = { 1.5f, -2 }, r;
	printf("== f_ff: struct {float,float}, float -> struct {float,float}\n");
	on(TF_INTERCEPT(f_ff, pre_ff, post_ff, 0, TF_PROCESS), "intercepted");
	r = f_ff(s, 2); printf("  got {%g,%g}\n", r.x, r.y);
	off();
	r = f_ff(s, 2); printf("  got {%g,%g}\n", r.x, r.y);
	on(TF_INTERCEPT(f_ff, pre_ff, post_ff, SKIP, TF_PROCESS), "skipped");
	r = f_ff(s, 2); printf("  got {%g,%g}\n", r.x, r.y);
	off();
	r = f_ff(s, 2); printf("  got {%g,%g}\n", r.x, r.y);
}

/* ---- struct {double,int}: xmm register, then integer register ---- */

struct di { double d; int i; };

__attribute__((noinline)) static struct di f_di(struct di s, int k)
{
	struct di r = { s.d * k, s.i + k };
	printf("  body {%g,%d} %d\n", s.d, s.i, k);
	return r;
}

static int pre_di(struct tf_call *c)
{
	struct di *s = c->args[0];
	printf("  pre  {%g,%d} %d\n", s->d, s->i, *(int *)c->args[1]);
	s->d = -1.5;
	s->i = 70;
	*(int *)c->args[1] = 3;
	if (c->user) {
		struct di r = { 8, 8 };
		*(struct di *)c->ret = r;
		return TF_SKIP;
	}
	return TF_CONTINUE;
}

static void post_di(struct tf_call *c)
{
	struct di *r = c->ret;
	printf("  post {%g,%d}\n", r->d, r->i);
	r->d += 0.25;
	r->i += 1000;
}

static void t_di(void)
{
	struct di s = { 2.5, 7 }, r;
	printf("== f_di: struct {double,int}, int -> struct {double,int}\n");
	on(TF_INTERCEPT(f_di, pre_di, post_di, 0, TF_PROCESS), "intercepted");
	r = f_di(s, 2); printf("  got {%g,%d}\n", r.d, r.i);
	off();
	r = f_di(s, 2); printf("  got {%g,%d}\n", r.d, r.i);
	on(TF_INTERCEPT(f_di, pre_di, post_di, SKIP, TF_PROCESS), "skipped");
	r = f_di(s, 2); printf("  got {%g,%d}\n", r.d, r.i);
	off();
	r = f_di(s, 2); printf("  got {%g,%d}\n", r.d, r.i);
}

/* ---- struct {long,double}: integer register, then xmm register ---- */

struct lds { long l; double d; };

__attribute__((noinline)) static struct lds f_lds(struct lds s, double k)
{
	struct lds r = { s.l * 2, s.d * k };
	printf("  body {%ld,%g} %g\n", s.l, s.d, k);
	return r;
}

static int pre_lds(struct tf_call *c)
{
	struct lds *s = c->args[0];
	printf("  pre  {%ld,%g} %g\n", s->l, s->d, *(double *)c->args[1]);
	s->l = 1000000000000L;
	*(double *)c->args[1] = -0.5;
	if (c->user) {
		struct lds r = { 7, 7 };
		*(struct lds *)c->ret = r;
		return TF_SKIP;
	}
	return TF_CONTINUE;
}

static void post_lds(struct tf_call *c)
{
	struct lds *r = c->ret;
	printf("  post {%ld,%g}\n", r->l, r->d);
	r->l += 1;
	r->d *= 2;
}

static void t_lds(void)
{
	struct lds s = { -3, 1.5 }, r;
	printf("== f_lds: struct {long,double}, double -> struct {long,double}\n");
	on(TF_INTERCEPT(f_lds, pre_lds, post_lds, 0, TF_PROCESS), "intercepted");
	r = f_lds(s, 2); printf("  got {%ld,%g}\n", r.l, r.d);
	off();
	r = f_lds(s, 2); printf("  got {%ld,%g}\n", r.l, r.d);
	on(TF_INTERCEPT(f_lds, pre_lds, post_lds, SKIP, TF_PROCESS), "skipped");
	r = f_lds(s, 2); printf("  got {%ld,%g}\n", r.l, r.d);
	off();
	r = f_lds(s, 2); printf("  got {%ld,%g}\n", r.l, r.d);
}

/* ---- struct {char[3]}: 3 bytes in one integer register ---- */

struct c3 { char s[3]; };

__attribute__((noinline)) static struct c3 f_c3(struct c3 s)
{
	struct c3 r = { { s.s[1], s.s[2], s.s[0] } };
	printf("  body %c%c%c\n", s.s[0], s.s[1], s.s[2]);
	return r;
}

static int pre_c3(struct tf_call *c)
{
	struct c3 *s = c->args[0];
	printf("  pre  %c%c%c\n", s->s[0], s->s[1], s->s[2]);
	s->s[2] = 'Z';
	if (c->user) {
		struct c3 r = { { 'x', 'y', 'z' } };
		*(struct c3 *)c->ret = r;
		return TF_SKIP;
	}
	return TF_CONTINUE;
}

static void post_c3(struct tf_call *c)
{
	struct c3 *r = c->ret;
	printf("  post %c%c%c\n", r->s[0], r->s[1], r->s[2]);
	r->s[0] = 'P';
}

static void t_c3(void)
{
	struct c3 s = { { 'a', 'b', 'c' } }, r;
	printf("== f_c3: struct {char[3]} -> struct {char[3]}\n");
	on(TF_INTERCEPT(f_c3, pre_c3, post_c3, 0, TF_PROCESS), "intercepted");
	r = f_c3(s); printf("  got %c%c%c\n", r.s[0], r.s[1], r.s[2]);
	off();
	r = f_c3(s); printf("  got %c%c%c\n", r.s[0], r.s[1], r.s[2]);
	on(TF_INTERCEPT(f_c3, pre_c3, post_c3, SKIP, TF_PROCESS), "skipped");
	r = f_c3(s); printf("  got %c%c%c\n", r.s[0], r.s[1], r.s[2]);
	off();
	r = f_c3(s); printf("  got %c%c%c\n", r.s[0], r.s[1], r.s[2]);
}

/* ---- struct {float,float,float}: two xmm registers ---- */

struct fff { float a, b, c; };

__attribute__((noinline)) static struct fff f_fff(struct fff s, float k)
{
	struct fff r = { s.a + k, s.b + k, s.c + k };
	printf("  body {%g,%g,%g} %g\n", s.a, s.b, s.c, k);
	return r;
}

static int pre_fff(struct tf_call *c)
{
	struct fff *s = c->args[0];
	printf("  pre  {%g,%g,%g} %g\n", s->a, s->b, s->c,
	       *(float *)c->args[1]);
	s->c = 30;
	*(float *)c->args[1] = 10;
	if (c->user) {
		struct fff r = { 0.25f, 0.5f, 0.75f };
		*(struct fff *)c->ret = r;
		return TF_SKIP;
	}
	return TF_CONTINUE;
}

static void post_fff(struct tf_call *c)
{
	struct fff *r = c->ret;
	printf("  post {%g,%g,%g}\n", r->a, r->b, r->c);
	r->a = -r->a;
	r->c += 0.5f;
}

static void t_fff(void)
{
	struct fff s = { 1, 2, 3 }, r;
	printf("== f_fff: struct {float,float,float}, float -> same struct\n");
	on(TF_INTERCEPT(f_fff, pre_fff, post_fff, 0, TF_PROCESS), "intercepted");
	r = f_fff(s, 0.5f); printf("  got {%g,%g,%g}\n", r.a, r.b, r.c);
	off();
	r = f_fff(s, 0.5f); printf("  got {%g,%g,%g}\n", r.a, r.b, r.c);
	on(TF_INTERCEPT(f_fff, pre_fff, post_fff, SKIP, TF_PROCESS), "skipped");
	r = f_fff(s, 0.5f); printf("  got {%g,%g,%g}\n", r.a, r.b, r.c);
	off();
	r = f_fff(s, 0.5f); printf("  got {%g,%g,%g}\n", r.a, r.b, r.c);
}

/* ---- union {double; long}: one integer register ----
   The pre writes the argument through .l, the post flips the sign bit of
   the result through .l: the caller reads .d. */

union ud { double d; long l; };

__attribute__((noinline)) static union ud f_ud(union ud u, long k)
{
	union ud r;
	printf("  body %g %ld\n", u.d, k);
	r.d = u.d + k;
	return r;
}

static int pre_ud(struct tf_call *c)
{
	union ud *u = c->args[0];
	printf("  pre  %g %ld\n", u->d, *(long *)c->args[1]);
	u->l = 0x4010000000000000L;     /* the bits of 4.0 */
	*(long *)c->args[1] = 3;
	if (c->user) { ((union ud *)c->ret)->d = 0.125; return TF_SKIP; }
	return TF_CONTINUE;
}

static void post_ud(struct tf_call *c)
{
	union ud *r = c->ret;
	printf("  post %g\n", r->d);
	r->l ^= LONG_MIN;       /* the sign bit: r->d = -r->d */
}

static void t_ud(void)
{
	union ud u, r;
	u.d = 1.5;
	printf("== f_ud: union {double; long}, long -> same union\n");
	on(TF_INTERCEPT(f_ud, pre_ud, post_ud, 0, TF_PROCESS), "intercepted");
	r = f_ud(u, 2); printf("  got %g\n", r.d);
	off();
	r = f_ud(u, 2); printf("  got %g\n", r.d);
	on(TF_INTERCEPT(f_ud, pre_ud, post_ud, SKIP, TF_PROCESS), "skipped");
	r = f_ud(u, 2); printf("  got %g\n", r.d);
	off();
	r = f_ud(u, 2); printf("  got %g\n", r.d);
}

/* ---- struct {double,double} after 7 doubles: only xmm7 is left, so s
   goes on the stack and h takes xmm7; returned in xmm0:xmm1 ---- */

struct dd { double x, y; };

__attribute__((noinline)) static struct dd
f_dd(double a, double b, double c, double d, double e, double f, double g,
     struct dd s, double h)
{
	struct dd r = { a + b + c + d + e + f + g + s.x, s.y * h };
	printf("  body %g %g %g %g %g %g %g {%g,%g} %g\n", a, b, c, d, e, f,
	       g, s.x, s.y, h);
	return r;
}

static int pre_dd(struct tf_call *c)
{
	struct dd *s = c->args[7];
	int k;
	printf("  pre ");
	for (k = 0; k < 7; k++)
		printf(" %g", *(double *)c->args[k]);
	printf(" {%g,%g} %g\n", s->x, s->y, *(double *)c->args[8]);
	*(double *)c->args[6] = 70;
	s->y = -3;
	*(double *)c->args[8] = 0.5;
	if (c->user) {
		struct dd r = { 0.25, 0.75 };
		*(struct dd *)c->ret = r;
		return TF_SKIP;
	}
	return TF_CONTINUE;
}

static void post_dd(struct tf_call *c)
{
	struct dd *r = c->ret;
	printf("  post {%g,%g}\n", r->x, r->y);
	r->y -= 100;
}

static void t_dd(void)
{
	struct dd s = { 8, 9 }, r;
	printf("== f_dd: 7 doubles, struct {double,double} (stack), double (xmm7)\n");
	on(TF_INTERCEPT(f_dd, pre_dd, post_dd, 0, TF_PROCESS), "intercepted");
	r = f_dd(1, 2, 3, 4, 5, 6, 7, s, 10); printf("  got {%g,%g}\n", r.x, r.y);
	off();
	r = f_dd(1, 2, 3, 4, 5, 6, 7, s, 10); printf("  got {%g,%g}\n", r.x, r.y);
	on(TF_INTERCEPT(f_dd, pre_dd, post_dd, SKIP, TF_PROCESS), "skipped");
	r = f_dd(1, 2, 3, 4, 5, 6, 7, s, 10); printf("  got {%g,%g}\n", r.x, r.y);
	off();
	r = f_dd(1, 2, 3, 4, 5, 6, 7, s, 10); printf("  got {%g,%g}\n", r.x, r.y);
}

/* ---- struct {long,long} after 5 longs: only r9 is left, so s goes on
   the stack and f takes r9; returned in rax:rdx ---- */

struct ll { long a, b; };

__attribute__((noinline)) static struct ll
ll_stack(long a, long b, long c, long d, long e, struct ll s, long f)
{
	struct ll r = { s.a + f, s.b + e };
	printf("  body %ld %ld %ld %ld %ld {%ld,%ld} %ld\n", a, b, c, d, e,
	       s.a, s.b, f);
	return r;
}

static int pre_ll_stack(struct tf_call *c)
{
	struct ll *s = c->args[5];
	int k;
	printf("  pre ");
	for (k = 0; k < 5; k++)
		printf(" %ld", *(long *)c->args[k]);
	printf(" {%ld,%ld} %ld\n", s->a, s->b, *(long *)c->args[6]);
	s->b = 70;
	*(long *)c->args[6] = 80;
	if (c->user) {
		struct ll r = { -1, -2 };
		*(struct ll *)c->ret = r;
		return TF_SKIP;
	}
	return TF_CONTINUE;
}

static void post_ll_stack(struct tf_call *c)
{
	struct ll *r = c->ret;
	printf("  post {%ld,%ld}\n", r->a, r->b);
	r->a = -r->a;
}

static void t_ll_stack(void)
{
	struct ll s = { 6, 7 }, r;
	printf("== ll_stack: 5 longs, struct {long,long} (stack), long (r9)\n");
	on(TF_INTERCEPT(ll_stack, pre_ll_stack, post_ll_stack, 0, TF_PROCESS), "intercepted");
	r = ll_stack(1, 2, 3, 4, 5, s, 8); printf("  got {%ld,%ld}\n", r.a, r.b);
	off();
	r = ll_stack(1, 2, 3, 4, 5, s, 8); printf("  got {%ld,%ld}\n", r.a, r.b);
	on(TF_INTERCEPT(ll_stack, pre_ll_stack, post_ll_stack, SKIP, TF_PROCESS), "skipped");
	r = ll_stack(1, 2, 3, 4, 5, s, 8); printf("  got {%ld,%ld}\n", r.a, r.b);
	off();
	r = ll_stack(1, 2, 3, 4, 5, s, 8); printf("  got {%ld,%ld}\n", r.a, r.b);
}

/* ---- large struct (5 ints, 20 bytes): memory argument, returned through
   the hidden pointer ---- */

struct big { int v[5]; };

static void pbig(const char *what, const struct big *b)
{
	printf("%s{%d,%d,%d,%d,%d}", what, b->v[0], b->v[1], b->v[2], b->v[3],
	       b->v[4]);
}

__attribute__((noinline)) static struct big f_big(struct big b, int k)
{
	int i;
	pbig("  body ", &b);
	printf(" %d\n", k);
	for (i = 0; i < 5; i++)
		b.v[i] += k;
	return b;
}

static int pre_big(struct tf_call *c)
{
	struct big *b = c->args[0];
	pbig("  pre  ", b);
	printf(" %d\n", *(int *)c->args[1]);
	b->v[0] = -1;
	b->v[4] = 50;
	*(int *)c->args[1] = 100;
	if (c->user) {
		struct big r = { { 9, 9, 9, 9, 9 } };
		*(struct big *)c->ret = r;
		return TF_SKIP;
	}
	return TF_CONTINUE;
}

static void post_big(struct tf_call *c)
{
	struct big *r = c->ret;
	pbig("  post ", r);
	printf("\n");
	r->v[2] = 0;
}

static void t_big(void)
{
	struct big b = { { 1, 2, 3, 4, 5 } }, r;
	printf("== f_big: struct {int[5]}, int -> struct {int[5]}\n");
	on(TF_INTERCEPT(f_big, pre_big, post_big, 0, TF_PROCESS), "intercepted");
	r = f_big(b, 10); pbig("  got ", &r); pbig(" arg ", &b); printf("\n");
	off();
	r = f_big(b, 10); pbig("  got ", &r); pbig(" arg ", &b); printf("\n");
	on(TF_INTERCEPT(f_big, pre_big, post_big, SKIP, TF_PROCESS), "skipped");
	r = f_big(b, 10); pbig("  got ", &r); pbig(" arg ", &b); printf("\n");
	off();
	r = f_big(b, 10); pbig("  got ", &r); pbig(" arg ", &b); printf("\n");
}

/* ---- large struct with a long double field (32 bytes), extern ---- */

struct bigld { long double x; int tag; };

__attribute__((noinline)) struct bigld f_bigld(struct bigld s, long double k)
{
	struct bigld r;
	printf("  body {%Lg,%d} %Lg\n", s.x, s.tag, k);
	r.x = s.x * k;
	r.tag = s.tag + 1;
	return r;
}

static int pre_bigld(struct tf_call *c)
{
	struct bigld *s = c->args[0];
	printf("  pre  {%Lg,%d} %Lg\n", s->x, s->tag,
	       *(long double *)c->args[1]);
	s->x = 1e4000L;
	s->tag = 70;
	*(long double *)c->args[1] = 0.5L;
	if (c->user) {
		struct bigld *r = c->ret;
		r->x = -1;
		r->tag = 1;
		return TF_SKIP;
	}
	return TF_CONTINUE;
}

static void post_bigld(struct tf_call *c)
{
	struct bigld *r = c->ret;
	printf("  post {%Lg,%d}\n", r->x, r->tag);
	r->tag = -r->tag;
}

static void t_bigld(void)
{
	struct bigld s, r;
	memset(&s, 0, sizeof s);
	s.x = 1.5L;
	s.tag = 7;
	printf("== f_bigld: struct {long double,int}, long double -> same struct\n");
	on(TF_INTERCEPT(f_bigld, pre_bigld, post_bigld, 0, TF_PROCESS), "intercepted");
	r = f_bigld(s, 2); printf("  got {%Lg,%d}\n", r.x, r.tag);
	off();
	r = f_bigld(s, 2); printf("  got {%Lg,%d}\n", r.x, r.tag);
	on(TF_INTERCEPT(f_bigld, pre_bigld, post_bigld, SKIP, TF_PROCESS), "skipped");
	r = f_bigld(s, 2); printf("  got {%Lg,%d}\n", r.x, r.tag);
	off();
	r = f_bigld(s, 2); printf("  got {%Lg,%d}\n", r.x, r.tag);
}

/* ---- struct return (hidden pointer in rdi) with 7 int arguments: a..e
   in rsi..r9, f and g on the stack ---- */

__attribute__((noinline)) static struct big
big_args(int a, int b, int c, int d, int e, int f, int g)
{
	struct big r = { { a, b, c, d, e + f + g } };
	printf("  body %d %d %d %d %d %d %d\n", a, b, c, d, e, f, g);
	return r;
}

static int pre_big_args(struct tf_call *c)
{
	int k;
	printf("  pre ");
	for (k = 0; k < 7; k++)
		printf(" %d", *(int *)c->args[k]);
	printf("\n");
	*(int *)c->args[0] = 100;
	*(int *)c->args[5] = 600;
	*(int *)c->args[6] = 700;
	if (c->user) {
		struct big r = { { 0, 0, 0, 0, 0 } };
		*(struct big *)c->ret = r;
		return TF_SKIP;
	}
	return TF_CONTINUE;
}

static void post_big_args(struct tf_call *c)
{
	pbig("  post ", c->ret);
	printf("\n");
	((struct big *)c->ret)->v[1] = -2;
}

static void t_big_args(void)
{
	struct big r;
	printf("== big_args: 7 ints (2 on the stack) -> struct {int[5]}\n");
	on(TF_INTERCEPT(big_args, pre_big_args, post_big_args, 0, TF_PROCESS), "intercepted");
	r = big_args(1, 2, 3, 4, 5, 6, 7); pbig("  got ", &r); printf("\n");
	off();
	r = big_args(1, 2, 3, 4, 5, 6, 7); pbig("  got ", &r); printf("\n");
	on(TF_INTERCEPT(big_args, pre_big_args, post_big_args, SKIP, TF_PROCESS), "skipped");
	r = big_args(1, 2, 3, 4, 5, 6, 7); pbig("  got ", &r); printf("\n");
	off();
	r = big_args(1, 2, 3, 4, 5, 6, 7); pbig("  got ", &r); printf("\n");
}

/* ---- _Complex double arguments and return (xmm0:xmm1), extern ---- */

__attribute__((noinline)) _Complex double f_cd(_Complex double z,
					       _Complex double w)
{
	printf("  body %g%+gi %g%+gi\n", __real__ z, __imag__ z, __real__ w,
	       __imag__ w);
	return z * w;
}

static int pre_cd(struct tf_call *c)
{
	_Complex double *z = c->args[0], *w = c->args[1];
	printf("  pre  %g%+gi %g%+gi\n", __real__ *z, __imag__ *z,
	       __real__ *w, __imag__ *w);
	__real__ *w = 0;
	__imag__ *w = 1;
	if (c->user) {
		_Complex double *r = c->ret;
		__real__ *r = 0.5;
		__imag__ *r = 0.5;
		return TF_SKIP;
	}
	return TF_CONTINUE;
}

static void post_cd(struct tf_call *c)
{
	_Complex double *r = c->ret;
	printf("  post %g%+gi\n", __real__ *r, __imag__ *r);
	__imag__ *r = -__imag__ *r;
}

static void t_cd(void)
{
	_Complex double z, w, r;
	__real__ z = 1; __imag__ z = 2;
	__real__ w = 3; __imag__ w = -1;
	printf("== f_cd: _Complex double, _Complex double -> _Complex double\n");
	on(TF_INTERCEPT(f_cd, pre_cd, post_cd, 0, TF_PROCESS), "intercepted");
	r = f_cd(z, w); printf("  got %g%+gi\n", __real__ r, __imag__ r);
	off();
	r = f_cd(z, w); printf("  got %g%+gi\n", __real__ r, __imag__ r);
	on(TF_INTERCEPT(f_cd, pre_cd, post_cd, SKIP, TF_PROCESS), "skipped");
	r = f_cd(z, w); printf("  got %g%+gi\n", __real__ r, __imag__ r);
	off();
	r = f_cd(z, w); printf("  got %g%+gi\n", __real__ r, __imag__ r);
}

/* ---- _Complex float (one xmm register) ---- */

__attribute__((noinline)) static _Complex float f_cf(_Complex float z,
						     float k)
{
	printf("  body %g%+gi %g\n", __real__ z, __imag__ z, k);
	return z * k;
}

static int pre_cf(struct tf_call *c)
{
	_Complex float *z = c->args[0];
	printf("  pre  %g%+gi %g\n", __real__ *z, __imag__ *z,
	       *(float *)c->args[1]);
	__imag__ *z = 8;
	*(float *)c->args[1] = 4;
	if (c->user) {
		_Complex float *r = c->ret;
		__real__ *r = 1;
		__imag__ *r = 1;
		return TF_SKIP;
	}
	return TF_CONTINUE;
}

static void post_cf(struct tf_call *c)
{
	_Complex float *r = c->ret;
	printf("  post %g%+gi\n", __real__ *r, __imag__ *r);
	__real__ *r += 0.5f;
}

static void t_cf(void)
{
	_Complex float z, r;
	__real__ z = 1.5f; __imag__ z = -2;
	printf("== f_cf: _Complex float, float -> _Complex float\n");
	on(TF_INTERCEPT(f_cf, pre_cf, post_cf, 0, TF_PROCESS), "intercepted");
	r = f_cf(z, 2); printf("  got %g%+gi\n", __real__ r, __imag__ r);
	off();
	r = f_cf(z, 2); printf("  got %g%+gi\n", __real__ r, __imag__ r);
	on(TF_INTERCEPT(f_cf, pre_cf, post_cf, SKIP, TF_PROCESS), "skipped");
	r = f_cf(z, 2); printf("  got %g%+gi\n", __real__ r, __imag__ r);
	off();
	r = f_cf(z, 2); printf("  got %g%+gi\n", __real__ r, __imag__ r);
}

/* ---- _Complex long double (memory argument, st0:st1 return) ---- */

__attribute__((noinline)) static _Complex long double
f_cld(_Complex long double z, long double k)
{
	printf("  body %Lg%+Lgi %Lg\n", __real__ z, __imag__ z, k);
	return z * k;
}

static int pre_cld(struct tf_call *c)
{
	_Complex long double *z = c->args[0];
	printf("  pre  %Lg%+Lgi %Lg\n", __real__ *z, __imag__ *z,
	       *(long double *)c->args[1]);
	__real__ *z = 1e4000L;
	*(long double *)c->args[1] = 2;
	if (c->user) {
		_Complex long double *r = c->ret;
		__real__ *r = 0.5L;
		__imag__ *r = 0.25L;
		return TF_SKIP;
	}
	return TF_CONTINUE;
}

static void post_cld(struct tf_call *c)
{
	_Complex long double *r = c->ret;
	printf("  post %Lg%+Lgi\n", __real__ *r, __imag__ *r);
	__imag__ *r = -__imag__ *r;
}

static void t_cld(void)
{
	_Complex long double z, r;
	__real__ z = 1; __imag__ z = 2;
	printf("== f_cld: _Complex long double, long double -> _Complex long double\n");
	on(TF_INTERCEPT(f_cld, pre_cld, post_cld, 0, TF_PROCESS), "intercepted");
	r = f_cld(z, 3); printf("  got %Lg%+Lgi\n", __real__ r, __imag__ r);
	off();
	r = f_cld(z, 3); printf("  got %Lg%+Lgi\n", __real__ r, __imag__ r);
	on(TF_INTERCEPT(f_cld, pre_cld, post_cld, SKIP, TF_PROCESS), "skipped");
	r = f_cld(z, 3); printf("  got %Lg%+Lgi\n", __real__ r, __imag__ r);
	off();
	r = f_cld(z, 3); printf("  got %Lg%+Lgi\n", __real__ r, __imag__ r);
}

/* ---- void function with pointer arguments: ret is NULL; the pre
   redirects the input, the post writes through the output pointer ---- */

static int src[3] = { 1, 2, 3 }, alt[3] = { 10, 20, 30 };

static const char *arr(const int *p)
{
	return p == src ? "src" : p == alt ? "alt" : "?";
}

__attribute__((noinline)) static void f_void(int *out, const int *in, int n)
{
	int i;
	printf("  body in %s n %d\n", arr(in), n);
	for (i = 0; i < n; i++)
		out[i] = in[i] * 2;
}

static int pre_void(struct tf_call *c)
{
	printf("  pre  in %s n %d ret %s\n", arr(*(const int **)c->args[1]),
	       *(int *)c->args[2], c->ret ? "set" : "NULL");
	*(const int **)c->args[1] = alt;
	*(int *)c->args[2] = 2;
	return c->user ? TF_SKIP : TF_CONTINUE;
}

static void post_void(struct tf_call *c)
{
	int *out = *(int **)c->args[0];
	printf("  post {%d,%d,%d} ret %s\n", out[0], out[1], out[2],
	       c->ret ? "set" : "NULL");
	out[2] = -1;
}

static void t_void(void)
{
	int out[3];
	printf("== f_void: int *, const int *, int -> void\n");
	on(TF_INTERCEPT(f_void, pre_void, post_void, 0, TF_PROCESS), "intercepted");
	memset(out, 0, sizeof out);
	f_void(out, src, 3); printf("  got {%d,%d,%d}\n", out[0], out[1], out[2]);
	off();
	memset(out, 0, sizeof out);
	f_void(out, src, 3); printf("  got {%d,%d,%d}\n", out[0], out[1], out[2]);
	on(TF_INTERCEPT(f_void, pre_void, post_void, SKIP, TF_PROCESS), "skipped");
	memset(out, 0, sizeof out);
	f_void(out, src, 3); printf("  got {%d,%d,%d}\n", out[0], out[1], out[2]);
	off();
	memset(out, 0, sizeof out);
	f_void(out, src, 3); printf("  got {%d,%d,%d}\n", out[0], out[1], out[2]);
}

/* ---- function pointer arguments and return ---- */

typedef int (*op_fn)(int, int);
static int op_add(int a, int b) { return a + b; }
static int op_sub(int a, int b) { return a - b; }
static int op_mul(int a, int b) { return a * b; }

static const char *opname(op_fn f)
{
	return f == op_add ? "add" : f == op_sub ? "sub" : f == op_mul ? "mul" : "?";
}

__attribute__((noinline)) static op_fn pick(op_fn a, op_fn b, int which)
{
	printf("  body %s %s %d\n", opname(a), opname(b), which);
	return which ? b : a;
}

static int pre_pick(struct tf_call *c)
{
	printf("  pre  %s %s %d\n", opname(*(op_fn *)c->args[0]),
	       opname(*(op_fn *)c->args[1]), *(int *)c->args[2]);
	*(op_fn *)c->args[0] = op_mul;
	*(int *)c->args[2] = 0;
	if (c->user) { *(op_fn *)c->ret = op_sub; return TF_SKIP; }
	return TF_CONTINUE;
}

static void post_pick(struct tf_call *c)
{
	op_fn *r = c->ret;
	printf("  post %s\n", opname(*r));
	/* next op: add -> sub -> mul -> add */
	*r = *r == op_add ? op_sub : *r == op_sub ? op_mul : op_add;
}

static void t_pick(void)
{
	op_fn f;
	printf("== pick: op_fn, op_fn, int -> op_fn\n");
	on(TF_INTERCEPT(pick, pre_pick, post_pick, 0, TF_PROCESS), "intercepted");
	f = pick(op_add, op_sub, 1); printf("  got %s: 3,4 -> %d\n", opname(f), f(3, 4));
	off();
	f = pick(op_add, op_sub, 1); printf("  got %s: 3,4 -> %d\n", opname(f), f(3, 4));
	on(TF_INTERCEPT(pick, pre_pick, post_pick, SKIP, TF_PROCESS), "skipped");
	f = pick(op_add, op_sub, 1); printf("  got %s: 3,4 -> %d\n", opname(f), f(3, 4));
	off();
	f = pick(op_add, op_sub, 1); printf("  got %s: 3,4 -> %d\n", opname(f), f(3, 4));
}

/* ---- recursion through an intercepted function of 8 longs (f and g
   on the stack), depth 5: every level's pre bumps the stack argument g,
   every level's post adds 1000 to that level's result (extern) ---- */

__attribute__((noinline)) long rec8(long n, long a, long b, long c, long d,
				    long e, long f, long g)
{
	printf("  body n=%ld %ld %ld %ld %ld %ld f=%ld g=%ld\n", n, a, b, c, d,
	       e, f, g);
	if (n == 0)
		return a + b + c + d + e + f + g;
	return n + rec8(n - 1, a, b, c, d, e, f + 1, g * 2);
}

static int pre_rec8(struct tf_call *c)
{
	long *v[8];
	int k;
	for (k = 0; k < 8; k++)
		v[k] = c->args[k];
	printf("  pre  n=%ld %ld %ld %ld %ld %ld f=%ld g=%ld\n", *v[0], *v[1],
	       *v[2], *v[3], *v[4], *v[5], *v[6], *v[7]);
	*v[7] += 1;
	return TF_CONTINUE;
}

static void post_rec8(struct tf_call *c)
{
	printf("  post n=%ld: %ld\n", *(long *)c->args[0], *(long *)c->ret);
	*(long *)c->ret += 1000;
}

static void t_rec8(void)
{
	printf("== rec8: recursion through 8 longs, depth 5\n");
	on(TF_INTERCEPT(rec8, pre_rec8, post_rec8, 0, TF_PROCESS), "intercepted");
	printf("  got %ld\n", rec8(5, 1, 2, 3, 4, 5, 10, 1));
	off();
	printf("  got %ld\n", rec8(5, 1, 2, 3, 4, 5, 10, 1));
}

int main(void)
{
	t_narrow();
	t_ret_ints();
	t_wide();
	t_ptr();
	t_many_longs();
	t_many_doubles();
	t_mixed();
	t_float();
	t_double();
	t_ld();
	t_i128();
	t_i128_stack();
	t_ii();
	t_ff();
	t_di();
	t_lds();
	t_c3();
	t_fff();
	t_ud();
	t_dd();
	t_ll_stack();
	t_big();
	t_bigld();
	t_big_args();
	t_cd();
	t_cf();
	t_cld();
	t_void();
	t_pick();
	t_rec8();
	return 0;
}
