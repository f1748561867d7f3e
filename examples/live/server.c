/*
** A tiny billing service for the live-patching demo: every 100 ms it bills
** one order and prints the running total.  tax_cents() has a bug (20%
** instead of 8%); fix_v1.c fixes it, fix_v2.c adds a loyalty discount.
** The state (orders, total) must carry over every patch.
*/
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static int orders;        /* orders billed so far */
static long total_cents;  /* money billed so far */

static long tax_cents(long cents)
{
	return cents * 20 / 100;  /* BUG: the tax rate is 8% */
}

static long order_cents(long cents)
{
	return cents + tax_cents(cents);
}

static void bill(long cents)
{
	long due = order_cents(cents);

	orders++;
	total_cents += due;
	printf("order %d: 10.00 -> %ld.%02ld  (total %ld.%02ld)\n", orders,
	       due / 100, due % 100, total_cents / 100, total_cents % 100);
	fflush(stdout);
}

int main(int argc, char **argv)
{
	struct timespec tick = { 0, 100 * 1000 * 1000 };
	int n = argc > 1 ? atoi(argv[1]) : -1;

	while (n < 0 || n-- > 0) {
		bill(1000);
		nanosleep(&tick, NULL);
	}
	return 0;
}
