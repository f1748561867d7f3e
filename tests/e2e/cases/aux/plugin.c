/* The plugin shared_lib.c dlopen()s (plugin.so). */
static int calls;
static int square(int x) { return x * x; }
int plugin_entry(int x) { return square(x) + ++calls; }
