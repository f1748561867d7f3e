/* Second file of the robustness target: a static function and a static
   variable that a patch of beat.c uses (docs/patches.md, "Imports"). */
static int aux_total;

static int aux_secret(int k) { return k + 7; }

int aux_step(void)
{
	aux_total += aux_secret(1) - 7;
	return aux_total;
}
