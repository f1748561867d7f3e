/* A shared library built with tfcc, dlopen'ed (not linked) by host.c:
   calc() counts its calls in a static. */
static int calls;

int calc(int x) { return x + ++calls; }
