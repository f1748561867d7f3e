/*
** tfcc --patch-for=TARGET: building a patch (docs/patches.md).  patch.c
** drives it (rewrite in patch mode, compile -fPIC, imports, manifest,
** link); patch_syms.c reads symbols with libelf and turns references to
** the target's symbols into imports; patch_manifest.c writes the
** manifest.  Unlike a normal tfcc build, any failure is an error.
*/
#ifndef TFCC_PATCH_H
#define TFCC_PATCH_H

#include "tfcc.h"

/* Set by patch_opts when the call builds a patch. */
extern const char *patch_target;
extern const char *patch_target_file;

/* Consumes --patch-for=T, --patch-for T, --target-file=NAME and
   --explain at argv[i...]; returns the index of the next argument. */
int patch_opts(int argc, char **argv, int i);
/* Builds the patch; returns tfcc's exit status. */
int patch_build(struct call *c);

/* patch_syms.c: the symbols TARGET defines (function or object), by
   name.  0, or -1 after printing one error line. */
struct psyms {
	char **name;
	unsigned char *is_func;
	size_t n, cap;
};
int ps_target(const char *target, struct psyms *out);
/* Renames obj's undefined references to symbols of t into imports
   (objcopy), then adds every tf.imp.* symbol obj references to imps
   (no duplicates).  0, or -1 after printing one error line. */
int ps_imports(const char *obj, const struct psyms *t, struct sv *imps);
void ps_free(struct psyms *s);

/* patch_manifest.c: writes <dir>/manifest.c defining tf__manifest in
   section tf_manifest; returns its path or NULL after an error line. */
char *pm_write(const char *dir, const char *buildid, const char *target,
	       const struct sv *sources, const struct sv *imps);

#endif
