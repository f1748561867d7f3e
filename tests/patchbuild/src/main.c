/* Target of the patch-build tests: every kind of state a patch binds. */
#include <stdio.h>
#include "util.h"

int total = 5;
int tentative;
static int hits;
static int ring[] = { 1, 2,
		      3 };
static const int table[] = { 10, 20, 30 };

int count(int k)
{
	static int n = 0;
	static int (*pick)(int) = helper;
	hits++;
	if (k) {
		static int n;
		n++;
	}
	return n++ + pick(k) + ring[k % 3] + table[k % 3] + total + tentative;
}

static int other(void)
{
	static int n = 4;
	static int lo = 1, hi = 2;
	static struct {
		int a;
	} anon = { 5 };
	lo++;
	return n + lo + hi + anon.a + shared_count;
}

int main(void)
{
	printf("%d %d %d\n", count(1), other(), hits);
	return 0;
}
