/*
** Site registry: units register from their constructors (possibly before
** main, possibly from several dlopen threads at once) and unregister from
** their destructors; site records are parsed lazily, on first look-up.
*/
#define _GNU_SOURCE
#include <fnmatch.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tf_int.h"
#include "cc.h"

static pthread_rwlock_t reg_lock = PTHREAD_RWLOCK_INITIALIZER;
static struct tf_unit *units, *units_tail;  /* registration order */
static unsigned nunits, nsites;
static int unparsed;                        /* units not parsed yet */

/* address -> site map (open addressing): rebuilt under the write lock,
   published whole and read without a lock (tf_original calls it on every
   call of a mock).  Old maps are retired, never freed; entries hold the
   address inline so a reader never follows a freed record. */
struct addr_ent {
	tf_fnptr fn;
	struct tf_site *site;
};
struct addr_map {
	struct addr_map *retired;
	size_t cap;
	struct addr_ent e[];
};
static struct addr_map *addr_map, *addr_retired;

void reg_rdlock(void) { pthread_rwlock_rdlock(&reg_lock); }
void reg_unlock(void) { pthread_rwlock_unlock(&reg_lock); }

void reg_fork_prepare(void) { pthread_rwlock_wrlock(&reg_lock); }
void reg_fork_parent(void) { pthread_rwlock_unlock(&reg_lock); }
void reg_fork_child(void) { pthread_rwlock_init(&reg_lock, NULL); }

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

static const char *const site_keys[] = TF_INFO_SITE_KEYS;
static const char *const unit_keys[] = TF_INFO_UNIT_KEYS;

/* split the lines of a record in place; calls set with the key of each
   line (trap.h gives their order) and its value */
static void parse_lines(char *text, const char *const *keys, size_t nkeys,
			void (*set)(void *, const char *, char *), void *arg)
{
	char *line = text;
	for (size_t i = 0; *line && i < nkeys; i++) {  /* an empty line is "" */
		char *nl = strchr(line, '\n');
		if (nl)
			*nl = 0;
		set(arg, keys[i], line);
		if (!nl)
			break;
		line = nl + 1;
	}
}

static unsigned parse_flags(const char *s)
{
	static const struct { const char *name; unsigned bit; } tab[] = {
		{ "static", RF_STATIC },     { "inline", RF_INLINE },
		{ "variadic", RF_VARIADIC }, { "noreturn", RF_NORETURN },
		{ "knr", RF_KNR },           { "main", RF_MAIN },
		{ "nothunk", RF_NOTHUNK },
	};
	unsigned f = 0;
	size_t i;
	while (s && *s) {
		size_t n = strcspn(s, ",");
		for (i = 0; i < sizeof tab / sizeof tab[0]; i++)
			if (strlen(tab[i].name) == n &&
			    strncmp(s, tab[i].name, n) == 0)
				f |= tab[i].bit;
		s += n + (s[n] == ',');
	}
	return f;
}

static void site_set(void *arg, const char *key, char *val)
{
	struct reg_site *rs = arg;
	if (!strcmp(key, TF_INFO_NAME)) rs->name = val;
	else if (!strcmp(key, TF_INFO_FILE)) rs->file = val;
	else if (!strcmp(key, TF_INFO_LINE)) rs->line = atoi(val);
	else if (!strcmp(key, TF_INFO_SIG)) rs->sig = val;
	else if (!strcmp(key, TF_INFO_SIGHASH)) rs->sighash = val;
	else if (!strcmp(key, TF_INFO_BODYHASH)) rs->bodyhash = val;
	else if (!strcmp(key, TF_INFO_RET)) rs->ret = val;
	else if (!strcmp(key, TF_INFO_PARAMS)) rs->params = val;
	else if (!strcmp(key, TF_INFO_FLAGS)) rs->flagstr = val;
	else if (!strcmp(key, TF_INFO_VARIANT)) rs->variant = val;
	else if (!strcmp(key, TF_INFO_CC)) rs->cctext = val;
}

