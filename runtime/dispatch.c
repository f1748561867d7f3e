/*
** Dispatch: per-site stacks of replacements and lists of interceptors,
** the slot each site's trap reads, and the interceptor chain run by the
** generic thunk (tf__pre / tf__post, called by runtime/cc_<arch>.c).
*/

/*
** Design and invariants
** ---------------------
**
** Each site has a list of hooks (struct tf_hook) in attach order, changed
** only under disp_lock by tf_replace / tf_intercept / tf_undo and the
** patch loader.  Callers never look at that list.  After every change
** the whole configuration is copied into a fresh, immutable array
** (struct disp_conf) and published:
**
**   1. rs->conf  = new array            (atomic release store)
**   2. site.slot = effective slot       (site_publish: the gate with it)
**   3. if the slot became 0: site.by = 0 (drop a pass nobody will use)
**
** The effective slot is
**   - 0 when nothing is attached;
**   - for a variadic site, (tf_fnptr)1 when a pre-interceptor is attached
**     (the trap then calls tf__pre itself and always runs the body);
**   - the newest replacement when only process-wide replacements are
**     attached (one indirect call, no runtime code on the path);
**   - the runtime's generic thunk otherwise (any interceptor or
**     thread-scoped hook), which finds the site in the static-chain
**     register and the arguments from the site's cc= record.
**
** A call reads rs->conf exactly once, in tf__pre, and keeps it in the
** thunk's tf_frame for tf__post, so pre-interceptors, the choice of what
** to call, and post-interceptors all come from one configuration: a call
** sees the old configuration or the new one, never a mix.
**
** Memory: a published array may be read by a call at any time, and a
** call may last forever (a function that never returns).  So arrays are
** never freed: a replaced array goes to a retired list that lives as long
** as the process.  This costs a few dozen bytes per change (attach or
** undo), which is nothing for patches and mocks; it trades memory for a
** hot path with no reference counts, no hazard pointers and no shared
** writes.  Hook handles are copied by value into the arrays, so tf_undo
** frees the handle itself at once.
**
** "Call the original": tf__pre (and tf_original) store the calling
** thread's thread pointer in site.by with a compare-and-swap from 0, then
** the caller calls site.fn right away; the trap sees its own thread in
** .by, clears it and runs the body.  Another thread wanting a pass spins
** (then yields) until .by is 0.  A pass can be left behind when every
** hook goes away between arming and the trap (the trap then no longer
** looks at .by).  Only the owner may drop its pass, and only once it is
** sure its trap has run: each thread remembers the site of its last pass
** and drops it, if still there, the next time it enters the runtime
** (tf__pre, tf__post, the public API) or exits.  Anyone else clearing .by (say, when
** the slot becomes 0) would be wrong: a trap that read the old slot, or
** reads a new non-zero one, would miss its pass and call the hook a
** second time.  As a last resort a waiter takes over a pass that has sat
** unused for TF_PASS_STEAL_NS (same holder, and no pass armed on the site
** meanwhile: rs->passes counts them); the thread robbed of it goes
** through the slot once more (its hooks run twice for that call).
**
** Re-entrancy: a per-thread depth counter is raised while interceptor
** callbacks run; calls made from inside a callback skip interceptors
** (replacements still apply), so a tracer may call traced functions.
*/
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tf_int.h"

#define TF_PASS_STEAL_NS 500000000L /* 500 ms */

enum { H_REPL = 1, H_ICPT = 2 };
#define HOOK_MAGIC 0x7466686bu       /* "tfhk" */

/* One hook as published to callers (copied from struct tf_hook). */
struct disp_ent {
	int kind;
	int tag;                /* patch id of a replacement, 0: API */
	void *owner;            /* thread pointer (TF_THREAD) or NULL */
	tf_fnptr fn;
	tf_pre_fn pre;
	tf_post_fn post;
	void *user;
};

struct disp_conf {
	struct disp_conf *retired;  /* next in the retired list */
	unsigned n;
	struct disp_ent e[];
};

struct tf_hook {
	unsigned magic;
	struct reg_site *rs;    /* NULL once the site's unit is gone */
	struct disp_ent ent;
	struct tf_hook *next;   /* rs->hooks, attach order */
	struct tf_hook *tnext;  /* thread_hooks (thread-scoped hooks only) */
	int on_tlist;
};

