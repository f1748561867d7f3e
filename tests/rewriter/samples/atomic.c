/* std: c11 gnu17 -- _Atomic and _Thread_local: thread-locals are not exported */
#include <stdio.h>

static _Atomic int hits;
static _Thread_local int per_thread;
__thread int gnu_tls;

static int bump(_Atomic int *p) { return ++*p; }

static int local_tls(void)
{
	static _Thread_local int n;
	return ++n;
}

int main(void)
{
	per_thread = 2;
	gnu_tls = 1;
	printf("%d %d %d %d\n", bump(&hits), local_tls() + local_tls(), per_thread, gnu_tls);
	return 0;
}
