/*
** elfsites: read the tigerfix records ("tf_info" section) and the GNU
** build-id of an ELF file with libelf.  Used by tfctl and tfcc --patch-for.
*/
#ifndef TF_CTL_ELFSITES_H
#define TF_CTL_ELFSITES_H

#include <stddef.h>

/* Why tfelf_open failed. */
enum tfelf_err {
	TFELF_OK = 0,
	TFELF_ENOFILE,  /* cannot open or read the file (errno kept) */
	TFELF_ENOTELF,  /* not an ELF file */
	TFELF_ENOINFO,  /* ELF, but no tf_info section: not built with tfcc */
	TFELF_ENORECS,  /* built with tfcc, but tf_records was removed */
	TFELF_EBAD,     /* ELF, but malformed or unreadable by libelf */
};

enum tfelf_kind {
	TFELF_SITE,     /* a function: starts with "name=" */
	TFELF_UNIT,     /* a translation unit: starts with "file=" */
	TFELF_OTHER,    /* anything else (a newer ABI?) */
};

/* One record: "key=value\n" lines, not NUL-terminated at text[len]. */
struct tfelf_rec {
	enum tfelf_kind kind;
	const char *text;
	size_t len;
	const char *unit;       /* a site's unit record (in front of it), or NULL */
	size_t unit_len;
};

struct tfelf;

/* Open PATH.  On failure returns NULL, sets *err and writes a one-line
   message (without "tfctl: ") into msg. */
struct tfelf *tfelf_open(const char *path, enum tfelf_err *err,
			 char *msg, size_t msgsz);
void tfelf_close(struct tfelf *f);

/* Call fn on every record, in section order; stops early when fn returns
   non-zero and returns that value, else 0. */
int tfelf_foreach(struct tfelf *f,
		  int (*fn)(const struct tfelf_rec *r, void *arg), void *arg);

/* Number of records of a kind. */
unsigned tfelf_count(struct tfelf *f, enum tfelf_kind kind);

/* The value of KEY in a record (for a site, else in its unit's record:
   the file of a site is its unit's unless it says otherwise): pointer
   into the record and its length, or NULL when absent. */
const char *tfelf_get(const struct tfelf_rec *r, const char *key,
		      size_t *len);

/* True if the record itself has KEY (not through its unit). */
int tfelf_get_own(const struct tfelf_rec *r, const char *key);

/* The keys of a site record's values, in order (trap.h). */
const char *const *tfelf_site_keys(size_t *n);

/* Copy KEY's value into buf as a C string (truncated to fit); returns
   buf, or "" (in buf) when absent. */
char *tfelf_getstr(const struct tfelf_rec *r, const char *key, char *buf,
		   size_t bufsz);

/* The NT_GNU_BUILD_ID note as lowercase hex in buf (at least 2*20+1 bytes
   for SHA-1 ids; 129 covers any length).  Returns the number of id bytes,
   0 when the file has no build-id. */
size_t tfelf_build_id(struct tfelf *f, char *buf, size_t bufsz);

#endif /* TF_CTL_ELFSITES_H */
