/*
** Patch loader: the control ops load, unload and list.  A patch is read
** and checked from its file, dlopen'ed with its units kept apart from
** the live registry, verified against the running target, bound, and
** only then activated as one replacement layer per changed function.
*/

/*
** Design and invariants
** ---------------------
**
** All loader state is under patch_lock (loads are serialized).  Patches
** are kept forever in load order (never dlclose'd once activated: a
** thread may still run their code); unloading only clears `loaded`.
**
** Each replaced target site gets a process-wide replacement tagged with
** the patch id (disp_replace); dispatch stacks them, the newest on top.
** The patch's own sites (its functions are instrumented too) are steered
** by their slots, written only here:
**   - a function this patch replaces and whose layer is the topmost
**     *patch* layer of its target: 0 (run its own body);
**   - any other function with a target (unchanged, replaced but covered
**     by a newer patch, or of an unloaded patch): the target's function,
**     which dispatches to whatever is live;
**   - a new function (no target): 0.
** So a call that lands in an old version's code reaches the live one.
** Slots are recomputed for all patches on every load and unload, in two
** passes around the layer change: zeros first, forwards after.  At no
** moment does a target's live layer forward back to the target (which
** would loop): a site becomes top only after its slot is 0, and starts
** forwarding only after a newer layer covers it.  Only patch layers
** (tag > 0) count as "top": mocks attached with tf_replace may come and
** go without the loader knowing, and cannot create a loop this way.
*/
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <json-c/json.h>
#include <link.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <time.h>
#include <unistd.h>

#include "patch_int.h"

enum { PS_NEW, PS_SAME, PS_REPL };

/* One function of a patch (one site of its units). */
struct psite {
	struct tf_site *site;   /* the patch's own site */
	char *text;             /* owned copy of its record */
	const char *name, *file, *sig, *sighash, *bodyhash, *flags, *variant;
	struct tf_site *target; /* the running one (NULL: new function) */
	tf_fnptr target_fn;
	int state;              /* PS_* */
	struct tf_hook *hook;   /* its layer, while loaded */
};

struct patch {
	int id, loaded;
	int settled;            /* unloaded and slots published: final */
	char *path;
	double loaded_at;
	void *handle;
	struct psite *ps;
	size_t nps;
};

/* Units registered by the patch being dlopen'ed, on this thread. */
struct claim {
	struct tf_unit **u;
	size_t n;
	int oom;
};

static pthread_mutex_t patch_lock = PTHREAD_MUTEX_INITIALIZER;
static struct patch **patches;  /* load order; never shrinks */
static size_t npatches;
static TF_TLS struct claim *claiming;

int patch_claim(struct tf_unit *u)
{
	struct claim *c = claiming;
	void *p;

	if (!c)
		return 0;
	if (!(p = realloc(c->u, (c->n + 1) * sizeof *c->u)))
		c->oom = 1;
	else
		(c->u = p)[c->n++] = u;
	return 1;
}

static const char *base_name(const char *p)
{
	const char *s = strrchr(p, '/');
	return s ? s + 1 : p;
}

/* split ps->text in place: a site record (trap.h, TF_INFO_SITE_KEYS)
   followed by its unit's file and variant lines */
static void ps_parse(struct psite *ps)
{
	static const char *const keys[] = TF_INFO_SITE_KEYS;
	const size_t nkeys = sizeof keys / sizeof *keys;
	char *line = ps->text;
	const char *unit_file = "";

	ps->name = ps->file = ps->sig = ps->sighash = ps->bodyhash = "";
	ps->flags = ps->variant = "";
	for (size_t i = 0; *line; i++) {        /* an empty line is "" */
		char *nl = strchr(line, '\n');
		const char *key = i < nkeys ? keys[i] : "";
		if (nl)
			*nl = 0;
		if (!strcmp(key, TF_INFO_NAME)) ps->name = line;
		else if (!strcmp(key, TF_INFO_FILE)) ps->file = line;
		else if (!strcmp(key, TF_INFO_SIG)) ps->sig = line;
		else if (!strcmp(key, TF_INFO_SIGHASH)) ps->sighash = line;
		else if (!strcmp(key, TF_INFO_BODYHASH)) ps->bodyhash = line;
		else if (!strcmp(key, TF_INFO_FLAGS)) ps->flags = line;
		else if (i == nkeys) unit_file = line;
		else if (i == nkeys + 1) ps->variant = line;
		if (!nl)
			break;
		line = nl + 1;
	}
	if (!*ps->file)
		ps->file = unit_file;
}

