/* Second file of the robustness target: static functions and a static
   variable that a patch of beat.c uses (docs/patches.md, "Imports"). */
static int aux_total;

/* kept out of line and not specialised (as a bigger function, called
   with varying arguments, would be): a patch can call it */
static __attribute__((__noinline__)) int aux_secret(int k) { return k + 7; }

/* inlined into its one caller, so gcc keeps no copy of it: a patch that
   calls it is refused */
static int aux_twice(int k) { return 2 * k; }

int aux_step(void)
{
	aux_total = aux_secret(aux_total) - 6 + aux_twice(0);
	return aux_total;
}
