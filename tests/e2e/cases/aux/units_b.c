/* The second unit of rt_units (and rt_units_lld). */
int units_b(int x);
int units_b(int x) { return x + 1000; }
