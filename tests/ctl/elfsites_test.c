/*
** elfsites_test: unit tests of the tfelf API (ctl/elfsites.h) on the
** hand-made fake_sites files: records, fields, build-id, error kinds.
** Usage: elfsites_test FAKE_SITES_EXE FAKE_SITES_SO NOT_TFCC_EXE
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "elfsites.h"

static const char *exe_path, *so_path, *plain_path;

struct seen {
	unsigned sites, units, other;
	char names[256];
};

static int collect(const struct tfelf_rec *r, void *arg)
{
	struct seen *s = arg;
	char name[64];
	if (r->kind == TFELF_SITE) {
		s->sites++;
		strcat(s->names, tfelf_getstr(r, "name", name, sizeof name));
		strcat(s->names, " ");
	}
	s->units += r->kind == TFELF_UNIT;
	s->other += r->kind == TFELF_OTHER;
	assert_true(r->len > 0);
	assert_int_equal(strlen(r->text), r->len);   /* padding never inside */
	return 0;
}

static void records(void **state)
{
	const char *paths[] = { exe_path, so_path };
	for (int i = 0; i < 2; i++) {
		enum tfelf_err err;
		char msg[256];
		struct tfelf *f = tfelf_open(paths[i], &err, msg, sizeof msg);
		assert_non_null(f);
		assert_int_equal(err, TFELF_OK);
		struct seen s = { 0 };
		assert_int_equal(tfelf_foreach(f, collect, &s), 0);
		assert_int_equal(s.sites, 4);
		assert_int_equal(s.units, 2);
		assert_int_equal(s.other, 0);
		assert_non_null(strstr(s.names, "log_msg "));
		assert_int_equal(tfelf_count(f, TFELF_SITE), 4);
		assert_int_equal(tfelf_count(f, TFELF_UNIT), 2);
		tfelf_close(f);
	}
}

static int find_logmsg(const struct tfelf_rec *r, void *arg)
{
	size_t n;
	const char *v = tfelf_get(r, "name", &n);
	if (r->kind != TFELF_SITE || n != 7 || memcmp(v, "log_msg", 7))
		return 0;
	*(struct tfelf_rec *)arg = *r;
	return 1;       /* stop here */
}

static void fields(void **state)
{
	enum tfelf_err err;
	char msg[256], buf[8];
	struct tfelf *f = tfelf_open(exe_path, &err, msg, sizeof msg);
	struct tfelf_rec r;
	size_t n;
	assert_int_equal(tfelf_foreach(f, find_logmsg, &r), 1);
	const char *v = tfelf_get(&r, "flags", &n);
	assert_int_equal(n, strlen("variadic,nothunk"));
	assert_memory_equal(v, "variadic,nothunk", n);
	assert_null(tfelf_get(&r, "sighash", &n));      /* absent */
	assert_null(tfelf_get(&r, "nam", &n));          /* no prefix match */
	assert_string_equal(tfelf_getstr(&r, "sig", buf, sizeof buf),
			    "void (c");                 /* truncated */
	assert_string_equal(tfelf_getstr(&r, "bodyhash", buf, sizeof buf), "");
	assert_string_equal(tfelf_getstr(&r, "line", buf, sizeof buf), "12");
	/* no file= of its own: its unit's */
	assert_string_equal(tfelf_getstr(&r, "file", buf, sizeof buf), "src/log");
	tfelf_close(f);
}

static void build_id(void **state)
{
	enum tfelf_err err;
	char msg[256], hex[130], small[9];
	struct tfelf *f = tfelf_open(exe_path, &err, msg, sizeof msg);
	assert_int_equal(tfelf_build_id(f, hex, sizeof hex), 20);  /* sha1 */
	assert_int_equal(strlen(hex), 40);
	assert_int_equal(strspn(hex, "0123456789abcdef"), 40);
	assert_int_equal(tfelf_build_id(f, small, sizeof small), 20);
	assert_int_equal(strlen(small), 8);             /* what fits */
	assert_memory_equal(small, hex, 8);
	tfelf_close(f);
}

static void errors(void **state)
{
	enum tfelf_err err;
	char msg[256];
	assert_null(tfelf_open("/nonexistent/x", &err, msg, sizeof msg));
	assert_int_equal(err, TFELF_ENOFILE);
	assert_null(tfelf_open("/", &err, msg, sizeof msg));
	assert_int_equal(err, TFELF_ENOTELF);
	assert_null(tfelf_open(plain_path, &err, msg, sizeof msg));
	assert_int_equal(err, TFELF_ENOINFO);
	assert_non_null(strstr(msg, "no tf_info section"));
	assert_null(strchr(msg, '\n'));
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: elfsites_test EXE SO PLAIN_EXE\n");
		return 2;
	}
	exe_path = argv[1];
	so_path = argv[2];
	plain_path = argv[3];
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(records),
		cmocka_unit_test(fields),
		cmocka_unit_test(build_id),
		cmocka_unit_test(errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
