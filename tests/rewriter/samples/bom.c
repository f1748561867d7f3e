/* std: c99 gnu17 -- a UTF-8 byte order mark at the start is dropped */
#include <stdio.h>

/* café */
static const char *word(void) { return "café"; }

int main(void)
{
	printf("%s %s:%d\n", word(), __FILE__, __LINE__);
	return 0;
}
