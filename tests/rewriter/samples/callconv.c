/* std: gnu99 gnu17; flags: -mgeneral-regs-only -- calling conventions and interrupt handlers */
#include <stdio.h>

__attribute__((ms_abi)) static int ms_add(int a, int b) { return a + b; }
__attribute__((sysv_abi)) static int sysv_add(int a, int b) { return a + b; }

struct interrupt_frame;
__attribute__((interrupt)) static void isr(struct interrupt_frame *frame) { (void)frame; }

int main(void)
{
	(void)isr;
	printf("%d %d\n", ms_add(1, 2), sysv_add(3, 4));
	return 0;
}
