// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of hotcoldctl's config parser, units and stats parsing
 * (cmocka; CMOCKA_MESSAGE_OUTPUT=TAP prints one TAP line per test).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>
#include <cmocka.h>

#include "conf.h"
#include "stats.h"
#include "units.h"

#define MSGS_MAX	16

struct msgs {
	unsigned int n;
	char text[MSGS_MAX][3 * HC_CONF_LINE_MAX];
};

static struct msgs msgs;
static struct hc_conf conf;

static void collect(void *ctx, const char *msg)
{
	struct msgs *m = ctx;

	if (m->n < MSGS_MAX)
		snprintf(m->text[m->n], sizeof(m->text[0]), "%s", msg);
	m->n++;
}

/* Parse @text as the file "t.conf"; returns the number of errors. */
static unsigned int parse_len(const char *text, size_t len)
{
	memset(&msgs, 0, sizeof(msgs));
	hc_conf_init(&conf, "t.conf");
	conf.report = collect;
	conf.report_ctx = &msgs;
	return hc_conf_parse(&conf, text, len);
}

static unsigned int parse(const char *text)
{
	return parse_len(text, strlen(text));
}

static u64 num_of(const char *key)
{
	return conf.v[hc_param_find(key) - hc_params].num;
}

static void assert_one_error(const char *text, const char *want)
{
	assert_int_equal(parse(text), 1);
	assert_int_equal(msgs.n, 1);
	assert_string_equal(msgs.text[0], want);
}

static void test_empty_file(void **state)
{
	(void)state;
	assert_int_equal(parse(""), 0);
	assert_int_equal(num_of("scan_interval_ms"), 10000);
	assert_string_equal(conf.v[HC_P_fs_types].value, "ext4,xfs");
	assert_string_equal(conf.v[HC_P_access_signal].value, "auto");
	assert_int_equal(conf.v[HC_P_enabled].line, 0);
}

static void test_only_comments(void **state)
{
	(void)state;
	/* The third line is blanks only (\x20: a space). */
	assert_int_equal(parse("# a comment\n\n\x20\t\n\t# indented\n#enabled = 0\n"), 0);
	assert_int_equal(num_of("enabled"), 1);
}

static void test_durations(void **state)
{
	(void)state;
	assert_int_equal(parse("scan_interval_ms = 250ms\ncold_age_ms=300s\n"
			       "refault_window_ms = 5m\n"), 0);
	assert_int_equal(num_of("scan_interval_ms"), 250);
	assert_int_equal(num_of("cold_age_ms"), 300000);
	assert_int_equal(num_of("refault_window_ms"), 300000);
	assert_int_equal(parse("scan_interval_ms = 1h\ncold_age_ms = 2000\n"), 0);
	assert_int_equal(num_of("scan_interval_ms"), 3600000);
	assert_int_equal(num_of("cold_age_ms"), 2000);
	assert_string_equal(conf.v[HC_P_scan_interval_ms].value, "3600000");
}

static void test_sizes(void **state)
{
	(void)state;
	assert_int_equal(parse("max_metadata_kb = 64K\nmax_reclaim_kb_per_sec = 64M\n"
			       "max_scan_kb_per_round = 1T\n"), 0);
	assert_int_equal(num_of("max_metadata_kb"), 64);
	assert_int_equal(num_of("max_reclaim_kb_per_sec"), 65536);
	assert_int_equal(num_of("max_scan_kb_per_round"), 1073741824);
	assert_int_equal(parse("max_metadata_kb = 1G\nmax_reclaim_kb_per_sec = 0\n"), 0);
	assert_int_equal(num_of("max_metadata_kb"), 1048576);
	assert_int_equal(num_of("max_reclaim_kb_per_sec"), 0);
}

static void test_booleans(void **state)
{
	static const char *const on[] = { "1", "yes", "true", "on", "YES" };
	static const char *const off[] = { "0", "no", "false", "off", "Off" };
	char text[64];
	unsigned int i;

	(void)state;
	for (i = 0; i < 5; i++) {
		snprintf(text, sizeof(text), "enabled = %s\n", off[i]);
		assert_int_equal(parse(text), 0);
		assert_int_equal(num_of("enabled"), 0);
		snprintf(text, sizeof(text), "enabled = %s\n", on[i]);
		assert_int_equal(parse(text), 0);
		assert_int_equal(num_of("enabled"), 1);
	}
	assert_one_error("enabled = maybe\n",
			 "t.conf:1: enabled: 'maybe' is not a boolean (0/1, yes/no, true/false, on/off)");
}

