/*
** tigerfix public API (libtf): find instrumented functions, replace them
** (patches, mocks), intercept them (tracing, argument checks), undo.
** C99 with GNU extensions for the type-checked macros.  See docs/runtime.md.
*/
#ifndef TIGERFIX_TF_H
#define TIGERFIX_TF_H

#include <stddef.h>
#include <tigerfix/trap.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Sites: one per instrumented function (per translation unit) ---- */

/* The site of the function called name; NULL if none.  If several units
   define it (statics of different files), the first registered. */
struct tf_site *tf_site_find(const char *name);
/* The site of name defined in file; file matches the path recorded at
   compile time or its basename. */
struct tf_site *tf_site_find_in(const char *file, const char *name);
/* The site of the function at address fn; NULL if fn is not instrumented. */
struct tf_site *tf_site_of(tf_fnptr fn);

const char *tf_site_name(const struct tf_site *s);
const char *tf_site_file(const struct tf_site *s);
const char *tf_site_sig(const struct tf_site *s);
int tf_site_line(const struct tf_site *s);
/* Any field of the site record by key (TF_INFO_* in trap.h: "sighash",
   "params", "flags", ...), or "object" (path of the loaded ELF object)
   and "buildid" (hex).  NULL if absent. */
const char *tf_site_get(const struct tf_site *s, const char *key);

/* Stores up to max sites whose name matches the fnmatch(3) glob (NULL:
   all; a glob containing ':' matches "file:name") in out; returns how
   many matched, which may exceed max. */
size_t tf_sites(struct tf_site **out, size_t max, const char *glob);

/* Address of an object with static storage exported by the unit built
   from file (full recorded path or basename): "var" for a file-scope
   object, "fn/var" for a static local.  NULL if none. */
void *tf_object_find(const char *file, const char *name);

/* ---- Hooks ---- */

/* Scope of a hook.  TF_PROCESS: every thread.  TF_THREAD: only the
   thread that attached it; other threads keep their behaviour.  A
   thread-scoped hook goes away when its thread exits (still call
   tf_undo on the handle to free it). */
enum { TF_PROCESS = 0, TF_THREAD = 1 };

/* What a pre-interceptor returns. */
enum { TF_CONTINUE = 0, TF_SKIP = 1 };

typedef struct tf_hook tf_hook;

/* One intercepted call, as seen by an interceptor.  args[i] points to
   argument i (write through it to change the argument), ret to the
   return value (NULL for void functions; in a pre-interceptor it is
   only meaningful after TF_SKIP).  user is the interceptor's own. */
struct tf_call {
	struct tf_site *site;
	void **args;
	void *ret;
	void *user;
};

/* Runs before the call; TF_SKIP skips it (set *ret first). */
typedef int (*tf_pre_fn)(struct tf_call *c);
/* Runs after the call (or after a skip); may change *ret. */
typedef void (*tf_post_fn)(struct tf_call *c);

/*
** Replace s's function by repl, which must have the same type (use
** TF_REPLACE to have the compiler check).  Replacements stack: the newest
** is live; undoing any of them, in any order, leaves the rest as they
** were.  Returns NULL on failure with a one-line reason in err (when
** err is not NULL) and in tf_error().
*/
tf_hook *tf_replace(struct tf_site *s, tf_fnptr repl, int scope, char *err,
		    size_t errlen);
/* Like tf_replace, for a site named by file (NULL: any, must be unique)
   and name: lets a test mock a static function of another file. */
tf_hook *tf_replace_by_name(const char *file, const char *name,
			    tf_fnptr repl, int scope, char *err,
			    size_t errlen);
/*
** Attach interceptors: pre (may be NULL) runs before the call, in attach
** order; post (may be NULL) after it, in reverse order.  Calls made from
** inside an interceptor are not intercepted (replacements still apply).
** Variadic functions take pre-interceptors only.
*/
tf_hook *tf_intercept(struct tf_site *s, tf_pre_fn pre, tf_post_fn post,
		      void *user, int scope, char *err, size_t errlen);
/* Remove a hook and free h.  0 on success, -1 (see tf_error()) if h is
   unknown.  A call already inside the hook may still complete after
   tf_undo returns: free what user points to only once such calls are
   done. */
int tf_undo(tf_hook *h);

/* For use inside a replacement: arms one pass to the original body of
   fn for the calling thread and returns fn.  Call the result right away
   (TF_ORIGINAL(fn)(args)); recursive calls from that body are hooked
   again. */
tf_fnptr tf_original(tf_fnptr fn);

/* The calling thread's last error message ("" if none). */
const char *tf_error(void);

/* ---- Type-checked macros (the target must be visible) ---- */

#define TF__SAMETYPE(fn, repl)                                             \
	_Static_assert(__builtin_types_compatible_p(__typeof__(&(fn)),     \
						    __typeof__(&*(repl))), \
		       "tigerfix: " #repl " does not have the type of " #fn)

/* Replace fn by repl (same type, else a compile error); returns the
   hook or NULL (see tf_error()). */
#define TF_REPLACE(fn, repl, scope)                                        \
	(__extension__({                                                   \
		TF__SAMETYPE(fn, repl);                                    \
		tf_replace(tf_site_of((tf_fnptr)&(fn)), (tf_fnptr)(repl),  \
			   (scope), (char *)0, 0);                         \
	}))

/*
** Mocks for unit tests.  TF_MOCK: every thread sees the mock (set it up
** before starting threads, undo it after joining them).  TF_MOCK_THREAD:
** only the calling thread sees it, so tests running in parallel threads
** can mock the same function differently.  Undo with tf_undo().
*/
#define TF_MOCK(fn, repl) TF_REPLACE(fn, repl, TF_PROCESS)
#define TF_MOCK_THREAD(fn, repl) TF_REPLACE(fn, repl, TF_THREAD)

/* Intercept fn (checked at compile time to be instrumentable by address). */
#define TF_INTERCEPT(fn, pre, post, user, scope)                           \
	tf_intercept(tf_site_of((tf_fnptr)&(fn)), (pre), (post), (user),   \
		     (scope), (char *)0, 0)

/* Marks new state of a patch: not bound to the running program
   (static TF_NEW int hits;), see docs/patches.md. */
#define TF_NEW

/* The original fn, typed: TF_ORIGINAL(add)(a, b) inside add's mock. */
#define TF_ORIGINAL(fn) ((__typeof__(&(fn)))tf_original((tf_fnptr)&(fn)))

#ifdef __cplusplus
}
#endif

#endif /* TIGERFIX_TF_H */
