/*
** libtf internals shared between runtime files: the registry's records,
** dispatch entry points, logging, control-server hooks.  Nothing here is
** exported; only the public API (tf.h) and the tf__* entry points are.
*/
#ifndef TF_INT_H
#define TF_INT_H

#include <stddef.h>
#include <stdint.h>

#pragma GCC visibility push(default)
#include <tigerfix/tf.h>
#pragma GCC visibility pop

#define TF_TLS __thread __attribute__((tls_model("initial-exec")))
#define TF_PRINTF(a, b) __attribute__((format(printf, a, b)))

/* Spin-wait hint (the only machine-specific line of the runtime). */
#if defined(__x86_64__) || defined(__i386__)
#define cpu_relax() __builtin_ia32_pause()
#elif defined(__aarch64__)
#define cpu_relax() __asm__ __volatile__("yield")
#else
#define cpu_relax() ((void)0)
#endif

/* ---- log.c ---- */

/* One line to TF_LOG (unset: nowhere; "1": stderr; else a file path). */
void log_msg(const char *fmt, ...) TF_PRINTF(1, 2);
/* Formats a one-line error into err (if any) and the thread's tf_error(). */
void log_err(char *err, size_t errlen, const char *fmt, ...) TF_PRINTF(3, 4);
/* Value of an environment variable, read once per call (NULL if unset). */
const char *log_env(const char *name);

/* ---- object.c: which loaded ELF object holds an address ---- */

struct obj_info {
	char *path;             /* absolute path ("" if unknown) */
	char buildid[41];       /* hex, "" if the object has none */
	uintptr_t base;
	int exe;                /* the main program (read via /proc/self/exe) */
};
/* Fills o for the object containing addr; 0 on success. */
int obj_lookup(const void *addr, struct obj_info *o);

/* ---- records.c: site records read from the object file ---- */

/* The last object file read (records of several units come from one). */
struct rec_cache {
	char *path;
	char *buf;              /* its tf_records bytes, NUL-terminated */
	size_t len;
	char *fn;               /* its tf_fn bytes (the sites' .fn), or NULL */
	size_t fnlen;
	const char *why;        /* why buf is NULL */
};
void rec_cache_free(struct rec_cache *c);
/* The value for key (TF_INFO_UNIT_KEYS) of a unit record, into buf ("" if
   none). */
const char *rec_unit_get(const char *unit_rec, const char *key, char *buf,
			 size_t len);
/* The nsites site records of u (each NUL-terminated), then its objects
   record if it has objects (trap.h), a malloc'd copy:
   from memory if its unit record has no key, else from the file of o
   (trap.h), which also gives the sites' .fn (TF__FNFILE).  NULL, with a
   one-line reason in err, if they cannot be read. */
char *rec_sites(struct tf_unit *u, const struct obj_info *o,
		struct rec_cache *c, char *err, size_t errlen);

/* ---- registry.c ---- */

/* Site flags (TF_INFO_FLAGS). */
enum {
	RF_STATIC = 1, RF_INLINE = 2, RF_VARIADIC = 4, RF_NORETURN = 8,
	RF_KNR = 16, RF_MAIN = 32, RF_NOTHUNK = 64
};

struct disp_conf;
struct reg_unit;
struct cc_layout;

/* Runtime record of one site (tf_site.rt). */
struct reg_site {
	struct tf_site *site;
	struct reg_unit *unit;
	const char *name, *file, *sig, *sighash, *bodyhash, *ret, *params;
	const char *flagstr, *variant, *cctext;
	struct cc_layout *cc;   /* generic thunk layout; NULL: no interceptors */
	const char *nothunk;    /* why cc is NULL */
	int line;
	unsigned flags;
	char *text;             /* owned copy of the record, fields point in */
	struct disp_conf *conf; /* dispatch: published configuration (atomic) */
	struct tf_hook *hooks;  /* dispatch: attached hooks, under disp lock */
	unsigned long passes;   /* dispatch: passes armed so far (atomic) */
};

/* Runtime record of one unit (tf_unit.rt). */
struct reg_unit {
	struct tf_unit *u;
	char *text;             /* owned copy of the unit record */
	const char *file, *variant;
	struct obj_info obj;
	struct reg_site *sites; /* NULL until parsed */
	char *objtext;          /* owned copy of the objects record */
	const char **objnames;  /* per object (u->objs), into objtext; NULL
				   until parsed or if unreadable */
	char *recerr;           /* why its site records are unreadable */
	int dead;
	int going;              /* being unregistered (unregister_many) */
};

/* Run fn on every live site matching glob (NULL: all), under the
   registry's read lock; stops when fn returns non-zero. */
