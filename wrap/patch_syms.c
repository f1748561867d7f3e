/*
** tfcc --patch-for: symbols.  Reads which functions and objects TARGET
** defines (.symtab and .dynsym; copies of library objects made by copy
** relocations do not count), plus the functions of its site records (a
** stripped TARGET keeps those), and turns each undefined reference of a
** patch object to one of them into a weak import, with objcopy:
**   helper -> tf.imp.func..helper      total -> tf.imp.object..total
*/
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "elfsites.h"
#include "patch.h"

static void add(struct psyms *s, const char *name, int is_func)
{
	for (size_t i = 0; i < s->n; i++)
		if (!strcmp(s->name[i], name))
			return;
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 256;
		s->name = realloc(s->name, s->cap * sizeof *s->name);
		s->is_func = realloc(s->is_func, s->cap);
		if (!s->name || !s->is_func) {
			fputs("tfcc: error: out of memory\n", stderr);
			exit(4);
		}
	}
	s->name[s->n] = u_strdup(name);
	s->is_func[s->n++] = (unsigned char)is_func;
}

void ps_free(struct psyms *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->name[i]);
	free(s->name);
	free(s->is_func);
	memset(s, 0, sizeof *s);
}

/* Names we never import: ours, and the implementation's (__x, _X). */
static int reserved(const char *n)
{
	return !strncmp(n, "tf.", 3) || !strncmp(n, "tf_", 3) ||
	       (n[0] == '_' && (n[1] == '_' || (n[1] >= 'A' && n[1] <= 'Z'))) ||
	       strchr(n, '.') || strchr(n, '@');
}

/* Version indexes that name a needed library version (verneed). */
static int needed_version(Elf *e, unsigned idx)
{
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;
	while ((scn = elf_nextscn(e, scn))) {
		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_GNU_verneed)
			continue;
		Elf_Data *d = elf_getdata(scn, NULL);
		size_t off = 0;
		GElf_Verneed vn;
		for (unsigned i = 0; d && i < sh.sh_info; i++) {
			if (!gelf_getverneed(d, off, &vn))
				break;
			size_t aoff = off + vn.vn_aux;
			GElf_Vernaux va;
			for (unsigned k = 0; k < vn.vn_cnt; k++) {
				if (!gelf_getvernaux(d, aoff, &va))
					break;
				if ((va.vna_other & 0x7fff) == idx)
					return 1;
				aoff += va.vna_next;
			}
			off += vn.vn_next;
		}
	}
	return 0;
}

static Elf_Data *versym_data(Elf *e)
{
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;
	while ((scn = elf_nextscn(e, scn)))
		if (gelf_getshdr(scn, &sh) && sh.sh_type == SHT_GNU_versym)
			return elf_getdata(scn, NULL);
	return NULL;
}

/* Calls fn on each symbol of the symbol tables of type want (SHT_*). */
static void each_sym(Elf *e, unsigned want,
		     void (*fn)(Elf *e, const char *name, const GElf_Sym *s,
				size_t i, void *arg), void *arg)
{
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;
	while ((scn = elf_nextscn(e, scn))) {
		if (!gelf_getshdr(scn, &sh) || sh.sh_type != want ||
		    !sh.sh_entsize)
			continue;
		Elf_Data *d = elf_getdata(scn, NULL);
		size_t n = sh.sh_size / sh.sh_entsize;
		for (size_t i = 1; d && i < n; i++) {
			GElf_Sym s;
			const char *name;
			if (!gelf_getsym(d, (int)i, &s) ||
			    !(name = elf_strptr(e, sh.sh_link, s.st_name)) || !*name)
				continue;
			fn(e, name, &s, i, arg);
		}
	}
}

struct tctx {
	struct psyms *out;
	Elf_Data *versym;
};

static void target_sym(Elf *e, const char *name, const GElf_Sym *s,
		       size_t i, void *arg)
{
	struct tctx *t = arg;
	unsigned type = GELF_ST_TYPE(s->st_info);
	if (s->st_shndx == SHN_UNDEF || reserved(name) ||
	    (type != STT_FUNC && type != STT_OBJECT))
		return;
	if (t->versym) {	/* .dynsym: skip copies of library objects */
		GElf_Versym v;
		if (gelf_getversym(t->versym, (int)i, &v) && (v & 0x7fff) > 1 &&
		    needed_version(e, v & 0x7fff))
			return;
	}
	add(t->out, name, type == STT_FUNC);
}

static Elf *open_elf(const char *path, int *fd)
{
	elf_version(EV_CURRENT);
	*fd = open(path, O_RDONLY | O_CLOEXEC);
	if (*fd < 0)
		return NULL;
	Elf *e = elf_begin(*fd, ELF_C_READ, NULL);
	if (!e || elf_kind(e) != ELF_K_ELF) {
		if (e)
			elf_end(e);
		close(*fd);
		return NULL;
	}
	return e;
}

