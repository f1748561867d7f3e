/* The plugin rt_units (and rt_units_lld) dlopen()s and dlclose()s. */
int units_plugin(int x);
int units_plugin(int x) { return x * 7; }
