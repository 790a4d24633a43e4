// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the hot/cold policy (src/kernel/policy.c), the very file
 * the module is built from.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include "policy.h"

/*
 * 1 s visits, 5 s cold age, 10 s refault window, hot at 3 of 4, shift <= 3.
 * Elapsed times are in ticks: SEC of them make a second.
 */
#define SEC	(1000 / HC_TICK_MS)
static struct hc_policy pol;
static const struct hc_file_policy fp0;

static const struct hc_sample absent;
static const struct hc_sample idle = { .present = true };
static const struct hc_sample used = { .present = true, .accessed = true };
static const struct hc_sample dirty = { .present = true, .held = true };

static int setup(void **state)
{
	hc_policy_init(&pol, 1000, 5000, 10000, 3, 3);
	return 0;
}

static void visit_n(hc_area_t *a, int n, const struct hc_sample *s)
{
	while (n--)
		hc_area_visit(a, SEC, s, &pol);
}

static void test_ticks_conversion(void **state)
{
	assert_int_equal(hc_ms_to_ticks(5000), 5 * SEC);
	assert_int_equal(hc_ms_to_ticks(5001), 5 * SEC + 1);
	assert_int_equal(hc_ms_to_ticks(~0ull / 2), HC_AGE_MAX);
	assert_int_equal(pol.cold_ticks, 5 * SEC);
	assert_int_equal(pol.refault_ticks, 10 * SEC);
}

/* The largest cold age the table accepts, at the largest shift, fits. */
static void test_longest_cold_age_at_max_shift(void **state)
{
	struct hc_file_policy fp = { 0 };
	struct hc_policy p;
	hc_area_t a = 0;
	u32 cold;
	int i;

	hc_policy_init(&p, 3600000, 86400000, 3600000, 3, 6);
	for (i = 0; i < 10; i++)
		hc_file_refault(&fp, &p);
	cold = hc_cold_ticks(&p, &fp);
	assert_int_equal(cold, 64ull * 86400 * SEC);
	assert_true(cold < HC_AGE_MAX);
	hc_area_visit(&a, SEC, &used, &p);
	hc_area_visit(&a, cold - 1, &idle, &p);
	assert_int_equal(hc_area_state(a, &p, &fp), HC_WARM);
	hc_area_visit(&a, 1, &idle, &p);
	assert_int_equal(hc_area_state(a, &p, &fp), HC_COLD);
}

/* Idle time counted survives a change of scan_interval_ms, both ways. */
static void test_interval_change_keeps_idle_time(void **state)
{
	struct hc_policy fast, slow;
	hc_area_t a = 0;
	int i;

	hc_policy_init(&fast, 100, 5000, 10000, 3, 3);
	hc_policy_init(&slow, 3600000, 5000, 10000, 3, 3);
	hc_area_visit(&a, SEC, &used, &fast);
	for (i = 0; i < 30; i++)
		hc_area_visit(&a, SEC / 10, &idle, &fast);
	/* 3 s idle at 100 ms rounds, then one 2 s gap at 1 h rounds. */
	assert_int_equal(hc_area_state(a, &slow, &fp0), HC_WARM);
	hc_area_visit(&a, 2 * SEC - 1, &idle, &slow);
	assert_int_equal(hc_area_state(a, &slow, &fp0), HC_WARM);
	hc_area_visit(&a, 1, &idle, &slow);
	assert_int_equal(hc_area_state(a, &fast, &fp0), HC_COLD);
	/* And back: 100 ms rounds add to what the slow ones counted. */
	a = 0;
	hc_area_visit(&a, SEC, &used, &slow);
	hc_area_visit(&a, 4 * SEC, &idle, &slow);
	for (i = 0; i < 9; i++)
		hc_area_visit(&a, SEC / 10, &idle, &fast);
	assert_int_equal(hc_area_state(a, &fast, &fp0), HC_WARM);
	hc_area_visit(&a, SEC / 10, &idle, &fast);
	assert_int_equal(hc_area_state(a, &fast, &fp0), HC_COLD);
}

