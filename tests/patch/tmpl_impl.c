/* The template tmpl_target.c includes: the largest of n values of type T. */
static T CAT(pick_, T)(const T *v, int n)
{
	T m = v[0];
	for (int i = 1; i < n; i++)
		if (v[i] > m)
			m = v[i];
	return m;
}
