/* std: c89 gnu89 c99 c11 gnu17 -- plain functions of every linkage, recursion, structs, function pointers, line numbers */
#include <stdio.h>
#include <string.h>

struct pt {
	int x, y;
};
union num {
	int i;
	double d;
};

static int counter;
int global_total = 3;
static const char *const names[] = { "zero", "one", "two" };
const int limit = 10;

static int add(int a, int b) { return a + b; }

int fact(int n);
int fact(int n)
{
	counter++;
	return n <= 1 ? 1 : n * fact(n - 1);
}

static struct pt mkpt(int x, int y)
{
	struct pt p;
	p.x = x;
	p.y = y;
	return p;
}

static int sumpt(struct pt p, const struct pt *q) { return p.x + p.y + q->x + q->y; }

static union num half(union num u) { u.d = u.d / 2; return u; }

static void say(const char *what)
{
	printf("say %s\n", what);
}

static void on_event(int code) { printf("event %d\n", code); }

/* returns a function pointer: the declarator wraps the name */
static void (*signal_like(int sig, void (*handler)(int)))(int)
{
	(void)sig;
	return handler;
}

static int apply(int (*op)(int, int), int a, int b) { return op(a, b); }

static void where(void) { printf("%s:%d\n", __FILE__, __LINE__); }

static int odd(unsigned n);
static int even(unsigned n) { return n == 0 ? 1 : odd(n - 1); }
static int odd(unsigned n) { return n == 0 ? 0 : even(n - 1); }

static const char *name_of(int i)
{
	if (i < 0 || i > 2)
		return "many";
	return names[i];
}

int main(void)
{
	struct pt a = mkpt(1, 2);
	struct pt b = mkpt(3, 4);
	union num u;
	int f;
	u.d = 5.0;
	say("hi");
	printf("%d\n", add(2, 3));
	f = fact(5);
	printf("%d %d\n", f, counter);
	printf("%d\n", sumpt(a, &b));
	printf("%.2f\n", half(u).d);
	signal_like(2, on_event)(7);
	printf("%d\n", apply(add, 40, 2));
	where();
	printf("%s:%d\n", __FILE__, __LINE__);
	printf("%d %d\n", even(10), odd(7));
	printf("%s %s\n", name_of(1), name_of(9));
	printf("%d\n", (int)strlen(names[2]) + limit);
	return global_total - 3;
}
