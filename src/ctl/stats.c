// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/hotcold/stats: parsing, and output as text, JSON or the
 * Prometheus text format read by node_exporter's textfile collector.
 */
#include <errno.h>
#include <stdlib.h>

#include "stats.h"
#include "sys.h"

#define HC_STATS_FILE_MAX	8192

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
		memcpy(st->signal, val, vlen);
		st->signal[vlen] = '\0';
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
	return ret < 0 ? -1 : 0;
}

static void hc_stats_plain(FILE *out, const struct hc_stats *st)
{
	unsigned int i;

	for (i = 0; i < HC_NR_STATS; i++) {
		if (!st->have[i])
			continue;
		if (hc_stat_descs[i].type == HC_STAT_INFO)
			fprintf(out, "%s %s\n", hc_stat_descs[i].key,
				st->signal);
		else
			fprintf(out, "%s %llu\n", hc_stat_descs[i].key,
				(unsigned long long)st->v[i]);
	}
	for (i = 0; i < st->nextra; i++)
		fprintf(out, "%s %llu\n", st->extra[i].key,
			(unsigned long long)st->extra[i].value);
}

static void hc_stats_json(FILE *out, const struct hc_stats *st)
{
	const char *sep = "";
	unsigned int i;

	fputc('{', out);
	for (i = 0; i < HC_NR_STATS; i++) {
		if (!st->have[i])
			continue;
		if (hc_stat_descs[i].type == HC_STAT_INFO)
			fprintf(out, "%s\"%s\": \"%s\"", sep,
				hc_stat_descs[i].key, st->signal);
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
	fputs("}\n", out);
}

static void hc_stats_prometheus(FILE *out, const struct hc_stats *st)
{
	static const char *const types[] = {
		[HC_STAT_INFO] = "gauge",
		[HC_STAT_GAUGE] = "gauge",
		[HC_STAT_COUNTER] = "counter",
	};
	unsigned int i;

	for (i = 0; i < HC_NR_STATS; i++) {
		const struct hc_stat_desc *d = &hc_stat_descs[i];

		if (!st->have[i])
			continue;
		if (d->type == HC_STAT_INFO) {
			/* A word: the usual labelled "_info" metric of 1. */
			fprintf(out,
				"# HELP hotcold_%s_info %s.\n# TYPE hotcold_%s_info gauge\nhotcold_%s_info{signal=\"%s\"} 1\n",
				d->key, d->help, d->key, d->key, st->signal);
			continue;
		}
		fprintf(out,
			"# HELP hotcold_%s %s.\n# TYPE hotcold_%s %s\nhotcold_%s %llu\n",
			d->key, d->help, d->key, types[d->type], d->key,
			(unsigned long long)st->v[i]);
	}
	for (i = 0; i < st->nextra; i++)
		fprintf(out, "# TYPE hotcold_%s untyped\nhotcold_%s %llu\n",
			st->extra[i].key, st->extra[i].key,
			(unsigned long long)st->extra[i].value);
}

void hc_stats_print(FILE *out, const struct hc_stats *st,
		    enum hc_stats_format fmt)
{
	switch (fmt) {
	case HC_FMT_PLAIN:
		hc_stats_plain(out, st);
		break;
	case HC_FMT_JSON:
		hc_stats_json(out, st);
		break;
	case HC_FMT_PROMETHEUS:
		hc_stats_prometheus(out, st);
		break;
	}
}
