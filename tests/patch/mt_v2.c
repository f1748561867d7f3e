/* Patch v2 of mt.c's work(). */
int work(int x) { return x * 10 + 2; }
