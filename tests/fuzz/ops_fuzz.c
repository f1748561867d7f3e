/*
** libFuzzer target for the control request handler: one request line in
** (runtime/ctl_ops.c ops_handle), one answer line out, never a crash.
*/
#include <json-c/json.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tf_int.h"

/* a "path" string would make load open (and dlopen) any file: skip those */
static int names_a_file(const uint8_t *data, size_t size)
{
	json_tokener *tok = json_tokener_new();
	json_object *req = json_tokener_parse_ex(tok, (const char *)data,
						 (int)size), *path;
	int r = req && json_object_is_type(req, json_type_object) &&
		json_object_object_get_ex(req, "path", &path) &&
		json_object_is_type(path, json_type_string);
	json_object_put(req);
	json_tokener_free(tok);
	return r;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 65536 || memchr(data, '\n', size) || names_a_file(data, size))
		return -1;	/* the server never passes these on */
	char *ans = ops_handle((const char *)data, size);
	size_t n = ans ? strlen(ans) : 0;
	if (!ans || n < 12 || ans[n - 1] != '\n' || memchr(ans, '\n', n - 1) ||
	    !strstr(ans, "\"ok\":"))
		abort();	/* every request gets one protocol line */
	free(ans);
	return 0;
}
