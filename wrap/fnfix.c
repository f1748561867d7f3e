/*
** tfcc: after an instrumented compile, give each static function's site
** its address, in the object file (TF__FN in include/tigerfix/trap.h).
**
** With --weak-statics the rewriter points a static function's .fn at a
** weak hidden symbol tf__F_<uid>_<name> instead of at the function, so
** gcc need not keep an out-of-line copy of a function it inlined into
** every caller.  Here, for each such undefined symbol, the local function
** <name> the compiler emitted (if any) gives it its section and value:
** the symbol becomes a definition at the function, and the site's .fn
** relocation resolves to it.  A function the compiler did not emit keeps
** the symbol undefined, so the linker resolves it to 0: that site can be
** replaced, not intercepted.  Clones (name.isra.0, name.constprop.0)
** have other names and other calling conventions, and are never used.
** The edit is in place and keeps the file's layout: symbol entries only.
** With --explain, each static left without a copy gets a line, after the
** rewriter's.
*/
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tfcc.h"

#define FN_PREFIX "tf__F_"
#define FN_UID_LEN 16

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

int fnfix_object(const char *path, const char *explain)
{
	int fd = open(path, O_RDWR | O_CLOEXEC);
	Elf *e;
	Elf_Scn *scn = NULL, *symscn = NULL, *xscn = NULL;
	Elf_Data *syms, *xdata = NULL;
	GElf_Shdr sh;
	size_t n, strndx = 0, fixed = 0;
	int rc = -1;

	struct stat st;

	if (fd < 0) {
		u_warn("cannot open %s to give its static functions their "
		       "sites: %s; they can be replaced but not intercepted",
		       path, strerror(errno));
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
		} else if (sh.sh_type == SHT_SYMTAB_SHNDX) {
			xscn = scn;
		}
	}
	if (!symscn || !gelf_getshdr(symscn, &sh) || !sh.sh_entsize ||
	    !(syms = elf_getdata(symscn, NULL)))
		goto out;
	if (xscn)
		xdata = elf_getdata(xscn, NULL);
	n = sh.sh_size / sh.sh_entsize;
	for (size_t i = sh.sh_info; i < n; i++) {
		GElf_Sym s, f;
		Elf32_Word x = 0, fx = 0;
		const char *sn;
		long k;
		if (!gelf_getsymshndx(syms, xdata, (int)i, &s, &x) ||
		    s.st_shndx != SHN_UNDEF ||
		    GELF_ST_BIND(s.st_info) != STB_WEAK)
			continue;
		sn = elf_strptr(e, strndx, s.st_name);
		if (!sn || strncmp(sn, FN_PREFIX, strlen(FN_PREFIX)) ||
		    strlen(sn) <= strlen(FN_PREFIX) + FN_UID_LEN + 1 ||
		    sn[strlen(FN_PREFIX) + FN_UID_LEN] != '_')
			continue;
		k = local_func(syms, n, e, strndx,
			       sn + strlen(FN_PREFIX) + FN_UID_LEN + 1);
		if (k < 0 || !gelf_getsymshndx(syms, xdata, (int)k, &f, &fx)) {
			if (explain)
				fprintf(stderr, "tfcc: %s: %s: no out-of-line copy (the "
					"compiler inlined it into every caller): "
					"replace only\n", explain,
					sn + strlen(FN_PREFIX) + FN_UID_LEN + 1);
			continue;
		}
		s.st_info = GELF_ST_INFO(STB_WEAK, STT_FUNC);
		s.st_shndx = f.st_shndx;
		s.st_value = f.st_value;
		s.st_size = f.st_size;
		if (f.st_shndx == SHN_XINDEX &&
		    (!xdata || !gelf_update_symshndx(syms, xdata, (int)i, &s, fx)))
			goto out;
		if (f.st_shndx != SHN_XINDEX && !gelf_update_sym(syms, (int)i, &s))
			goto out;
		fixed++;
	}
	rc = 0;
	if (fixed) {
		elf_flagelf(e, ELF_C_SET, ELF_F_LAYOUT);
		elf_flagdata(syms, ELF_C_SET, ELF_F_DIRTY);
		if (xdata)
			elf_flagdata(xdata, ELF_C_SET, ELF_F_DIRTY);
		if (elf_update(e, ELF_C_WRITE) < 0)
			rc = -1;
	}
out:
	if (rc)
		u_warn("cannot give the static functions of %s their sites "
		       "(%s); they can be replaced but not intercepted",
		       path, elf_errmsg(-1));
	if (e)
		elf_end(e);
	close(fd);
	return rc;
}
