/*
** Registry tests: look-up by name, by file + name, by address, globs,
** record fields, owning object and build-id, exported objects, units
** that come and go with dlopen/dlclose.
*/
#include <dlfcn.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

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
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
