/* e2e-skipped: naked_add */
/* A naked function has no prologue to put a trap in: tfcc skips it and
   says so; the rest of the file is instrumented. */
#include <stdio.h>

__attribute__((naked, noinline)) static int naked_add(int a, int b)
{
	__asm__("leal (%rdi,%rsi), %eax\n\tret");
}

static int normal(int a) { return a + 1; }

int main(void)
{
	printf("naked_add=%d normal=%d\n", naked_add(40, 2), normal(1));
	return 0;
}
