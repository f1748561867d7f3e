/*
** Patch files, read before any of their code runs: the file is copied
** once into a memfd, checked as an ELF64 shared object for this machine,
** and its manifest (section tf_manifest) and import relocations read.
*/
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "patch_int.h"

/*
** Why a memfd: dlopen returns an already-loaded object when the path (or
** the inode) matches one, so reloading fix.so after rebuilding it in
** place would silently run the old code.  A private copy has a name and
** an inode of its own, and the bytes verified are the bytes mapped.
*/
static int copy_to_memfd(int in, size_t size)
{
	char buf[65536];
	size_t done = 0;
	int fd = memfd_create("tigerfix-patch", MFD_CLOEXEC);

	if (fd < 0)
		return -1;
	while (done < size) {
		ssize_t n = read(in, buf, sizeof buf), w = 0;
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		while (w < n) {
			ssize_t k = write(fd, buf + w, (size_t)(n - w));
			if (k < 0 && errno == EINTR)
				continue;
			if (k <= 0)
				goto fail;
			w += k;
		}
		done += (size_t)n;
	}
	if (done == size)
		return fd;
fail:
	close(fd);
	return -1;
}

/* bounds-checked pointer to [off, off+len) of the file, or NULL */
static const void *at(const struct pf_file *f, uint64_t off, uint64_t len)
{
	if (off > f->size || len > f->size - off)
		return NULL;
	return f->map + off;
}

static const Elf64_Phdr *phdrs(const struct pf_file *f, unsigned *n)
{
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)f->map;
	*n = eh->e_phnum;
	if (eh->e_phentsize != sizeof(Elf64_Phdr))
		return NULL;
	return at(f, eh->e_phoff, (uint64_t)*n * sizeof(Elf64_Phdr));
}

/* file offset of link-time address va (len bytes), or (uint64_t)-1 */
static uint64_t va_off(const struct pf_file *f, uint64_t va, uint64_t len)
{
	const Elf64_Phdr *ph;
	unsigned i, n;

	if (!(ph = phdrs(f, &n)))
		return (uint64_t)-1;
	for (i = 0; i < n; i++)
		if (ph[i].p_type == PT_LOAD && va >= ph[i].p_vaddr &&
		    va - ph[i].p_vaddr <= ph[i].p_filesz &&
		    len <= ph[i].p_filesz - (va - ph[i].p_vaddr))
			return ph[i].p_offset + (va - ph[i].p_vaddr);
	return (uint64_t)-1;
}

int pf_writable(const struct pf_file *f, uint64_t lo, uint64_t hi)
{
	const Elf64_Phdr *ph;
	unsigned i, n;

	if (lo < f->relro_hi && hi > f->relro_lo)
		return 0;
	if (!(ph = phdrs(f, &n)))
		return -1;
	for (i = 0; i < n; i++)
		if (ph[i].p_type == PT_LOAD && lo >= ph[i].p_vaddr &&
		    hi <= ph[i].p_vaddr + ph[i].p_memsz)
			return (ph[i].p_flags & PF_W) ? 1 : -1;
	return -1;
}

/* the manifest section's bytes, or NULL */
static const char *find_manifest(const struct pf_file *f, size_t *len)
{
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)f->map;
	const Elf64_Shdr *sh, *strs;
	uint64_t n = eh->e_shnum, strndx = eh->e_shstrndx, i;

	if (eh->e_shentsize != sizeof(Elf64_Shdr) || eh->e_shoff == 0)
		return NULL;
	sh = at(f, eh->e_shoff, sizeof *sh);
	if (!sh)
		return NULL;
	if (n == 0)                     /* extended numbering */
		n = sh[0].sh_size;
	if (strndx == SHN_XINDEX)
		strndx = sh[0].sh_link;
	sh = at(f, eh->e_shoff, n * sizeof *sh);
	if (!sh || strndx >= n)
		return NULL;
	strs = &sh[strndx];
	for (i = 0; i < n; i++) {
		const char *name;
		size_t room = sizeof PATCH_SECTION;
		if (sh[i].sh_name >= strs->sh_size ||
		    strs->sh_size - sh[i].sh_name < room ||
		    !(name = at(f, strs->sh_offset + sh[i].sh_name, room)) ||
		    memcmp(name, PATCH_SECTION, room) != 0 ||
		    sh[i].sh_type == SHT_NOBITS)
			continue;
		*len = sh[i].sh_size;
		return at(f, sh[i].sh_offset, sh[i].sh_size);
	}
	return NULL;
}