static pthread_mutex_t disp_lock = PTHREAD_MUTEX_INITIALIZER;
static struct disp_conf *retired;
static struct tf_hook *thread_hooks;   /* thread-scoped hooks, for exit */
/* Hooks whose site went (its unit unloaded, or the program exiting) or
   whose thread exited, linked by next: their handles stay valid until
   tf_undo frees them, and a leak checker (LeakSanitizer, valgrind) at exit
   sees them reachable, as a mock the program never undid is. */
static struct tf_hook *orphans;

/* caller holds disp_lock; h is off its site (h->rs == NULL) */
static void orphan(struct tf_hook *h)
{
	h->next = orphans;
	orphans = h;
}

static void unorphan(struct tf_hook *h)
{
	struct tf_hook **pp;
	for (pp = &orphans; *pp; pp = &(*pp)->next)
		if (*pp == h) {
			*pp = h->next;
			return;
		}
}
static TF_TLS unsigned disp_depth;
static TF_TLS struct tf_site *armed;   /* site of this thread's last pass */
static TF_TLS unsigned armed_gen;      /* units_gone when it was armed */
static unsigned units_gone;            /* bumped when a unit unregisters */

void disp_fork_prepare(void) { pthread_mutex_lock(&disp_lock); }
void disp_fork_parent(void) { pthread_mutex_unlock(&disp_lock); }
void disp_fork_child(void) { pthread_mutex_init(&disp_lock, NULL); }

static void *self_id(void)
{
	return TF__SELF();
}

static void watch_thread_exit(void);

/* a copy of rs's hook list, minus drop; NULL if out of memory */
static struct disp_conf *conf_build(struct reg_site *rs, struct tf_hook *drop)
{
	struct disp_conf *c;
	struct tf_hook *h;
	unsigned n = 0;

	for (h = rs->hooks; h; h = h->next)
		n += h != drop;
	c = malloc(sizeof *c + n * sizeof c->e[0]);
	if (!c)
		return NULL;
	c->retired = NULL;
	c->n = 0;
	for (h = rs->hooks; h; h = h->next)
		if (h != drop)
			c->e[c->n++] = h->ent;
	return c;
}

/* what the trap should jump to under configuration c */
static tf_fnptr slot_of(const struct reg_site *rs, const struct disp_conf *c)
{
	tf_fnptr top = 0;
	int needs_thunk = 0, any_pre = 0;
	unsigned i;

	for (i = 0; c && i < c->n; i++) {
		const struct disp_ent *e = &c->e[i];
		if (e->kind == H_ICPT) {
			needs_thunk = 1;
			any_pre |= e->pre != NULL;
		} else if (e->owner) {
			needs_thunk = 1;
		} else {
			top = e->fn;
		}
	}
	if (rs->flags & RF_VARIADIC)
		return any_pre ? (tf_fnptr)1 : 0;
	if (needs_thunk)
		return cc_thunk_of(rs);
	return top;
}

static long elapsed_ns(const struct timespec *t0)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) * 1000000000L + t.tv_nsec - t0->tv_nsec;
}

/* publish c for rs (see the invariants above); takes ownership of c */
static void publish(struct reg_site *rs, struct disp_conf *c)
{
	struct disp_conf *old = rs->conf;
	tf_fnptr slot = slot_of(rs, c);
	struct tf_site *s = rs->site;

	__atomic_store_n(&rs->conf, c, __ATOMIC_RELEASE);
	site_publish(s, slot);
	if (old) {
		old->retired = retired;
		retired = old;
	}
}

/* attach a new hook with entry ent to rs; caller holds disp_lock */
static struct tf_hook *attach(struct reg_site *rs, const struct disp_ent *ent,
			      const char *what, char *err, size_t errlen)
{
	struct tf_hook *h = calloc(1, sizeof *h), **pp;
	struct disp_conf *c;

	if (!h) {
		log_err(err, errlen, "%s: cannot hook %s(): out of memory; "
			"free some memory and retry", what, rs->name);
		return NULL;
	}
	h->magic = HOOK_MAGIC;
	h->rs = rs;
	h->ent = *ent;
	for (pp = &rs->hooks; *pp; pp = &(*pp)->next)
		;
	*pp = h;
	c = conf_build(rs, NULL);
	if (!c) {
		*pp = NULL;
		free(h);
		log_err(err, errlen, "%s: cannot hook %s(): out of memory; "
			"free some memory and retry", what, rs->name);
		return NULL;
	}
	publish(rs, c);
	if (ent->owner) {
		h->tnext = thread_hooks;
		thread_hooks = h;
		h->on_tlist = 1;
	}
	return h;
}