static void unit_set(void *arg, const char *key, char *val)
{
	struct reg_unit *ru = arg;
	if (!strcmp(key, TF_INFO_FILE)) ru->file = val;
	else if (!strcmp(key, TF_INFO_VARIANT)) ru->variant = val;
}

/* why some unit's site records could not be read ("" if all could) */
static char rec_error[512];

const char *reg_records_error(void)
{
	return rec_error;
}

/* The objects record (trap.h TF_INFO_OBJECTS_MAGIC, a name per line in
   the order of u->objs) after a unit's site records: ru->objnames.  A
   record that is not one, or too short, leaves the objects unnamed. */
static void objects_parse(struct reg_unit *ru, const char *rec)
{
	static const char magic[] = TF_INFO_OBJECTS_MAGIC "\n";
	unsigned k, n = ru->u->nobjs;
	char *p;

	if (strncmp(rec, magic, sizeof magic - 1) ||
	    !(ru->objtext = strdup(rec + sizeof magic - 1)) ||
	    !(ru->objnames = calloc(n, sizeof *ru->objnames))) {
		free(ru->objtext);
		ru->objtext = NULL;
		return;
	}
	for (k = 0, p = ru->objtext; k < n && *p; k++) {
		char *nl = strchr(p, '\n');
		ru->objnames[k] = p;
		if (!nl)
			break;
		*nl = 0;
		p = nl + 1;
	}
}

/* parse a unit's records; caller holds the write lock */
static void unit_parse(struct reg_unit *ru, struct rec_cache *cache)
{
	struct tf_unit *u = ru->u;
	unsigned i;
	char err[sizeof rec_error] = "";

	/* the unit record too: nothing reads the records before a tool or
	   the API asks, so they are never paged in otherwise */
	if (!ru->text) {
		ru->text = strdup(u->info ? u->info : "");
		if (ru->text)
			parse_lines(ru->text, unit_keys, sizeof unit_keys /
				    sizeof *unit_keys, unit_set, ru);
	}
	ru->sites = calloc(u->nsites ? u->nsites : 1, sizeof *ru->sites);
	if (!ru->sites)
		return;
	obj_lookup(u->sites, &ru->obj);  /* u may be the runtime's own */
	/* one record per site (trap.h), from memory or the object file */
	char *recs = u->info ? rec_sites(u, &ru->obj, cache, err, sizeof err)
			     : NULL;
	if (!recs && *err) {
		log_msg("%s", err);
		ru->recerr = strdup(err);
		if (!*rec_error)
			snprintf(rec_error, sizeof rec_error, "%s", err);
	}
	const char *rec = recs ? recs : "";
	for (i = 0; i < u->nsites; i++) {
		struct reg_site *rs = &ru->sites[i];
		rs->site = &u->sites[i];
		rs->unit = ru;
		rs->text = strdup(rec);
		if (recs)
			rec += strlen(rec) + 1;
		rs->name = rs->file = rs->sig = rs->sighash = "";
		rs->bodyhash = rs->ret = rs->params = rs->flagstr = "";
		rs->cctext = "";
		rs->variant = ru->variant ? ru->variant : "";
		if (rs->text)
			parse_lines(rs->text, site_keys, sizeof site_keys /
				    sizeof *site_keys, site_set, rs);
		if (!*rs->file && ru->file)
			rs->file = ru->file;
		rs->flags = parse_flags(rs->flagstr);
		if (rs->flags & RF_VARIADIC)
			rs->nothunk = "variadic";
		else if (!*rs->cctext)
			rs->nothunk = "its types have no known calling-"
				      "convention layout (see tfcc --explain)";
		else
			rs->cc = cc_parse(rs->cctext, &rs->nothunk);
		if (!rs->cc)
			rs->flags |= RF_NOTHUNK;
		__atomic_store_n(&u->sites[i].rt, rs, __ATOMIC_RELEASE);
	}
	if (recs && u->nobjs)
		objects_parse(ru, rec);
	free(recs);
	__atomic_sub_fetch(&unparsed, 1, __ATOMIC_RELEASE);
}

static size_t hash_addr(tf_fnptr f, size_t cap)
{
	uintptr_t x = (uintptr_t)f;
	x ^= x >> 17;
	x *= 0x9e3779b97f4a7c15ull;
	return (size_t)(x >> 7) & (cap - 1);
}