static const char *jstr(json_object *o, const char *key)
{
	json_object *v;
	if (!json_object_object_get_ex(o, key, &v) ||
	    !json_object_is_type(v, json_type_string))
		return NULL;
	return json_object_get_string(v);
}

/* parse the manifest JSON; 0 or -1 with err */
static int read_manifest(struct pf_file *f, char *err, size_t errlen)
{
	size_t len = 0;
	const char *sec = find_manifest(f, &len), *bid, *tgt;
	json_object *m, *abi;
	char *text;
	int r = -1;

	if (!sec) {
		snprintf(err, errlen, "%s is not a tigerfix patch (no %s "
			 "section); build it with tfcc --patch-for=TARGET; "
			 "nothing was changed", f->path, PATCH_SECTION);
		return -1;
	}
	if (len > PATCH_MAX_MANIFEST || !(text = malloc(len + 1))) {
		snprintf(err, errlen, "%s: its manifest is too large (%zu "
			 "bytes); rebuild the patch with tfcc --patch-for; "
			 "nothing was changed", f->path, len);
		return -1;
	}
	memcpy(text, sec, len);
	text[len] = 0;
	while (len > 0 && text[len - 1] == 0)   /* NUL padding */
		len--;
	m = json_tokener_parse(text);
	free(text);
	bid = m ? jstr(m, "target_build_id") : NULL;
	tgt = m ? jstr(m, "target") : NULL;
	if (!m || !json_object_is_type(m, json_type_object) || !bid)
		snprintf(err, errlen, "%s: its manifest is not a JSON object "
			 "with \"target_build_id\"; rebuild the patch with "
			 "tfcc --patch-for; nothing was changed", f->path);
	else if (!json_object_object_get_ex(m, "abi", &abi) ||
		 json_object_get_int(abi) != TF_ABI_VERSION)
		snprintf(err, errlen, "%s was built for patch ABI %s, this "
			 "runtime has %d; rebuild it with the tfcc of this "
			 "runtime; nothing was changed", f->path,
			 json_object_object_get_ex(m, "abi", &abi) ?
			 json_object_get_string(abi) : "(none)",
			 TF_ABI_VERSION);
	else {
		snprintf(f->buildid, sizeof f->buildid, "%s", bid);
		snprintf(f->target, sizeof f->target, "%s", tgt ? tgt : "?");
		r = 0;
	}
	json_object_put(m);
	return r;
}

/* "$xx" escapes of an import name part, decoded in place; 0 if bad */
static int unescape(char *s)
{
	char *o = s;
	while (*s) {
		unsigned v;
		if (*s != '$') {
			*o++ = *s++;
			continue;
		}
		if (sscanf(s + 1, "%2x", &v) != 1 || !s[1] || !s[2] || !v)
			return 0;
		*o++ = (char)v;
		s += 3;
	}
	*o = 0;
	return 1;
}

/* index of import sym in f->imps (added if new); -1 if malformed */
static long import_of(struct pf_file *f, const char *sym)
{
	struct pf_import *im;
	char *kind, *file, *name, *copy;
	size_t i;

	for (i = 0; i < f->nimps; i++)
		if (!strcmp(f->imps[i].sym, sym))
			return (long)i;
	copy = strdup(sym + strlen(PATCH_IMP_PREFIX));
	if (!copy)
		return -1;
	kind = copy;
	file = strchr(kind, '.');
	name = file ? strchr(file + 1, '.') : NULL;
	if (!name || strchr(name + 1, '.')) {
		free(copy);
		return -1;
	}
	*file++ = 0;
	*name++ = 0;
	if ((strcmp(kind, "object") && strcmp(kind, "func")) ||
	    !unescape(file) || !unescape(name) || !*name ||
	    !(im = realloc(f->imps, (f->nimps + 1) * sizeof *im))) {
		free(copy);
		return -1;
	}
	f->imps = im;
	im = &f->imps[f->nimps];
	im->sym = strdup(sym);
	im->is_func = !strcmp(kind, "func");
	im->file = strdup(file);
	im->name = strdup(name);
	im->addr = 0;
	free(copy);
	if (!im->sym || !im->file || !im->name)
		return -1;
	return (long)f->nimps++;
}

struct dyn {
	uint64_t symtab, strtab, strsz, rela, relasz, jmprel, pltrelsz;
};

