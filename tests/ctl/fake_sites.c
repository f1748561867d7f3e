/*
** fake_sites: an ELF file carrying hand-written tf_info records, as tfcc
** would emit them (one array per unit, the unit record first), for
** testing `tfctl sites` without tfcc.  The alignment forces NUL padding
** between the units, as the linker may.
*/
/* unit src/calc.c: its sites name no file (they are the unit's); sub
   has no hashes, flags or layout */
static const char u0[] __attribute__((section("tf_info"), used, aligned(1))) =
	"tf.unit\n3\nsrc/calc.c\n1a2b3c4d\n2\n" "\0"
	"add\n\n3\nint (int, int)\n0123456789abcdef\nfedcba9876543210\n"
	"int\nint a\tint b\nstatic\n\n" "\0"
	"sub\n\n8\nint (int, int)\n\n\nint\nint a\tint b\n\n\n";
/* unit src/log.c, with a function of a .c file it #includes */
static const char u1[] __attribute__((section("tf_info"), used, aligned(64))) =
	"tf.unit\n3\nsrc/log.c\n00000000\n2\n" "\0"
	"log_msg\n\n12\nvoid (const char *, ...)\n\n\nvoid\n"
	"const char * fmt\nvariadic,nothunk\n\n" "\0"
	"add\nsrc/other.c\n5\nlong (long, long)\n\n\n\n\nstatic\n\n";

int fake_sites_main(void)
{
	return 0;
}