/* rebuild the address map; caller holds the write lock */
static void addr_rebuild(void)
{
	struct addr_map *m, *old = addr_map;
	struct tf_unit *u;
	size_t cap = 16;
	unsigned i;

	while (cap < 2 * (size_t)nsites + 2)
		cap *= 2;
	m = calloc(1, sizeof *m + cap * sizeof m->e[0]);
	if (!m)
		return;         /* keep the old map: stale but safe */
	m->cap = cap;
	for (u = units; u; u = u->next) {
		struct reg_unit *ru = u->rt;
		for (i = 0; ru->sites && i < u->nsites; i++) {
			tf_fnptr fn = u->sites[i].fn;
			size_t h;
			if (!fn)
				continue;
			h = hash_addr(fn, cap);
			while (m->e[h].fn && m->e[h].fn != fn)
				h = (h + 1) & (cap - 1);
			if (!m->e[h].fn) {  /* first registered wins */
				m->e[h].fn = fn;
				m->e[h].site = &u->sites[i];
			}
		}
	}
	__atomic_store_n(&addr_map, m, __ATOMIC_RELEASE);
	if (old) {
		old->retired = addr_retired;
		addr_retired = old;
	}
}

void reg_parse_all(void)
{
	struct tf_unit *u;
	struct rec_cache cache = {0};

	if (__atomic_load_n(&unparsed, __ATOMIC_ACQUIRE) == 0)
		return;
	pthread_rwlock_wrlock(&reg_lock);
	for (u = units; u && unparsed; u = u->next)
		if (!((struct reg_unit *)u->rt)->sites)
			unit_parse(u->rt, &cache);
	rec_cache_free(&cache);
	addr_rebuild();
	pthread_rwlock_unlock(&reg_lock);
}

void tf__register(struct tf_unit *u)
{
	struct reg_unit *ru;

	if (!u || u->abi != TF_ABI_VERSION) {
		const char *what = u && u->info ? u->info : "?";
		log_msg("tf__register: unit %.*s ignored: built for trap ABI "
			"%u, this runtime has %u; rebuild it with this tfcc",
			(int)strcspn(what, "\n"), what, u ? u->abi : 0,
			TF_ABI_VERSION);
		return;
	}
	if (patch_claim(u))     /* a patch being loaded: kept apart */
		return;
	ru = calloc(1, sizeof *ru);
	if (!ru)
		return;
	ru->u = u;
	pthread_rwlock_wrlock(&reg_lock);
	u->rt = ru;
	u->next = NULL;
	if (units_tail)
		units_tail->next = u;
	else
		units = u;
	units_tail = u;
	nunits++;
	nsites += u->nsites;
	__atomic_add_fetch(&unparsed, 1, __ATOMIC_RELEASE);
	pthread_rwlock_unlock(&reg_lock);
	srv_start_once();
}

/* Takes u's records and dispatch state apart; u is off the list already.
   Under the write lock.  Returns whether the address map must be rebuilt
   (u's records had been parsed). */
static int unit_drop(struct tf_unit *u)
{
	struct reg_unit *ru = u->rt;
	int rebuild = 0;
	unsigned i;

	nunits--;
	nsites -= u->nsites;
	ru->dead = 1;
	if (ru->sites) {
		disp_unit_gone(ru);
		for (i = 0; i < u->nsites; i++) {
			__atomic_store_n(&u->sites[i].rt, NULL,
					 __ATOMIC_RELEASE);
			free(ru->sites[i].text);
			free(ru->sites[i].cc);  /* as safe as the site itself:
						   its code is gone */
		}
		free(ru->sites);
		free(ru->objnames);
		free(ru->objtext);
		free(ru->obj.path);
		free(ru->recerr);
		rebuild = 1;
	} else {
		__atomic_sub_fetch(&unparsed, 1, __ATOMIC_RELEASE);
	}
	u->rt = NULL;
	free(ru->text);
	free(ru);
	return rebuild;
}

