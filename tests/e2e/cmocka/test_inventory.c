/* cmocka example: a unit test mocks inventory.c's *static* stock_level()
   with tigerfix.  The test #includes the module, so the static is in
   scope; TF_MOCK checks the mock's type at compile time; each test
   undoes its mock in teardown.  Build: tfcc gcc test_inventory.c -lcmocka */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <tigerfix/tf.h>

#include "inventory.c"

/* the mock: checks its argument, returns what the test queued */
static int mock_stock_level(const char *sku)
{
	check_expected_ptr(sku);
	return (int)mock();
}

static int setup(void **state)
{
	tf_hook *h = TF_MOCK(stock_level, mock_stock_level);
	if (!h) {
		print_error("TF_MOCK(stock_level): %s\n", tf_error());
		return -1;
	}
	*state = h;
	return 0;
}

static int teardown(void **state)
{
	return tf_undo(*state);
}

static void ships_when_enough_stock(void **state)
{
	expect_string(mock_stock_level, sku, "widget");
	will_return(mock_stock_level, 5);
	assert_int_equal(can_ship("widget", 5), 1);
}

static void refuses_when_short(void **state)
{
	expect_string(mock_stock_level, sku, "gadget");
	will_return(mock_stock_level, 2);
	assert_int_equal(can_ship("gadget", 3), 0);
}

static void unknown_sku(void **state)
{
	expect_any(mock_stock_level, sku);
	will_return(mock_stock_level, -1);
	assert_int_equal(can_ship("nothing", 1), -1);
}

/* without the mock, the real function runs (no stock file here) */
static void real_function_after_undo(void **state)
{
	tf_hook *h = TF_MOCK(stock_level, mock_stock_level);
	assert_non_null(h);
	assert_int_equal(tf_undo(h), 0);
	assert_int_equal(stock_level("widget"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(ships_when_enough_stock, setup, teardown),
		cmocka_unit_test_setup_teardown(refuses_when_short, setup, teardown),
		cmocka_unit_test_setup_teardown(unknown_sku, setup, teardown),
		cmocka_unit_test(real_function_after_undo),
	};
	return cmocka_run_group_tests(tests, 0, 0);
}
