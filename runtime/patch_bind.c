/*
** Patch imports: find the target object among the registered units,
** resolve each tf.imp.<kind>.<file>.<name> symbol of a patch to the
** running program's object or function, and write the addresses into
** the patch's GOT/PLT/data slots before anything is activated.
*/
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "patch_int.h"

static const char *base_name(const char *p)
{
	const char *s = strrchr(p, '/');
	return s ? s + 1 : p;
}

struct collect {
	struct pb_target *t;
	int oom;
};

static int collect_cb(struct reg_site *rs, void *arg)
{
	struct collect *c = arg;
	struct pb_target *t = c->t;
	size_t i;
	void *p;

	if (strcmp(rs->unit->obj.buildid, t->buildid))
		return 0;
	if (!(p = realloc(t->sites, (t->nsites + 1) * sizeof *t->sites)))
		return c->oom = 1;
	t->sites = p;
	t->sites[t->nsites++] = rs;
	for (i = 0; i < t->nunits && t->units[i] != rs->unit; i++)
		;
	if (i == t->nunits) {
		if (!(p = realloc(t->units, (t->nunits + 1) * sizeof *t->units)))
			return c->oom = 1;
		t->units = p;
		t->units[t->nunits++] = rs->unit;
		t->path = rs->unit->obj.path;
	}
	return 0;
}

int pb_target(struct pb_target *t, const char *buildid)
{
	struct collect c = { t, 0 };

	memset(t, 0, sizeof *t);
	t->buildid = buildid;
	if (!*buildid)
		return -1;
	reg_each(NULL, collect_cb, &c);  /* nested read lock: allowed */
	if (c.oom)
		return -2;
	return t->nunits ? 0 : -1;
}

void pb_target_free(struct pb_target *t)
{
	free(t->sites);
	free(t->units);
	memset(t, 0, sizeof *t);
}

size_t pb_sites(const struct pb_target *t, const char *file,
		const char *name, struct reg_site **out, size_t max)
{
	size_t i, n = 0;
	int pass;

	for (pass = 0; pass < 3; pass++) {
		for (i = 0; i < t->nsites; i++) {
			struct reg_site *rs = t->sites[i];
			if (strcmp(rs->name, name))
				continue;
			if (pass == 0 && (!file || !*file ||
					  strcmp(rs->file, file)))
				continue;
			if (pass == 1 && (!file || !*file ||
					  strcmp(base_name(rs->file),
						 base_name(file))))
				continue;
			if (pass == 2 && file && *file)
				continue;
			if (n < max)
				out[n] = rs;
			n++;
		}
		if (n)
			return n;
	}
	return 0;
}

/* an object export of the target: file by path, then basename; ""
   any file (then it must be unique).  *many counts the matches; *gone
   those gcc never emitted (a static local of a function it dropped: the
   export's address is 0), which are not matches. */
static void *find_object(const struct pb_target *t, const char *file,
			 const char *name, size_t *many, size_t *gone)
{
	void *addr = NULL;
	size_t i, n = 0;
	unsigned k;
	int pass;

	*gone = 0;
	for (pass = 0; pass < 2 && !n; pass++) {
		for (i = 0; i < t->nunits; i++) {
			const struct tf_unit *u = t->units[i]->u;
			const char **names = t->units[i]->objnames;
			const char *uf = t->units[i]->file ?
					 t->units[i]->file : "";
			if (*file && (pass == 0 ? strcmp(uf, file) :
				      strcmp(base_name(uf), base_name(file))))
				continue;
			for (k = 0; names && k < u->nobjs; k++)
				if (names[k] && !strcmp(names[k], name)) {
					if (!u->objs[k])
						++*gone;
					else if (!n++)
						addr = u->objs[k];
				}
		}
		if (!*file)
			break;
	}
	*many = n;
	return addr;
}

void *pb_dlopen(const char *file, int mode)
{
	static void *fn;
	void *(*f)(const char *, int);
	void *p = __atomic_load_n(&fn, __ATOMIC_ACQUIRE);

	if (!p) {
		p = dlsym(RTLD_DEFAULT, "dlopen");
		if (!p) {
			errno = ENOSYS;
			return NULL;
		}
		__atomic_store_n(&fn, p, __ATOMIC_RELEASE);
	}
	memcpy(&f, &p, sizeof f);       /* object to function pointer */
	return f(file, mode);
}

/* the target's dynamic symbol, then any global one */
static void *find_dynamic(const struct pb_target *t, const char *name)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	void *h, *addr = NULL;

	exe[n > 0 ? n : 0] = 0;
	h = !strcmp(exe, t->path) ? pb_dlopen(NULL, RTLD_LAZY) :
	    pb_dlopen(t->path, RTLD_LAZY | RTLD_NOLOAD);
	if (h) {
		addr = dlsym(h, name);
		dlclose(h);
	}
	return addr ? addr : dlsym(RTLD_DEFAULT, name);
}

