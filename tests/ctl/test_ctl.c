// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of hotcoldctl's config parser, units, protect_paths
 * resolution, stats and cgroups parsing and the Prometheus names
 * (cmocka; CMOCKA_MESSAGE_OUTPUT=TAP prints one TAP line per test).
 */
#include <errno.h>
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

/*
 * A machine for protect_paths: / on 8:1, /srv on 8:2 with /srv/bind a
 * bind mount of its /export/db, /mnt/a b on 8:3 (a blank, escaped in
 * mountinfo), /over mounted twice (8:4, then 8:5 on top of it).
 */
static const char mountinfo[] =
	"22 1 8:1 / / rw,relatime shared:1 - xfs /dev/sda1 rw\n"
	"23 22 8:2 / /srv rw,relatime shared:2 - ext4 /dev/sdb1 rw\n"
	"24 23 8:2 /export/db /srv/bind rw,relatime shared:2 - ext4 /dev/sdb1 rw\n"
	"25 22 8:3 / /mnt/a\\040b rw - ext4 /dev/sdc1 rw\n"
	"26 22 8:4 / /over rw - ext4 /dev/sdd1 rw\n"
	"27 26 8:5 / /over rw - xfs /dev/sde1 rw\n"
	"28 22 0:5 / /proc rw - proc none rw\n"
	"29 22 8:1 net:[4026531840] /run/netns/x rw - nsfs none rw\n";

struct fake_dir {
	const char *path, *real;
	unsigned int major, minor;
};

static const struct fake_dir fake_dirs[] = {
	{ "/var/lib/pgsql", "/var/lib/pgsql", 8, 1 },
	{ "/srv/data", "/srv/data", 8, 2 },
	{ "/srv/bind/main", "/srv/bind/main", 8, 2 },
	{ "/db", "/srv/bind/main", 8, 2 },	/* a symbolic link */
	{ "/mnt/a b/x", "/mnt/a b/x", 8, 3 },
	{ "/over/y", "/over/y", 8, 5 },
	{ "/srv", "/srv", 8, 2 },
	{ "/lost", "/lost", 9, 9 },		/* on no mount listed */
};

static int fake_lookup(void *ctx, const char *path, char *real,
		       size_t reallen, unsigned int *major,
		       unsigned int *minor)
{
	unsigned int i;

	(void)ctx;
	if (!strcmp(path, "/etc/passwd"))
		return -ENOTDIR;
	if (!strcmp(path, "/root/secret"))
		return -EACCES;
	for (i = 0; i < ARRAY_SIZE(fake_dirs); i++) {
		if (strcmp(path, fake_dirs[i].path))
			continue;
		snprintf(real, reallen, "%s", fake_dirs[i].real);
		*major = fake_dirs[i].major;
		*minor = fake_dirs[i].minor;
		return 0;
	}
	return -ENOENT;
}

static const char *fake_mountinfo(void *ctx)
{
	(void)ctx;
	return mountinfo;
}

static const struct hc_resolver fake_resolver = {
	.lookup = fake_lookup,
	.mountinfo = fake_mountinfo,
};

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
	conf.resolver = &fake_resolver;
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
	assert_string_equal(conf.v[HC_P_mode].value, "reclaim");
	assert_string_equal(conf.v[HC_P_protect_paths].value, "");
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
	"access_signal idle\nmode observe\nprobe_installed 1\nenabled 1\n"
	"rounds 7\npages_reclaimed 262144\nscan_ns_last 1500000\n"
	"scan_ns_total 12000000007\npages_would_reclaim 3\nnew_counter 5\n";

static void test_stats_parse(void **state)
{
	char err[HC_ERR_MAX];
	struct hc_stats st;

	(void)state;
	assert_int_equal(hc_stats_parse(stats_text, &st, err, sizeof(err)), 0);
	assert_string_equal(st.word[HC_S_access_signal], "idle");
	assert_string_equal(st.word[HC_S_mode], "observe");
	assert_true(st.have[HC_S_rounds]);
	assert_false(st.have[HC_S_refaults]);
	assert_int_equal(st.v[HC_S_pages_reclaimed], 262144);
	assert_int_equal(st.nextra, 1);
	assert_string_equal(st.extra[0].key, "new_counter");
	assert_int_equal(hc_stats_parse("rounds x\n", &st, err, sizeof(err)), -1);
	assert_string_equal(err, "line 1 is not 'key value': 'rounds x'");
	assert_int_equal(hc_stats_parse("rounds 1\n\n", &st, err, sizeof(err)), -1);
}

