/* fail; flags: -std=gnu11 -- gcc nested functions: libclang cannot parse them, the file is left alone */
int outer(int x)
{
	int inner(int y) { return y + x; }
	return inner(1);
}
