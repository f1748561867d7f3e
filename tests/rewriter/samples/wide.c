/* std: c89 gnu89 c99 c11 gnu17 -- many parameters and long records (C89 string length limits) */
#include <stdio.h>

struct very_long_structure_name_for_testing_record_lengths {
	long double extended_precision_value;
	unsigned long long_unsigned_value;
	int small;
};

static double many(int a0, long a1, unsigned a2, double a3, float a4, char a5, short a6,
		   const char *a7, struct very_long_structure_name_for_testing_record_lengths a8,
		   struct very_long_structure_name_for_testing_record_lengths *a9,
		   const struct very_long_structure_name_for_testing_record_lengths *const a10,
		   unsigned char a11)
{
	return a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7[0] + a8.small + a9->small + a10->small + a11;
}

static long double ld(long double x) { return x * 2; }

int main(void)
{
	struct very_long_structure_name_for_testing_record_lengths s;
	s.extended_precision_value = 1;
	s.long_unsigned_value = 2;
	s.small = 3;
	printf("%.1f %.1f\n", many(1, 2, 3, 4.0, 5.0f, 6, 7, "8", s, &s, &s, 9), (double)ld(1.5L));
	return 0;
}
