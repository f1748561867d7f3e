/*
** The generic interceptor thunk where there is none: on architectures
** other than those with a runtime/cc_<arch>.c, sites can be replaced
** but not intercepted.
*/
#if !defined(__x86_64__)
#include "tf_int.h"
#include "cc.h"

struct cc_layout *cc_parse(const char *text, const char **why)
{
	(void)text;
	*why = "no interceptor thunk on this architecture";
	return 0;
}

tf_fnptr cc_thunk_of(const struct reg_site *rs)
{
	(void)rs;
	return 0;
}
#endif
