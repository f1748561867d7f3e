/*
** Registry tests: look-up by name, by file + name, by address, globs,
** record fields, owning object and build-id, exported objects, units
** that come and go with dlopen/dlclose.
*/
#include <dlfcn.h>
#include <malloc.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include <stdint.h>
#include <stdio.h>

#include <tigerfix/tf.h>

int mul(int a, int b);
int dup_a(int x);
int dup_b(int x);
extern int counter_a;
int from_file(int x);
int tampered(int x);

static int plus_ten(int x) { return x + 10; }

/* site records read from the executable's tf_records section (reg_c.c),
   and a copy there that does not match its key (reg_d.c) */
static void records_from_file(void **state)
{
	struct tf_site *s = tf_site_find("from_file");
	char err[512] = "";
	tf_hook *h;

	(void)state;
	assert_non_null(s);
	assert_string_equal(tf_site_file(s), "src/proj/reg_c.c");
	assert_string_equal(tf_site_sig(s), "int (int)");
	assert_int_equal(tf_site_line(s), 9);
	assert_true(s == tf_site_of((tf_fnptr)&from_file));
	h = tf_replace_by_name(NULL, "from_file", (tf_fnptr)&plus_ten, 0,
			       err, sizeof err);
	assert_non_null(h);
	assert_int_equal(from_file(1), 11);
	assert_int_equal(tf_undo(h), 0);
	assert_int_equal(from_file(1), 4);

	assert_null(tf_site_find("tampered"));
	h = tf_replace_by_name(NULL, "tampered", (tf_fnptr)&plus_ten, 0, err,
			       sizeof err);
	assert_null(h);
	assert_non_null(strstr(err, "no instrumented function tampered()"));
	assert_non_null(strstr(err, "are not readable: its records there "
				    "do not match this process's"));
	assert_int_equal(tampered(1), 5);
	/* the other units are unaffected */
	assert_non_null(tf_site_find("mul"));
}

static void by_name(void **state)
{
	struct tf_site *s = tf_site_find("mul");
	assert_non_null(s);
	assert_string_equal(tf_site_name(s), "mul");
	assert_string_equal(tf_site_file(s), "/src/proj/reg_a.c");
	assert_string_equal(tf_site_sig(s), "int (int, int)");
	assert_int_equal(tf_site_line(s), 12);
	assert_true(s == tf_site_of((tf_fnptr)&mul));
	assert_null(tf_site_find("no_such_function"));
	assert_null(tf_site_of((tf_fnptr)&by_name));
}

static void statics_by_file(void **state)
{
	struct tf_site *a = tf_site_find_in("reg_a.c", "dup");
	struct tf_site *b = tf_site_find_in("src/other/reg_b.c", "dup");
	struct tf_site *out[4];

	assert_non_null(a);
	assert_non_null(b);
	assert_true(a != b);
	assert_true(tf_site_find("dup") == a);  /* first registered */
	assert_true(tf_site_find_in("/src/proj/reg_a.c", "dup") == a);
	assert_true(tf_site_find_in("reg_b.c", "dup") == b);
	assert_null(tf_site_find_in("proj/reg_a.c", "dup"));
	assert_int_equal(tf_sites(out, 4, "dup"), 2);
	assert_int_equal(tf_sites(out, 4, "reg_b.c:d*"), 1);
	assert_true(out[0] == b);
	assert_int_equal(tf_sites(NULL, 0, "/src/proj/*:*"), 2);
	assert_true(tf_sites(NULL, 0, NULL) >= 3);
}

static int dup_10(int x) { return x + 10; }

static void mock_static_of_other_file(void **state)
{
	char err[256];
	tf_hook *h;

	assert_null(tf_replace_by_name(NULL, "dup", (tf_fnptr)&dup_10,
				       TF_PROCESS, err, sizeof err));
	assert_non_null(strstr(err, "pass the file"));
	h = tf_replace_by_name("reg_b.c", "dup", (tf_fnptr)&dup_10,
			       TF_PROCESS, err, sizeof err);
	assert_non_null(h);
	assert_int_equal(dup_b(1), 11);
	assert_int_equal(dup_a(1), 2);  /* the other static is untouched */
	tf_undo(h);
	assert_int_equal(dup_b(1), 3);
}

static void record_fields(void **state)
{
	struct tf_site *s = tf_site_find("dup");
	const char *obj = tf_site_get(s, "object");
	assert_string_equal(tf_site_get(s, "sighash"), "3333333333333333");
	assert_string_equal(tf_site_get(s, "bodyhash"), "4444444444444444");
	assert_string_equal(tf_site_get(s, "flags"), "static");
	assert_string_equal(tf_site_get(s, "params"), "int x");
	assert_string_equal(tf_site_get(s, "variant"), "0000000a");
	assert_non_null(obj);
	assert_non_null(strstr(obj, "test_registry"));
	assert_int_equal(strlen(tf_site_get(s, "buildid")), 40);
	assert_null(tf_site_get(s, "nope"));
}

