/* std: gnu99 gnu11 gnu17 -- attributes that skip a function, and ones that must not */
#include <stdio.h>

__attribute__((naked)) static void naked_fn(void)
{
	__asm__ volatile("ret");
}

__attribute__((no_instrument_function)) static int plain(int x) { return x + 1; }

static int impl_fast(int x) { return x * 2; }
static int (*resolve_twice(void))(int) { return impl_fast; }
int twice(int x) __attribute__((ifunc("resolve_twice")));

static int ctor_ran;
__attribute__((constructor)) static void early(void) { ctor_ran = 1; }
__attribute__((destructor)) static void late(void) { fflush(stdout); }

__attribute__((const)) static int cube(int x) { return x * x * x; }
__attribute__((pure)) static int peek(const int *p) { return *p; }
__attribute__((noinline, used)) static int kept(int x) { return x; }
__attribute__((weak)) int weakling(int x);
__attribute__((weak)) int weakling(int x) { return x - 1; }
__attribute__((warn_unused_result)) static int must(int x) { return x; }
__attribute__((cold)) static void rare(void) { puts("rare"); }

int main(void)
{
	int v = 6;
	(void)naked_fn;
	rare();
	printf("%d %d %d %d %d %d %d %d %d\n", plain(1), twice(3), ctor_ran, cube(2), peek(&v), kept(4), weakling(5), must(6), v);
	return 0;
}
