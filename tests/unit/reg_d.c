/* Registry test unit D: its copy in the file (section tf_records) does
   not hash to the unit record's key, as when the file on disk is not the
   one loaded: the unit's records are refused, nothing else is. */
#define FG_S tf__S_d0d0000000000001
#include "fake_gen.h"

FG_DECLARE(1)

int tampered(int x) { FG_TRAP(0, tampered, (x)) return x + 4; }

struct tf_site FG_S[1] = { FG_SITE(0, &tampered) };
__asm__(".pushsection tf_records,\"\"\n"
	".ascii \"tf.unit\\n3\\nsrc/proj/reg_d.c\\n0000000d\\n1\\n0123456789abcdef\\n\\000\"\n"
	".ascii \"tampered\\nsrc/proj/reg_d.c\\n9\\nint (int)\\n9999999999999999\\n"
	"aaaaaaaaaaaaaaaa\\nint\\nint x\\n\\ni4.4;i4.4\\n\\000\"\n"
	".popsection");
FG_UNIT(1, 0, 0, "tf.unit\n3\nsrc/proj/reg_d.c\n0000000d\n1\n0123456789abcdef\n")