static void test_other_kinds(void **state)
{
	(void)state;
	assert_int_equal(parse("hot_file_pct = 75%\nfs_types = xfs\n"
			       "access_signal = event # probe\n"), 0);
	assert_int_equal(num_of("hot_file_pct"), 75);
	assert_string_equal(conf.v[HC_P_fs_types].value, "xfs");
	assert_int_equal(num_of("access_signal"), 2);
	assert_one_error("fs_types = ext4,tmpfs\n",
			 "t.conf:1: fs_types: 'tmpfs' is a memory-backed or pseudo filesystem, which hotcold never manages");
	assert_one_error("access_signal = sometimes\n",
			 "t.conf:1: access_signal: 'sometimes' is not one of auto|idle|event");
	assert_one_error("file_area_pages = 3\n",
			 "t.conf:1: file_area_pages: 3 is not a power of two");
}

static void test_crlf(void **state)
{
	(void)state;
	assert_int_equal(parse("# dos\r\nscan_interval_ms = 5s\r\nenabled = no\r\n"), 0);
	assert_int_equal(num_of("scan_interval_ms"), 5000);
	assert_int_equal(num_of("enabled"), 0);
	assert_int_equal(parse("\xef\xbb\xbf# with a BOM\r\nenabled = 0\r\n"), 0);
	assert_int_equal(num_of("enabled"), 0);
	assert_one_error("enabled = 1\r\r\n",
			 "t.conf:1: line contains the control character 0x0d at column 12");
}

static void test_no_final_newline(void **state)
{
	(void)state;
	assert_int_equal(parse("enabled = 1\nhot_rounds = 2"), 0);
	assert_int_equal(num_of("hot_rounds"), 2);
	assert_int_equal(conf.v[HC_P_hot_rounds].line, 2);
}

static void test_out_of_range(void **state)
{
	(void)state;
	assert_one_error("\n\n\nscan_interval_ms = 50\n",
			 "t.conf:4: scan_interval_ms: 50 is out of range (allowed 100 to 3600000 milliseconds)");
	assert_one_error("scan_interval_ms = 2h\n",
			 "t.conf:1: scan_interval_ms: 7200000 is out of range (allowed 100 to 3600000 milliseconds); '2h' is 7200000 milliseconds");
	assert_one_error("max_metadata_kb = 32\n",
			 "t.conf:1: max_metadata_kb: 32 is out of range (allowed 64 to 4194304 KiB)");
	assert_one_error("cold_age_ms = 99999999999999999999h\n",
			 "t.conf:1: cold_age_ms: '99999999999999999999h' is too large");
	assert_one_error("cold_age_ms = 9999999999999999h\n",
			 "t.conf:1: cold_age_ms: '9999999999999999h' is too large");
}

static void test_bad_type(void **state)
{
	(void)state;
	assert_one_error("scan_interval_ms = 1.5s\n",
			 "t.conf:1: scan_interval_ms: '1.5s' is not a duration (a whole number with an optional unit: ms, s, m, h)");
	assert_one_error("max_metadata_kb = 64X\n",
			 "t.conf:1: max_metadata_kb: '64X' is not a size (a whole number with an optional unit: K, M, G, T)");
	assert_one_error("hot_rounds = -1\n",
			 "t.conf:1: hot_rounds: '-1' is not a whole decimal number");
}

static void test_unknown_key(void **state)
{
	(void)state;
	assert_one_error("scan_intervl_ms = 100\n",
			 "t.conf:1: scan_intervl_ms: unknown key (did you mean scan_interval_ms?)");
	assert_one_error("cold_age = 5m\n",
			 "t.conf:1: cold_age: unknown key (did you mean cold_age_ms?)");
	assert_one_error("Enabled = 1\n",
			 "t.conf:1: Enabled: unknown key (did you mean enabled?)");
	assert_one_error("colour = blue\n",
			 "t.conf:1: colour: unknown key (hotcold.conf(5) lists the keys)");
	assert_string_equal(hc_conf_suggest("fstypes"), "fs_types");
	assert_null(hc_conf_suggest("xyzzy"));
}

static void test_duplicate_key(void **state)
{
	(void)state;
	assert_one_error("enabled = 1\n# c\nenabled = 0\n",
			 "t.conf:3: enabled: duplicate key (first set on line 1)");
}

static void test_missing_equals(void **state)
{
	(void)state;
	assert_one_error("scan_interval_ms 100\n",
			 "t.conf:1: scan_interval_ms: missing '=' (lines are 'key = value')");
	assert_one_error(" = 5\n", "t.conf:1: missing key before '='");
	assert_one_error("enabled =\t\n",
			 "t.conf:1: enabled: missing value after '='");
}

