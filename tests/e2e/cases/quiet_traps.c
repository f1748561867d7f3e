/* Warnings the trap's own code would draw, and the user's does not:
   functions declared deprecated (lz4's LZ4_compressHC wrappers) warn
   nowhere, though each one's trap names it; a struct returned or a narrow
   or float argument passed by the trap's call draws no -Waggregate-return
   or -Wtraditional-conversion (but gcc's "as float rather than double",
   which no option names, stays); a parameter declared deprecated, as git's
   UNUSED does, warns nowhere though the trap passes it on (git: 110 files
   fell back under -Werror).  Calls from main silence them themselves.
   e2e-flags: -Wall -Wextra -Waggregate-return -Werror=traditional-conversion -Werror=deprecated-declarations -Werror=unsuffixed-float-constants */
#include <stdio.h>

__attribute__((__deprecated__("use plus")))
int old_plus(int a, int b);
int plus(int a, int b) { return a + b; }
int old_plus(int a, int b) { return plus(a, b); }

static int old_twice(int x) __attribute__((__deprecated__));
static int old_twice(int x) { return 2 * x; }

struct pair { int a, b; };
__attribute__((__deprecated__)) struct pair old_swap(struct pair p);
struct pair old_swap(struct pair p) { struct pair q; q.a = p.b; q.b = p.a; return q; }

__attribute__((__deprecated__)) void old_log(const char *fmt, ...);
void old_log(const char *fmt, ...) { printf("log %s\n", fmt); }

#define UNUSED __attribute__((unused)) __attribute__((deprecated("parameter declared as UNUSED")))
static int keep_second(int a UNUSED, int b) { return b; }

static unsigned char narrow(unsigned char c, short s, _Bool b, signed char f)
{
	return (unsigned char)(c + s + b + f);
}

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
#pragma GCC diagnostic ignored "-Waggregate-return"
#pragma GCC diagnostic ignored "-Wtraditional-conversion"
int main(void)
{
	struct pair p = { 1, 2 };
	p = old_swap(p);
	old_log("x", 1);
	printf("%d %d %d %d %d %d\n", old_plus(40, 2), old_twice(21), p.a, p.b,
	       narrow(1, 2, 1, 3), keep_second(0, 9));
	return 0;
}
#pragma GCC diagnostic pop