/* Why a site has no .fn (no out-of-line copy of the function). */
const char *disp_no_fn(const struct reg_site *rs)
{
	return rs->flags & RF_STATIC ?
	       "was inlined into every caller (the compiler kept no "
	       "out-of-line copy)" :
	       "is inline-only (C99 inline without an external definition "
	       "here)";
}

struct tf_hook *disp_replace(struct reg_site *rs, tf_fnptr fn, int scope,
			     int tag, char *err, size_t errlen)
{
	struct disp_ent ent = { H_REPL, tag, NULL, fn, NULL, NULL, NULL };
	struct tf_hook *h;

	if (!fn) {
		log_err(err, errlen, "tf_replace: no replacement given for "
			"%s(); pass a function of the same type", rs->name);
		return NULL;
	}
	if (rs->flags & RF_VARIADIC) {
		log_err(err, errlen, "tf_replace: %s() is variadic and its "
			"arguments cannot be forwarded; intercept it (pre "
			"only) instead", rs->name);
		return NULL;
	}
	if (scope == TF_THREAD && !cc_thunk_of(rs)) {
		log_err(err, errlen, "tf_replace: %s() cannot go through the "
			"interceptor thunk (%s), so it can only be replaced "
			"process-wide; use TF_PROCESS", rs->name, rs->nothunk);
		return NULL;
	}
	if (scope == TF_THREAD && !rs->site->fn) {
		log_err(err, errlen, "tf_replace: %s() %s, so other threads "
			"would have no original to run; replace it "
			"process-wide (TF_PROCESS)", rs->name, disp_no_fn(rs));
		return NULL;
	}
	if (scope == TF_THREAD) {
		ent.owner = self_id();
		watch_thread_exit();
	}
	pthread_mutex_lock(&disp_lock);
	h = attach(rs, &ent, "tf_replace", err, errlen);
	pthread_mutex_unlock(&disp_lock);
	return h;
}

struct tf_hook *disp_intercept(struct reg_site *rs, tf_pre_fn pre,
			       tf_post_fn post, void *user, int scope,
			       char *err, size_t errlen)
{
	struct disp_ent ent = { H_ICPT, 0, NULL, 0, pre, post, user };
	struct tf_hook *h;

	if (!pre && !post) {
		log_err(err, errlen, "tf_intercept: no interceptor given for "
			"%s(); pass a pre or a post function", rs->name);
		return NULL;
	}
	if (rs->flags & RF_VARIADIC) {
		if (post || !pre) {
			log_err(err, errlen, "tf_intercept: %s() is variadic, "
				"so only pre-interceptors can run; pass "
				"post = NULL", rs->name);
			return NULL;
		}
	} else if (!cc_thunk_of(rs)) {
		log_err(err, errlen, "tf_intercept: %s() cannot be "
			"intercepted: %s; replace it instead", rs->name,
			rs->nothunk);
		return NULL;
	} else if (!rs->site->fn) {
		log_err(err, errlen, "tf_intercept: %s() %s, so there is no "
			"original to call after the interceptors; replace it "
			"instead", rs->name, disp_no_fn(rs));
		return NULL;
	}
	if (scope == TF_THREAD) {
		ent.owner = self_id();
		watch_thread_exit();
	}
	pthread_mutex_lock(&disp_lock);
	h = attach(rs, &ent, "tf_intercept", err, errlen);
	pthread_mutex_unlock(&disp_lock);
	return h;
}

/* take h off the thread-scoped list; caller holds disp_lock */
static void tlist_remove(struct tf_hook *h)
{
	struct tf_hook **pp;
	if (!h->on_tlist)
		return;
	for (pp = &thread_hooks; *pp != h; pp = &(*pp)->tnext)
		;
	*pp = h->tnext;
	h->on_tlist = 0;
}

/* detach h from its site and republish; caller holds disp_lock */
static int detach(struct tf_hook *h)
{
	struct reg_site *rs = h->rs;
	struct tf_hook **pp;
	struct disp_conf *c;

	if (!rs)
		return 0;
	c = conf_build(rs, h);
	if (!c)
		return -1;
	for (pp = &rs->hooks; *pp != h; pp = &(*pp)->next)
		;
	*pp = h->next;
	publish(rs, c);
	h->rs = NULL;
	return 0;
}

