/* Anonymous struct/union types in signatures (types libclang cannot
   spell): replaceable sites, no thunk. */
#include <stdio.h>

typedef struct { int w, h; } size2;
static struct { int hits; } stats;
static size2 grow(size2 s, int by) { s.w += by; s.h += by; stats.hits++; return s; }
static int area(size2 s) { return s.w * s.h; }
static struct { int q, r; } divmod(int a, int b)
{
	__typeof__(divmod(0, 1)) r;
	r.q = a / b;
	r.r = a % b;
	return r;
}
static int field(union { int i; float f; } u) { return u.i; }
static int inner_decl(struct inner { int v; } *p) { return p->v; }

int main(void)
{
	size2 s = { 2, 3 };
	struct { int v; } in = { 12 };
	__typeof__(divmod(0, 1)) d = divmod(17, 5);
	__typeof__(*(&(union { int i; float f; }){ 0 })) u;

	u.i = 0;
	s = grow(s, 2);
	printf("area=%d hits=%d divmod=%d,%d inner=%d\n", area(s), stats.hits, d.q, d.r, inner_decl((void *)&in));
	(void)field;
	(void)u;
	return 0;
}
