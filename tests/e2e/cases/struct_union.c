/* Struct and union arguments and returns: small (in registers), large
   (in memory), with floats, unions, nested and anonymous members. */
#include <stdio.h>

struct pt { int x, y; };
struct big { long a[8]; char tag; };
struct mix { double d; float f; char c; };
union num { long i; double d; unsigned char b[8]; };
struct nested { struct pt p; union num n; struct { short lo, hi; } range; };

static struct pt pt_add(struct pt a, struct pt b) { struct pt r = { a.x + b.x, a.y + b.y }; return r; }
static struct big big_fill(long base, char tag)
{
	struct big b;
	int i;
	for (i = 0; i < 8; i++) b.a[i] = base + i;
	b.tag = tag;
	return b;
}
static long big_sum(struct big b) { long s = 0; int i; for (i = 0; i < 8; i++) s += b.a[i]; return s + b.tag; }
static struct mix mix_scale(struct mix m, double k) { m.d *= k; m.f *= (float)k; m.c++; return m; }
static union num num_from(long i) { union num n; n.i = i; return n; }
static double num_as_double(union num n, union num m) { return n.d + m.d; }
static struct nested nested_make(struct pt p, short lo, short hi)
{
	struct nested n;
	n.p = p;
	n.n.i = 0;
	n.range.lo = lo;
	n.range.hi = hi;
	return n;
}
static const struct pt *pt_max(const struct pt *a, const struct pt *b) { return a->x > b->x ? a : b; }

int main(void)
{
	struct pt a = { 1, 2 }, b = { 30, 40 }, c = pt_add(a, b);
	struct big g = big_fill(100, 'A');
	struct mix m = { 1.5, 2.5f, 'x' };
	union num u, v;
	struct nested n = nested_make(c, -3, 9);

	m = mix_scale(m, 2.0);
	u.d = 1.25;
	v.d = 2.5;
	printf("pt_add=%d,%d\n", c.x, c.y);
	printf("big_sum=%ld tag=%c\n", big_sum(g), g.tag);
	printf("mix=%.2f,%.2f,%c\n", m.d, (double)m.f, m.c);
	printf("num=%ld dbl=%.3f\n", num_from(77).i, num_as_double(u, v));
	printf("nested=%d,%d [%d,%d] max=%d\n", n.p.x, n.p.y, n.range.lo, n.range.hi, pt_max(&a, &b)->x);
	return 0;
}
