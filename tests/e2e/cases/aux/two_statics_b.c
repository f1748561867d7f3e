/* Second file of two_statics: same static names, different bodies. */
static int helper(int x) { return x * 100; }
static int counter = 10;
static int count(void) { return counter += 10; }
int b_value(void) { return helper(5) + count(); }
