/* Code on the line of a function's '{' keeps its columns: the trap goes
   after the '{', the rest of the line follows on a line of its own after
   a #line naming the same line, indented as far (tabs kept).  Warnings
   there name the same line and column as plain gcc's, also under the
   source's own #line.
   e2e-flags: -Wall -Wextra */
#include <stdio.h>

int never(unsigned u) { int unused; return u < 0; }
	static int tabbed(int x) {	int unused2; return x * 2; }
int main(void)
{
	printf("%d %d\n", never(3), tabbed(21));
	return 0;
}
#line 700 "grammar.y"
int generated(int x) { int unused3; return x + 1; }