/* @st, and @cgs if not NULL, in format @fmt, in a malloc()ed string. */
static char *render(const struct hc_stats *st, const struct hc_cgroups *cgs,
		    enum hc_stats_format fmt)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);

	hc_stats_print(out, st, cgs, fmt);
	fclose(out);
	return buf;
}

static void test_stats_prometheus(void **state)
{
	char err[HC_ERR_MAX], *buf;
	struct hc_stats st;

	(void)state;
	assert_int_equal(hc_stats_parse(stats_text, &st, err, sizeof(err)), 0);
	st.page_size = 4096;
	strcpy(st.version, "0.1.0");
	buf = render(&st, NULL, HC_FMT_PROMETHEUS);
	assert_non_null(strstr(buf, "# TYPE hotcold_info gauge\nhotcold_info{version=\"0.1.0\",access_signal=\"idle\",mode=\"observe\"} 1\n"));
	assert_non_null(strstr(buf, "# TYPE hotcold_rounds_total counter\nhotcold_rounds_total 7\n"));
	assert_non_null(strstr(buf, "# HELP hotcold_rounds_total Completed scan rounds.\n"));
	assert_non_null(strstr(buf, "\nhotcold_reclaimed_bytes_total 1073741824\n"));
	assert_non_null(strstr(buf, "\nhotcold_would_reclaim_bytes_total 12288\n"));
	assert_non_null(strstr(buf, "# TYPE hotcold_scan_last_seconds gauge\nhotcold_scan_last_seconds 0.001500000\n"));
	assert_non_null(strstr(buf, "\nhotcold_scan_seconds_total 12.000000007\n"));
	assert_non_null(strstr(buf, "hotcold_loaded 1\n"));
	/* Unknown keys have no known unit or type: left out. */
	assert_null(strstr(buf, "new_counter"));
	assert_null(strstr(buf, "hotcold_refaults"));
	assert_null(strstr(buf, "hotcold_cgroup"));
	free(buf);
}

/* Every key gets a name of Prometheus' rules, and no two the same. */
static void test_prom_names(void **state)
{
	char names[HC_NR_STATS][128];
	unsigned int i, j;

	(void)state;
	for (i = 0; i < HC_NR_STATS; i++) {
		const struct hc_stat_desc *d = &hc_stat_descs[i];
		const char *n = names[i];
		size_t len;

		hc_prom_name(d, names[i], sizeof(names[i]));
		len = strlen(n);
		assert_int_equal(strncmp(n, "hotcold_", 8), 0);
		assert_int_equal(strspn(n, "abcdefghijklmnopqrstuvwxyz0123456789_"), len);
		assert_null(strstr(n, "pages"));
		assert_null(strstr(n, "_ns"));
		assert_null(strstr(n, "__"));
		if (d->type == HC_STAT_COUNTER)
			assert_string_equal(n + len - 6, "_total");
		else
			assert_null(strstr(n, "_total"));
		if (d->unit == HC_SU_PAGES || d->unit == HC_SU_BYTES)
			assert_non_null(strstr(n, "_bytes"));
		if (d->unit == HC_SU_NS)
			assert_non_null(strstr(n, "_seconds"));
		for (j = 0; j < i; j++)
			assert_string_not_equal(names[j], n);
	}
	hc_prom_name(&hc_stat_descs[HC_S_pages_tracked], names[0], sizeof(names[0]));
	assert_string_equal(names[0], "hotcold_tracked_bytes");
	hc_prom_name(&hc_stat_descs[HC_S_metadata_bytes], names[0], sizeof(names[0]));
	assert_string_equal(names[0], "hotcold_metadata_bytes");
}

static const char cgroups_text[] =
	"# cached_pages hot warm cold reclaimed_pages path\n"
	"10 1 0 2 4 /\n"
	"300 5 6 7 8 /system.slice/postgresql.service\n"
	"300 0 0 0 0 /a \"quoted\\\" name\n"
	"20 1 1 1 1 /machine.slice/c\xff\n";