/* collect the relocations of one RELA table that name imports */
static int scan_rela(struct pf_file *f, const struct dyn *d, uint64_t va,
		     uint64_t sz, char *err, size_t errlen)
{
	uint64_t off = va_off(f, va, sz), i, n = sz / sizeof(Elf64_Rela);
	const Elf64_Rela *r = off == (uint64_t)-1 ? NULL : at(f, off, sz);
	uint64_t stroff = va_off(f, d->strtab, d->strsz);
	const char *strs = stroff == (uint64_t)-1 ? NULL :
			   at(f, stroff, d->strsz);

	if (!r || !strs)
		goto bad;
	for (i = 0; i < n; i++) {
		unsigned type = ELF64_R_TYPE(r[i].r_info);
		uint64_t symi = ELF64_R_SYM(r[i].r_info), so;
		const Elf64_Sym *sym;
		const char *name;
		struct pf_reloc *nr;
		uint64_t dummy;
		long imp;

		if (symi == 0 || arch_reloc_symless(type))
			continue;
		so = va_off(f, d->symtab + symi * sizeof *sym, sizeof *sym);
		sym = so == (uint64_t)-1 ? NULL : at(f, so, sizeof *sym);
		if (!sym || sym->st_name >= d->strsz ||
		    !memchr(strs + sym->st_name, 0, d->strsz - sym->st_name))
			goto bad;
		name = strs + sym->st_name;
		if (strncmp(name, PATCH_IMP_PREFIX, strlen(PATCH_IMP_PREFIX)))
			continue;
		imp = import_of(f, name);
		if (imp < 0) {
			snprintf(err, errlen, "%s: import %s is malformed "
				 "(want tf.imp.object|func.<file>.<name>); "
				 "rebuild the patch with tfcc --patch-for; "
				 "nothing was changed", f->path, name);
			return -1;
		}
		if (!arch_import_reloc(type, 0, 0, &dummy)) {
			snprintf(err, errlen, "%s: import %s is reached by "
				 "relocation type %u, which the %s loader "
				 "does not fill; compile the patch with -fPIC; "
				 "nothing was changed", f->path, name, type,
				 arch_name);
			return -1;
		}
		nr = realloc(f->rels, (f->nrels + 1) * sizeof *nr);
		if (!nr)
			goto bad;
		f->rels = nr;
		nr[f->nrels].offset = r[i].r_offset;
		nr[f->nrels].addend = r[i].r_addend;
		nr[f->nrels].type = type;
		nr[f->nrels].imp = (unsigned)imp;
		f->nrels++;
	}
	return 0;
bad:
	snprintf(err, errlen, "%s: malformed dynamic relocations or symbols; "
		 "rebuild the patch with tfcc --patch-for; nothing was "
		 "changed", f->path);
	return -1;
}

/* read the dynamic section and the import relocations */
static int read_imports(struct pf_file *f, char *err, size_t errlen)
{
	const Elf64_Phdr *ph;
	const Elf64_Dyn *dy = NULL;
	struct dyn d = { 0, 0, 0, 0, 0, 0, 0 };
	unsigned i, n;
	uint64_t k, nd = 0;

	if (!(ph = phdrs(f, &n)))
		goto bad;
	for (i = 0; i < n; i++) {
		if (ph[i].p_type == PT_DYNAMIC) {
			dy = at(f, ph[i].p_offset, ph[i].p_filesz);
			nd = ph[i].p_filesz / sizeof *dy;
		} else if (ph[i].p_type == PT_GNU_RELRO) {
			f->relro_lo = ph[i].p_vaddr;
			f->relro_hi = ph[i].p_vaddr + ph[i].p_memsz;
		}
	}
	if (!dy)
		goto bad;
	for (k = 0; k < nd && dy[k].d_tag != DT_NULL; k++) {
		uint64_t v = dy[k].d_un.d_val;
		switch (dy[k].d_tag) {
		case DT_SYMTAB: d.symtab = v; break;
		case DT_STRTAB: d.strtab = v; break;
		case DT_STRSZ: d.strsz = v; break;
		case DT_RELA: d.rela = v; break;
		case DT_RELASZ: d.relasz = v; break;
		case DT_JMPREL: d.jmprel = v; break;
		case DT_PLTRELSZ: d.pltrelsz = v; break;
		case DT_REL:
			snprintf(err, errlen, "%s uses REL relocations, which "
				 "the %s loader does not read; build it with "
				 "tfcc --patch-for; nothing was changed",
				 f->path, arch_name);
			return -1;
		}
	}
	if (d.rela && scan_rela(f, &d, d.rela, d.relasz, err, errlen))
		return -1;
	if (d.jmprel && scan_rela(f, &d, d.jmprel, d.pltrelsz, err, errlen))
		return -1;
	return 0;
bad:
	snprintf(err, errlen, "%s has no dynamic section: it is not a shared "
		 "object; build it with tfcc --patch-for; nothing was changed",
		 f->path);
	return -1;
}