/* Unregisters those of the n units of us that are registered (a patch's
   are not) in one pass over the list and with at most one rebuild of the
   address map: a library of many units unloads in time linear in the
   units, and retires one map, not one per unit. */
static void unregister_many(struct tf_unit *const *us, size_t n)
{
	struct tf_unit **pp, *prev = NULL;
	size_t k, left = 0;
	int rebuild = 0;

	pthread_rwlock_wrlock(&reg_lock);
	for (k = 0; k < n; k++)
		if (us[k] && us[k]->rt) {
			((struct reg_unit *)us[k]->rt)->going = 1;
			left++;
		}
	for (pp = &units; *pp && left;) {
		struct tf_unit *u = *pp;
		if (!((struct reg_unit *)u->rt)->going) {
			prev = u;
			pp = &u->next;
			continue;
		}
		*pp = u->next;
		if (units_tail == u)
			units_tail = prev;
		rebuild |= unit_drop(u);        /* u->rt = NULL */
		left--;
	}
	for (k = 0; k < n; k++)         /* marked but not on the list */
		if (us[k] && us[k]->rt)
			((struct reg_unit *)us[k]->rt)->going = 0;
	if (rebuild)
		addr_rebuild();
	pthread_rwlock_unlock(&reg_lock);
}

void tf__unregister(struct tf_unit *u)
{
	unregister_many(&u, 1);
}

/* Units the runtime made from notes (TF__REG_DEFINE in trap.h), by note:
   tf__unregister_units finds them there.  Under note_lock. */
static struct note_unit {
	const char *note;
	struct tf_unit *u;
} *note_units;
static size_t n_note_units, cap_note_units;
static pthread_mutex_t note_lock = PTHREAD_MUTEX_INITIALIZER;

/* The next of a linked object's notes (TF__REG_DEFINE in trap.h), from
   *p on; its description, 16 bytes in, is 20 bytes: the offsets from it
   of the site array, the unit record and the objects, then the site and
   object counts.  A note of another trap ABI (a unit whose layout this
   runtime cannot read) is logged and skipped.  NULL at the end. */
static const char *next_note(const char **p, const char *to)
{
	while (*p && to - *p >= 36) {
		const char *n = *p;
		uint32_t nsz, dsz, type;
		memcpy(&nsz, n, 4);
		memcpy(&dsz, n + 4, 4);
		memcpy(&type, n + 8, 4);
		if (nsz != 3 || memcmp(n + 12, "tf", 3) || dsz % 4 ||
		    dsz > (size_t)(to - n - 16)) {
			*p = NULL;              /* not ours: stop */
			return NULL;
		}
		*p = n + 16 + dsz;
		if (type != TF_ABI_VERSION || dsz != 20) {
			log_msg("tf__register: a unit built for trap ABI %u "
				"ignored, this runtime has %u; rebuild it with "
				"this tfcc", (unsigned)type, TF_ABI_VERSION);
			continue;
		}
		return n;
	}
	return NULL;
}

static const void *at_offset(const char *base, const char *field)
{
	int32_t off;
	memcpy(&off, field, 4);
	return base + off;
}

void tf__register_units(const char *from, const char *to)
{
	const char *note;
	uint32_t n, nobjs;

	while ((note = next_note(&from, to))) {
		const char *d = note + 16;
		struct tf_unit *u = calloc(1, sizeof *u);
		struct note_unit *t;
		if (!u)
			return;
		memcpy(&n, d + 12, 4);
		memcpy(&nobjs, d + 16, 4);
		u->abi = TF_ABI_VERSION;
		u->nsites = n;
		u->sites = (struct tf_site *)at_offset(d, d);
		u->info = at_offset(d, d + 4);
		u->nobjs = nobjs;
		u->objs = nobjs ? at_offset(d, d + 8) : NULL;
		pthread_mutex_lock(&note_lock);
		t = note_units;
		if (n_note_units == cap_note_units) {   /* doubling: a program
							   of thousands of units */
			size_t cap = cap_note_units ? 2 * cap_note_units : 64;
			if ((t = realloc(note_units, cap * sizeof *t))) {
				note_units = t;
				cap_note_units = cap;
			}
		}
		if (t) {
			t[n_note_units].note = note;
			t[n_note_units++].u = u;
		}
		pthread_mutex_unlock(&note_lock);
		if (!t) {
			free(u);
			return;
		}
		tf__register(u);
	}
}