static int has_flag(const char *flags, const char *f)
{
	size_t n = strlen(f);
	for (; *flags; flags += strcspn(flags, ",") + (flags[strcspn(flags,
								      ",")] != 0))
		if (!strncmp(flags, f, n) && (flags[n] == ',' || !flags[n]))
			return 1;
	return 0;
}

static void patch_free(struct patch *p)
{
	size_t i;
	for (i = 0; p && i < p->nps; i++)
		free(p->ps[i].text);
	if (p)
		free(p->ps);
	if (p)
		free(p->path);
	free(p);
}

/* the patch's functions, from the claimed units; base: where dlopen
   mapped it (its load bias) */
static struct patch *patch_new(const char *path, const char *dlname,
			       const struct claim *c, uintptr_t base,
			       char *err, size_t errlen)
{
	struct patch *p = calloc(1, sizeof *p);
	size_t i, n = 0;
	unsigned k;
	char file[1024], variant[64];
	struct rec_cache cache = {0};

	for (i = 0; i < c->n; i++)
		n += c->u[i]->nsites;
	if (!p || !(p->ps = calloc(n ? n : 1, sizeof *p->ps)) ||
	    !(p->path = strdup(path)))
		goto oom;
	for (i = 0; i < c->n; i++) {
		struct tf_unit *u = c->u[i];
		rec_unit_get(u->info, TF_INFO_FILE, file, sizeof file);
		rec_unit_get(u->info, TF_INFO_VARIANT, variant,
			     sizeof variant);
		/* the site records and .fn, from the file dlopen read
		   (trap.h) */
		struct obj_info o = { .path = (char *)dlname, .base = base };
		char *recs = u->info ? rec_sites(u, &o, &cache, err, errlen)
				     : NULL;
		if (!recs) {
			snprintf(err, errlen, "%s: its own site records are not "
				 "readable; rebuild it with tfcc --patch-for; "
				 "nothing was changed", path);
			goto fail;
		}
		const char *info = recs;
		for (k = 0; k < u->nsites; k++) {
			struct psite *ps = &p->ps[p->nps];
			/* the record, then the unit's file and variant */
			size_t len = strlen(file) + strlen(variant) +
				     strlen(info) + 32;
			if (!(ps->text = malloc(len))) {
				free(recs);
				goto oom;
			}
			snprintf(ps->text, len, "%s%s\n%s\n", info, file,
				 variant);
			ps->site = &u->sites[k];
			p->nps++;
			ps_parse(ps);
			info += strlen(info) + 1;  /* the next record */
		}
		free(recs);
	}
	rec_cache_free(&cache);
	return p;
oom:
	snprintf(err, errlen, "out of memory; retry; nothing was changed");
fail:
	rec_cache_free(&cache);
	patch_free(p);
	return NULL;
}

/* ---- verification against the running target ---- */

