/* Built twice by variants.c, with -DVARIANT=1/2 -DENTRY=entry_one/two. */
static int value(void) { return VARIANT * 11; }
static int shared_name(int x) { return x + VARIANT; }
int ENTRY(void) { return shared_name(value()); }