/* a site record names a function of the target, even a stripped one */
static int site_sym(const struct tfelf_rec *r, void *arg)
{
	char buf[1024];
	if (r->kind == TFELF_SITE && *tfelf_getstr(r, "name", buf, sizeof buf) &&
	    !reserved(buf))
		add(arg, buf, 1);
	return 0;
}

int ps_target(const char *target, struct psyms *out)
{
	int fd;
	Elf *e = open_elf(target, &fd);
	if (!e) {
		fprintf(stderr, "tfcc: error: cannot read the symbols of %s: %s; "
			"give the program's executable or library file\n", target,
			errno ? strerror(errno) : elf_errmsg(-1));
		return -1;
	}
	struct tctx t = { out, NULL };
	each_sym(e, SHT_SYMTAB, target_sym, &t);
	t.versym = versym_data(e);
	each_sym(e, SHT_DYNSYM, target_sym, &t);
	elf_end(e);
	close(fd);
	enum tfelf_err err;
	char msg[512];
	struct tfelf *f = tfelf_open(target, &err, msg, sizeof msg);
	if (f) {		/* no records: the caller says so */
		tfelf_foreach(f, site_sym, out);
		tfelf_close(f);
	}
	return 0;
}

static void undef_sym(Elf *e, const char *name, const GElf_Sym *s,
		      size_t i, void *arg)
{
	(void)e, (void)i;
	if (s->st_shndx == SHN_UNDEF && GELF_ST_BIND(s->st_info) != STB_LOCAL)
		sv_push(arg, name);
}

/* The undefined symbols of an object file. */
static int undefs(const char *obj, struct sv *out)
{
	int fd;
	Elf *e = open_elf(obj, &fd);
	if (!e) {
		fprintf(stderr, "tfcc: error: cannot read the object %s: %s; "
			"rerun with TF_KEEP=1 and report it\n", obj,
			errno ? strerror(errno) : elf_errmsg(-1));
		return -1;
	}
	each_sym(e, SHT_SYMTAB, undef_sym, out);
	elf_end(e);
	close(fd);
	return 0;
}

/* name with bytes outside [A-Za-z0-9_] as $xx */
static char *escaped(const char *kind, const char *name)
{
	size_t n = strlen(name);
	char *r = malloc(3 * n + strlen(kind) + 16), *p;
	if (!r) {
		fputs("tfcc: error: out of memory\n", stderr);
		exit(4);
	}
	p = r + sprintf(r, "tf.imp.%s..", kind);
	for (const unsigned char *s = (const unsigned char *)name; *s; s++) {
		if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || *s == '_')
			*p++ = (char)*s;
		else
			p += sprintf(p, "$%02x", *s);
	}
	*p = 0;
	return r;
}

int ps_imports(const char *obj, const struct psyms *t, struct sv *imps)
{
	struct sv u = { 0 }, cmd = { 0 };
	int rc = 0;
	if (undefs(obj, &u))
		return -1;
	sv_push(&cmd, "objcopy");
	for (size_t i = 0; i < u.n; i++) {
		if (reserved(u.v[i]))
			continue;
		for (size_t k = 0; k < t->n; k++) {
			if (strcmp(t->name[k], u.v[i]))
				continue;
			char *imp = escaped(t->is_func[k] ? "func" : "object",
					    u.v[i]);
			sv_pushf(&cmd, "--redefine-sym=%s=%s", u.v[i], imp);
			sv_pushf(&cmd, "--weaken-symbol=%s", imp);
			free(imp);
			break;
		}
	}
	if (cmd.n > 1) {
		sv_push(&cmd, obj);
		int st = run(cmd.v, NULL, NULL);
		if (st != 0) {
			fprintf(stderr, "tfcc: error: objcopy could not turn the "
				"references of %s into imports (status %d); check "
				"that binutils' objcopy is installed\n", obj,
				st == -1 ? -1 : status_exit(st));
			rc = -1;
		}
		sv_free(&u);
		memset(&u, 0, sizeof u);
		if (!rc && undefs(obj, &u))
			rc = -1;
	}
	for (size_t i = 0; !rc && i < u.n; i++) {
		if (strncmp(u.v[i], "tf.imp.", 7))
			continue;
		size_t k;
		for (k = 0; k < imps->n && strcmp(imps->v[k], u.v[i]); k++)
			;
		if (k == imps->n)
			sv_push(imps, u.v[i]);
	}
	sv_free(&u);
	sv_free(&cmd);
	return rc;
}
