/* e2e-tfcc-only */
/* e2e-flags: -flto --param=lto-min-partition=1 --param=lto-partitions=4 */
/* Static locals under LTO split into several partitions (as a big program
   is, redis): a function and its statics can land apart from the unit's
   table, and a static two partitions share is renamed (.lto_priv.N).  The
   program links and runs (redis's link failed on 88 second names), and
   the statics are found, through the renaming (counter's n is shared by
   the copies inlined into main and twice). */
#include <stdio.h>
#include <tigerfix/tf.h>

unsigned long long next(void)
{
	static unsigned long long mag01[2] = { 0ULL, 0xB5026F5AA96619E9ULL };
	static int mti = 0;
	mti++;
	return mag01[mti & 1];
}

static int counter(void)
{
	static int n;
	return ++n;
}

static __attribute__((noinline)) int twice(void) { return counter() + counter(); }

static int total = 40;
int bump(void) { return total += 2; }

int main(void)
{
	unsigned long long a = next();
	int b = counter();
	int c = twice();
	printf("%llx %d %d %d\n", a, b, c, bump());
	int *p = tf_object_find("rt_static_local_lto.c", "next/mti");
	int *q = tf_object_find("rt_static_local_lto.c", "counter/n");
	int *t = tf_object_find("rt_static_local_lto.c", "total");
	printf("mti %d, n %d, total %d\n", p ? *p : -1, q ? *q : -1, t ? *t : -1);
	return 0;
}