static void test_absent_is_empty(void **state)
{
	hc_area_t a = 0;

	hc_area_visit(&a, 1, &absent, &pol);
	assert_int_equal(hc_area_state(a, &pol, &fp0), HC_EMPTY);
}

static void test_new_area_starts_young(void **state)
{
	hc_area_t a = 0;

	/* First sight of pages: never cold at once, whatever the signal. */
	hc_area_visit(&a, 100 * SEC, &idle, &pol);
	assert_int_equal(hc_area_state(a, &pol, &fp0), HC_WARM);
}

static void test_idle_area_goes_cold(void **state)
{
	hc_area_t a = 0;

	hc_area_visit(&a, SEC, &used, &pol);
	visit_n(&a, 4, &idle);
	assert_int_equal(hc_area_state(a, &pol, &fp0), HC_WARM);
	visit_n(&a, 1, &idle);
	assert_int_equal(hc_area_state(a, &pol, &fp0), HC_COLD);
}

static void test_elapsed_rounds_age_at_once(void **state)
{
	hc_area_t a = 0;

	hc_area_visit(&a, SEC, &used, &pol);
	hc_area_visit(&a, 5 * SEC, &idle, &pol);
	assert_int_equal(hc_area_state(a, &pol, &fp0), HC_COLD);
}

static void test_same_round_visit_does_not_age(void **state)
{
	hc_area_t a = 0;
	int i;

	hc_area_visit(&a, SEC, &used, &pol);
	for (i = 0; i < 50; i++)
		hc_area_visit(&a, 0, &idle, &pol);
	assert_int_equal(hc_area_state(a, &pol, &fp0), HC_WARM);
}

static void test_hot_needs_three_of_four(void **state)
{
	hc_area_t a = 0;

	hc_area_visit(&a, SEC, &used, &pol);
	hc_area_visit(&a, SEC, &idle, &pol);
	hc_area_visit(&a, SEC, &used, &pol);
	assert_int_equal(hc_area_state(a, &pol, &fp0), HC_WARM);
	hc_area_visit(&a, SEC, &used, &pol);
	assert_int_equal(hc_area_state(a, &pol, &fp0), HC_HOT);
	/* Two idle rounds leave one access in the window of four. */
	visit_n(&a, 2, &idle);
	assert_int_equal(hc_area_state(a, &pol, &fp0), HC_WARM);
}

static void test_held_area_never_ages(void **state)
{
	hc_area_t a = 0;

	hc_area_visit(&a, SEC, &used, &pol);
	visit_n(&a, 100, &dirty);
	assert_int_equal(hc_area_state(a, &pol, &fp0), HC_WARM);
	/* Once clean it needs a whole cold age again. */
	visit_n(&a, 4, &idle);
	assert_int_equal(hc_area_state(a, &pol, &fp0), HC_WARM);
}

static void test_age_saturates(void **state)
{
	hc_area_t a = 0;

	hc_area_visit(&a, SEC, &used, &pol);
	hc_area_visit(&a, HC_AGE_MAX, &idle, &pol);
	hc_area_visit(&a, HC_AGE_MAX, &idle, &pol);
	assert_int_equal(a >> HC_AGE_SHIFT, HC_AGE_MAX);
	assert_int_equal(hc_area_state(a, &pol, &fp0), HC_COLD);
}

static void test_refault_inside_window(void **state)
{
	hc_area_t a = 0;

	hc_area_mark_reclaimed(&a);
	assert_int_equal(hc_area_state(a, &pol, &fp0), HC_RECLAIMED);
	assert_false(hc_area_visit(&a, 3 * SEC, &absent, &pol));
	assert_true(hc_area_visit(&a, 3 * SEC, &used, &pol));
	assert_int_equal(hc_area_state(a, &pol, &fp0), HC_WARM);
}

static void test_late_return_is_not_refault(void **state)
{
	hc_area_t a = 0;

	hc_area_mark_reclaimed(&a);
	assert_false(hc_area_visit(&a, 6 * SEC, &absent, &pol));
	assert_false(hc_area_visit(&a, 5 * SEC, &used, &pol));
}

