/* e2e-skipped: not_me also_not_me */
/* no_instrument_function opts a function out of tigerfix too. */
#include <stdio.h>

__attribute__((no_instrument_function)) static int not_me(int x) { return x * 2; }
static int __attribute__((__no_instrument_function__)) also_not_me(void) { return 5; }
static int but_me(int x) { return not_me(x) + also_not_me(); }

int main(void)
{
	printf("%d\n", but_me(10));
	return 0;
}
