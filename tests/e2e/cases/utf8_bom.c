/* A source file that starts with a UTF-8 byte-order mark (and has UTF-8
   text: «ünïcödé» in comments and strings). */
#include <stdio.h>

static const char *greet(const char *who) { return who; }

int main(void)
{
	printf("%s %d\n", greet("héllo wörld ✓"), __LINE__);
	return 0;
}
