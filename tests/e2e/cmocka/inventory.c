/* Module under test for the cmocka example: order checks built on a
   static helper that reads stock from a file (slow, stateful: the kind
   of dependency a unit test wants to replace). */
#include <stdio.h>
#include <string.h>

/* units of sku in stock, from the stock file; -1 if unknown */
static int stock_level(const char *sku)
{
	char line[128], name[64];
	int n;
	FILE *f = fopen("/var/lib/inventory/stock", "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof line, f))
		if (sscanf(line, "%63s %d", name, &n) == 2 && strcmp(name, sku) == 0) {
			fclose(f);
			return n;
		}
	fclose(f);
	return -1;
}

/* 1 if qty of sku can ship now, 0 if not, -1 if the sku is unknown */
int can_ship(const char *sku, int qty)
{
	int have = stock_level(sku);
	if (have < 0)
		return -1;
	return qty <= have;
}