static void test_trailing_junk(void **state)
{
	(void)state;
	assert_one_error("enabled = 1 2\n",
			 "t.conf:1: enabled: unexpected '2' after the value '1'");
	assert_one_error("scan_interval_ms = 100 ms\n",
			 "t.conf:1: scan_interval_ms: unexpected 'ms' after the value '100' (write a unit without a space, as in 10s or 64M)");
	assert_int_equal(parse("enabled = 1   # fine\n"), 0);
}

static void test_long_line(void **state)
{
	char text[HC_CONF_LINE_MAX + 8];

	(void)state;
	memset(text, ' ', sizeof(text));
	text[0] = '#';
	text[HC_CONF_LINE_MAX] = '\n';
	assert_int_equal(parse_len(text, HC_CONF_LINE_MAX + 1), 0);
	text[HC_CONF_LINE_MAX] = ' ';
	text[HC_CONF_LINE_MAX + 1] = '\n';
	assert_int_equal(parse_len(text, HC_CONF_LINE_MAX + 2), 1);
	assert_string_equal(msgs.text[0],
			    "t.conf:1: line is longer than 1024 bytes");
}

static void test_nul_and_utf8(void **state)
{
	(void)state;
	assert_int_equal(parse_len("enabled = 1\0\n", 13), 1);
	assert_string_equal(msgs.text[0], "t.conf:1: line contains a NUL byte");
	assert_one_error("# caf\xe9\n",
			 "t.conf:1: line is not valid UTF-8 (byte 0xe9 at column 6)");
	assert_one_error("# over\xc0\xaflong\n",
			 "t.conf:1: line is not valid UTF-8 (byte 0xc0 at column 7)");
	assert_one_error("# \xed\xa0\x80 surrogate\n",
			 "t.conf:1: line is not valid UTF-8 (byte 0xed at column 3)");
	assert_int_equal(parse("# caf\xc3\xa9, na\xc3\xafve \xe2\x9c\x93 \xf0\x9f\x98\x80\n"), 0);
}

static void test_all_errors_reported(void **state)
{
	(void)state;
	assert_int_equal(parse("scan_interval_ms = 50\n"
			       "enabled = 1\n"
			       "bogus = 1\n"
			       "enabled = 0\n"
			       "hot_rounds\n"
			       "cold_age_ms = 5m\n"
			       "hot_file_pct = 101\n"), 5);
	assert_int_equal(msgs.n, 5);
	assert_true(!strncmp(msgs.text[0], "t.conf:1: ", 10));
	assert_true(!strncmp(msgs.text[1], "t.conf:3: ", 10));
	assert_true(!strncmp(msgs.text[2], "t.conf:4: ", 10));
	assert_true(!strncmp(msgs.text[3], "t.conf:5: ", 10));
	assert_true(!strncmp(msgs.text[4], "t.conf:7: ", 10));
}

static void test_unreadable_file(void **state)
{
	(void)state;
	memset(&msgs, 0, sizeof(msgs));
	hc_conf_init(&conf, "/nonexistent/hotcold.conf");
	conf.report = collect;
	conf.report_ctx = &msgs;
	assert_int_equal(hc_conf_load(&conf), 1);
	assert_string_equal(msgs.text[0],
			    "/nonexistent/hotcold.conf: cannot read: No such file or directory");
}

static void test_load_file(void **state)
{
	char path[] = "/tmp/hc-test-XXXXXX";
	int fd = mkstemp(path);

	(void)state;
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "cold_age_ms = 10m\r\n", 19), 19);
	close(fd);
	memset(&msgs, 0, sizeof(msgs));
	hc_conf_init(&conf, path);
	conf.report = collect;
	conf.report_ctx = &msgs;
	assert_int_equal(hc_conf_load(&conf), 0);
	assert_int_equal(num_of("cold_age_ms"), 600000);
	unlink(path);
}

static void test_format(void **state)
{
	const struct hc_param_desc *ms = hc_param_find("cold_age_ms");
	const struct hc_param_desc *kb = hc_param_find("max_metadata_kb");
	char buf[64];

	(void)state;
	hc_format_value(ms, 300000, buf, sizeof(buf));
	assert_string_equal(buf, "5m");
	hc_format_value(ms, 1500, buf, sizeof(buf));
	assert_string_equal(buf, "1500ms");
	hc_format_value(ms, 0, buf, sizeof(buf));
	assert_string_equal(buf, "0");
	hc_format_value(kb, 4194304, buf, sizeof(buf));
	assert_string_equal(buf, "4G");
	hc_format_value(kb, 1536, buf, sizeof(buf));
	assert_string_equal(buf, "1536K");
	hc_format_bytes(512, buf, sizeof(buf));
	assert_string_equal(buf, "512 B");
	hc_format_bytes(1536ULL << 20, buf, sizeof(buf));
	assert_string_equal(buf, "1.5 GiB");
	hc_format_bytes(~0ULL, buf, sizeof(buf));
	assert_string_equal(buf, "16383.9 PiB");
}

