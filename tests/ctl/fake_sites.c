/*
** fake_sites: an ELF file carrying hand-written tf_info records, as tfcc
** would emit them, for testing `tfctl sites` before tfcc exists.  The
** alignments force NUL padding between records, as the linker may.
*/
static const char r0[] __attribute__((section("tf_info"), used)) =
	"name=add\nfile=src/calc.c\nline=3\nsig=int (int, int)\n"
	"sighash=0123456789abcdef\nbodyhash=fedcba9876543210\nret=int\n"
	"params=int a\tint b\nflags=static\n";
static const char r1[] __attribute__((section("tf_info"), used, aligned(32))) =
	"name=sub\nfile=src/calc.c\nline=8\nsig=int (int, int)\nret=int\n"
	"params=int a\tint b\n";
static const char r2[] __attribute__((section("tf_info"), used, aligned(64))) =
	"file=src/calc.c\nvariant=1a2b3c4d\nabi=1\n";
static const char r3[] __attribute__((section("tf_info"), used, aligned(16))) =
	"name=log_msg\nfile=src/log.c\nline=12\nsig=void (const char *, ...)\n"
	"ret=void\nparams=const char * fmt\nflags=variadic,nothunk\n";
static const char r4[] __attribute__((section("tf_info"), used)) =
	"name=add\nfile=src/other.c\nline=5\nsig=long (long, long)\nflags=static\n";
static const char r5[] __attribute__((section("tf_info"), used)) =
	"file=src/log.c\nvariant=00000000\nabi=1\n";

int fake_sites_main(void)
{
	return 0;
}
