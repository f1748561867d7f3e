/* A target whose functions come from a template .c file it includes twice
   (tmpl_impl.c, once per element type): each inclusion's functions are
   sites of their own, and a patch of the template replaces both. */
#include <stdio.h>
#include <unistd.h>
#define CAT_(a, b) a##b
#define CAT(a, b) CAT_(a, b)
#define T int
#include "tmpl_impl.c"
#undef T
#define T long
#include "tmpl_impl.c"
#undef T

int main(void)
{
	int a[] = { 3, 9, 2 };
	long l[] = { 5, 7 };
	for (int i = 1;; i++) {
		printf("%d %ld\n", pick_int(a, 3) + i, pick_long(l, 2));
		fflush(stdout);
		usleep(1000);
	}
}
