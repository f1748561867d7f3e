/* e2e-tfcc-only */
/* Replacements stack: v1 then v2 live; undoing v2 brings v1 back;
   undoing out of order leaves the newest live; the original returns
   when all are undone.  A wrong-type replacement is a compile error
   (TF_REPLACE's static assert) and is not exercised here. */
#include <stdio.h>
#include <tigerfix/tf.h>

__attribute__((noinline)) static int answer(int x) { return x + 1; }
static int v1(int x) { return x + 100; }
static int v2(int x) { return x + 200; }
static int v3(int x) { return x + 300; }

int main(void)
{
	tf_hook *h1, *h2, *h3;

	printf("original %d\n", answer(1));
	h1 = TF_REPLACE(answer, v1, TF_PROCESS);
	printf("v1 %d\n", answer(1));
	h2 = TF_REPLACE(answer, v2, TF_PROCESS);
	printf("v2 %d\n", answer(1));
	tf_undo(h2);
	printf("undo v2 -> %d\n", answer(1));
	h2 = TF_REPLACE(answer, v2, TF_PROCESS);
	h3 = TF_REPLACE(answer, v3, TF_PROCESS);
	tf_undo(h2);
	printf("undo middle -> %d\n", answer(1));
	tf_undo(h3);
	printf("undo v3 -> %d\n", answer(1));
	tf_undo(h1);
	printf("undo v1 -> %d\n", answer(1));
	printf("site: %s %s line %d\n", tf_site_name(tf_site_of((tf_fnptr)&answer)),
	       tf_site_sig(tf_site_of((tf_fnptr)&answer)), tf_site_line(tf_site_of((tf_fnptr)&answer)));
	printf("undo twice: %d\n", tf_undo(h1) == -1 && tf_error()[0] != 0 ? -1 : 0);
	return 0;
}
