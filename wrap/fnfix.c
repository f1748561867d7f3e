/*
** tfcc: after an instrumented compile, give each static function's site
** its address, in the object file (TF__FN in include/tigerfix/trap.h).
**
** With --weak-statics the rewriter points a static function's .fn at a
** weak hidden symbol tf__F_<uid>_<name> instead of at the function, so
** gcc need not keep an out-of-line copy of a function it inlined into
** every caller.  Here, for each such undefined symbol whose local function
** <name> the compiler emitted, the relocations against the symbol (the
** site's .fn) are pointed at <name> itself.  The symbol is left as it
** was, undefined and now unused: a second name at the function's address
** would be what gdb prints for it.  A function the compiler did not emit
** has its relocations dropped (R_X86_64_NONE), so the field keeps its 0:
** that site can be replaced, not intercepted.  (Left to the linker, the
** entry in the unit's section tf_fn, not loaded (TF__FNFILE), would come
** to 0 too; an address in .data, without TF__FNFILE, to 0 at load.)
** Clones (name.isra.0, name.constprop.0) have other names and other
** calling conventions, and are never used.
** The edit is in place and keeps the file's layout: relocation entries
** only.  With --explain, each static left without a copy gets a line,
** after the rewriter's.
*/
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tfcc.h"

#define FN_PREFIX "tf__F_"
#define FN_UID_LEN 16

/* The function name in a tf__F_<uid>_<name> symbol name, or NULL. */
static const char *alias_of(const char *sn)
{
	size_t p = strlen(FN_PREFIX);
	if (!sn || strncmp(sn, FN_PREFIX, p) || strlen(sn) <= p + FN_UID_LEN + 1 ||
	    sn[p + FN_UID_LEN] != '_')
		return NULL;
	return sn + p + FN_UID_LEN + 1;
}

/* The local function named name: its index, -2 if several, -1 if none. */
static long local_func(Elf_Data *syms, size_t n, Elf *e, size_t strndx,
		       const char *name)
{
	long found = -1;
	for (size_t i = 1; i < n; i++) {
		GElf_Sym s;
		const char *sn;
		if (!gelf_getsym(syms, (int)i, &s) ||
		    GELF_ST_BIND(s.st_info) != STB_LOCAL ||
		    GELF_ST_TYPE(s.st_info) != STT_FUNC ||
		    s.st_shndx == SHN_UNDEF)
			continue;
		sn = elf_strptr(e, strndx, s.st_name);
		if (sn && !strcmp(sn, name))
			found = found == -1 ? (long)i : -2;
	}
	return found;
}

/* Point the relocations of every relocation section against symbol
   from at symbol to (to 0: make them R_X86_64_NONE, so the field keeps
   its 0); -1 on a libelf error.  RELA only: the sites are weak only on
   x86-64 (TF__FN in trap.h). */
static int redirect(Elf *e, size_t symscn_ndx, size_t from, size_t to)
{
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;
	while ((scn = elf_nextscn(e, scn))) {
		Elf_Data *d;
		if (!gelf_getshdr(scn, &sh))
			return -1;
		if (sh.sh_type != SHT_RELA || sh.sh_link != symscn_ndx ||
		    !sh.sh_entsize || !(d = elf_getdata(scn, NULL)))
			continue;
		for (size_t i = 0; i < sh.sh_size / sh.sh_entsize; i++) {
			GElf_Rela r;
			if (!gelf_getrela(d, (int)i, &r))
				return -1;
			if (GELF_R_SYM(r.r_info) != from)
				continue;
			r.r_info = to ? GELF_R_INFO(to, GELF_R_TYPE(r.r_info))
				      : GELF_R_INFO(0, R_X86_64_NONE);
			if (!gelf_update_rela(d, (int)i, &r))
				return -1;
			elf_flagdata(d, ELF_C_SET, ELF_F_DIRTY);
		}
	}
	return 0;
}

int fnfix_object(const char *path, const char *explain)
{
	int fd = open(path, O_RDWR | O_CLOEXEC);
	Elf *e;
	Elf_Scn *scn = NULL, *symscn = NULL;
	Elf_Data *syms;
	GElf_Shdr sh;
	struct stat st;
	size_t n, strndx = 0, fixed = 0;
	int rc = -1;

	if (fd < 0) {
		u_warn("cannot open %s to give its static functions their "
		       "sites: %s; compiling it uninstrumented", path,
		       strerror(errno));
		return -1;
	}
	/* -o /dev/null (configure probes), or not an ELF object: nothing to do */
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return 0;
	}
	elf_version(EV_CURRENT);
	e = elf_begin(fd, ELF_C_RDWR, NULL);
	if (!e || elf_kind(e) != ELF_K_ELF) {
		if (e)
			elf_end(e);
		close(fd);
		return 0;
	}
	while ((scn = elf_nextscn(e, scn))) {
		if (!gelf_getshdr(scn, &sh))
			goto out;
		if (sh.sh_type == SHT_SYMTAB) {
			symscn = scn;
			strndx = sh.sh_link;
		}
	}
	if (!symscn || !gelf_getshdr(symscn, &sh) || !sh.sh_entsize ||
	    !(syms = elf_getdata(symscn, NULL)))
		goto out;
	n = sh.sh_size / sh.sh_entsize;
	for (size_t i = sh.sh_info; i < n; i++) {
		GElf_Sym s;
		const char *name;
		long k;
		if (!gelf_getsym(syms, (int)i, &s) || s.st_shndx != SHN_UNDEF ||
		    GELF_ST_BIND(s.st_info) != STB_WEAK ||
		    !(name = alias_of(elf_strptr(e, strndx, s.st_name))))
			continue;
		k = local_func(syms, n, e, strndx, name);
		if (k < 0 && explain)
			fprintf(stderr, "tfcc: %s: %s: no out-of-line copy "
				"(the compiler inlined it into every "
				"caller): replace only\n", explain, name);
		if (redirect(e, elf_ndxscn(symscn), i, k < 0 ? 0 : (size_t)k))
			goto out;
		fixed++;
	}
	rc = 0;
	if (fixed) {
		elf_flagelf(e, ELF_C_SET, ELF_F_LAYOUT);
		if (elf_update(e, ELF_C_WRITE) < 0)
			rc = -1;
	}
out:
	if (rc)
		u_warn("cannot give the static functions of %s their sites "
		       "(%s); compiling it uninstrumented", path,
		       elf_errmsg(-1));
	elf_end(e);
	close(fd);
	return rc;
}
