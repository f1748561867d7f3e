/* Patch of calc.c (the shared library): base stays bound to the
   library's instance. */
extern int base __asm__("tf.imp.object.calc$2ec.base") __attribute__((__weak__));

int calc(int x) { return x + base * 1000; }
