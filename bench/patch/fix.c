/* The patch: new bodies for version() and add() of target.c. */
int version(void) { return 1; }
int add(int a, int b) { return b + a; }
