/*
** fake_sites: an ELF file carrying hand-written tf_info records, as tfcc
** would emit them (one array per unit, the unit record first), for
** testing `tfctl sites` without tfcc.  The alignment forces NUL padding
** between the units, as the linker may.
*/
/* unit src/calc.c: its sites name no file (they are the unit's) */
static const char u0[] __attribute__((section("tf_info"), used, aligned(1))) =
	"file=src/calc.c\nvariant=1a2b3c4d\nabi=2\n" "\0"
	"name=add\nline=3\nsig=int (int, int)\n"
	"sighash=0123456789abcdef\nbodyhash=fedcba9876543210\nret=int\n"
	"params=int a\tint b\nflags=static\n" "\0"
	"name=sub\nline=8\nsig=int (int, int)\nret=int\n"
	"params=int a\tint b\n";
/* unit src/log.c, with a function of a .c file it #includes */
static const char u1[] __attribute__((section("tf_info"), used, aligned(64))) =
	"file=src/log.c\nvariant=00000000\nabi=2\n" "\0"
	"name=log_msg\nline=12\nsig=void (const char *, ...)\n"
	"ret=void\nparams=const char * fmt\nflags=variadic,nothunk\n" "\0"
	"name=add\nfile=src/other.c\nline=5\nsig=long (long, long)\nflags=static\n";

int fake_sites_main(void)
{
	return 0;
}