static void test_reclaimed_forgotten_after_window(void **state)
{
	hc_area_t a = 0;

	hc_area_mark_reclaimed(&a);
	hc_area_visit(&a, 10 * SEC + 1, &absent, &pol);
	assert_int_equal(hc_area_state(a, &pol, &fp0), HC_EMPTY);
}

static void test_failed_invalidation_is_not_refault(void **state)
{
	hc_area_t a = 0;

	/* Still cached, not accessed: the pages were never dropped. */
	hc_area_mark_reclaimed(&a);
	assert_false(hc_area_visit(&a, SEC, &idle, &pol));
	visit_n(&a, 4, &idle);
	assert_int_equal(hc_area_state(a, &pol, &fp0), HC_COLD);
}

static void test_failed_reclaim_starts_a_new_cold_age(void **state)
{
	hc_area_t a = 0;

	hc_area_visit(&a, SEC, &used, &pol);
	visit_n(&a, 5, &idle);
	assert_int_equal(hc_area_state(a, &pol, &fp0), HC_COLD);
	hc_area_mark_reclaimed(&a);
	hc_area_mark_failed(&a);
	assert_int_equal(hc_area_state(a, &pol, &fp0), HC_WARM);
	visit_n(&a, 4, &idle);
	assert_int_equal(hc_area_state(a, &pol, &fp0), HC_WARM);
	visit_n(&a, 1, &idle);
	assert_int_equal(hc_area_state(a, &pol, &fp0), HC_COLD);
}

static void test_observed_area_counted_once(void **state)
{
	struct hc_policy p = pol;
	hc_area_t a = 0;
	int i;

	p.observe = true;
	hc_area_visit(&a, SEC, &used, &p);
	hc_area_visit(&a, 5 * SEC, &idle, &p);
	assert_int_equal(hc_area_state(a, &p, &fp0), HC_COLD);
	hc_area_mark_observed(&a);
	/* Still cached and idle: stays "would be reclaimed", not cold again. */
	for (i = 0; i < 30; i++)
		hc_area_visit(&a, SEC, &idle, &p);
	assert_int_equal(hc_area_state(a, &p, &fp0), HC_RECLAIMED);
	/* Used again long after: no refault, a plain area again. */
	assert_false(hc_area_visit(&a, SEC, &used, &p));
	assert_int_equal(hc_area_state(a, &p, &fp0), HC_WARM);
}

static void test_observed_refault(void **state)
{
	struct hc_policy p = pol;
	hc_area_t a = 0;

	p.observe = true;
	hc_area_mark_observed(&a);
	assert_false(hc_area_visit(&a, SEC, &idle, &p));
	assert_true(hc_area_visit(&a, SEC, &used, &p));
}

static void test_observed_then_reclaim_mode(void **state)
{
	hc_area_t a = 0;

	/* Back in reclaim mode the area is cold at its true age at once. */
	hc_area_mark_observed(&a);
	hc_area_visit(&a, 5 * SEC, &idle, &pol);
	assert_int_equal(hc_area_state(a, &pol, &fp0), HC_COLD);
}

static void test_refault_doubles_cold_age(void **state)
{
	struct hc_file_policy fp = { 0 };
	hc_area_t a = 0;

	hc_file_refault(&fp, &pol);
	assert_int_equal(hc_cold_ticks(&pol, &fp), 10 * SEC);
	hc_area_visit(&a, SEC, &used, &pol);
	visit_n(&a, 5, &idle);
	assert_int_equal(hc_area_state(a, &pol, &fp), HC_WARM);
	visit_n(&a, 5, &idle);
	assert_int_equal(hc_area_state(a, &pol, &fp), HC_COLD);
}

static void test_refault_shift_is_bounded(void **state)
{
	struct hc_file_policy fp = { 0 };
	int i;

	for (i = 0; i < 10; i++)
		hc_file_refault(&fp, &pol);
	assert_int_equal(fp.shift, 3);
	assert_int_equal(hc_cold_ticks(&pol, &fp), 40 * SEC);
}