/* Every default, written back in config units, parses to itself. */
static void test_defaults_round_trip(void **state)
{
	char text[4096], def[HC_VALUE_MAX];
	size_t used = 0;
	unsigned int i;

	(void)state;
	for (i = 0; i < HC_NR_PARAMS; i++) {
		hc_default_config(&hc_params[i], def, sizeof(def));
		used += snprintf(text + used, sizeof(text) - used, "%s = %s\n",
				 hc_params[i].name, def);
	}
	assert_int_equal(parse(text), 0);
	for (i = 0; i < HC_NR_PARAMS; i++) {
		hc_default_value(&hc_params[i], def, sizeof(def));
		assert_string_equal(conf.v[i].value, def);
	}
}

static const char stats_text[] =
	"access_signal idle\nprobe_installed 1\nenabled 1\nrounds 7\n"
	"pages_reclaimed 262144\nscan_ns_last 1500000\nnew_counter 5\n";

static void test_stats_parse(void **state)
{
	char err[HC_ERR_MAX];
	struct hc_stats st;

	(void)state;
	assert_int_equal(hc_stats_parse(stats_text, &st, err, sizeof(err)), 0);
	assert_string_equal(st.signal, "idle");
	assert_true(st.have[HC_S_rounds]);
	assert_false(st.have[HC_S_refaults]);
	assert_int_equal(st.v[HC_S_pages_reclaimed], 262144);
	assert_int_equal(st.nextra, 1);
	assert_string_equal(st.extra[0].key, "new_counter");
	assert_int_equal(hc_stats_parse("rounds x\n", &st, err, sizeof(err)), -1);
	assert_string_equal(err, "line 1 is not 'key value': 'rounds x'");
	assert_int_equal(hc_stats_parse("rounds 1\n\n", &st, err, sizeof(err)), -1);
}

static void test_stats_prometheus(void **state)
{
	char err[HC_ERR_MAX], *buf = NULL;
	struct hc_stats st;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);

	(void)state;
	assert_int_equal(hc_stats_parse(stats_text, &st, err, sizeof(err)), 0);
	hc_stats_print(out, &st, HC_FMT_PROMETHEUS);
	fclose(out);
	assert_non_null(strstr(buf, "# TYPE hotcold_access_signal_info gauge\nhotcold_access_signal_info{signal=\"idle\"} 1\n"));
	assert_non_null(strstr(buf, "# TYPE hotcold_rounds counter\nhotcold_rounds 7\n"));
	assert_non_null(strstr(buf, "# TYPE hotcold_scan_ns_last gauge\n"));
	assert_non_null(strstr(buf, "# HELP hotcold_rounds Completed scan rounds.\n"));
	assert_non_null(strstr(buf, "# TYPE hotcold_new_counter untyped\nhotcold_new_counter 5\n"));
	assert_null(strstr(buf, "hotcold_refaults"));
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_file),
		cmocka_unit_test(test_only_comments),
		cmocka_unit_test(test_durations),
		cmocka_unit_test(test_sizes),
		cmocka_unit_test(test_booleans),
		cmocka_unit_test(test_other_kinds),
		cmocka_unit_test(test_crlf),
		cmocka_unit_test(test_no_final_newline),
		cmocka_unit_test(test_out_of_range),
		cmocka_unit_test(test_bad_type),
		cmocka_unit_test(test_unknown_key),
		cmocka_unit_test(test_duplicate_key),
		cmocka_unit_test(test_missing_equals),
		cmocka_unit_test(test_trailing_junk),
		cmocka_unit_test(test_long_line),
		cmocka_unit_test(test_nul_and_utf8),
		cmocka_unit_test(test_all_errors_reported),
		cmocka_unit_test(test_unreadable_file),
		cmocka_unit_test(test_load_file),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_defaults_round_trip),
		cmocka_unit_test(test_stats_parse),
		cmocka_unit_test(test_stats_prometheus),
	};

	return cmocka_run_group_tests_name("hotcoldctl", tests, NULL, NULL);
}