/* match one patch function to its target site; 0 or -1 with err */
static int ps_match(struct psite *ps, const struct pb_target *t,
		    char *err, size_t errlen)
{
	struct reg_site *c[16], *rs = NULL;
	size_t n = pb_sites(t, ps->file, ps->name, c, 16), i, k = 0;
	char names[384] = "";

	if (n == 0) {
		/* a global function may have moved to another file */
		n = pb_sites(t, NULL, ps->name, c, 16);
		if (n == 1 && !has_flag(ps->flags, "static") &&
		    !(c[0]->flags & RF_STATIC))
			rs = c[0];
	} else if (n == 1) {
		rs = c[0];
	} else {        /* same file built twice: the same macros decide */
		for (i = 0; i < n && i < 16; i++)
			if (!strcmp(c[i]->variant, ps->variant))
				rs = c[i], k++;
		if (k != 1) {
			for (i = 0; i < n && i < 16; i++)
				snprintf(names + strlen(names),
					 sizeof names - strlen(names),
					 "%s%s:%d", i ? ", " : "",
					 c[i]->file, c[i]->line);
			snprintf(err, errlen, "%s() of %s matches %zu functions "
				 "of %s (%s); rebuild the patch from the file "
				 "with the path recorded in the target; nothing "
				 "was changed", ps->name, ps->file, n, t->path,
				 names);
			return -1;
		}
	}
	ps->state = PS_NEW;
	if (!rs)
		return 0;
	if (strcmp(rs->sighash, ps->sighash)) {
		snprintf(err, errlen, "%s() changed signature (patch: %s, "
			 "running: %s); rebuild the patch against the running "
			 "source; nothing was changed", ps->name, ps->sig,
			 rs->sig);
		return -1;
	}
	ps->target = rs->site;
	ps->target_fn = rs->site->fn;
	ps->state = strcmp(rs->bodyhash, ps->bodyhash) ? PS_REPL : PS_SAME;
	if (ps->state == PS_REPL && (rs->flags & RF_VARIADIC)) {
		snprintf(err, errlen, "%s() is variadic and cannot be replaced "
			 "(its arguments cannot be forwarded); fix its callers "
			 "instead; nothing was changed", ps->name);
		return -1;
	}
	if (ps->state == PS_REPL && !ps->site->fn) {
		snprintf(err, errlen, "%s() is inline-only in the patch, so "
			 "there is no function to run instead; declare it "
			 "extern (or static) in the patch; nothing was changed",
			 ps->name);
		return -1;
	}
	return 0;
}

/* why the target is not there: one error line */
static void wrong_target(const struct pf_file *f, char *err, size_t errlen)
{
	struct obj_info o;
	struct tf_site *all[512];
	size_t n = tf_sites(all, 512, NULL), i;

	/* a loaded object with the target's file name, else the program */
	memset(&o, 0, sizeof o);
	for (i = 0; i < n && i < 512 && !o.path; i++) {
		const char *obj = tf_site_get(all[i], "object");
		if (obj && !strcmp(base_name(obj), base_name(f->target))) {
			snprintf(o.buildid, sizeof o.buildid, "%s",
				 tf_site_get(all[i], "buildid"));
			o.path = strdup(obj);
		}
	}
	if (!o.path)
		obj_lookup((const void *)getauxval(AT_PHDR), &o);
	snprintf(err, errlen, "%s was built for build-id %s (%s), but process "
		 "%d runs %s (%s); rebuild the patch with --patch-for=%s; "
		 "nothing was changed", f->path, f->buildid, f->target,
		 (int)getpid(), o.buildid[0] ? o.buildid : "(none)",
		 o.path ? o.path : "?", o.path && *o.path ? o.path :
		 "<the running binary>");
	free(o.path);
}

/* ---- activation: layers and the patch sites' slots ---- */

/* the newest loaded patch with a layer on target t, or NULL */
static const struct patch *top_of(const struct tf_site *t)
{
	size_t i, k;
	for (i = npatches; i-- > 0;) {
		const struct patch *p = patches[i];
		for (k = 0; p->loaded && k < p->nps; k++)
			if (p->ps[k].target == t && p->ps[k].state == PS_REPL)
				return p;
	}
	return NULL;
}

/* Store the slot each patch site should have; pass 0 stores the zeros,
   pass 1 the forwards (see the invariants at the top). */
