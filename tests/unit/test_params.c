// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the parameter checks (src/common/params.c) in the module's
 * syntax: what a write to /sys/module/hotcold/parameters/ accepts.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include "params.h"

static char err[HC_ERR_MAX];

static int check(const char *name, const char *val, u64 *v)
{
	const struct hc_param_desc *d = hc_param_find(name);

	assert_non_null(d);
	err[0] = '\0';
	return hc_param_check(d, val, v, err, sizeof(err));
}

static void test_every_default_is_valid(void **state)
{
	char buf[32], word[HC_VALUE_MAX];
	unsigned int i;
	u64 v;

	for (i = 0; i < HC_NR_PARAMS; i++) {
		const struct hc_param_desc *d = &hc_params[i];

		if (d->kind == HC_FSLIST || d->kind == HC_PATHLIST) {
			assert_int_equal(check(d->name, d->sdef, &v), 0);
		} else if (d->kind == HC_ENUM) {
			hc_enum_choice(d, 0, word, sizeof(word));
			assert_int_equal(check(d->name, word, &v), 0);
			assert_int_equal(v, 0);
		} else {
			snprintf(buf, sizeof(buf), "%llu",
				 (unsigned long long)d->def);
			assert_int_equal(check(d->name, buf, &v), 0);
			assert_true(d->min <= d->def && d->def <= d->max);
		}
	}
}

static void test_range_message_names_key_value_range(void **state)
{
	u64 v = 7;

	assert_int_equal(check("scan_interval_ms", "50\n", &v), -1);
	assert_string_equal(err,
		"scan_interval_ms: 50 is out of range (allowed 100 to 3600000 milliseconds)");
	assert_int_equal(v, 7);
	/* a count has no unit */
	assert_int_equal(check("hot_rounds", "9", &v), -1);
	assert_string_equal(err, "hot_rounds: 9 is out of range (allowed 1 to 4)");
}

static void test_numbers(void **state)
{
	u64 v;

	assert_int_equal(check("scan_interval_ms", "250\n", &v), 0);
	assert_int_equal(v, 250);
	assert_int_equal(check("scan_interval_ms", "", &v), -1);
	assert_int_equal(check("scan_interval_ms", "-5", &v), -1);
	assert_int_equal(check("scan_interval_ms", "0x100", &v), -1);
	assert_int_equal(check("scan_interval_ms", "12 ", &v), -1);
	assert_int_equal(check("scan_interval_ms", "99999999999999999999999", &v), -1);
	assert_non_null(strstr(err, "not a whole decimal number"));
}

