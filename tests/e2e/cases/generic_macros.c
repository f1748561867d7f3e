/* e2e-flags: -std=c11 */
/* _Generic dispatch, and macros with nested braces (statement
   expressions, do/while blocks, compound literals) inside bodies. */
#include <stdio.h>

#define TYPE_NAME(x) _Generic((x), int: "int", double: "double", char *: "string", default: "other")
#define ABS(x) _Generic((x), int: abs_i, double: abs_d)(x)
#define MAX(a, b) ({ __typeof__(a) a_ = (a); __typeof__(b) b_ = (b); a_ > b_ ? a_ : b_; })
#define SWAP(a, b) do { __typeof__(a) t_ = (a); (a) = (b); (b) = t_; } while (0)
#define BLOCK { { int inner = 1; (void)inner; } }
#define POINT(px, py) ((struct pt){ .x = (px), .y = (py) })

struct pt { int x, y; };
static int abs_i(int x) { return x < 0 ? -x : x; }
static double abs_d(double x) { return x < 0 ? -x : x; }
static int braces(int a, int b) { BLOCK if (a) { SWAP(a, b); } { { return MAX(a, b) + POINT(a, b).y; } } }
static const char *name_of(long v) { return TYPE_NAME(v); }

int main(void)
{
	printf("%s %s %s %s\n", TYPE_NAME(1), TYPE_NAME(1.0), TYPE_NAME((char *)"s"), name_of(1));
	printf("abs=%d %.1f braces=%d\n", ABS(-4), ABS(-2.5), braces(3, 9));
	return 0;
}
