/*
** Patch loader internals shared by runtime/patch_*.c and arch_*.c: the
** patch file as read (manifest, import relocations), the per-patch
** records, and the machine-specific relocation hooks.
*/
#ifndef TF_PATCH_INT_H
#define TF_PATCH_INT_H

#include <stddef.h>
#include <stdint.h>

#include "tf_int.h"

#define PATCH_IMP_PREFIX "tf.imp."
#define PATCH_MAX_FILE (256UL << 20)    /* bytes a patch file may have */
#define PATCH_MAX_MANIFEST (1UL << 20)  /* bytes of section tf_manifest */
#define PATCH_SECTION "tf_manifest"

/* One relocation of the patch against an import symbol. */
struct pf_reloc {
	uint64_t offset;        /* r_offset: link-time address of the slot */
	int64_t addend;
	unsigned type;
	unsigned imp;           /* index into pf_file.imps */
};

/* One import symbol, parsed from tf.imp.<kind>.<file>.<name>. */
struct pf_import {
	char *sym;              /* the symbol as written */
	int is_func;            /* kind func (else object) */
	char *file, *name;      /* decoded; file may be "" */
	uintptr_t addr;         /* resolved address */
};

/* A patch file, read once: the bytes dlopen maps are the bytes checked. */
struct pf_file {
	const char *path;       /* as requested (absolute) */
	int fd;                 /* memfd (or the file) that dlopen maps */
	char dlname[1100];      /* name given to dlopen */
	const unsigned char *map;
	size_t size;
	char buildid[129];      /* manifest: target_build_id */
	char target[1024];      /* manifest: target */
	struct pf_import *imps;
	size_t nimps;
	struct pf_reloc *rels;
	size_t nrels;
	/* link-time address ranges, for the slot write policy */
	uint64_t relro_lo, relro_hi;
};

/* patch_file.c: read path, check it is an ELF patch for this machine,
   read the manifest and the import relocations.  0, or -1 with err. */
int pf_open(struct pf_file *f, const char *path, char *err, size_t errlen);
/* Release what pf_open took (keep_fd: the fd stays open for dlopen's
   sake, for as long as the process lives). */
void pf_close(struct pf_file *f, int keep_fd);
/* Is link-time address range [lo, hi) writable once loaded?  1 yes,
   0 read-only after relocation (RELRO), -1 never writable (code). */
int pf_writable(const struct pf_file *f, uint64_t lo, uint64_t hi);

/* arch_<machine>.c */
extern const unsigned arch_elf_machine;     /* e_machine of this runtime */
extern const char arch_name[];
/* If type is a relocation the loader fills for an import, store the
   value to write for symbol value s and addend a in *val and return its
   size in bytes; 0 if the loader does not handle type. */
int arch_import_reloc(unsigned type, uint64_t s, int64_t a, uint64_t *val);
/* A relocation type that needs no symbol (R_*_NONE, RELATIVE, ...). */
int arch_reloc_symless(unsigned type);

/* The target object as the registry sees it: its live sites and units
   (valid while the registry read lock is held). */
struct pb_target {
	const char *path;       /* obj.path of the target */
	const char *buildid;
	struct reg_site **sites;
	size_t nsites;
	struct reg_unit **units;
	size_t nunits;
};

/* patch_bind.c: collect the target (registry units whose object has
   build-id buildid; caller holds the registry read lock).  0 if found,
   -1 if no unit has it, -2 if out of memory. */
/* dlopen(3), looked up when first called instead of linked: a -static
   link (libc.a) would pull dlopen in, with glibc's link-time warning
   about it (an error under -Wl,--fatal-warnings).  There it is NULL with
   errno ENOSYS: a static program loads no patch. */
void *pb_dlopen(const char *file, int mode);

int pb_target(struct pb_target *t, const char *buildid);
void pb_target_free(struct pb_target *t);
/* Target sites named name whose file matches file (NULL or "": any):
   exact path first, else basename.  Returns how many, stores up to max. */
size_t pb_sites(const struct pb_target *t, const char *file,
		const char *name, struct reg_site **out, size_t max);
/* Resolve every import of f against t.  0, or -1 with err. */
int pb_resolve(struct pf_file *f, const struct pb_target *t, char *err,
	       size_t errlen);
/* Write the resolved addresses into the patch's slots (l_addr: the
   patch's load bias).  0, or -1 with err (then nothing was written). */
int pb_fill(const struct pf_file *f, uintptr_t l_addr, char *err,
	    size_t errlen);

#endif /* TF_PATCH_INT_H */