static void slots_publish(int pass)
{
	size_t i, k;

	for (i = 0; i < npatches; i++) {
		struct patch *p = patches[i];
		/* an unloaded patch's slots never change once published:
		   skip them (each lives in its own mapping; touching
		   hundreds of them cost more than the load itself) */
		if (p->settled)
			continue;
		if (pass == 1 && !p->loaded)
			p->settled = 1;
		for (k = 0; k < p->nps; k++) {
			const struct psite *ps = &p->ps[k];
			tf_fnptr want = ps->target_fn;
			/* top_of() returns only loaded patches: skipping it
			   for unloaded ones keeps a load O(loaded x all),
			   not O(all^2), as unloaded patches pile up */
			if (!ps->target || (ps->state == PS_REPL && p->loaded &&
					    top_of(ps->target) == p))
				want = 0;
			if ((pass == 0) == (want == 0))
				site_publish(ps->site, want);
		}
	}
}

/* push p's layers (caller holds the registry read lock); 0 or -1 */
static int layers_push(struct patch *p, char *err, size_t errlen)
{
	size_t k, j;

	for (k = 0; k < p->nps; k++) {
		struct psite *ps = &p->ps[k];
		struct reg_site *rs;
		if (ps->state != PS_REPL)
			continue;
		rs = reg_site(ps->target);
		ps->hook = rs ? disp_replace(rs, ps->site->fn, TF_PROCESS,
					     p->id, err, errlen) : NULL;
		if (!ps->hook) {
			if (!rs)
				snprintf(err, errlen, "%s() went away while "
					 "the patch was loading; retry; nothing "
					 "was changed", ps->name);
			for (j = 0; j < k; j++)
				if (p->ps[j].hook) {
					disp_undo(p->ps[j].hook);
					p->ps[j].hook = NULL;
				}
			return -1;
		}
	}
	return 0;
}

static void layers_pop(struct patch *p)
{
	size_t k;
	for (k = 0; k < p->nps; k++)
		if (p->ps[k].hook) {
			disp_undo(p->ps[k].hook);
			p->ps[k].hook = NULL;
		}
}

static json_object *names_of(const struct patch *p, int state)
{
	json_object *a = json_object_new_array();
	size_t k;
	for (k = 0; k < p->nps; k++)
		if (p->ps[k].state == state)
			json_object_array_add(a, json_object_new_string(
						      p->ps[k].name));
	return a;
}

/* ---- load ---- */

/* dlopen f with the registry claiming its units; NULL with err */
static void *open_pending(struct pf_file *f, struct claim *c, char *err,
			  size_t errlen)
{
	void *h;
	int tries;

	/* a stale object under our /proc/self/fd name would be returned by
	   dlopen as it is: move to another fd number until the name is new */
	for (tries = 0; tries < 8 && (h = pb_dlopen(f->dlname, RTLD_NOW |
						 RTLD_NOLOAD)); tries++) {
		int fd = dup(f->fd);
		dlclose(h);
		if (fd < 0)
			break;
		close(f->fd);
		f->fd = fd;
		snprintf(f->dlname, sizeof f->dlname, "/proc/self/fd/%d", fd);
	}
	claiming = c;
	errno = 0;
	h = pb_dlopen(f->dlname, RTLD_NOW | RTLD_LOCAL);
	claiming = NULL;
	if (!h && errno == ENOSYS) {
		snprintf(err, errlen, "cannot load %s: this program was linked "
			 "-static and has no dynamic loader; rebuild it without "
			 "-static to patch it; nothing was changed", f->path);
		return NULL;
	}
	if (!h) {
		const char *e = dlerror();
		snprintf(err, errlen, "cannot dlopen %s: %s; check that its "
			 "libraries are installed; nothing was changed",
			 f->path, e ? e : "unknown error");
		return NULL;
	}
	if (c->oom || c->n == 0) {
		snprintf(err, errlen, c->oom ? "%s: out of memory while "
			 "loading; retry; nothing was changed" : "%s has no "
			 "instrumented functions (no tigerfix unit registered); "
			 "build it with tfcc --patch-for; nothing was changed",
			 f->path);
		dlclose(h);
		return NULL;
	}
	return h;
}

