/* e2e-source: aux/two_statics_b.c */
/* Two files of one program define a static function with the same name
   (and one the same signature): both are sites, told apart by file. */
#include <stdio.h>

int b_value(void);
static int helper(int x) { return x + 1; }
static int counter;
static int count(void) { return ++counter; }

int main(void)
{
	count();
	printf("a=%d b=%d count=%d\n", helper(1), b_value(), count());
	return 0;
}
