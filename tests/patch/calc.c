/* A shared library built with tfcc, dlopen'ed by libhost.c. */
static int base = 7;

int calc(int x) { return x + base; }
