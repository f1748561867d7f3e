/*
** x86-64 specifics of the patch loader: the ELF machine number and the
** relocation types through which a patch reaches its imports.
*/
#if defined(__x86_64__)
#include <elf.h>

#include "patch_int.h"

const unsigned arch_elf_machine = EM_X86_64;
const char arch_name[] = "x86-64";

int arch_import_reloc(unsigned type, uint64_t s, int64_t a, uint64_t *val)
{
	switch (type) {
	case R_X86_64_GLOB_DAT:     /* GOT slot of a data or -fPIC reference */
	case R_X86_64_JUMP_SLOT:    /* PLT slot (bound at load: -z now) */
	case R_X86_64_64:           /* pointer in initialised data */
		*val = s + (uint64_t)a;
		return 8;
	default:
		return 0;
	}
}

int arch_reloc_symless(unsigned type)
{
	return type == R_X86_64_NONE || type == R_X86_64_RELATIVE ||
	       type == R_X86_64_IRELATIVE;
}
#endif