/* ELF header checks: ELF64, this byte order and machine, ET_DYN */
static int check_elf(struct pf_file *f, char *err, size_t errlen)
{
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)f->map;

	if (f->size < sizeof *eh || memcmp(eh->e_ident, ELFMAG, SELFMAG)) {
		snprintf(err, errlen, "%s is not an ELF file; give the shared "
			 "object built by tfcc --patch-for; nothing was "
			 "changed", f->path);
		return -1;
	}
	if (eh->e_ident[EI_CLASS] != ELFCLASS64 ||
	    eh->e_ident[EI_DATA] != ELFDATA2LSB ||
	    eh->e_machine != arch_elf_machine || eh->e_type != ET_DYN) {
		snprintf(err, errlen, "%s is not a 64-bit %s shared object "
			 "(ELF class %u, machine %u, type %u); build the patch "
			 "for this machine with tfcc --patch-for; nothing was "
			 "changed", f->path, arch_name, eh->e_ident[EI_CLASS],
			 eh->e_machine, eh->e_type);
		return -1;
	}
	return 0;
}

/* open path and copy it to f->fd; 0 or -1 with err */
static int read_file(struct pf_file *f, char *err, size_t errlen)
{
	struct stat st;
	int in = open(f->path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);

	if (in < 0 || fstat(in, &st) < 0) {
		snprintf(err, errlen, "cannot open %s: %s; give the path of "
			 "the patch as the process sees it; nothing was "
			 "changed", f->path, strerror(errno));
		goto fail;
	}
	if (!S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "%s is %s, not a patch file; give the "
			 "shared object built by tfcc --patch-for; nothing was "
			 "changed", f->path, S_ISDIR(st.st_mode) ?
			 "a directory" : "not a regular file");
		goto fail;
	}
	if ((uint64_t)st.st_size > PATCH_MAX_FILE) {
		snprintf(err, errlen, "%s is too large for a patch (%lld "
			 "bytes, at most %lu); strip its debug info or split "
			 "it; nothing was changed", f->path,
			 (long long)st.st_size, PATCH_MAX_FILE);
		goto fail;
	}
	f->size = (size_t)st.st_size;
	f->fd = copy_to_memfd(in, f->size);
	if (f->fd >= 0) {
		snprintf(f->dlname, sizeof f->dlname, "/proc/self/fd/%d",
			 f->fd);
	} else {                /* no memfd: dlopen the file itself */
		snprintf(f->dlname, sizeof f->dlname, "%s", f->path);
		f->fd = in;
		in = -1;
	}
	if (f->size >= sizeof(Elf64_Ehdr))
		f->map = mmap(NULL, f->size, PROT_READ, MAP_PRIVATE, f->fd, 0);
	if (f->map == MAP_FAILED || (f->size >= sizeof(Elf64_Ehdr) &&
				     !f->map)) {
		f->map = NULL;
		snprintf(err, errlen, "cannot read %s: %s; nothing was changed",
			 f->path, strerror(errno));
		goto fail;
	}
	if (in >= 0)
		close(in);
	return 0;
fail:
	if (in >= 0)
		close(in);
	return -1;
}

int pf_open(struct pf_file *f, const char *path, char *err, size_t errlen)
{
	static const unsigned char none[1];

	memset(f, 0, sizeof *f);
	f->path = path;
	f->fd = -1;
	if (read_file(f, err, errlen))
		goto fail;
	if (!f->map)
		f->map = none;  /* an empty or tiny file */
	if (check_elf(f, err, errlen) || read_manifest(f, err, errlen) ||
	    read_imports(f, err, errlen))
		goto fail;
	return 0;
fail:
	pf_close(f, 0);
	return -1;
}

void pf_close(struct pf_file *f, int keep_fd)
{
	size_t i;

	if (f->map && f->size >= sizeof(Elf64_Ehdr))
		munmap((void *)f->map, f->size);
	f->map = NULL;
	if (f->fd >= 0 && !keep_fd)
		close(f->fd);
	for (i = 0; i < f->nimps; i++) {
		free(f->imps[i].sym);
		free(f->imps[i].file);
		free(f->imps[i].name);
	}
	free(f->imps);
	free(f->rels);
	f->imps = NULL;
	f->rels = NULL;
	f->nimps = f->nrels = 0;
}
