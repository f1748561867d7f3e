/*
** Site records kept out of the loaded image: a unit's record (in memory,
** section tf_info) names by key the full copy of its records in the
** object file's section tf_records, which the loader does not map
** (trap.h).  This reads that section from the file (the ELF section
** headers by hand: no libelf in every instrumented process), finds the
** unit by key and checks the hash.  The executable is read through
** /proc/self/exe, so a binary replaced or deleted on disk still answers;
** a shared library through its path, then /proc/self/map_files (which
** needs CAP_CHECKPOINT_RESTORE or CAP_SYS_ADMIN) if the file changed.
** The same read gives the sites' .fn, from section tf_fn (TF__FNFILE).
*/
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <link.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tf_int.h"

/* a section larger than this is not records: refuse rather than allocate */
#define REC_MAX ((size_t)256 << 20)

void rec_cache_free(struct rec_cache *c)
{
	free(c->path);
	free(c->buf);
	free(c->fn);
	memset(c, 0, sizeof *c);
}

static int read_at(int fd, void *p, size_t n, off_t off)
{
	size_t done = 0;
	while (done < n) {
		ssize_t r = pread(fd, (char *)p + done, n - done,
				  off + (off_t)done);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		done += (size_t)r;
	}
	return 0;
}

/* The bytes of every section named want (TF_SECTION_RECORDS or
   TF_SECTION_FN) of the ELF file fd (a linked file has one), or NULL with
   why set. */
static char *read_section(int fd, const char *want, size_t *len,
			  const char **why)
{
	ElfW(Ehdr) eh;
	ElfW(Shdr) *sh = NULL, s0;
	char *names = NULL, *buf = NULL;
	size_t shnum, shstrndx, i, n = 0;

	*why = "not an ELF file of this machine's class";
	if (read_at(fd, &eh, sizeof eh, 0) ||
	    memcmp(eh.e_ident, ELFMAG, SELFMAG) ||
	    eh.e_ident[EI_CLASS] != (sizeof(void *) == 8 ? ELFCLASS64
							   : ELFCLASS32) ||
	    eh.e_shentsize != sizeof(ElfW(Shdr)) || !eh.e_shoff)
		return NULL;
	*why = "its section headers are unreadable";
	shnum = eh.e_shnum;
	shstrndx = eh.e_shstrndx;
	if (!shnum || shstrndx == SHN_XINDEX) {     /* extended numbering */
		if (read_at(fd, &s0, sizeof s0, (off_t)eh.e_shoff))
			return NULL;
		if (!shnum)
			shnum = s0.sh_size;
		if (shstrndx == SHN_XINDEX)
			shstrndx = s0.sh_link;
	}
	if (!shnum || shnum > 1u << 20 || shstrndx >= shnum ||
	    !(sh = calloc(shnum, sizeof *sh)) ||
	    read_at(fd, sh, shnum * sizeof *sh, (off_t)eh.e_shoff) ||
	    sh[shstrndx].sh_size > REC_MAX ||
	    !(names = malloc(sh[shstrndx].sh_size + 1)) ||
	    read_at(fd, names, sh[shstrndx].sh_size,
		    (off_t)sh[shstrndx].sh_offset))
		goto fail;
	names[sh[shstrndx].sh_size] = 0;
	*why = "it has no " TF_SECTION_RECORDS " section (was it stripped "
	       "with --remove-section?)";
	for (i = 0; i < shnum; i++) {
		const ElfW(Shdr) *s = &sh[i];
		char *p;
		if (s->sh_name >= sh[shstrndx].sh_size ||
		    strcmp(names + s->sh_name, want) ||
		    s->sh_type != SHT_PROGBITS)
			continue;
		*why = "its " TF_SECTION_RECORDS " section is unreadable";
		if (s->sh_size > REC_MAX - n ||
		    !(p = realloc(buf, n + s->sh_size + 1)))
			goto fail;
		buf = p;
		if (read_at(fd, buf + n, s->sh_size, (off_t)s->sh_offset))
			goto fail;
		n += s->sh_size;
		buf[n] = 0;
	}
	if (!buf)
		goto fail;
	free(sh);
	free(names);
	*len = n;
	return buf;
fail:
	free(sh);
	free(names);
	free(buf);
	return NULL;
}

const char *rec_unit_get(const char *unit_rec, const char *key, char *buf,
			 size_t len)
{
	static const char *const keys[] = TF_INFO_UNIT_KEYS;
	const char *p = unit_rec ? unit_rec : "";

	buf[0] = 0;
	for (size_t i = 0; *p && i < sizeof keys / sizeof *keys; i++) {
		size_t n = strcspn(p, "\n");
		if (!strcmp(keys[i], key)) {
			snprintf(buf, len, "%.*s", (int)n, p);
			break;
		}
		p += n + (p[n] == '\n');
	}
	return buf;
}

/* The site records after the unit record with key in c->buf, checked
   against the key: a malloc'd copy, or NULL. */