int disp_undo(struct tf_hook *h)
{
	struct reg_site *rs;

	if (!h || h->magic != HOOK_MAGIC) {
		log_err(NULL, 0, "tf_undo: not a live hook (already undone, "
			"or not returned by tf_replace/tf_intercept); nothing "
			"was changed");
		return -1;
	}
	pthread_mutex_lock(&disp_lock);
	rs = h->rs;
	if (!rs)
		unorphan(h);
	else if (detach(h) < 0) {
		pthread_mutex_unlock(&disp_lock);
		log_err(NULL, 0, "tf_undo: cannot unhook %s(): out of memory; "
			"free some memory and retry", rs->name);
		return -1;
	}
	tlist_remove(h);
	h->magic = 0;
	pthread_mutex_unlock(&disp_lock);
	free(h);
	return 0;
}

void disp_unit_gone(struct reg_unit *ru)
{
	unsigned i;

	pthread_mutex_lock(&disp_lock);
	__atomic_add_fetch(&units_gone, 1, __ATOMIC_RELEASE);
	for (i = 0; i < ru->u->nsites; i++) {
		struct reg_site *rs = &ru->sites[i];
		struct tf_hook *h, *next;
		for (h = rs->hooks; h; h = next) {
			next = h->next;
			h->rs = NULL;
			orphan(h);
		}
		rs->hooks = NULL;
		if (rs->conf) {
			rs->conf->retired = retired;
			retired = rs->conf;
			rs->conf = NULL;
		}
	}
	pthread_mutex_unlock(&disp_lock);
}

void disp_state(struct reg_site *rs, int *tag, int *intercepted)
{
	struct disp_conf *c = __atomic_load_n(&rs->conf, __ATOMIC_ACQUIRE);
	unsigned i;

	*tag = -1;
	*intercepted = 0;
	for (i = 0; c && i < c->n; i++) {
		if (c->e[i].kind == H_ICPT)
			*intercepted = 1;
		else if (!c->e[i].owner)
			*tag = c->e[i].tag;
	}
}

/* Our last pass: once this thread is back in the runtime, the trap it
   was armed for has run, so a pass still there was never used. */
static void drop_pending(void *self)
{
	if (armed && armed_gen != __atomic_load_n(&units_gone,
						   __ATOMIC_ACQUIRE)) {
		armed = NULL;   /* its unit may be unmapped: do not touch */
	} else if (armed) {
		/* a plain load first: a locked op on every call costs */
		if (__atomic_load_n(&armed->by, __ATOMIC_RELAXED) == self)
			__atomic_compare_exchange_n(&armed->by, &self,
						    (void *)0, 0,
						    __ATOMIC_RELAXED,
						    __ATOMIC_RELAXED);
		armed = NULL;
	}
}

/* only the holder of .by writes the count, so no locked add is needed:
   it only has to change when a new pass is armed */
static void count_pass(unsigned long *passes)
{
	__atomic_store_n(passes, __atomic_load_n(passes, __ATOMIC_RELAXED) + 1,
			 __ATOMIC_RELAXED);
}

void disp_enter(void)
{
	drop_pending(self_id());
}

static pthread_key_t exit_key;
static TF_TLS int exit_key_set;

/* a thread that exits takes its thread-scoped hooks along (a new thread
   could get the same thread pointer); their handles stay valid for
   tf_undo, which then only frees them */
static void at_thread_exit(void *arg)
{
	void *self = self_id();
	struct tf_hook *h, *next;

	(void)arg;
	drop_pending(self);
	pthread_mutex_lock(&disp_lock);
	for (h = thread_hooks; h; h = next) {
		next = h->tnext;
		if (h->ent.owner != self)
			continue;
		if (h->rs) {            /* else an orphan already */
			if (detach(h) < 0)
				continue;
			orphan(h);
		}
		tlist_remove(h);
	}
	pthread_mutex_unlock(&disp_lock);
}

static void exit_key_init(void)
{
	pthread_key_create(&exit_key, at_thread_exit);
}

/* a thread that arms gets its last pass dropped when it exits */
static void watch_thread_exit(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	if (exit_key_set)
		return;
	pthread_once(&once, exit_key_init);
	pthread_setspecific(exit_key, (void *)1);
	exit_key_set = 1;
}

