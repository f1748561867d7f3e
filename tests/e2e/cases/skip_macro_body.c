/* e2e-skipped: made_get made_set body_macro */
/* Bodies made by a macro (the '{' comes from a macro expansion: a whole
   definition from a macro, or just the body) are skipped and listed by
   TF_EXPLAIN; a function whose name alone comes from a macro (bzip2's
   BZ_API(name)) is instrumented. */
#include <stdio.h>

#define ACCESSORS(T, name)                                           \
	static T store_##name;                                       \
	static T made_get(void) { return store_##name; }             \
	static void made_set(T v) { store_##name = v; }
#define API(name) api_##name
#define BODY { return x + 1; }

ACCESSORS(int, value)
static int API(next)(int x) { return x + 1; }
static int body_macro(int x) BODY

int main(void)
{
	made_set(41);
	printf("%d %d %d\n", made_get(), api_next(1), body_macro(2));
	return 0;
}