/* verify, bind and activate an opened patch; caller holds patch_lock
   and the registry read lock.  0, or -1 with err and nothing changed. */
static int activate(struct patch *p, struct pf_file *f, char *err,
		    size_t errlen)
{
	struct pb_target t;
	struct link_map *lm = NULL;
	struct patch **np;
	size_t k;
	int r = pb_target(&t, f->buildid);

	if (r) {
		snprintf(err, errlen, r == -2 ? "out of memory; retry; nothing "
			 "was changed" : "the target of %s (%s) went away while "
			 "loading; nothing was changed", f->path, f->target);
		return -1;
	}
	for (k = 0, r = 0; k < p->nps && !r; k++)
		r = ps_match(&p->ps[k], &t, err, errlen);
	if (!r)
		r = pb_resolve(f, &t, err, errlen);
	pb_target_free(&t);
	if (r)
		return -1;
	if (dlinfo(p->handle, RTLD_DI_LINKMAP, &lm) || !lm) {
		snprintf(err, errlen, "%s: cannot find where it was mapped; "
			 "nothing was changed", f->path);
		return -1;
	}
	if (!(np = realloc(patches, (npatches + 1) * sizeof *np))) {
		snprintf(err, errlen, "out of memory; retry; nothing was "
			 "changed");
		return -1;
	}
	patches = np;
	if (pb_fill(f, lm->l_addr, err, errlen))
		return -1;
	p->id = npatches ? patches[npatches - 1]->id + 1 : 1;
	p->loaded = 1;
	patches[npatches++] = p;
	slots_publish(0);
	if (layers_push(p, err, errlen)) {
		p->loaded = 0;
		npatches--;
		p->handle = NULL;       /* a thread may have entered it */
		return -1;
	}
	slots_publish(1);
	return 0;
}

int patch_op_load(json_object *req, json_object *ans, char *err,
		  size_t errlen)
{
	struct claim c = { NULL, 0, 0 };
	struct pf_file f;
	struct patch *p = NULL;
	struct timespec now;
	json_object *v;
	void *h;
	int r = -1;

	if (!json_object_object_get_ex(req, "path", &v) ||
	    !json_object_is_type(v, json_type_string) ||
	    !*json_object_get_string(v)) {
		snprintf(err, errlen, "load: \"path\" must be the path of a "
			 "patch; send e.g. {\"op\":\"load\",\"path\":"
			 "\"/abs/fix.so\"}");
		return -1;
	}
	pthread_mutex_lock(&patch_lock);
	if (pf_open(&f, json_object_get_string(v), err, errlen))
		goto out;
	reg_parse_all();
	{
		struct pb_target t;
		reg_rdlock();
		r = pb_target(&t, f.buildid);
		/* a target whose site records are unreadable: every patch
		   function would look new, and nothing would be replaced */
		for (size_t k = 0; !r && k < t.nunits; k++)
			if (t.units[k]->recerr) {
				snprintf(err, errlen, "%s; nothing was changed",
					 t.units[k]->recerr);
				r = 1;
			}
		pb_target_free(&t);
		reg_unlock();
		if (r == 1) {
			pf_close(&f, 0);
			r = -1;
			goto out;
		}
		if (r) {
			wrong_target(&f, err, errlen);
			pf_close(&f, 0);
			r = -1;
			goto out;
		}
	}
	r = -1;
	if (!(h = open_pending(&f, &c, err, errlen))) {
		pf_close(&f, 0);
		goto out;
	}
	struct link_map *hm = NULL;
	if (dlinfo(h, RTLD_DI_LINKMAP, &hm) || !hm ||
	    !(p = patch_new(f.path, f.dlname, &c, hm->l_addr, err, errlen))) {
		if (!hm)
			snprintf(err, errlen, "%s: cannot find where it was "
				 "mapped; nothing was changed", f.path);
		dlclose(h);
		pf_close(&f, 0);
		goto out;
	}
	p->handle = h;
	reg_parse_all();
	reg_rdlock();
	r = activate(p, &f, err, errlen);
	reg_unlock();
	if (r) {
		if (p->handle)  /* its destructors find nothing registered */
			dlclose(h);
		else            /* its code may be running: keep it */
			p->ps = NULL, p->nps = 0;
		patch_free(p);
		pf_close(&f, 0);
		goto out;
	}
	pf_close(&f, 1);        /* the memfd keeps dlopen's name unique */
	clock_gettime(CLOCK_REALTIME, &now);
	p->loaded_at = (double)now.tv_sec + now.tv_nsec / 1e9;
	log_msg("patch: loaded %s as patch %d", p->path, p->id);
	json_object_object_add(ans, "id", json_object_new_int(p->id));
	json_object_object_add(ans, "replaced", names_of(p, PS_REPL));
	json_object_object_add(ans, "unchanged", names_of(p, PS_SAME));
	json_object_object_add(ans, "new", names_of(p, PS_NEW));
out:
	pthread_mutex_unlock(&patch_lock);
	free(c.u);
	return r;
}

