/* std: c99 c11 gnu17 -- anonymous struct/union/enum types in signatures */
#include <stdio.h>

typedef struct {
	int a, b;
} pair_t;

struct {
	int hits;
} stats;

static struct {
	int x;
} make_anon(int x)
{
	struct { int y; } tmp = { x };
	(void)tmp;
	stats.hits++;
	{
		__typeof__(make_anon(0)) r;
		r.x = x;
		return r;
	}
}

static pair_t swap(pair_t p)
{
	pair_t q = { p.b, p.a };
	return q;
}

static int first(const pair_t *p) { return p->a; }

static enum { RED, GREEN } color_of(int v) { return v ? GREEN : RED; }

static int use_union(union { int i; float f; } *u) { return u->i; }

int main(void)
{
	pair_t p = { 1, 2 };
	union { int i; float f; } u;
	u.i = 9;
	printf("%d %d %d %d\n", make_anon(5).x, swap(p).a, first(&p), (int)color_of(1));
	printf("%d %d\n", stats.hits, use_union((void *)&u));
	return 0;
}