static void test_bool(void **state)
{
	u64 v;

	assert_int_equal(check("enabled", "Y", &v), 0);
	assert_int_equal(v, 1);
	assert_int_equal(check("enabled", "0\n", &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(check("enabled", "2", &v), -1);
	assert_int_equal(check("enabled", "yes", &v), -1);
}

static void test_power_of_two(void **state)
{
	u64 v;

	assert_int_equal(check("file_area_pages", "8", &v), 0);
	assert_int_equal(check("file_area_pages", "6", &v), -1);
	assert_string_equal(err, "file_area_pages: 6 is not a power of two");
	assert_int_equal(check("file_area_pages", "1024", &v), -1);
}

static void test_enum(void **state)
{
	u64 v;

	assert_int_equal(check("access_signal", "event\n", &v), 0);
	assert_int_equal(v, 2);
	assert_int_equal(check("access_signal", "fast", &v), -1);
	assert_string_equal(err,
		"access_signal: 'fast' is not one of auto|idle|event");
}

static void test_fs_list(void **state)
{
	u64 v;

	assert_int_equal(check("fs_types", "ext4\n", &v), 0);
	assert_int_equal(check("fs_types", "ext4,xfs,f2fs", &v), 0);
	assert_int_equal(check("fs_types", "ext4,btrfs", &v), -1);
	assert_non_null(strstr(err, "'btrfs' is not supported"));
	assert_int_equal(check("fs_types", "ext4,tmpfs", &v), -1);
	assert_non_null(strstr(err, "'tmpfs' is a memory-backed"));
	assert_int_equal(check("fs_types", "ramfs", &v), -1);
	assert_int_equal(check("fs_types", "hugetlbfs", &v), -1);
	assert_int_equal(check("fs_types", "shmem", &v), -1);
	assert_int_equal(check("fs_types", "proc", &v), -1);
	assert_int_equal(check("fs_types", "", &v), -1);
	assert_int_equal(check("fs_types", "ext4,,xfs", &v), -1);
	assert_int_equal(check("fs_types", "ext4,", &v), -1);
	assert_int_equal(check("fs_types", "Ext4", &v), -1);
	assert_int_equal(check("fs_types", "ext4,ext4", &v), -1);
	assert_non_null(strstr(err, "listed twice"));
	assert_int_equal(check("fs_types", "a,b,c,d,e,f,g,h,i", &v), -1);
}

static void test_path_list(void **state)
{
	u64 v = 7;

	assert_int_equal(check("protect_paths", "", &v), 0);
	assert_int_equal(check("protect_paths", "\n", &v), 0);
	assert_int_equal(check("protect_paths", "8:1:/var/lib/pgsql\n", &v), 0);
	assert_int_equal(check("protect_paths", "8:1:/,253:0:/srv/db data", &v),
			 0);
	assert_int_equal(v, 7);
	assert_int_equal(check("protect_paths", "4095:1048575:/a", &v), 0);
	assert_int_equal(check("protect_paths", "4096:0:/a", &v), -1);
	assert_string_equal(err,
		"protect_paths: '4096:0:/a' is not MAJOR:MINOR:/path (major 0 to 4095, minor 0 to 1048575, entries separated by ',')");
	assert_int_equal(check("protect_paths", "8:1048576:/a", &v), -1);
	assert_int_equal(check("protect_paths", "/var/lib", &v), -1);
	assert_int_equal(check("protect_paths", "8:/var/lib", &v), -1);
	assert_int_equal(check("protect_paths", "8:x:/a", &v), -1);
	assert_int_equal(check("protect_paths", ":1:/a", &v), -1);
	assert_int_equal(check("protect_paths", "-8:1:/a", &v), -1);
	assert_int_equal(check("protect_paths", "8:1:/a,", &v), -1);
	assert_int_equal(check("protect_paths", "8:1:/a,,8:1:/b", &v), -1);
	assert_int_equal(check("protect_paths", "8:1:a", &v), -1);
	assert_string_equal(err,
		"protect_paths: '8:1:a': the path must be absolute, without '.', '..' or empty components, control characters or a trailing '/'");
	assert_int_equal(check("protect_paths", "8:1:", &v), -1);
	assert_int_equal(check("protect_paths", "8:1:/a/", &v), -1);
	assert_int_equal(check("protect_paths", "8:1://a", &v), -1);
	assert_int_equal(check("protect_paths", "8:1:/a/./b", &v), -1);
	assert_int_equal(check("protect_paths", "8:1:/a/..", &v), -1);
	assert_int_equal(check("protect_paths", "8:1:/a\tb", &v), -1);
	assert_int_equal(check("protect_paths", "8:1:/.a/..b/...", &v), 0);
	assert_int_equal(check("protect_paths", "8:1:/a:b", &v), 0);
	assert_int_equal(check("protect_paths", "8:1:/a,8:2:/a,8:1:/a", &v),
			 -1);
	assert_string_equal(err, "protect_paths: '8:1:/a' is listed twice");
}

static void test_path_list_limits(void **state)
{
	char val[HC_PATHS_MAX + 8];
	size_t len = 0;
	u64 v;
	int i;

	for (i = 0; i < HC_PATHS_ENTRIES; i++)
		len += sprintf(val + len, "%s8:%d:/d", i ? "," : "", i);
	assert_int_equal(check("protect_paths", val, &v), 0);
	strcat(val, ",8:99:/d");
	assert_int_equal(check("protect_paths", val, &v), -1);
	assert_string_equal(err, "protect_paths: more than 16 entries");

	/* The longest value fits; one more character does not. */
	memcpy(val, "8:1:/", 5);
	memset(val + 5, 'a', HC_PATHS_MAX - 6);
	val[HC_PATHS_MAX - 1] = '\0';
	assert_int_equal(check("protect_paths", val, &v), 0);
	strcat(val, "\n");
	assert_int_equal(check("protect_paths", val, &v), 0);
	val[HC_PATHS_MAX - 1] = 'a';
	val[HC_PATHS_MAX] = '\0';
	assert_int_equal(check("protect_paths", val, &v), -1);
	assert_string_equal(err,
		"protect_paths: value is longer than 1023 characters");
}

static void test_path_list_entry(void **state)
{
	const char *e = "253:17:/srv/db,x", *path;
	u32 major, minor;
	size_t plen;

	assert_int_equal(hc_pathlist_entry(e, 14, &major, &minor, &path,
					   &plen), 0);
	assert_int_equal(major, 253);
	assert_int_equal(minor, 17);
	assert_int_equal(plen, 7);
	assert_memory_equal(path, "/srv/db", 7);
	assert_int_equal(hc_pathlist_entry(e, 7, &major, &minor, &path,
					   &plen), 0);
	assert_int_equal(plen, 0);
	assert_int_equal(hc_pathlist_entry(e, 6, &major, &minor, &path,
					   &plen), -1);
}

static void test_too_long(void **state)
{
	char longval[HC_VALUE_MAX + 8];
	u64 v;

	memset(longval, '1', sizeof(longval) - 1);
	longval[sizeof(longval) - 1] = '\0';
	assert_int_equal(check("fs_types", longval, &v), -1);
	assert_non_null(strstr(err, "longer than"));
}

static void test_find(void **state)
{
	assert_null(hc_param_find("scan_interval"));
	assert_non_null(hc_param_find("max_metadata_kb"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_default_is_valid),
		cmocka_unit_test(test_range_message_names_key_value_range),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_bool),
		cmocka_unit_test(test_power_of_two),
		cmocka_unit_test(test_enum),
		cmocka_unit_test(test_fs_list),
		cmocka_unit_test(test_path_list),
		cmocka_unit_test(test_path_list_limits),
		cmocka_unit_test(test_path_list_entry),
		cmocka_unit_test(test_too_long),
		cmocka_unit_test(test_find),
	};

	return cmocka_run_group_tests_name("params", tests, NULL, NULL);
}
