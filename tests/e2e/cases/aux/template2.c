/* A template one of whose inclusions declares nothing (include_c_empty.c) */
#if defined(T)
static T CAT(twice_, T)(T x) { return x + x; }
#endif
