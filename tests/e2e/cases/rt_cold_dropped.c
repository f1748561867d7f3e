/* e2e-tfcc-only */
/* A trap's cold path must survive gcc: an asm goto with outputs counts as
   not volatile in gcc 12's RTL, so where an inlined call's result is
   dropped gcc deleted the cold block's asm, and a mocked call ran neither
   the mock nor the body (Lua: 86 trap instances); see rt_cold_kept. */
#include <stdio.h>
#include <tigerfix/tf.h>

static int calls;

/* as Lua's luaD_inctop drops what an inlined luaD_growstack returns */
struct stack { long top, last; };
int grow(struct stack *s, int n, int raise);
int grow(struct stack *s, int n, int raise) { s->last += n + raise; return raise; }
static int grow_mock(struct stack *s, int n, int raise) { calls++; s->last += 1000 * n; return raise; }
void use(struct stack *s);
void use(struct stack *s)
{
	if (__builtin_expect(s->last - s->top <= 1, 0))
		grow(s, 1, 1);
	s->top++;
}

int main(void)
{
	struct stack st = { 0, 0 };
	tf_hook *h;

	use(&st);
	printf("grow %d\n", (int)st.last);
	st.top = st.last;
	h = TF_MOCK(grow, grow_mock);
	use(&st);
	printf("mocked grow %d calls %d\n", (int)st.last, calls);
	tf_undo(h);
	st.top = st.last;
	use(&st);
	printf("undone grow %d\n", (int)st.last);
	return 0;
}
