/* The library shared_lib.c links (libe2elib.so). */
static int factor(void) { return 6; }
int lib_scale(int x) { return x * factor(); }
const char *lib_name(void) { return "e2elib"; }
