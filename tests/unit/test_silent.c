/*
** The runtime prints nothing unless asked: failing calls with TF_LOG
** unset must leave stdout and stderr empty (checked by CTest).
*/
#include <stdlib.h>

#include <tigerfix/tf.h>
#include "disp_unit.h"

static int pre(struct tf_call *c) { return TF_CONTINUE; }

int main(void)
{
	char err[128];
	tf_hook *h;

	unsetenv("TF_LOG");
	if (tf_replace(NULL, (tf_fnptr)&add, TF_PROCESS, err, sizeof err) ||
	    tf_intercept(tf_site_find("opaque"), pre, NULL, NULL, TF_PROCESS,
			 NULL, 0) ||
	    tf_undo(NULL) == 0 ||
	    tf_replace_by_name(NULL, "nope", (tf_fnptr)&add, 0, NULL, 0))
		return 1;
	h = tf_intercept(tf_site_find("add"), pre, NULL, NULL, TF_PROCESS,
			 NULL, 0);
	if (!h || add(1, 2) != 3 || tf_undo(h))
		return 1;
	return 0;
}
