/*
** Public hook API (tf.h): tf_replace, tf_intercept, tf_undo, tf_original,
** by-name variants.  Checks arguments and the registry, then hands over
** to dispatch.c.
*/
#include <stdio.h>
#include <string.h>

#include "tf_int.h"

/* the live record of s, with the registry read-locked; NULL (unlocked,
   error reported) if s is not an instrumented function */
static struct reg_site *lock_site(struct tf_site *s, const char *what,
				  char *err, size_t errlen)
{
	struct reg_site *rs;

	disp_enter();
	if (!s) {
		log_err(err, errlen, "%s: no such instrumented function (not "
			"built with tfcc, or excluded: see tfcc --explain); "
			"rebuild its file with tfcc", what);
		return NULL;
	}
	reg_parse_all();
	reg_rdlock();
	rs = reg_site(s);
	if (!rs) {
		reg_unlock();
		log_err(err, errlen, "%s: site %p is not registered (its "
			"library was unloaded?); look it up again", what,
			(void *)s);
	}
	return rs;
}

tf_hook *tf_replace(struct tf_site *s, tf_fnptr repl, int scope, char *err,
		    size_t errlen)
{
	struct reg_site *rs = lock_site(s, "tf_replace", err, errlen);
	tf_hook *h;

	if (!rs)
		return NULL;
	h = disp_replace(rs, repl, scope, 0, err, errlen);
	reg_unlock();
	return h;
}

tf_hook *tf_intercept(struct tf_site *s, tf_pre_fn pre, tf_post_fn post,
		      void *user, int scope, char *err, size_t errlen)
{
	struct reg_site *rs = lock_site(s, "tf_intercept", err, errlen);
	tf_hook *h;

	if (!rs)
		return NULL;
	h = disp_intercept(rs, pre, post, user, scope, err, errlen);
	reg_unlock();
	return h;
}

tf_hook *tf_replace_by_name(const char *file, const char *name,
			    tf_fnptr repl, int scope, char *err,
			    size_t errlen)
{
	struct reg_site *found[8];
	size_t n, i;
	tf_hook *h;
	char files[256] = "";

	disp_enter();
	if (!name) {
		log_err(err, errlen, "tf_replace_by_name: no function name "
			"given; pass the name of an instrumented function");
		return NULL;
	}
	reg_parse_all();
	reg_rdlock();
	n = reg_find(file, name, found, 8);
	if (n == 0) {
		reg_unlock();
		const char *why = reg_records_error();
		log_err(err, errlen, "tf_replace_by_name: no instrumented "
			"function %s()%s%s; check the name and that its file "
			"was built with tfcc%s%s", name, file ? " in " : "",
			file ? file : "", *why ? "; note: " : "", why);
		return NULL;
	}
	if (n > 1) {
		for (i = 0; i < n && i < 8; i++)
			snprintf(files + strlen(files),
				 sizeof files - strlen(files), "%s%s",
				 i ? ", " : "", found[i]->file);
		reg_unlock();
		log_err(err, errlen, "tf_replace_by_name: %zu functions "
			"named %s() (%s); pass the file to choose one", n,
			name, files);
		return NULL;
	}
	h = disp_replace(found[0], repl, scope, 0, err, errlen);
	reg_unlock();
	return h;
}

int tf_undo(tf_hook *h)
{
	int r;
	disp_enter();
	reg_rdlock();   /* keeps the site's unit from going meanwhile */
	r = disp_undo(h);
	reg_unlock();
	return r;
}

tf_fnptr tf_original(tf_fnptr fn)
{
	struct tf_site *s = tf_site_of(fn);
	struct reg_site *rs = s ? reg_site(s) : NULL;

	if (!rs || !s->fn || (rs->flags & RF_VARIADIC))
		return fn;      /* nothing to arm: the trap would not look */
	/* arm even if the slot reads 0 now: it may be non-zero again by the
	   time our trap reads it (an unused pass is dropped when this thread
	   next enters the runtime) */
	disp_arm(s);
	return s->fn;
}