static char *find_unit(const struct rec_cache *c, const char *key,
		       unsigned nsites)
{
	static const char magic[] = TF_INFO_UNIT_MAGIC "\n";
	size_t i = 0, j, k;
	char got[40];

	while (i < c->len) {
		const char *r = c->buf + i;
		size_t n = strlen(r);
		if (!n) {                       /* padding */
			i++;
			continue;
		}
		i += n + 1;
		if (strncmp(r, magic, sizeof magic - 1))
			continue;
		rec_unit_get(r, TF_INFO_KEY, got, sizeof got);
		if (strcmp(got, key))
			continue;
		for (j = i, k = 0; k < nsites && j < c->len; k++)
			j += strlen(c->buf + j) + 1;
		if (k < nsites || j > c->len)
			return NULL;
		uint64_t h = 0xcbf29ce484222325ULL;  /* FNV-1a 64 */
		for (k = i; k < j; k++) {
			h ^= (unsigned char)c->buf[k];
			h *= 0x100000001b3ULL;
		}
		snprintf(got, sizeof got, "%016" PRIx64, h);
		if (strcmp(got, key))
			return NULL;
		char *out = malloc(j - i + 1);
		if (out) {
			memcpy(out, c->buf + i, j - i);
			out[j - i] = 0;
		}
		return out;
	}
	return NULL;
}

/* load path into the cache (kept while the same path is asked for) */
static int cache_load(struct rec_cache *c, const char *path)
{
	int fd;

	if (c->path && !strcmp(c->path, path))
		return c->buf ? 0 : -1;
	rec_cache_free(c);
	c->path = strdup(path);
	c->why = "it cannot be opened";
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	c->buf = read_section(fd, TF_SECTION_RECORDS, &c->len, &c->why);
	if (c->buf) {   /* optional: a unit under LTO has none */
		const char *why;
		c->fn = read_section(fd, TF_SECTION_FN, &c->fnlen, &why);
	}
	close(fd);
	return c->buf ? 0 : -1;
}

/* The sites' .fn from the unit's entries in c->fn (TF__FNFILE in trap.h):
   key, site count, one 8-byte address per site as linked, which base (the
   object's load bias) makes an address in this process.  A site whose .fn
   the unit set itself keeps it. */
static void fill_fn(struct tf_unit *u, const struct rec_cache *c,
		    const char *key, uintptr_t base)
{
	size_t i = 0;
	uint64_t n, v;

	while (c->fn && i + 24 <= c->fnlen) {
		if (!memcmp(c->fn + i, "\0\0\0\0\0\0\0\0", 8)) {   /* padding */
			i += 8;
			continue;
		}
		memcpy(&n, c->fn + i + 16, 8);
		if (n > (c->fnlen - i - 24) / 8)
			return;                         /* not entries */
		if (n == u->nsites && !memcmp(c->fn + i, key, 16)) {
			for (size_t k = 0; k < n; k++) {
				memcpy(&v, c->fn + i + 24 + 8 * k, 8);
				if (v && !u->sites[k].fn)
					__atomic_store_n(&u->sites[k].fn,
							 (tf_fnptr)(base + (uintptr_t)v),
							 __ATOMIC_RELEASE);
			}
			return;
		}
		i += 24 + 8 * (size_t)n;
	}
}

/* /proc/self/map_files/<range> of the file mapping holding addr */
static int map_file_of(const void *addr, char *out, size_t len)
{
	FILE *f = fopen("/proc/self/maps", "re");
	char line[512];
	int found = -1;
	uintptr_t a = (uintptr_t)addr;

	if (!f)
		return -1;
	while (found && fgets(line, sizeof line, f)) {
		unsigned long lo, hi, ino;
		if (sscanf(line, "%lx-%lx %*s %*s %*s %lu", &lo, &hi, &ino) == 3 &&
		    a >= lo && a < hi && ino) {
			snprintf(out, len, "/proc/self/map_files/%lx-%lx", lo, hi);
			found = 0;
		}
	}
	fclose(f);
	return found;
}

char *rec_sites(struct tf_unit *u, const struct obj_info *o,
		struct rec_cache *c, char *err, size_t errlen)
{
	char key[40], alt[96];
	char *s;
	const char *path = o->exe ? "/proc/self/exe" : o->path;
	/* the site records, and the objects record of a unit with objects */
	unsigned nrec = u->nsites + (u->nobjs ? 1 : 0);

	rec_unit_get(u->info, TF_INFO_KEY, key, sizeof key);
	if (!*key) {                    /* the records follow in memory */
		const char *p = u->info + strlen(u->info) + 1, *e = p;
		for (unsigned k = 0; k < nrec; k++)
			e += strlen(e) + 1;
		if ((s = malloc((size_t)(e - p) + 1))) {
			memcpy(s, p, (size_t)(e - p));
			s[e - p] = 0;
		}
		return s;
	}
	if (cache_load(c, path) == 0 &&
	    (s = find_unit(c, key, nrec))) {
		fill_fn(u, c, key, o->base);
		return s;
	}
	const char *why = c->buf ? "its records there do not match this "
				   "process's (the file was replaced or "
				   "rebuilt since it was loaded)" : c->why;
	if (!o->exe && map_file_of(u->sites, alt, sizeof alt) == 0 &&
	    cache_load(c, alt) == 0 && (s = find_unit(c, key, nrec))) {
		fill_fn(u, c, key, o->base);
		return s;
	}
	snprintf(err, errlen, "the site records of %s are not readable: %s; "
		 "its functions cannot be named until the process is "
		 "restarted",
		 *o->path ? o->path : "the program", why);
	return NULL;
}
