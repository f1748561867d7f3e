/* Included by include_c.c: not instrumented itself. */
static int part_helper(int x)
{
	return x * 3;
}
