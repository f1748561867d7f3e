/* A module under test for the runtime cases: a public function built on
   static helpers that a test can only reach by #including this file. */
static int rate(int qty) { return qty >= 10 ? 9 : 10; }
static int tax(int amount) { return amount / 5; }
int price(int qty) { int net = qty * rate(qty); return net + tax(net); }
