/* e2e-tfcc-only */
/* Static locals whose declarator is followed by a line comment, a macro
   (an initializer or attributes) or a preprocessor directive before the
   initializer (every bison parser with
   locations: "static YYLTYPE yyloc_default\n# if ...\n= {...}\n# endif\n;"):
   each gets its export label right after its declarator, so the unit
   compiles instrumented (no fallback) and links, and tf_object_find gives
   the running instance.  A static local of a function gcc never emits (an
   unused static inline function; in the library, one called only under a
   debug level compiled out) has no storage: the program and the library
   still link and load, and tf_object_find finds nothing.
   e2e-shared: deadstatic aux/dead_static.c */
#include <stdio.h>
#include <tigerfix/tf.h>

#define TRIVIAL 1
#define INIT_FIVE = 5
#define ALIGNED __attribute__((__aligned__(16)))

struct loc { int first, last; };

int counted(void)
{
	static int calls // a line comment between the name and the initializer
		= 40;
	return ++calls;
}

int parse(void)
{
	static struct loc loc_default
#if defined TRIVIAL && TRIVIAL
		= { 1, 2 }
#endif
		;
	static int depth[2]
#ifdef NOT_DEFINED
		= { 7, 7 }
#endif
		;
	static int five INIT_FIVE;
	static int wide ALIGNED = 10;
	return loc_default.first + loc_default.last + depth[1] + five + wide;
}

static inline int never_called(void)
{
	static int uses;
	return ++uses;
}

int lib_step(int x);

int main(void)
{
	int *calls = tf_object_find("rt_static_local_layout.c", "counted/calls");
	struct loc *ld = tf_object_find("rt_static_local_layout.c",
					"parse/loc_default");
	int *depth = tf_object_find("rt_static_local_layout.c", "parse/depth");
	int *five = tf_object_find("rt_static_local_layout.c", "parse/five");
	int *wide = tf_object_find("rt_static_local_layout.c", "parse/wide");

	printf("counted %d parse %d\n", counted(), parse());
	if (!calls || !ld || !depth || !five || !wide) {
		printf("objects not exported: %p %p %p %p %p\n", (void *)calls,
		       (void *)ld, (void *)depth, (void *)five, (void *)wide);
		return 1;
	}
	printf("never_called/uses %s, lib_step %d\n",
	       tf_object_find("rt_static_local_layout.c", "never_called/uses") ?
	       "exported" : "absent", lib_step(1));
	*calls = 99;
	ld->last = 20;
	depth[1] = 300;
	*five = 5000;
	*wide = 20000;
	printf("counted %d parse %d\n", counted(), parse());
	return 0;
}