static void test_shift_decays_when_quiet(void **state)
{
	struct hc_file_policy fp = { 0 };

	hc_file_refault(&fp, &pol);
	hc_file_refault(&fp, &pol);
	hc_file_age(&fp, 40 * SEC - 1, &pol);
	assert_int_equal(fp.shift, 2);
	hc_file_age(&fp, 1, &pol);
	assert_int_equal(fp.shift, 1);
	hc_file_age(&fp, 20 * SEC, &pol);
	assert_int_equal(fp.shift, 0);
}

static void test_lowered_max_shift_applies(void **state)
{
	struct hc_file_policy fp = { .shift = 3 };
	struct hc_policy p = pol;

	p.max_shift = 1;
	hc_file_age(&fp, 0, &p);
	assert_int_equal(fp.shift, 1);
}

static void test_visit_stride(void **state)
{
	struct hc_policy p;

	/* An eighth of the cold age, in time, whatever the interval. */
	assert_int_equal(hc_visit_stride(&pol), 5 * SEC / 8);
	hc_policy_init(&p, 10000, 300000, 60000, 3, 3);
	assert_int_equal(hc_visit_stride(&p), 300 * SEC / 8);
	assert_false(hc_visit_due_after(&p, 32 * SEC));
	/* Half a round early rather than a whole round late. */
	assert_true(hc_visit_due_after(&p, 33 * SEC));
	hc_policy_init(&p, 100, 300000, 60000, 3, 3);
	assert_false(hc_visit_due_after(&p, 37 * SEC));
	assert_true(hc_visit_due_after(&p, 300 * SEC / 8));
	/* Rounds longer than the stride: every round. */
	hc_policy_init(&p, 3600000, 1000, 60000, 3, 3);
	assert_true(hc_visit_due_after(&p, 0));
}

static void test_hot_file_rule(void **state)
{
	struct hc_tally t = { 0 };

	t.n[HC_HOT] = 5;
	t.n[HC_COLD] = 5;
	assert_false(hc_file_is_hot(&t, 50));
	t.n[HC_HOT] = 6;
	assert_true(hc_file_is_hot(&t, 50));
	assert_false(hc_file_is_hot(&t, 100));
	/* Reclaimed areas dilute it: the cold part gone leaves it cold. */
	t.n[HC_COLD] = 0;
	t.n[HC_RECLAIMED] = 5;
	assert_true(hc_file_is_hot(&t, 50));
	t.n[HC_RECLAIMED] = 7;
	assert_false(hc_file_is_hot(&t, 50));
	memset(&t, 0, sizeof(t));
	assert_false(hc_file_is_hot(&t, 1));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ticks_conversion),
		cmocka_unit_test(test_longest_cold_age_at_max_shift),
		cmocka_unit_test(test_interval_change_keeps_idle_time),
		cmocka_unit_test(test_absent_is_empty),
		cmocka_unit_test(test_new_area_starts_young),
		cmocka_unit_test(test_idle_area_goes_cold),
		cmocka_unit_test(test_elapsed_rounds_age_at_once),
		cmocka_unit_test(test_same_round_visit_does_not_age),
		cmocka_unit_test(test_hot_needs_three_of_four),
		cmocka_unit_test(test_held_area_never_ages),
		cmocka_unit_test(test_age_saturates),
		cmocka_unit_test(test_refault_inside_window),
		cmocka_unit_test(test_late_return_is_not_refault),
		cmocka_unit_test(test_reclaimed_forgotten_after_window),
		cmocka_unit_test(test_failed_invalidation_is_not_refault),
		cmocka_unit_test(test_failed_reclaim_starts_a_new_cold_age),
		cmocka_unit_test(test_observed_area_counted_once),
		cmocka_unit_test(test_observed_refault),
		cmocka_unit_test(test_observed_then_reclaim_mode),
		cmocka_unit_test(test_refault_doubles_cold_age),
		cmocka_unit_test(test_refault_shift_is_bounded),
		cmocka_unit_test(test_shift_decays_when_quiet),
		cmocka_unit_test(test_lowered_max_shift_applies),
		cmocka_unit_test(test_visit_stride),
		cmocka_unit_test(test_hot_file_rule),
	};

	return cmocka_run_group_tests_name("policy", tests, setup, NULL);
}
