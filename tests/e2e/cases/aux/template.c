/* A template: the file that includes it defines T (include_c_twice.c). */
static T CAT(max_, T)(const T *v, int n)
{
	T m = v[0];
	for (int i = 1; i < n; i++)
		if (v[i] > m)
			m = v[i];
	return m;
}
