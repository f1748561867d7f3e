/* Patch of main.c: a new table, TF_NEW state, a constructor to drop. */
#include <stdio.h>
#include "util.h"
#include <tigerfix/tf.h>

int total = 5;
int tentative;
static int hits;
static int ring[] = { 1, 2,
		      3 };
static const int table[] = { 11, 21, 31 };
static TF_NEW int fresh = 7;
__attribute__((constructor)) static void init(void) { puts("INIT RAN"); }

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
	return n + lo + hi + anon.a + shared_count + fresh + helper(2);
}

int main(void)
{
	printf("%d %d %d\n", count(1), other(), hits);
	return 0;
}
