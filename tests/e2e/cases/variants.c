/* e2e-source: aux/variant.c -DVARIANT=1 -DENTRY=entry_one */
/* e2e-source: aux/variant.c -DVARIANT=2 -DENTRY=entry_two */
/* The same source compiled twice with different -D into one program:
   both copies' sites exist and do not collide. */
#include <stdio.h>

int entry_one(void);
int entry_two(void);

int main(void)
{
	printf("one=%d two=%d\n", entry_one(), entry_two());
	return 0;
}
