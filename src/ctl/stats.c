// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/hotcold/stats and /proc/hotcold/cgroups: parsing, and output as
 * text, JSON or the Prometheus text format read by node_exporter's
 * textfile collector, which follows Prometheus' naming rules: base units
 * (bytes, seconds), counters ending in _total.
 */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <unistd.h>

#include "conf.h"
#include "stats.h"
#include "sys.h"

#define HC_STATS_FILE_MAX	8192
#define HC_PROM_NAME_MAX	128
#define HC_CGROUPS_HEADER	"# cached_pages hot warm cold reclaimed_pages path"

static bool hc_word_ok(const char *s, size_t len)
{
	size_t i;

	if (!len || len >= HC_STAT_KEY_MAX)
		return false;
	for (i = 0; i < len; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		      (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return false;
	return true;
}

static int hc_parse_counter(const char *s, size_t len, u64 *out)
{
	u64 v = 0;
	size_t i;

	if (!len)
		return -1;
	for (i = 0; i < len; i++) {
		unsigned int digit = s[i] - '0';

		if (s[i] < '0' || s[i] > '9' || v > (~(u64)0 - digit) / 10)
			return -1;
		v = v * 10 + digit;
	}
	*out = v;
	return 0;
}

static const struct hc_stat_desc *hc_stat_find(const char *key, size_t len)
{
	unsigned int i;

	for (i = 0; i < HC_NR_STATS; i++)
		if (strlen(hc_stat_descs[i].key) == len &&
		    !memcmp(hc_stat_descs[i].key, key, len))
			return &hc_stat_descs[i];
	return NULL;
}

static int hc_stats_line(const char *line, size_t len, struct hc_stats *st)
{
	const char *sp = memchr(line, ' ', len);
	const struct hc_stat_desc *d;
	size_t klen, vlen;
	const char *val;
	u64 v;

	if (!sp)
		return -1;
	klen = sp - line;
	val = sp + 1;
	vlen = len - klen - 1;
	if (!hc_word_ok(line, klen))
		return -1;
	d = hc_stat_find(line, klen);
	if (d && d->type == HC_STAT_INFO) {
		if (!hc_word_ok(val, vlen))
			return -1;
		memcpy(st->word[d - hc_stat_descs], val, vlen);
		st->word[d - hc_stat_descs][vlen] = '\0';
		st->have[d - hc_stat_descs] = true;
		return 0;
	}
	if (hc_parse_counter(val, vlen, &v))
		return -1;
	if (d) {
		st->v[d - hc_stat_descs] = v;
		st->have[d - hc_stat_descs] = true;
	} else if (st->nextra < HC_STATS_EXTRA_MAX) {
		struct hc_stat_extra *x = &st->extra[st->nextra++];

		memcpy(x->key, line, klen);
		x->key[klen] = '\0';
		x->value = v;
	}
	return 0;
}

int hc_stats_parse(const char *text, struct hc_stats *st, char *err,
		   size_t errlen)
{
	unsigned int lineno = 0;

	memset(st, 0, sizeof(*st));
	st->page_size = 4096;
	st->area_pages = hc_params[HC_P_file_area_pages].def;
	while (*text) {
		const char *nl = strchr(text, '\n');
		size_t len = nl ? (size_t)(nl - text) : strlen(text);

		lineno++;
		if (hc_stats_line(text, len, st)) {
			snprintf(err, errlen,
				 "line %u is not 'key value': '%.*s'", lineno,
				 (int)(len > 80 ? 80 : len), text);
			return -1;
		}
		text += len + (nl ? 1 : 0);
	}
	return 0;
}

/* What the module's units are worth: page size, area size, version. */
static void hc_stats_context(struct hc_stats *st)
{
	char buf[HC_VALUE_MAX];
	u64 num;
	int ret;

	st->page_size = sysconf(_SC_PAGESIZE);
	if (hc_param_read("file_area_pages", buf, sizeof(buf)) > 0 &&
	    !hc_param_check(&hc_params[HC_P_file_area_pages], buf, &num, NULL,
			    0))
		st->area_pages = num;
	ret = hc_sys_read("module/" HC_MODULE "/version", st->version,
			  sizeof(st->version));
	if (ret > 0 && st->version[ret - 1] == '\n')
		st->version[ret - 1] = '\0';
}

int hc_stats_read(struct hc_stats *st, char *err, size_t errlen)
{
	char *buf = malloc(HC_STATS_FILE_MAX);
	int ret;

	if (!buf) {
		snprintf(err, errlen, "%s", strerror(ENOMEM));
		return -1;
	}
	ret = hc_proc_read(HC_MODULE "/stats", buf, HC_STATS_FILE_MAX);
	if (ret < 0)
		snprintf(err, errlen, "cannot read /proc/%s/stats: %s",
			 HC_MODULE, strerror(-ret));
	else
		ret = hc_stats_parse(buf, st, err, errlen);
	free(buf);
	if (ret < 0)
		return -1;
	hc_stats_context(st);
	return 0;
}

/* Largest cache first; equal ones by path, for a stable order. */
static int hc_cgroup_cmp(const void *a, const void *b)
{
	const struct hc_cgroup *x = a, *y = b;

	if (x->cached != y->cached)
		return x->cached < y->cached ? 1 : -1;
	return strcmp(x->path, y->path);
}

/* "cached hot warm cold reclaimed path" of @line (NUL-terminated). */
static int hc_cgroup_line(char *line, struct hc_cgroup *cg)
{
	unsigned long long v[5];
	int path = 0;

	if (sscanf(line, "%llu %llu %llu %llu %llu %n", &v[0], &v[1], &v[2],
		   &v[3], &v[4], &path) != 5 || !path || line[path] != '/')
		return -1;
	cg->cached = v[0];
	cg->hot = v[1];
	cg->warm = v[2];
	cg->cold = v[3];
	cg->reclaimed = v[4];
	cg->path = line + path;
	return 0;
}

int hc_cgroups_parse(char *text, struct hc_cgroups *cgs, char *err,
		     size_t errlen)
{
	size_t lines = 1, hlen = strlen(HC_CGROUPS_HEADER);
	unsigned int lineno = 1;
	char *p;

	memset(cgs, 0, sizeof(*cgs));
	if (strncmp(text, HC_CGROUPS_HEADER, hlen) ||
	    (text[hlen] && text[hlen] != '\n')) {
		snprintf(err, errlen,
			 "/proc/%s/cgroups does not start with '%s' (a module of another version?)",
			 HC_MODULE, HC_CGROUPS_HEADER);
		free(text);
		return -1;
	}
	for (p = text; *p; p++)
		lines += *p == '\n';
	cgs->cg = calloc(lines, sizeof(*cgs->cg));
	cgs->text = text;
	if (!cgs->cg) {
		snprintf(err, errlen, "%s", strerror(ENOMEM));
		hc_cgroups_free(cgs);
		return -1;
	}
	for (p = strchr(text, '\n'); p && *++p; lineno++) {
		char *nl = strchr(p, '\n');

		if (nl)
			*nl = '\0';
		if (hc_cgroup_line(p, &cgs->cg[cgs->n])) {
			snprintf(err, errlen,
				 "/proc/%s/cgroups: line %u is not 'cached hot warm cold reclaimed /path'",
				 HC_MODULE, lineno + 1);
			hc_cgroups_free(cgs);
			return -1;
		}
		cgs->n++;
		p = nl;
	}
	qsort(cgs->cg, cgs->n, sizeof(*cgs->cg), hc_cgroup_cmp);
	return 0;
}

int hc_cgroups_read(struct hc_cgroups *cgs, char *err, size_t errlen)
{
	char *text;
	long ret = hc_proc_read_all(HC_MODULE "/cgroups", &text);

	memset(cgs, 0, sizeof(*cgs));
	if (ret < 0) {
		snprintf(err, errlen, "cannot read /proc/%s/cgroups: %s%s",
			 HC_MODULE, strerror(-ret),
			 ret == -EACCES ? " (it is readable by root only)" : "");
		return ret;
	}
	return hc_cgroups_parse(text, cgs, err, errlen) ? -EINVAL : 0;
}

void hc_cgroups_free(struct hc_cgroups *cgs)
{
	free(cgs->cg);
	free(cgs->text);
	memset(cgs, 0, sizeof(*cgs));
}

/*
 * @s as the inside of a quoted string: JSON (control characters as
 * \u00XX) or a Prometheus label value (backslash, quote and newline
 * escaped).  Bytes that are not UTF-8 become U+FFFD: both formats are
 * UTF-8 only.
 */
static void hc_put_quoted(FILE *out, const char *s, bool json)
{
	size_t len = strlen(s);

	while (len) {
		size_t good = hc_utf8_valid((const unsigned char *)s, len), i;

		for (i = 0; i < good; i++) {
			unsigned char c = s[i];

			if (c == '"' || c == '\\')
				fprintf(out, "\\%c", c);
			else if (c == '\n')
				fputs("\\n", out);
			else if (json && (c < 0x20 || c == 0x7f))
				fprintf(out, "\\u%04x", c);
			else
				fputc(c, out);
		}
		if (good < len) {
			fputs("\xef\xbf\xbd", out);
			good++;
		}
		s += good;
		len -= good;
	}
}

static void hc_stats_plain(FILE *out, const struct hc_stats *st)
{
	unsigned int i;

	for (i = 0; i < HC_NR_STATS; i++) {
		if (!st->have[i])
			continue;
		if (hc_stat_descs[i].type == HC_STAT_INFO)
			fprintf(out, "%s %s\n", hc_stat_descs[i].key,
				st->word[i]);
		else
			fprintf(out, "%s %llu\n", hc_stat_descs[i].key,
				(unsigned long long)st->v[i]);
	}
	for (i = 0; i < st->nextra; i++)
		fprintf(out, "%s %llu\n", st->extra[i].key,
			(unsigned long long)st->extra[i].value);
}

static void hc_cgroups_json(FILE *out, const struct hc_cgroups *cgs)
{
	unsigned int i;

	fputs(", \"cgroups\": [", out);
	for (i = 0; i < cgs->n; i++) {
		const struct hc_cgroup *cg = &cgs->cg[i];

		fprintf(out, "%s{\"path\": \"", i ? ", " : "");
		hc_put_quoted(out, cg->path, true);
		fprintf(out,
			"\", \"cached_pages\": %llu, \"hot\": %llu, \"warm\": %llu, \"cold\": %llu, \"reclaimed_pages\": %llu}",
			(unsigned long long)cg->cached,
			(unsigned long long)cg->hot,
			(unsigned long long)cg->warm,
			(unsigned long long)cg->cold,
			(unsigned long long)cg->reclaimed);
	}
	fputc(']', out);
}

static void hc_stats_json(FILE *out, const struct hc_stats *st,
			  const struct hc_cgroups *cgs)
{
	const char *sep = "";
	unsigned int i;

	fputc('{', out);
	for (i = 0; i < HC_NR_STATS; i++) {
		if (!st->have[i])
			continue;
		if (hc_stat_descs[i].type == HC_STAT_INFO)
			fprintf(out, "%s\"%s\": \"%s\"", sep,
				hc_stat_descs[i].key, st->word[i]);
		else
			fprintf(out, "%s\"%s\": %llu", sep,
				hc_stat_descs[i].key,
				(unsigned long long)st->v[i]);
		sep = ", ";
	}
	for (i = 0; i < st->nextra; i++) {
		fprintf(out, "%s\"%s\": %llu", sep, st->extra[i].key,
			(unsigned long long)st->extra[i].value);
		sep = ", ";
	}
	if (cgs)
		hc_cgroups_json(out, cgs);
	fputs("}\n", out);
}

/* Is @w, of length @len, the unit word that base units replace? */
static bool hc_unit_word(const struct hc_stat_desc *d, const char *w,
			 size_t len)
{
	static const char *const words[] = {
		[HC_SU_COUNT] = NULL,
		[HC_SU_PAGES] = "pages",
		[HC_SU_BYTES] = "bytes",
		[HC_SU_NS] = "ns",
	};
	const char *u = words[d->unit];

	if (d->type == HC_STAT_COUNTER && len == 5 && !memcmp(w, "total", 5))
		return true;
	return u && strlen(u) == len && !memcmp(w, u, len);
}

void hc_prom_name(const struct hc_stat_desc *d, char *out, size_t outlen)
{
	static const char *const base[] = {
		[HC_SU_COUNT] = "",
		[HC_SU_PAGES] = "_bytes",
		[HC_SU_BYTES] = "_bytes",
		[HC_SU_NS] = "_seconds",
	};
	const char *w = d->key;
	size_t used = snprintf(out, outlen, "hotcold");

	/* The key's words, less its unit and "total", then the suffixes. */
	while (*w && used < outlen) {
		size_t len = strcspn(w, "_");

		if (!hc_unit_word(d, w, len))
			used += snprintf(out + used, outlen - used, "_%.*s",
					 (int)len, w);
		w += len + (w[len] == '_');
	}
	if (used < outlen)
		snprintf(out + used, outlen - used, "%s%s", base[d->unit],
			 d->type == HC_STAT_COUNTER ? "_total" : "");
}

/* @v of key @d in base units: pages as bytes, nanoseconds as seconds. */
static void hc_prom_value(FILE *out, const struct hc_stat_desc *d, u64 v,
			  const struct hc_stats *st)
{
	switch (d->unit) {
	case HC_SU_PAGES:
		fprintf(out, "%llu\n", (unsigned long long)(v * st->page_size));
		break;
	case HC_SU_NS:
		fprintf(out, "%llu.%09llu\n",
			(unsigned long long)(v / 1000000000),
			(unsigned long long)(v % 1000000000));
		break;
	default:
		fprintf(out, "%llu\n", (unsigned long long)v);
		break;
	}
}

static void hc_prom_header(FILE *out, const char *name, const char *help,
			   const char *type)
{
	fprintf(out, "# HELP %s %s.\n# TYPE %s %s\n", name, help, name, type);
}

/* The words of the module (signal, mode) and the version, as labels. */
static void hc_prom_info(FILE *out, const struct hc_stats *st)
{
	unsigned int i;

	hc_prom_header(out, "hotcold_info",
		       "Version, access signal and mode of the module, as labels",
		       "gauge");
	fprintf(out, "hotcold_info{version=\"");
	hc_put_quoted(out, st->version, false);
	fputc('"', out);
	for (i = 0; i < HC_NR_STATS; i++)
		if (st->have[i] && hc_stat_descs[i].type == HC_STAT_INFO)
			fprintf(out, ",%s=\"%s\"", hc_stat_descs[i].key,
				st->word[i]);
	fputs("} 1\n", out);
}

/* The start of a per-cgroup sample: NAME{cgroup="PATH" */
static void hc_prom_cgroup_sample(FILE *out, const char *name,
				  const struct hc_cgroup *cg)
{
	fprintf(out, "%s{cgroup=\"", name);
	hc_put_quoted(out, cg->path, false);
	fputc('"', out);
}

static void hc_prom_cgroup_states(FILE *out, const struct hc_cgroup *cg,
				  u64 area_bytes)
{
	const char *const states[] = { "hot", "warm", "cold" };
	const u64 areas[] = { cg->hot, cg->warm, cg->cold };
	unsigned int s;

	for (s = 0; s < ARRAY_SIZE(states); s++) {
		hc_prom_cgroup_sample(out, "hotcold_cgroup_state_bytes", cg);
		fprintf(out, ",state=\"%s\"} %llu\n", states[s],
			(unsigned long long)(areas[s] * area_bytes));
	}
}

/* A gauge in bytes of the @n first cgroups; @pages_at: its page count. */
static void hc_prom_cgroup_gauge(FILE *out, const struct hc_cgroups *cgs,
				 unsigned int n, const char *name,
				 const char *help, size_t pages_at, u64 page)
{
	unsigned int i;

	hc_prom_header(out, name, help, "gauge");
	for (i = 0; i < n; i++) {
		const u64 *pages = (const u64 *)((const char *)&cgs->cg[i] +
						 pages_at);

		hc_prom_cgroup_sample(out, name, &cgs->cg[i]);
		fprintf(out, "} %llu\n", (unsigned long long)(*pages * page));
	}
}

/* The HC_PROM_CGROUPS largest, so that the series stay few. */
static void hc_prom_cgroups(FILE *out, const struct hc_cgroups *cgs,
			    const struct hc_stats *st)
{
	unsigned int i, n = cgs->n < HC_PROM_CGROUPS ? cgs->n : HC_PROM_CGROUPS;

	if (!n)
		return;
	hc_prom_cgroup_gauge(out, cgs, n, "hotcold_cgroup_cached_bytes",
			     "Tracked page cache charged to the cgroup, for the cgroups with the most",
			     offsetof(struct hc_cgroup, cached), st->page_size);
	hc_prom_header(out, "hotcold_cgroup_state_bytes",
		       "Tracked page cache of the cgroup by area state: areas times the area size",
		       "gauge");
	for (i = 0; i < n; i++)
		hc_prom_cgroup_states(out, &cgs->cg[i],
				      st->area_pages * st->page_size);
	hc_prom_cgroup_gauge(out, cgs, n, "hotcold_cgroup_reclaimed_bytes",
			     "Page cache of the cgroup reclaimed by hotcold, as of each file's last visit",
			     offsetof(struct hc_cgroup, reclaimed), st->page_size);
}

/*
 * Keys of a newer module (st->extra) are left out: their type and unit
 * are unknown, so no name can follow the rules.
 */
static void hc_stats_prometheus(FILE *out, const struct hc_stats *st,
				const struct hc_cgroups *cgs)
{
	char name[HC_PROM_NAME_MAX], help[HC_ERR_MAX];
	unsigned int i;

	hc_prom_header(out, "hotcold_loaded",
		       "1 if the hotcold module is loaded", "gauge");
	fputs("hotcold_loaded 1\n", out);
	hc_prom_info(out, st);
	for (i = 0; i < HC_NR_STATS; i++) {
		const struct hc_stat_desc *d = &hc_stat_descs[i];

		if (!st->have[i] || d->type == HC_STAT_INFO)
			continue;
		hc_prom_name(d, name, sizeof(name));
		snprintf(help, sizeof(help), "%s%s", d->help,
			 d->unit == HC_SU_PAGES ? ", in bytes" :
			 d->unit == HC_SU_NS ? ", in seconds" : "");
		hc_prom_header(out, name, help,
			       d->type == HC_STAT_COUNTER ? "counter" :
							    "gauge");
		fprintf(out, "%s ", name);
		hc_prom_value(out, d, st->v[i], st);
	}
	if (cgs)
		hc_prom_cgroups(out, cgs, st);
}

void hc_prom_not_loaded(FILE *out)
{
	hc_prom_header(out, "hotcold_loaded",
		       "1 if the hotcold module is loaded", "gauge");
	fputs("hotcold_loaded 0\n", out);
}

void hc_stats_print(FILE *out, const struct hc_stats *st,
		    const struct hc_cgroups *cgs, enum hc_stats_format fmt)
{
	switch (fmt) {
	case HC_FMT_PLAIN:
		hc_stats_plain(out, st);
		break;
	case HC_FMT_JSON:
		hc_stats_json(out, st, cgs);
		break;
	case HC_FMT_PROMETHEUS:
		hc_stats_prometheus(out, st, cgs);
		break;
	}
}