static void objects(void **state)
{
	int *calls = tf_object_find("reg_a.c", "mul/calls");
	assert_true(tf_object_find("/src/proj/reg_a.c", "counter_a") ==
		    &counter_a);
	assert_non_null(calls);
	assert_int_equal(mul(2, 3), 6);
	assert_int_equal(mul(2, 3), 6);
	assert_int_equal(*calls, 2);
	assert_null(tf_object_find("reg_a.c", "nope"));
	assert_null(tf_object_find("reg_b.c", "counter_a"));
}

static int dl_repl(int x) { return -x; }

static void dlopen_dlclose(void **state)
{
	void *h = dlopen(DL_UNIT_PATH, RTLD_NOW);
	int (*fn)(int);
	struct tf_site *s;
	tf_hook *r;

	assert_non_null(h);
	fn = (int (*)(int))dlsym(h, "dl_fn");
	s = tf_site_find("dl_fn");
	assert_non_null(s);
	assert_true(s == tf_site_of((tf_fnptr)fn));
	assert_non_null(strstr(tf_site_get(s, "object"), "libtf_dl_unit"));
	r = tf_replace(s, (tf_fnptr)&dl_repl, TF_PROCESS, NULL, 0);
	assert_int_equal(fn(2), -2);
	assert_int_equal(dlclose(h), 0);
	assert_null(tf_site_find("dl_fn"));
	assert_int_equal(tf_undo(r), 0);  /* hook of a gone unit: freed */
	assert_true(tf_site_find("mul") != NULL);
}

/*
** Units registered from notes (trap.h TF__REG_DEFINE), as a linked
** object's registrar hands them over: 300 of them (the runtime's table
** of them grows past its first sizes), one of another trap ABI (skipped),
** then bytes that are no note (the end).  Each unit's site records follow
** its unit record in memory (an empty key), so nothing reads a file.
*/
#define NOTES 300
static struct tf_site note_sites[NOTES][1];
static char note_info[NOTES][160];
static uint32_t notes[NOTES + 2][9];  /* 36 bytes each, the last no note */

static void note_put(uint32_t *n, uint32_t type, unsigned i)
{
	const char *d = (const char *)&n[4];
	int32_t off;
	n[0] = 3;
	n[1] = 20;
	n[2] = type;
	memcpy(&n[3], "tf\0", 4);
	off = (int32_t)((const char *)note_sites[i] - d);
	memcpy(&n[4], &off, 4);
	off = (int32_t)(note_info[i] - d);
	memcpy(&n[5], &off, 4);
	n[6] = 0;               /* no objects: anything */
	n[7] = 1;
	n[8] = 0;
}

static void units_from_notes(void **state)
{
	char name[32];
	size_t before;
	unsigned i;

	(void)state;
	for (i = 0; i < NOTES; i++) {
		int n = snprintf(note_info[i], sizeof note_info[i],
				 "tf.unit\n%d\ntests/unit/notes.c\n0\n1\n\n",
				 TF_ABI_VERSION);
		snprintf(note_info[i] + n + 1, sizeof note_info[i] - (size_t)n - 1,
			 "note_fn_%u\n\n%u\nint (int)\n1\n2\nint\nint x\n\n"
			 "i4.4;i4.4\n", i, i + 1);
		note_put(notes[i], TF_ABI_VERSION, i);
	}
	note_put(notes[NOTES], TF_ABI_VERSION + 1, 0);  /* another ABI */
	memcpy(&notes[NOTES + 1][3], "xx\0", 4);      /* no note */
	assert_int_equal(tf_sites(NULL, 0, "note_fn_*"), 0);
	tf__register_units((const char *)notes, (const char *)notes[NOTES + 2]);
	assert_int_equal(tf_sites(NULL, 0, "note_fn_*"), NOTES);
	assert_non_null(tf_site_find("note_fn_0"));
	snprintf(name, sizeof name, "note_fn_%u", NOTES - 1);
	assert_true(tf_site_find(name) == note_sites[NOTES - 1]);
	/* the first half goes (an object's units go together, the address
	   map is rebuilt once), the second stays */
	before = mallinfo2().uordblks;
	tf__unregister_units((const char *)notes,
			     (const char *)notes[NOTES / 2]);
	assert_int_equal(tf_sites(NULL, 0, "note_fn_*"), NOTES - NOTES / 2);
	assert_null(tf_site_find("note_fn_0"));
	assert_true(tf_site_find(name) == note_sites[NOTES - 1]);
	assert_true(tf_site_of((tf_fnptr)&mul) == tf_site_find("mul"));
	tf__unregister_units((const char *)notes, (const char *)notes[NOTES + 2]);
	assert_int_equal(tf_sites(NULL, 0, "note_fn_*"), 0);
	/* one retired map per unregistering call, not per unit (300 maps of
	   16 KB, 4.8 MB, did) */
	assert_true(mallinfo2().uordblks < before + 256 * 1024);
	assert_null(tf_site_find("note_fn_0"));
	assert_non_null(tf_site_find("mul"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(by_name),
		cmocka_unit_test(statics_by_file),
		cmocka_unit_test(mock_static_of_other_file),
		cmocka_unit_test(record_fields),
		cmocka_unit_test(records_from_file),
		cmocka_unit_test(objects),
		cmocka_unit_test(dlopen_dlclose),
		cmocka_unit_test(units_from_notes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