/* ---- unload, list ---- */

int patch_op_unload(json_object *req, json_object *ans, char *err,
		    size_t errlen)
{
	json_object *v;
	struct patch *p = NULL;
	size_t i;
	int id;

	if (!json_object_object_get_ex(req, "id", &v) ||
	    !json_object_is_type(v, json_type_int) ||
	    (id = json_object_get_int(v)) <= 0) {
		snprintf(err, errlen, "unload: \"id\" must be a patch id (a "
			 "positive number, see list); send e.g. "
			 "{\"op\":\"unload\",\"id\":1}");
		return -1;
	}
	pthread_mutex_lock(&patch_lock);
	for (i = 0; i < npatches; i++)
		if (patches[i]->id == id)
			p = patches[i];
	if (!p || !p->loaded) {
		char ids[256] = "";
		for (i = 0; i < npatches; i++)
			if (patches[i]->loaded)
				snprintf(ids + strlen(ids), sizeof ids -
					 strlen(ids), "%s%d", *ids ? ", " : "",
					 patches[i]->id);
		snprintf(err, errlen, "patch %d %s in process %d (loaded: %s); "
			 "see tfctl list; nothing was changed", id, p ?
			 "was already unloaded" : "does not exist",
			 (int)getpid(), *ids ? ids : "none");
		pthread_mutex_unlock(&patch_lock);
		return -1;
	}
	reg_rdlock();
	p->loaded = 0;
	slots_publish(0);
	layers_pop(p);
	slots_publish(1);
	reg_unlock();
	log_msg("patch: unloaded patch %d (%s)", p->id, p->path);
	json_object_object_add(ans, "id", json_object_new_int(id));
	json_object_object_add(ans, "restored", names_of(p, PS_REPL));
	pthread_mutex_unlock(&patch_lock);
	return 0;
}

void patch_list(json_object *arr)
{
	size_t i;

	pthread_mutex_lock(&patch_lock);
	for (i = 0; i < npatches; i++) {
		const struct patch *p = patches[i];
		json_object *o;
		if (!p->loaded)
			continue;
		o = json_object_new_object();
		json_object_object_add(o, "id", json_object_new_int(p->id));
		json_object_object_add(o, "path",
				       json_object_new_string(p->path));
		json_object_object_add(o, "replaced", names_of(p, PS_REPL));
		json_object_object_add(o, "loaded_at",
				       json_object_new_double(p->loaded_at));
		json_object_array_add(arr, o);
	}
	pthread_mutex_unlock(&patch_lock);
}

unsigned patch_count(void)
{
	unsigned n = 0;
	size_t i;

	pthread_mutex_lock(&patch_lock);
	for (i = 0; i < npatches; i++)
		n += patches[i]->loaded != 0;
	pthread_mutex_unlock(&patch_lock);
	return n;
}