static void test_cgroups(void **state)
{
	char err[HC_ERR_MAX], *buf;
	struct hc_cgroups cgs;
	struct hc_stats st;

	(void)state;
	assert_int_equal(hc_cgroups_parse(strdup(cgroups_text), &cgs, err,
					  sizeof(err)), 0);
	assert_int_equal(cgs.n, 4);
	/* Largest first, equal ones by path. */
	assert_string_equal(cgs.cg[0].path, "/a \"quoted\\\" name");
	assert_string_equal(cgs.cg[1].path, "/system.slice/postgresql.service");
	assert_int_equal(cgs.cg[1].cold, 7);
	assert_string_equal(cgs.cg[3].path, "/");
	assert_int_equal(hc_stats_parse("rounds 1\n", &st, err, sizeof(err)), 0);
	st.page_size = 4096;
	st.area_pages = 4;
	buf = render(&st, &cgs, HC_FMT_PROMETHEUS);
	assert_non_null(strstr(buf, "hotcold_cgroup_cached_bytes{cgroup=\"/system.slice/postgresql.service\"} 1228800\n"));
	assert_non_null(strstr(buf, "hotcold_cgroup_state_bytes{cgroup=\"/system.slice/postgresql.service\",state=\"cold\"} 114688\n"));
	assert_non_null(strstr(buf, "hotcold_cgroup_reclaimed_bytes{cgroup=\"/\"} 16384\n"));
	assert_non_null(strstr(buf, "{cgroup=\"/a \\\"quoted\\\\\\\" name\"}"));
	assert_non_null(strstr(buf, "{cgroup=\"/machine.slice/c\xef\xbf\xbd\"}"));
	free(buf);
	buf = render(&st, &cgs, HC_FMT_JSON);
	assert_non_null(strstr(buf, "\"cgroups\": [{\"path\": \"/a \\\"quoted\\\\\\\" name\", \"cached_pages\": 300, "));
	assert_non_null(strstr(buf, "{\"path\": \"/\", \"cached_pages\": 10, \"hot\": 1, \"warm\": 0, \"cold\": 2, \"reclaimed_pages\": 4}]}\n"));
	free(buf);
	hc_cgroups_free(&cgs);
	assert_int_equal(hc_cgroups_parse(strdup("# cached hot\n"), &cgs, err,
					  sizeof(err)), -1);
	assert_non_null(strstr(err, "does not start with"));
	assert_int_equal(hc_cgroups_parse(strdup("# cached_pages hot warm cold reclaimed_pages path\n1 2 3 /x\n"),
					  &cgs, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "line 2 is not"));
	assert_int_equal(hc_cgroups_parse(strdup("# cached_pages hot warm cold reclaimed_pages path\n"),
					  &cgs, err, sizeof(err)), 0);
	assert_int_equal(cgs.n, 0);
	hc_cgroups_free(&cgs);
}

static void assert_inside(const char *real, unsigned int major,
			  unsigned int minor, const char *want)
{
	char out[256];

	assert_int_equal(hc_mountinfo_inside(mountinfo, real, major, minor,
					     out, sizeof(out)), 0);
	assert_string_equal(out, want);
}

static void test_mountinfo(void **state)
{
	char out[256];

	(void)state;
	assert_inside("/var/lib/pgsql", 8, 1, "/var/lib/pgsql");
	assert_inside("/", 8, 1, "/");
	assert_inside("/srv", 8, 2, "/");
	assert_inside("/srv/data", 8, 2, "/data");
	/* A bind mount: its root field says where it starts. */
	assert_inside("/srv/bind", 8, 2, "/export/db");
	assert_inside("/srv/bind/main", 8, 2, "/export/db/main");
	/* "/srvx" is not below "/srv". */
	assert_inside("/srvx/d", 8, 1, "/srvx/d");
	assert_inside("/mnt/a b/x", 8, 3, "/x");
	/* The later of two mounts on /over is the one in use. */
	assert_inside("/over/y", 8, 5, "/y");
	/* nsfs' root is no path: the mount of / holds it. */
	assert_inside("/run/netns/x/y", 8, 1, "/run/netns/x/y");
	assert_int_equal(hc_mountinfo_inside(mountinfo, "/lost", 9, 9, out,
					     sizeof(out)), -1);
	assert_int_equal(hc_mountinfo_inside("garbage\n\n1 2\n", "/x", 8, 1,
					     out, sizeof(out)), -1);
	assert_int_equal(hc_mountinfo_inside(mountinfo, "/srv/data", 8, 2, out,
					     5), -1);
}

