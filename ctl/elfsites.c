/*
** elfsites: read tigerfix site/unit records and the GNU build-id of an ELF
** file (executable, shared object or relocatable object) with libelf.
**
** The "tf_records" section (not loaded) is a run of NUL-terminated
** strings, one record each (trap.h: a unit record, then its sites');
** runs of NULs between units are alignment padding from the linker.  The
** loaded "tf_info" section holds each unit record again, with a key that
** names its copy in tf_records; those are skipped.  A unit record with no
** key (a file named with '"' or '\\') has its sites after it in tf_info.
** tfelf_open copies the section(s) into memory and reads the build-id, so
** the ELF file is closed again before tfelf_open returns.
*/
#include "elfsites.h"

#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <tigerfix/trap.h>

#ifndef NT_GNU_BUILD_ID
#define NT_GNU_BUILD_ID 3
#endif

#define MAX_ID 64       /* longest build-id kept, in bytes */

struct tfelf {
	char *info;     /* all tf_records bytes, then tf_info's unkeyed units */
	size_t len;
	int keyed;      /* tf_info has units whose records are in tf_records */
	unsigned char id[MAX_ID];
	size_t idlen;
};

static int is_unit(const char *s, size_t len);
static const char *nth_line(const char *text, size_t len, size_t k, size_t *n);

/* append the bytes of one section; from tf_info (keyed), only the unit
   records with no key and the site records after them */
static int add_info(struct tfelf *f, Elf_Scn *scn, int keyed)
{
	Elf_Data *d = NULL;
	while ((d = elf_rawdata(scn, d)) != NULL) {
		if (d->d_buf == NULL || d->d_size == 0)
			continue;
		char *p = realloc(f->info, f->len + d->d_size + 1);
		if (p == NULL)
			return -1;
		f->info = p;
		const char *s = d->d_buf;
		for (size_t i = 0, n; i < d->d_size; i += n + 1) {
			n = strnlen(s + i, d->d_size - i);
			size_t kn = 0;
			if (keyed && is_unit(s + i, n) &&
			    nth_line(s + i, n, 5, &kn) && kn) {
				f->keyed = 1;   /* the unit's copy in tf_records */
				continue;
			}
			memcpy(p + f->len, s + i, n);
			f->len += n;
			p[f->len++] = '\0';
		}
	}
	return 0;
}

/* look for the build-id note in one block of notes */
static int scan_notes(struct tfelf *f, Elf_Data *d)
{
	size_t off = 0, next, noff, doff;
	GElf_Nhdr nh;
	while (off < d->d_size &&
	       (next = gelf_getnote(d, off, &nh, &noff, &doff)) > 0) {
		if (nh.n_type == NT_GNU_BUILD_ID && nh.n_namesz == 4 &&
		    memcmp((char *)d->d_buf + noff, "GNU", 4) == 0) {
			f->idlen = nh.n_descsz < MAX_ID ? nh.n_descsz : MAX_ID;
			memcpy(f->id, (char *)d->d_buf + doff, f->idlen);
			return 1;
		}
		off = next;
	}
	return 0;
}

/* build-id from note sections, else from PT_NOTE segments */
static void read_build_id(struct tfelf *f, Elf *e)
{
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;
	while ((scn = elf_nextscn(e, scn)) != NULL) {
		if (gelf_getshdr(scn, &sh) == NULL || sh.sh_type != SHT_NOTE)
			continue;
		Elf_Data *d = elf_getdata(scn, NULL);
		if (d != NULL && scan_notes(f, d))
			return;
	}
	size_t n;
	if (elf_getphdrnum(e, &n) != 0)
		return;
	for (size_t i = 0; i < n; i++) {
		GElf_Phdr ph;
		if (gelf_getphdr(e, (int)i, &ph) == NULL || ph.p_type != PT_NOTE)
			continue;
		Elf_Data *d = elf_getdata_rawchunk(e, ph.p_offset, ph.p_filesz,
						   ELF_T_NHDR);
		if (d != NULL && scan_notes(f, d))
			return;
	}
}

/* copy every tf_records section, then the unkeyed units of every
   tf_info section; -1 on a libelf failure */
