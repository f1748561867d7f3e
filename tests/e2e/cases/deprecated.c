/* Functions declared deprecated (lz4's LZ4_compressHC wrappers): their
   own definitions warn nowhere, though each one's trap names it; callers
   that silence the warning themselves see none either.
   e2e-flags: -Wall -Werror=deprecated-declarations */
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

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
int main(void)
{
	struct pair p = { 1, 2 };
	p = old_swap(p);
	old_log("x", 1);
	printf("%d %d %d %d\n", old_plus(40, 2), old_twice(21), p.a, p.b);
	return 0;
}
#pragma GCC diagnostic pop