/* The units of the notes from..to, taken off note_units into us (at most
   cap); returns how many. */
static size_t note_units_take(const char *from, const char *to,
			      struct tf_unit **us, size_t cap)
{
	const char *note;
	size_t n = 0;

	pthread_mutex_lock(&note_lock);
	while (n < cap && (note = next_note(&from, to)))
		for (size_t k = n_note_units; k-- > 0;)
			if (note_units[k].note == note) {
				us[n++] = note_units[k].u;
				note_units[k] = note_units[--n_note_units];
				break;
			}
	pthread_mutex_unlock(&note_lock);
	return n;
}

void tf__unregister_units(const char *from, const char *to)
{
	const char *p = from;
	struct tf_unit *one, **us;
	size_t cap = 0, n, k;

	while (next_note(&p, to))
		cap++;
	if (!cap)
		return;
	if (!(us = calloc(cap, sizeof *us))) {  /* no memory: one by one */
		while (note_units_take(from, to, &one, 1)) {
			tf__unregister(one);
			free(one);
		}
		return;
	}
	n = note_units_take(from, to, us, cap);
	unregister_many(us, n);
	for (k = 0; k < n; k++)
		free(us[k]);
	free(us);
}

struct reg_site *reg_site(struct tf_site *s)
{
	struct reg_site *rs;
	if (!s)
		return NULL;
	rs = __atomic_load_n(&s->rt, __ATOMIC_ACQUIRE);
	return rs && rs->site == s && !rs->unit->dead ? rs : NULL;
}

static int file_matches(const char *file, const struct reg_site *rs)
{
	return !file || !strcmp(file, rs->file) ||
	       !strcmp(file, base_name(rs->file));
}

int reg_glob_match(const char *glob, const struct reg_site *rs)
{
	const char *colon;
	char buf[1024];

	if (!glob)
		return 1;
	colon = strchr(glob, ':');
	if (!colon)
		return fnmatch(glob, rs->name, 0) == 0;
	snprintf(buf, sizeof buf, "%s:%s", rs->file, rs->name);
	if (fnmatch(glob, buf, 0) == 0)
		return 1;
	snprintf(buf, sizeof buf, "%s:%s", base_name(rs->file), rs->name);
	return fnmatch(glob, buf, 0) == 0;
}

void reg_each(const char *glob, int (*fn)(struct reg_site *, void *),
	      void *arg)
{
	struct tf_unit *u;
	unsigned i;

	reg_parse_all();
	pthread_rwlock_rdlock(&reg_lock);
	for (u = units; u; u = u->next) {
		struct reg_unit *ru = u->rt;
		for (i = 0; ru->sites && i < u->nsites; i++)
			if (reg_glob_match(glob, &ru->sites[i]) &&
			    fn(&ru->sites[i], arg))
				goto out;
	}
out:
	pthread_rwlock_unlock(&reg_lock);
}

void reg_counts(unsigned *nu, unsigned *ns)
{
	pthread_rwlock_rdlock(&reg_lock);
	*nu = nunits;
	*ns = nsites;
	pthread_rwlock_unlock(&reg_lock);
}

size_t reg_find(const char *file, const char *name, struct reg_site **out,
		size_t max)
{
	struct tf_unit *u;
	size_t n = 0;
	unsigned i;

	for (u = units; u; u = u->next) {
		struct reg_unit *ru = u->rt;
		for (i = 0; ru->sites && i < u->nsites; i++) {
			struct reg_site *rs = &ru->sites[i];
			if (strcmp(rs->name, name) || !file_matches(file, rs))
				continue;
			if (n < max)
				out[n] = rs;
			n++;
		}
	}
	return n;
}

/* ---- public look-ups ---- */

struct tf_site *tf_site_find_in(const char *file, const char *name)
{
	struct reg_site *rs = NULL;
	if (!name)
		return NULL;
	reg_parse_all();
	pthread_rwlock_rdlock(&reg_lock);
	reg_find(file, name, &rs, 1);
	pthread_rwlock_unlock(&reg_lock);
	return rs ? rs->site : NULL;
}

