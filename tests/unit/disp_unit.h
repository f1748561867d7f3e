/* Functions of disp_unit.c, hand-instrumented for the dispatch tests. */
#ifndef DISP_UNIT_H
#define DISP_UNIT_H
int add(int a, int b);
int fib(int n);
void bump(int *p);
int vsum(int n, ...);
int opaque(int x);
extern int fib_bodies;  /* times fib's body ran */
#endif