void reg_each(const char *glob, int (*fn)(struct reg_site *, void *),
	      void *arg);
/* Unit and site counts. */
void reg_counts(unsigned *units, unsigned *sites);
/* The parsed record of s, or NULL if s is not a live registered site. */
struct reg_site *reg_site(struct tf_site *s);
/* Read-lock the registry around a use of sites (nestable per thread
   only through reg_each/reg_site, which lock internally). */
void reg_rdlock(void);
void reg_unlock(void);
/* Why some unit's site records could not be read from its file ("" if
   every unit's could): to add to a failed look-up's message. */
const char *reg_records_error(void);
/* Make sure every registered unit is parsed. */
void reg_parse_all(void);
/* Sites named name (in file, if not NULL); returns how many, stores up
   to max. */
size_t reg_find(const char *file, const char *name, struct reg_site **out,
		size_t max);
/* Called once the first unit registers (starts the control server). */
void srv_start_once(void);
/* fork(): take the lock before, reinitialise it in the child. */
void reg_fork_prepare(void);
void reg_fork_parent(void);
void reg_fork_child(void);

/* ---- cc_<arch>.c + thunk_<arch>.S: the generic interceptor thunk ---- */

/* The thunk for rs (what its slot holds while it is intercepted), or 0
   when the site has no usable "cc" record (rs->nothunk says why). */
tf_fnptr cc_thunk_of(const struct reg_site *rs);

/* ---- dispatch.c ---- */

/*
** Set a site's slot, and its gate with it (trap.h: the word the regcall
** trap tests; all ones while the slot is set).  Arming sets the slot
** first, disarming clears the gate first, so a trap that passes the gate
** always finds a slot to call, or 0 (the body: the cold path checks).
*/
static inline void site_publish(struct tf_site *s, tf_fnptr slot)
{
	if (slot) {
		__atomic_store_n(&s->slot, slot, __ATOMIC_RELEASE);
		__atomic_store_n(&s->gate, (void *)~(uintptr_t)0,
				 __ATOMIC_RELEASE);
	} else {
		__atomic_store_n(&s->gate, (void *)0, __ATOMIC_RELEASE);
		__atomic_store_n(&s->slot, slot, __ATOMIC_RELEASE);
	}
}

/* Why rs has no .fn: "was inlined into every caller (...)" etc. */
const char *disp_no_fn(const struct reg_site *rs);
/* Attach a replacement; tag is a patch id (0: API).  Caller holds the
   registry read lock. */
struct tf_hook *disp_replace(struct reg_site *rs, tf_fnptr fn, int scope,
			     int tag, char *err, size_t errlen);
struct tf_hook *disp_intercept(struct reg_site *rs, tf_pre_fn pre,
			       tf_post_fn post, void *user, int scope,
			       char *err, size_t errlen);
int disp_undo(struct tf_hook *h);
/* A unit is going away: detach (but do not free) its hooks. */
void disp_unit_gone(struct reg_unit *ru);
/* Live state of a site for listings: tag of the top process-wide
   replacement (0: API, -1: none) and whether any interceptor exists. */
void disp_state(struct reg_site *rs, int *tag, int *intercepted);
/* Arm one pass to the body of s for the calling thread. */
void disp_arm(struct tf_site *s);
/* The calling thread enters the runtime: drop its unused pass, if any. */
void disp_enter(void);
void disp_fork_prepare(void);
void disp_fork_parent(void);
void disp_fork_child(void);

/* ---- patch_*.c: the patch loader (stubbed until it exists) ---- */

struct json_object;
/* Control ops; fill ans (a JSON object) and return 0, or return -1 with
   a one-line reason in err.  Called on the control thread. */
int patch_op_load(struct json_object *req, struct json_object *ans,
		  char *err, size_t errlen);
int patch_op_unload(struct json_object *req, struct json_object *ans,
		    char *err, size_t errlen);
/* Append one {id, path, replaced, loaded_at} per loaded patch to arr. */
void patch_list(struct json_object *arr);
unsigned patch_count(void);
/* tf__register hook: while this thread dlopens a patch, its units are
   kept by the loader (returns 1), not registered as live sites. */
int patch_claim(struct tf_unit *u);

/* ---- ctl_ops.c ---- */

/* Answer one request line (NUL-terminated); returns a malloc'd answer
   line ending in '\n'. */
char *ops_handle(const char *line, size_t len);

/* ---- shared helpers ---- */

/* True if glob matches the site (name, or file:name when it has ':'). */
int reg_glob_match(const char *glob, const struct reg_site *rs);

#endif /* TF_INT_H */
