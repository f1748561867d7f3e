/* A template: the file that includes it defines T (include_c_twice.c). */
#include <string.h>
static int CAT(calls_, T);
static T CAT(max_, T)(const T *v, int n)
{
	static int seen;
	T m = v[0];
	seen += n;
	CAT(calls_, T)++;
	for (int i = 1; i < n; i++)
		if (v[i] > m)
			m = v[i];
	return m;
}
#if !defined(NO_SUM)
static T CAT(sum_, T)(const T *v, int n) { T s = 0; for (int i = 0; i < n; i++) s += v[i]; return s; }
#endif