static int resolve_one(struct pf_import *im, const struct pb_target *t,
		       const char *patch, char *err, size_t errlen)
{
	struct reg_site *rs[8];
	size_t n = 0, i;
	char names[256] = "";

	if (im->is_func) {
		n = pb_sites(t, im->file, im->name, rs, 8);
		if (n == 1 && rs[0]->site->fn) {
			im->addr = (uintptr_t)rs[0]->site->fn;
			return 0;
		}
		if (n == 1) {
			snprintf(err, errlen, "%s: the patch calls %s() of %s, "
				 "which %s; copy its definition into the patch "
				 "source; nothing was changed", patch, im->name,
				 t->path, disp_no_fn(rs[0]));
			return -1;
		}
		for (i = 0; i < n && i < 8; i++)
			snprintf(names + strlen(names),
				 sizeof names - strlen(names), "%s%s",
				 i ? ", " : "", rs[i]->file);
	} else {
		size_t gone;
		void *a = find_object(t, im->file, im->name, &n, &gone);
		if (n == 1) {
			im->addr = (uintptr_t)a;
			return 0;
		}
		if (!n && gone) {
			snprintf(err, errlen, "%s: import object %s%s%s has no "
				 "storage in %s: the compiler never emitted its "
				 "function there (unused or dead code), so the "
				 "running program has none to bind to; mark it "
				 "TF_NEW in the patch to give the patch its own; "
				 "nothing was changed", patch, im->file,
				 *im->file ? ":" : "", im->name, t->path);
			return -1;
		}
	}
	if (n > 1) {
		snprintf(err, errlen, "%s: import %s%s%s is ambiguous: %zu "
			 "files of %s define it%s%s; rebuild the patch naming "
			 "the file; nothing was changed", patch, im->file,
			 *im->file ? ":" : "", im->name, n, t->path,
			 *names ? ": " : "", names);
		return -1;
	}
	im->addr = (uintptr_t)find_dynamic(t, im->name);
	if (im->addr)
		return 0;
	snprintf(err, errlen, "%s: import %s %s%s%s not found in %s (no "
		 "instrumented unit exports it and no dynamic symbol has "
		 "that name); rebuild the patch against the running source; "
		 "nothing was changed", patch, im->is_func ? "function" :
		 "object", im->file, *im->file ? ":" : "", im->name, t->path);
	return -1;
}

int pb_resolve(struct pf_file *f, const struct pb_target *t, char *err,
	       size_t errlen)
{
	size_t i;

	for (i = 0; i < f->nimps; i++)
		if (resolve_one(&f->imps[i], t, f->path, err, errlen))
			return -1;
	return 0;
}

/* write one slot; a RELRO page is made writable for the write only */
static void write_slot(const struct pf_file *f, const struct pf_reloc *r,
		       uintptr_t l_addr, uint64_t val, int size)
{
	uintptr_t addr = l_addr + (uintptr_t)r->offset;
	long pg = sysconf(_SC_PAGESIZE);
	uintptr_t page = addr & ~(uintptr_t)(pg - 1);
	size_t span = addr + (uintptr_t)size - page;
	int ro = pf_writable(f, r->offset, r->offset + (uint64_t)size) == 0;

	if (ro)
		mprotect((void *)page, span, PROT_READ | PROT_WRITE);
	if (size == 8)
		__atomic_store_n((uint64_t *)addr, val, __ATOMIC_RELAXED);
	else
		memcpy((void *)addr, &val, (size_t)size);
	if (ro)
		mprotect((void *)page, span, PROT_READ);
}

int pb_fill(const struct pf_file *f, uintptr_t l_addr, char *err,
	    size_t errlen)
{
	size_t i;
	uint64_t val;
	int size;

	for (i = 0; i < f->nrels; i++) {    /* check all before writing */
		const struct pf_reloc *r = &f->rels[i];
		size = arch_import_reloc(r->type, 0, 0, &val);
		if (pf_writable(f, r->offset, r->offset + (uint64_t)size) < 0) {
			snprintf(err, errlen, "%s: import %s is used from "
				 "read-only code (a text relocation); compile "
				 "the patch with -fPIC; nothing was changed",
				 f->path, f->imps[r->imp].sym);
			return -1;
		}
	}
	for (i = 0; i < f->nrels; i++) {
		const struct pf_reloc *r = &f->rels[i];
		size = arch_import_reloc(r->type, f->imps[r->imp].addr,
					 r->addend, &val);
		write_slot(f, r, l_addr, val, size);
	}
	return 0;
}
