/* __LINE__, __FILE__ and __func__ inside instrumented bodies are those of
   the original source, in single-line and multi-line functions. */
#include <stdio.h>

static int one_line(void) { return __LINE__; }
static const char *file_of(void) { return __FILE__; }
static int
multi_line(int x)
{
	int y = x;
	return y + __LINE__;
}
static const char *name_of(void) { return __func__; }

int main(void)
{
	printf("%d %s %d %s %d\n", one_line(), file_of(), multi_line(0), name_of(), __LINE__);
	return 0;
}