static int read_info(struct tfelf *f, Elf *e)
{
	size_t shstrndx;
	if (elf_getshdrstrndx(e, &shstrndx) != 0)
		return -1;
	for (int pass = 0; pass < 2; pass++) {
		const char *want = pass ? TF_SECTION_INFO : TF_SECTION_RECORDS;
		Elf_Scn *scn = NULL;
		GElf_Shdr sh;
		while ((scn = elf_nextscn(e, scn)) != NULL) {
			if (gelf_getshdr(scn, &sh) == NULL)
				return -1;
			const char *name = elf_strptr(e, shstrndx, sh.sh_name);
			if (name == NULL || strcmp(name, want) != 0 ||
			    sh.sh_type == SHT_NOBITS)
				continue;
			if (add_info(f, scn, pass) != 0)
				return -1;
		}
	}
	return 0;
}

static struct tfelf *fail(struct tfelf *f, enum tfelf_err *err,
			  enum tfelf_err why, char *msg, size_t msgsz,
			  const char *fmt, const char *path, const char *detail)
{
	if (f != NULL) {
		free(f->info);
		free(f);
	}
	*err = why;
	snprintf(msg, msgsz, fmt, path, detail);
	return NULL;
}

struct tfelf *tfelf_open(const char *path, enum tfelf_err *err, char *msg,
			 size_t msgsz)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return fail(NULL, err, TFELF_ENOFILE, msg, msgsz,
			    "cannot open %s: %s; check the path", path,
			    strerror(errno));
	struct stat st;
	int dir = fstat(fd, &st) == 0 && S_ISDIR(st.st_mode);
	elf_version(EV_CURRENT);
	Elf *e = dir ? NULL : elf_begin(fd, ELF_C_READ_MMAP, NULL);
	if (e == NULL || elf_kind(e) != ELF_K_ELF) {
		if (e != NULL)
			elf_end(e);
		close(fd);
		return fail(NULL, err, TFELF_ENOTELF, msg, msgsz,
			    "%s is not an ELF file%s; give an executable or "
			    "shared object built with tfcc", path,
			    dir ? " (it is a directory)" : "");
	}
	struct tfelf *f = calloc(1, sizeof *f);
	if (f == NULL || read_info(f, e) != 0) {
		const char *why = f ? elf_errmsg(-1) : strerror(ENOMEM);
		elf_end(e);
		close(fd);
		return fail(f, err, TFELF_EBAD, msg, msgsz,
			    "cannot read the sections of %s: %s; the file may "
			    "be truncated or corrupt", path, why);
	}
	read_build_id(f, e);
	elf_end(e);
	close(fd);
	if (f->len == 0 && f->keyed)
		return fail(f, err, TFELF_ENORECS, msg, msgsz,
			    "%s was built with tfcc, but its site records (the "
			    "section " TF_SECTION_RECORDS ") were removed%s; "
			    "use the file as tfcc built it, or strip it "
			    "without removing that section", path, "");
	if (f->info == NULL)
		return fail(f, err, TFELF_ENOINFO, msg, msgsz,
			    "%s was not built with tfcc: no tf_info section; "
			    "rebuild it with CC=\"tfcc gcc\"%s", path, "");
	*err = TFELF_OK;
	return f;
}

void tfelf_close(struct tfelf *f)
{
	if (f == NULL)
		return;
	free(f->info);
	free(f);
}

static const char *const site_keys[] = TF_INFO_SITE_KEYS;
static const char *const unit_keys[] = TF_INFO_UNIT_KEYS;
#define NKEYS(k) (sizeof (k) / sizeof *(k))

/* line k of text (len bytes), its length in *n; NULL past the end */
static const char *nth_line(const char *text, size_t len, size_t k, size_t *n)
{
	const char *p = text, *end = text + len;
	for (size_t i = 0; p < end; i++) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		if (eol == NULL)
			eol = end;
		if (i == k) {
			*n = (size_t)(eol - p);
			return p;
		}
		p = eol + 1;
	}
	*n = 0;
	return NULL;
}

