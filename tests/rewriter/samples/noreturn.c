/* std: c11 gnu17 -- noreturn in every spelling */
#include <stdio.h>
#include <stdlib.h>
#include <stdnoreturn.h>

_Noreturn static void die(int code) { fflush(stdout); exit(code); }

static void die2(int code) __attribute__((__noreturn__));
static void die2(int code) { fflush(stdout); exit(code); }

noreturn void die3(int code);
void die3(int code) { fflush(stdout); exit(code); }

static int check(int v)
{
	if (v > 100)
		die2(3);
	if (v > 50)
		die3(4);
	return v;
}

int main(int argc, char **argv)
{
	(void)argv;
	printf("%d\n", check(argc));
	die(5);
}
