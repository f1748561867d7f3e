/* A patch whose scale() changed signature: refused. */
static long scale(long x) { return x + 300000; }