struct tf_site *tf_site_find(const char *name)
{
	return tf_site_find_in(NULL, name);
}

struct tf_site *tf_site_of(tf_fnptr fn)
{
	struct addr_map *m;
	size_t h;

	if (!fn)
		return NULL;
	reg_parse_all();
	m = __atomic_load_n(&addr_map, __ATOMIC_ACQUIRE);
	if (!m)
		return NULL;
	h = hash_addr(fn, m->cap);
	while (m->e[h].fn && m->e[h].fn != fn)
		h = (h + 1) & (m->cap - 1);
	return m->e[h].fn ? m->e[h].site : NULL;
}

struct sites_arg {
	struct tf_site **out;
	size_t max, n;
};

static int sites_cb(struct reg_site *rs, void *arg)
{
	struct sites_arg *a = arg;
	if (a->n < a->max)
		a->out[a->n] = rs->site;
	a->n++;
	return 0;
}

size_t tf_sites(struct tf_site **out, size_t max, const char *glob)
{
	struct sites_arg a = { out, out ? max : 0, 0 };
	reg_each(glob, sites_cb, &a);
	return a.n;
}

void *tf_object_find(const char *file, const char *name)
{
	struct tf_unit *u;
	void *addr = NULL;
	unsigned i;

	if (!file || !name)
		return NULL;
	reg_parse_all();
	pthread_rwlock_rdlock(&reg_lock);
	for (u = units; u && !addr; u = u->next) {
		struct reg_unit *ru = u->rt;
		const char *uf = ru->file ? ru->file : "";
		if (strcmp(file, uf) && strcmp(file, base_name(uf)))
			continue;
		for (i = 0; ru->objnames && i < u->nobjs && !addr; i++)
			if (ru->objnames[i] && !strcmp(ru->objnames[i], name))
				addr = u->objs[i];
	}
	pthread_rwlock_unlock(&reg_lock);
	return addr;
}

/* ---- site accessors ---- */

static struct reg_site *rs_of(const struct tf_site *s)
{
	if (!s)
		return NULL;
	if (!__atomic_load_n(&s->rt, __ATOMIC_ACQUIRE))
		reg_parse_all();
	return __atomic_load_n(&s->rt, __ATOMIC_ACQUIRE);
}

const char *tf_site_name(const struct tf_site *s)
{
	struct reg_site *rs = rs_of(s);
	return rs ? rs->name : NULL;
}

const char *tf_site_file(const struct tf_site *s)
{
	struct reg_site *rs = rs_of(s);
	return rs ? rs->file : NULL;
}

const char *tf_site_sig(const struct tf_site *s)
{
	struct reg_site *rs = rs_of(s);
	return rs ? rs->sig : NULL;
}

int tf_site_line(const struct tf_site *s)
{
	struct reg_site *rs = rs_of(s);
	return rs ? rs->line : 0;
}

const char *tf_site_get(const struct tf_site *s, const char *key)
{
	struct reg_site *rs = rs_of(s);
	if (!rs || !key)
		return NULL;
	if (!strcmp(key, TF_INFO_NAME)) return rs->name;
	if (!strcmp(key, TF_INFO_FILE)) return rs->file;
	if (!strcmp(key, TF_INFO_SIG)) return rs->sig;
	if (!strcmp(key, TF_INFO_SIGHASH)) return rs->sighash;
	if (!strcmp(key, TF_INFO_BODYHASH)) return rs->bodyhash;
	if (!strcmp(key, TF_INFO_RET)) return rs->ret;
	if (!strcmp(key, TF_INFO_PARAMS)) return rs->params;
	if (!strcmp(key, TF_INFO_FLAGS)) return rs->flagstr;
	if (!strcmp(key, TF_INFO_VARIANT)) return rs->variant;
	if (!strcmp(key, "object")) return rs->unit->obj.path;
	if (!strcmp(key, "buildid")) return rs->unit->obj.buildid;
	return NULL;
}
