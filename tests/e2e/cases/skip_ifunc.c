/* e2e-skipped: resolve_impl */
/* An ifunc resolver runs during relocation, before any constructor:
   tfcc must not trap it.  The implementations are ordinary sites. */
#include <stdio.h>

static int impl_fast(int x) { return x * 2; }
static int impl_slow(int x) { return x + x; }
typedef int impl_fn(int);
static impl_fn *resolve_impl(void) { return sizeof(void *) == 8 ? impl_fast : impl_slow; }
int doubled(int x) __attribute__((ifunc("resolve_impl")));

int main(void)
{
	printf("doubled=%d\n", doubled(21));
	(void)impl_slow;
	return 0;
}