static void test_protect_paths(void **state)
{
	(void)state;
	assert_int_equal(parse("protect_paths = /var/lib/pgsql,/srv/data,/db\n"), 0);
	assert_string_equal(conf.v[HC_P_protect_paths].value,
			    "8:1:/var/lib/pgsql,8:2:/data,8:2:/export/db/main");
	assert_int_equal(parse("protect_paths = /mnt/a\n"), 1);
	assert_int_equal(parse("protect_paths =\n"), 0);
	assert_string_equal(conf.v[HC_P_protect_paths].value, "");
	assert_int_equal(parse("protect_paths = # none\n"), 0);
	assert_one_error("\nprotect_paths = /srv/data,/nope\n",
			 "t.conf:2: protect_paths: '/nope' does not exist");
	assert_one_error("protect_paths = srv/data\n",
			 "t.conf:1: protect_paths: 'srv/data' is not an absolute path");
	assert_one_error("protect_paths = /etc/passwd\n",
			 "t.conf:1: protect_paths: '/etc/passwd' is not a directory");
	assert_one_error("protect_paths = /root/secret\n",
			 "t.conf:1: protect_paths: '/root/secret' cannot be looked up: Permission denied");
	assert_one_error("protect_paths = /srv/data,,/srv\n",
			 "t.conf:1: protect_paths: empty entry (',' at an end or twice in a row)");
	assert_one_error("protect_paths = /srv/data,\n",
			 "t.conf:1: protect_paths: empty entry (',' at an end or twice in a row)");
	assert_one_error("protect_paths = /srv/bind/main,/db\n",
			 "t.conf:1: protect_paths: '/db' is a directory listed before (8:2:/export/db/main)");
	assert_one_error("protect_paths = /lost\n",
			 "t.conf:1: protect_paths: '/lost' (/lost): no mount of its device 9:9 holds it in /proc/self/mountinfo");
	assert_one_error("protect_paths = /srv/data, /srv\n",
			 "t.conf:1: protect_paths: unexpected '/srv' after the value '/srv/data,' (separate paths with ',' alone; paths with blanks cannot be protected)");
}

static void test_protect_too_long(void **state)
{
	const struct hc_param_desc *d = hc_param_find("protect_paths");
	char out[30], err[HC_ERR_MAX];

	(void)state;
	assert_int_equal(hc_protect_to_module(d, "/var/lib/pgsql,/srv/data", &fake_resolver,
					      out, sizeof(out), err, sizeof(err)), 0);
	assert_string_equal(out, "8:1:/var/lib/pgsql,8:2:/data");
	assert_int_equal(hc_protect_to_module(d, "/var/lib/pgsql,/srv/bind/main",
					      &fake_resolver, out, sizeof(out), err,
					      sizeof(err)), -1);
	assert_string_equal(err,
			    "protect_paths: the directories resolve to more than the module's 29 characters of MAJOR:MINOR:/path entries; protect fewer, or a common parent");
}

/* The module refuses what is not MAJOR:MINOR:/path, as hotcoldctl does. */
static void test_pathlist_check(void **state)
{
	const struct hc_param_desc *d = hc_param_find("protect_paths");
	char err[HC_ERR_MAX];
	u64 num;

	(void)state;
	assert_int_equal(hc_param_check(d, "", &num, err, sizeof(err)), 0);
	assert_int_equal(hc_param_check(d, "8:1:/a,253:0:/b:c\n", &num, err,
					sizeof(err)), 0);
	assert_int_equal(hc_param_check(d, "8:1:a", &num, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "protect_paths: '8:1:a'"));
	assert_int_equal(hc_param_check(d, "8::/a", &num, err, sizeof(err)), -1);
	assert_int_equal(hc_param_check(d, "8:1:/a,", &num, err, sizeof(err)), -1);
	assert_int_equal(hc_param_check(d, "x8:1:/a", &num, err, sizeof(err)), -1);
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
		cmocka_unit_test(test_prom_names),
		cmocka_unit_test(test_cgroups),
		cmocka_unit_test(test_mountinfo),
		cmocka_unit_test(test_protect_paths),
		cmocka_unit_test(test_protect_too_long),
		cmocka_unit_test(test_pathlist_check),
	};

	return cmocka_run_group_tests_name("hotcoldctl", tests, NULL, NULL);
}
