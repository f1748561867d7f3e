/* Patch v2 of target.c: only scale(), which calls same() of the running
   program through a function import, and a new helper. */
extern int same(int x) __asm__("tf.imp.func.target$2ec.same") __attribute__((__weak__));

static int offset(void) { return 100000 * same(1); }

static int scale(int x) { return x + offset(); }
