/*
** Loaded ELF objects: which one (main program or shared library) holds
** an address, its path and its GNU build-id, read from the PT_NOTE
** segments the loader already mapped (no file access, no libelf).
*/
#define _GNU_SOURCE
#include <elf.h>
#include <limits.h>
#include <link.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tf_int.h"

struct find {
	uintptr_t addr;
	struct obj_info *o;
	int found;
};

/* hex of the NT_GNU_BUILD_ID note in one PT_NOTE segment, if any */
static int note_buildid(uintptr_t base, const ElfW(Phdr) *ph, char *hex,
			size_t hexlen)
{
	const char *p = (const char *)(base + ph->p_vaddr);
	const char *end = p + ph->p_memsz;
	static const char digits[] = "0123456789abcdef";

	while (p + sizeof(ElfW(Nhdr)) <= end) {
		const ElfW(Nhdr) *n = (const ElfW(Nhdr) *)p;
		const char *name = p + sizeof *n;
		const unsigned char *desc = (const unsigned char *)name +
					    ((n->n_namesz + 3) & ~3u);
		if ((const char *)desc + n->n_descsz > end)
			return 0;
		if (n->n_type == NT_GNU_BUILD_ID && n->n_namesz == 4 &&
		    memcmp(name, "GNU", 4) == 0) {
			size_t i, k = 0;
			for (i = 0; i < n->n_descsz && k + 2 < hexlen; i++) {
				hex[k++] = digits[desc[i] >> 4];
				hex[k++] = digits[desc[i] & 15];
			}
			hex[k] = 0;
			return 1;
		}
		p = (const char *)desc + ((n->n_descsz + 3) & ~3u);
	}
	return 0;
}

static int find_cb(struct dl_phdr_info *info, size_t size, void *arg)
{
	struct find *f = arg;
	int i, inside = 0;

	for (i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		uintptr_t lo = info->dlpi_addr + ph->p_vaddr;
		if (ph->p_type == PT_LOAD && f->addr >= lo &&
		    f->addr < lo + ph->p_memsz)
			inside = 1;
	}
	if (!inside)
		return 0;
	f->found = 1;
	f->o->base = info->dlpi_addr;
	f->o->buildid[0] = 0;
	for (i = 0; i < info->dlpi_phnum; i++)
		if (info->dlpi_phdr[i].p_type == PT_NOTE &&
		    note_buildid(info->dlpi_addr, &info->dlpi_phdr[i],
				 f->o->buildid, sizeof f->o->buildid))
			break;
	if (info->dlpi_name && info->dlpi_name[0]) {
		char *real = realpath(info->dlpi_name, NULL);
		f->o->path = real ? real : strdup(info->dlpi_name);
	} else {
		char buf[PATH_MAX];
		f->o->exe = 1;
		ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
		buf[n > 0 ? n : 0] = 0;
		f->o->path = strdup(buf);
	}
	return 1;
}

int obj_lookup(const void *addr, struct obj_info *o)
{
	struct find f = { (uintptr_t)addr, o, 0 };

	memset(o, 0, sizeof *o);
	dl_iterate_phdr(find_cb, &f);
	if (!o->path)
		o->path = strdup("");
	return f.found ? 0 : -1;
}
