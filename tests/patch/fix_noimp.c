/* A patch importing an object the target does not have: refused. */
extern int nosuch __asm__("tf.imp.object.target$2ec.nosuch") __attribute__((__weak__));

static int scale(int x) { return x + nosuch; }
