// SPDX-License-Identifier: GPL-2.0
/*
 * `hotcoldctl status`: what the module runs with, what the configuration
 * asks for, and what it achieved, in units a person reads.
 */
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include "cmd.h"
#include "stats.h"
#include "sys.h"
#include "units.h"

#define HC_VERSION_MAX		64
#define HC_FILES_MAX		(256 * 1024)
#define HC_TOP_FILES		10
#define HC_TOP_CGROUPS		5

/* @value, from sysfs, in the units of the config when it is a number. */
static void hc_show_value(const struct hc_param_desc *d, const char *value,
			  char *out, size_t outlen)
{
	u64 num;

	if (!*value)
		snprintf(out, outlen, "(none)");
	else if (d->kind != HC_FSLIST && d->kind != HC_ENUM &&
	    d->kind != HC_PATHLIST &&
	    !hc_param_check(d, value, &num, NULL, 0))
		hc_format_value(d, num, out, outlen);
	else
		snprintf(out, outlen, "%s", value);
}

/* The parameter table; returns how many differ from the config. */
static unsigned int hc_status_params(const struct hc_conf *conf, bool valid)
{
	unsigned int i, differ = 0;

	printf("\n%-24s %-8s %-16s %s\n", "PARAMETER", "SET", "MODULE",
	       "CONFIG");
	for (i = 0; i < HC_NR_PARAMS; i++) {
		const struct hc_param_desc *d = &hc_params[i];
		char cur[HC_PATHS_MAX], shown[HC_PATHS_MAX], want[HC_PATHS_MAX];
		bool same = false;
		int ret = hc_param_read(d->name, cur, sizeof(cur));

		if (ret < 0)
			snprintf(shown, sizeof(shown), "(%s)", strerror(-ret));
		else
			hc_show_value(d, cur, shown, sizeof(shown));
		if (!valid) {
			snprintf(want, sizeof(want), "?");
		} else {
			hc_show_value(d, conf->v[i].value, want, sizeof(want));
			same = ret >= 0 && hc_param_matches(d, cur, &conf->v[i]);
			differ += !same;
		}
		printf("%-24s %-8s %-16s %s%s\n", d->name,
		       d->flags & HC_RUNTIME ? "runtime" : "at load", shown,
		       want, valid && !same ? "  *" : "");
	}
	if (differ)
		printf("* differs from the config: 'systemctl reload hotcold' applies\n"
		       "  runtime parameters, 'systemctl restart hotcold' load-time ones\n");
	return differ;
}

/* "1.0 GiB (262144 pages)" */
static void hc_format_pages(u64 pages, u64 page, char *out, size_t outlen)
{
	char size[32];

	hc_format_bytes(pages * page, size, sizeof(size));
	snprintf(out, outlen, "%s (%llu pages)", size, (unsigned long long)pages);
}

static void hc_status_counters(const struct hc_stats *st)
{
	u64 page = st->page_size;
	char a[64], b[32];

	hc_format_pages(st->v[HC_S_pages_reclaimed], page, a, sizeof(a));
	printf("\ncache reclaimed: %s\n", a);
	if (!strcmp(st->word[HC_S_mode], "observe") ||
	    st->v[HC_S_pages_would_reclaim]) {
		hc_format_pages(st->v[HC_S_pages_would_reclaim], page, a,
				sizeof(a));
		printf("would reclaim:   %s in observe mode\n", a);
	}
	hc_format_bytes(st->v[HC_S_pages_tracked] * page, a, sizeof(a));
	printf("tracked:         %llu files, %s cached\n",
	       (unsigned long long)st->v[HC_S_files_tracked], a);
	printf("areas:           %llu hot, %llu warm, %llu cold, %llu reclaimed\n",
	       (unsigned long long)st->v[HC_S_areas_hot],
	       (unsigned long long)st->v[HC_S_areas_warm],
	       (unsigned long long)st->v[HC_S_areas_cold],
	       (unsigned long long)st->v[HC_S_areas_reclaimed]);
	printf("refaults:        %llu\n",
	       (unsigned long long)st->v[HC_S_refaults]);
	hc_format_bytes(st->v[HC_S_metadata_bytes], a, sizeof(a));
	printf("metadata:        %s\n", a);
	snprintf(b, sizeof(b), "%llu.%03llu ms",
		 (unsigned long long)(st->v[HC_S_scan_ns_last] / 1000000),
		 (unsigned long long)(st->v[HC_S_scan_ns_last] / 1000 % 1000));
	printf("rounds:          %llu, the last took %s\n",
	       (unsigned long long)st->v[HC_S_rounds], b);
}

/* File names may hold anything: keep the terminal safe. */
static void hc_print_safe(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		putchar((unsigned char)s[i] < 0x20 || s[i] == 0x7f ? '?' :
								   s[i]);
}

/*
 * One line of /proc/hotcold/files: "dev ino cached hot warm cold
 * reclaimed [protected] path"; @protcol says whether the module has the
 * protected column.
 */
