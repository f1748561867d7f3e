/* std: c99 c11 gnu17 -- bodies and names made by macros, braces inside macros */
#include <stdio.h>

#define DEFINE_GETTER(name, value) static int name(void) { return value; }
#define API(name) api_##name
#define BEGIN {
#define END }
#define BLOCK(stmt) do { stmt; } while (0)
#define COUNTER(name) static int name = 0

DEFINE_GETTER(get_one, 1)
DEFINE_GETTER(get_two, 2)

int API(sum)(int a, int b) { return a + b; }

static int braces(int x)
BEGIN
	return x + 1;
END

static int blocky(int x)
{
	int r = 0;
	BLOCK(r = x * 2);
	BLOCK({ int t = r; r = t + 1; });
	return r;
}

static int counted(void)
{
	COUNTER(calls);
	return ++calls;
}

COUNTER(file_counter);

int main(void)
{
	counted();
	file_counter++;
	printf("%d %d %d %d %d %d %d\n", get_one(), get_two(), api_sum(2, 3), braces(1), blocky(4), counted(), file_counter);
	return 0;
}
