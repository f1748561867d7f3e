/* Must NOT compile: TF_MOCK with a replacement of the wrong type. */
#include <tigerfix/tf.h>
int add(int a, int b);
static long wrong(int a, int b) { return a - b; }
void f(void) { (void)TF_MOCK(add, wrong); }
