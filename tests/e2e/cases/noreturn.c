/* Noreturn functions: _Noreturn, __attribute__((noreturn)), via exit,
   longjmp and abort-like paths. */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>

static jmp_buf env;

_Noreturn static void jump_back(int v) { longjmp(env, v); }
__attribute__((noreturn)) static void finish(int code) { printf("finish %d\n", code); fflush(stdout); exit(code); }
static _Noreturn void loop_then_leave(int n) { for (;;) if (--n == 0) jump_back(7); }

int main(void)
{
	int v = setjmp(env);

	if (v == 0)
		jump_back(3);
	printf("back with %d\n", v);
	if (v == 3)
		loop_then_leave(5);
	finish(v == 7 ? 0 : 1);
}
