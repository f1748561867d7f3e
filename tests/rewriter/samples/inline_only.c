/* std: c99 c11 gnu17 -- inline-only definitions (no external definition in the unit) */
inline int helper_only(int x) { return x * 7; }
inline const char *label_only(void) { static const char s[] = "k"; return s; }
int use(int v);
int use(int v) { return v; }