static void hc_status_file_row(const char *line, size_t len, u64 page,
			       bool protcol)
{
	/* cached hot warm cold reclaimed protected */
	unsigned long long v[6] = { 0 };
	unsigned int i, fields = protcol ? 6 : 5;
	char dev[32], size[32], gone[32];
	const char *p;
	int skip = 0;

	if (sscanf(line, "%31s %*u %n", dev, &skip) != 1 || !skip)
		return;
	for (p = line + skip, i = 0; i < fields; i++) {
		char *end;

		v[i] = strtoull(p, &end, 10);
		if (end == p || *end != ' ')
			return;
		p = end + 1;
	}
	if (p > line + len)
		return;
	hc_format_bytes(v[0] * page, size, sizeof(size));
	hc_format_bytes(v[4] * page, gone, sizeof(gone));
	printf("  %10s %6llu %6llu %6llu %10s %4s  ", size, v[1], v[2], v[3],
	       gone, v[5] ? "yes" : "-");
	hc_print_safe(p, line + len - p);
	putchar('\n');
}

static void hc_status_files(u64 page)
{
	char *buf = malloc(HC_FILES_MAX);
	unsigned int rows = 0;
	bool protcol = false;
	const char *p;
	int ret;

	if (!buf)
		return;
	ret = hc_proc_read(HC_MODULE "/files", buf, HC_FILES_MAX);
	if (ret < 0) {
		printf("\ntop files: cannot read /proc/%s/files: %s\n",
		       HC_MODULE, strerror(-ret));
		free(buf);
		return;
	}
	printf("\ntop files:\n  %10s %6s %6s %6s %10s %4s  %s\n", "CACHED",
	       "HOT", "WARM", "COLD", "RECLAIMED", "PROT", "PATH");
	for (p = buf; *p && rows < HC_TOP_FILES;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);

		if (*p == '#') {
			protcol = !!memmem(p, len, " protected ", 11);
		} else {
			hc_status_file_row(p, len, page, protcol);
			rows++;
		}
		p += len + (nl ? 1 : 0);
	}
	free(buf);
}

/* The memory cgroups whose tracked page cache is largest. */
static void hc_status_cgroups(u64 page)
{
	struct hc_cgroups cgs;
	char err[HC_ERR_MAX], size[32], gone[32];
	unsigned int i;
	int ret = hc_cgroups_read(&cgs, err, sizeof(err));

	if (ret == -ENOENT)
		return;
	if (ret) {
		printf("\ntop cgroups: %s\n", err);
		return;
	}
	printf("\ntop cgroups (%u with tracked cache):\n  %10s %6s %6s %6s %10s  %s\n",
	       cgs.n, "CACHED", "HOT", "WARM", "COLD", "RECLAIMED", "CGROUP");
	for (i = 0; i < cgs.n && i < HC_TOP_CGROUPS; i++) {
		const struct hc_cgroup *cg = &cgs.cg[i];

		hc_format_bytes(cg->cached * page, size, sizeof(size));
		hc_format_bytes(cg->reclaimed * page, gone, sizeof(gone));
		printf("  %10s %6llu %6llu %6llu %10s  ", size,
		       (unsigned long long)cg->hot, (unsigned long long)cg->warm,
		       (unsigned long long)cg->cold, gone);
		hc_print_safe(cg->path, strlen(cg->path));
		putchar('\n');
	}
	hc_cgroups_free(&cgs);
}

/* The mode, from the counters or else the parameter. */
static void hc_status_mode(const struct hc_stats *st)
{
	char mode[HC_VALUE_MAX];

	if (st->have[HC_S_mode] && strcmp(st->word[HC_S_mode], "0"))
		snprintf(mode, sizeof(mode), "%s", st->word[HC_S_mode]);
	else if (hc_param_read("mode", mode, sizeof(mode)) <= 0)
		return;
	printf("mode: %s%s\n", mode,
	       strcmp(mode, "observe") ? "" :
	       " (nothing is dropped: 'would reclaim' below is what would be)");
}

static void hc_status_header(const struct hc_stats *st, bool have_stats)
{
	char version[HC_VERSION_MAX] = "unknown";
	int ret = hc_sys_read("module/" HC_MODULE "/version", version,
			      sizeof(version));

	if (ret > 0 && version[ret - 1] == '\n')
		version[ret - 1] = '\0';
	printf("%s: loaded, version %s (hotcoldctl %s)\n", HC_MODULE, version,
	       HC_VERSION);
	if (have_stats)
		printf("access signal: %s, probe %s, scanning %s\n",
		       st->word[HC_S_access_signal],
		       st->v[HC_S_probe_installed] ? "installed" : "none",
		       st->v[HC_S_enabled] ? "enabled" : "paused");
}

int hc_cmd_status(const char *path)
{
	char err[HC_ERR_MAX];
	struct hc_conf conf;
	struct hc_stats st;
	bool valid, have_stats;

	hc_conf_setup(&conf, path);
	valid = !hc_conf_load(&conf);
	if (!hc_module_loaded()) {
		printf("%s: not loaded (config %s: %s)\n", HC_MODULE, path,
		       valid ? "valid" : "invalid");
		return HC_EXIT_NOT_LOADED;
	}
	have_stats = !hc_stats_read(&st, err, sizeof(err));
	hc_status_header(&st, have_stats);
	if (have_stats)
		hc_status_mode(&st);
	printf("config: %s%s\n", path, valid ? "" : " (invalid, see above)");
	hc_status_params(&conf, valid);
	if (have_stats)
		hc_status_counters(&st);
	else
		fprintf(stderr, "hotcoldctl: %s\n", err);
	hc_status_files(sysconf(_SC_PAGESIZE));
	hc_status_cgroups(sysconf(_SC_PAGESIZE));
	if (!have_stats)
		return HC_EXIT_FAIL;
	return valid ? HC_EXIT_OK : HC_EXIT_CONFIG;
}
