/* A .c file #included by include_c.c: its functions are sites of this
   file and line. */
static int from_included(int x) { return x * 100 + __LINE__; }
