/* Patch v1 of mt.c's work(). */
int work(int x) { return x * 10 + 1; }
