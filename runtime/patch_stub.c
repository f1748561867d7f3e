/*
** Patch loader placeholder: the control ops a patch loader provides
** (load, unload, list).  Replace this file with runtime/patch_*.c
** implementing the same functions (declared in tf_int.h).
*/
#include <stdio.h>

#include "tf_int.h"

int patch_op_load(struct json_object *req, struct json_object *ans,
		  char *err, size_t errlen)
{
	snprintf(err, errlen, "load: this runtime cannot load patches yet "
		 "(no patch loader built in); rebuild with a newer libtf");
	return -1;
}

int patch_op_unload(struct json_object *req, struct json_object *ans,
		    char *err, size_t errlen)
{
	snprintf(err, errlen, "unload: this runtime cannot load patches yet, "
		 "so there is nothing to unload; rebuild with a newer libtf");
	return -1;
}

void patch_list(struct json_object *arr)
{
	(void)arr;
}

unsigned patch_count(void)
{
	return 0;
}
