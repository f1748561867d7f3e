/* Registry test unit C: its site records are only in the file (section
   tf_records, not loaded), found there by the unit record's key, the
   FNV-1a 64 hash of the site records (trap.h). */
#define FG_S tf__S_c0c0000000000001
#include "fake_gen.h"

FG_DECLARE(1)

int from_file(int x) { FG_TRAP(0, from_file, (x)) return x + 3; }

struct tf_site FG_S[1] = { FG_SITE(0, &from_file) };
__asm__(".pushsection tf_records,\"\"\n"
	".ascii \"tf.unit\\n3\\nsrc/proj/reg_c.c\\n0000000c\\n1\\n913355a07c774ec1\\n\\000\"\n"
	".ascii \"from_file\\nsrc/proj/reg_c.c\\n9\\nint (int)\\n9999999999999999\\n"
	"aaaaaaaaaaaaaaaa\\nint\\nint x\\n\\ni4.4;i4.4\\n\\000\"\n"
	".popsection");
FG_UNIT(1, 0, 0, "tf.unit\n3\nsrc/proj/reg_c.c\n0000000c\n1\n913355a07c774ec1\n")