static int is_unit(const char *s, size_t len)
{
	size_t m = sizeof TF_INFO_UNIT_MAGIC - 1;
	return len > m && memcmp(s, TF_INFO_UNIT_MAGIC, m) == 0 && s[m] == '\n';
}

int tfelf_foreach(struct tfelf *f,
		  int (*fn)(const struct tfelf_rec *r, void *arg), void *arg)
{
	size_t i = 0;
	const char *unit = NULL;
	size_t unit_len = 0;
	unsigned long left = 0;         /* site records the unit still has */
	while (i < f->len) {
		if (f->info[i] == '\0') {       /* padding, or a record's end */
			i++;
			continue;
		}
		struct tfelf_rec r;
		r.text = f->info + i;
		r.len = strnlen(r.text, f->len - i);
		r.unit = NULL;
		r.unit_len = 0;
		if (is_unit(r.text, r.len)) {
			size_t n;
			const char *v = nth_line(r.text, r.len, 4, &n);
			r.kind = TFELF_UNIT;
			unit = r.text;
			unit_len = r.len;
			left = v ? strtoul(v, NULL, 10) : 0;
		} else if (left > 0) {
			r.kind = TFELF_SITE;
			r.unit = unit;
			r.unit_len = unit_len;
			left--;
		} else {
			r.kind = TFELF_OTHER;
		}
		int rc = fn(&r, arg);
		if (rc != 0)
			return rc;
		i += r.len;
	}
	return 0;
}

struct count {
	enum tfelf_kind kind;
	unsigned n;
};

static int count_one(const struct tfelf_rec *r, void *arg)
{
	struct count *c = arg;
	c->n += r->kind == c->kind;
	return 0;
}

unsigned tfelf_count(struct tfelf *f, enum tfelf_kind kind)
{
	struct count c = { kind, 0 };
	tfelf_foreach(f, count_one, &c);
	return c.n;
}

/* the value of key in record r itself (NULL: absent or empty) */
static const char *get(const struct tfelf_rec *r, const char *key, size_t *len)
{
	const char *const *keys = r->kind == TFELF_UNIT ? unit_keys : site_keys;
	size_t nk = r->kind == TFELF_UNIT ? NKEYS(unit_keys) : NKEYS(site_keys);
	*len = 0;
	if (r->kind == TFELF_OTHER)
		return NULL;
	for (size_t k = 0; k < nk; k++)
		if (strcmp(keys[k], key) == 0) {
			const char *v = nth_line(r->text, r->len, k, len);
			return v && *len ? v : NULL;
		}
	return NULL;
}

int tfelf_get_own(const struct tfelf_rec *r, const char *key)
{
	size_t n;
	return get(r, key, &n) != NULL;
}

const char *tfelf_get(const struct tfelf_rec *r, const char *key,
		      size_t *len)
{
	const char *v = get(r, key, len);
	if (v == NULL && r->unit != NULL && strcmp(key, TF_INFO_FILE) == 0) {
		struct tfelf_rec u = { TFELF_UNIT, r->unit, r->unit_len,
				       NULL, 0 };
		v = get(&u, key, len);
	}
	return v;
}

const char *const *tfelf_site_keys(size_t *n)
{
	*n = NKEYS(site_keys);
	return site_keys;
}

char *tfelf_getstr(const struct tfelf_rec *r, const char *key, char *buf,
		   size_t bufsz)
{
	size_t n;
	const char *v = tfelf_get(r, key, &n);
	if (bufsz == 0)
		return buf;
	if (v == NULL)
		n = 0;
	if (n >= bufsz)
		n = bufsz - 1;
	memcpy(buf, v ? v : "", n);
	buf[n] = '\0';
	return buf;
}

size_t tfelf_build_id(struct tfelf *f, char *buf, size_t bufsz)
{
	static const char hex[] = "0123456789abcdef";
	size_t i;
	if (bufsz == 0)
		return f->idlen;
	for (i = 0; i < f->idlen && 2 * i + 2 < bufsz; i++) {
		buf[2 * i] = hex[f->id[i] >> 4];
		buf[2 * i + 1] = hex[f->id[i] & 15];
	}
	buf[2 * i] = '\0';
	return f->idlen;
}