void disp_arm(struct tf_site *s)
{
	struct reg_site *rs = __atomic_load_n(&s->rt, __ATOMIC_ACQUIRE);
	unsigned long dummy = 0, *passes = rs ? &rs->passes : &dummy, seen = 0;
	void *self = self_id(), *held = NULL;
	struct timespec t0;
	unsigned spins = 0;

	drop_pending(self);
	if (!exit_key_set)
		watch_thread_exit();
	for (;;) {
		void *cur = NULL;
		if (__atomic_compare_exchange_n(&s->by, &cur, self, 0,
						__ATOMIC_RELAXED,
						__ATOMIC_RELAXED) ||
		    cur == self) {
			count_pass(passes);
			armed = s;
			armed_gen = __atomic_load_n(&units_gone,
						    __ATOMIC_ACQUIRE);
			return;
		}
		/* a new holder, or the same thread with a new pass: the
		   clock starts again */
		if (cur != held ||
		    __atomic_load_n(passes, __ATOMIC_RELAXED) != seen) {
			held = cur;
			seen = __atomic_load_n(passes, __ATOMIC_RELAXED);
			spins = 0;
		}
		if (++spins < 64) {
			cpu_relax();
			continue;
		}
		if (spins == 64) {
			clock_gettime(CLOCK_MONOTONIC, &t0);
		} else if (elapsed_ns(&t0) > TF_PASS_STEAL_NS &&
			   __atomic_compare_exchange_n(&s->by, &cur, self, 0,
						       __ATOMIC_RELAXED,
						       __ATOMIC_RELAXED)) {
			log_msg("dispatch: took over a pass to the original "
				"of %s() unused for %ld ms by another thread",
				rs ? rs->name : "?", TF_PASS_STEAL_NS / 1000000);
			count_pass(passes);
			armed = s;
			armed_gen = __atomic_load_n(&units_gone,
						    __ATOMIC_ACQUIRE);
			return;
		}
		sched_yield();
	}
}

/* the newest replacement visible to thread self, or 0 */
static tf_fnptr top_repl(const struct disp_conf *c, void *self)
{
	unsigned i;
	for (i = c ? c->n : 0; i-- > 0;)
		if (c->e[i].kind == H_REPL &&
		    (!c->e[i].owner || c->e[i].owner == self))
			return c->e[i].fn;
	return 0;
}

tf_fnptr tf__pre(struct tf_site *s, void **argv, void *ret,
		 struct tf_frame *f)
{
	struct reg_site *rs = __atomic_load_n(&s->rt, __ATOMIC_ACQUIRE);
	struct disp_conf *c = rs ? __atomic_load_n(&rs->conf,
						   __ATOMIC_ACQUIRE) : NULL;
	void *self = self_id();
	struct tf_call call = { s, argv, ret, NULL };
	unsigned i, entered = 0;
	int skip = 0;
	tf_fnptr to;

	f->w[0] = c;
	drop_pending(self);
	if (c && disp_depth == 0) {
		disp_depth++;
		for (i = 0; i < c->n && !skip; i++) {
			const struct disp_ent *e = &c->e[i];
			if (e->kind != H_ICPT || (e->owner && e->owner != self))
				continue;
			entered = i + 1;
			call.user = e->user;
			if (e->pre && e->pre(&call) == TF_SKIP)
				skip = 1;
		}
		disp_depth--;
	}
	f->w[1] = (void *)(uintptr_t)entered;
	if (skip || (rs && (rs->flags & RF_VARIADIC)))
		return 0;
	to = top_repl(c, self);
	if (to)
		return to;
	disp_arm(s);
	return s->fn;
}

void tf__post(struct tf_site *s, void **argv, void *ret, struct tf_frame *f)
{
	const struct disp_conf *c = f->w[0];
	unsigned i = (unsigned)(uintptr_t)f->w[1];
	struct tf_call call = { s, argv, ret, NULL };
	void *self;

	self = self_id();
	drop_pending(self);     /* the original has returned */
	if (!c || i == 0)
		return;
	disp_depth++;
	while (i-- > 0) {
		const struct disp_ent *e = &c->e[i];
		if (e->kind != H_ICPT || !e->post ||
		    (e->owner && e->owner != self))
			continue;
		call.user = e->user;
		e->post(&call);
	}
	disp_depth--;
}
