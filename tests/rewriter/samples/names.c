/* std: c89 c99 gnu17 -- parameter names that collide with the function, globals or our own */
#include <stdio.h>

int value = 1;

static int value_of(int value) { return value + 1; }
static int self(int self) { return self * 2; }
static int tf_like(int tf__a0, int tf__t) { return tf__a0 + tf__t; }

int main(void)
{
	printf("%d %d %d %d\n", value_of(3), self(4), tf_like(1, 2), value);
	return 0;
}
