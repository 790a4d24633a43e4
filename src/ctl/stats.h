/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Counters of /proc/hotcold/stats, the per-cgroup lines of
 * /proc/hotcold/cgroups, and their output formats.
 */
#ifndef HC_STATS_H
#define HC_STATS_H

#include "params.h"
#include "statdesc.h"

#define HC_STAT_KEY_MAX		64
#define HC_STATS_EXTRA_MAX	32
/* Cgroups in --prometheus, the largest caches: bounded cardinality. */
#define HC_PROM_CGROUPS		20

/* Keys of a newer module that this table does not know yet. */
struct hc_stat_extra {
	char key[HC_STAT_KEY_MAX];
	u64 value;
};

struct hc_stats {
	bool have[HC_NR_STATS];
	u64 v[HC_NR_STATS];			/* numeric keys */
	char word[HC_NR_STATS][HC_STAT_KEY_MAX];	/* HC_STAT_INFO keys */
	unsigned int nextra;
	struct hc_stat_extra extra[HC_STATS_EXTRA_MAX];
	/* Not in the file: what a page and an area hold, the version. */
	u64 page_size;
	u64 area_pages;
	char version[HC_STAT_KEY_MAX];
};

/* One line of /proc/hotcold/cgroups. */
struct hc_cgroup {
	u64 cached;		/* pages */
	u64 hot, warm, cold;	/* areas */
	u64 reclaimed;		/* pages */
	const char *path;	/* as in /proc/self/cgroup, "/" the root */
};

struct hc_cgroups {
	unsigned int n;
	struct hc_cgroup *cg;	/* the largest cache first */
	char *text;		/* the file, which the paths point into */
};

enum hc_stats_format {
	HC_FMT_PLAIN,
	HC_FMT_JSON,
	HC_FMT_PROMETHEUS,
};

/* Parse the text of /proc/hotcold/stats; -1 with a message in @err. */
int hc_stats_parse(const char *text, struct hc_stats *st, char *err,
		   size_t errlen);

/* Read and parse /proc/hotcold/stats; -1 with a message in @err. */
int hc_stats_read(struct hc_stats *st, char *err, size_t errlen);

/*
 * Parse /proc/hotcold/cgroups from the malloc()ed @text, which @cgs takes
 * over.  Returns 0, or -1 with a message in @err (@text is freed).
 */
int hc_cgroups_parse(char *text, struct hc_cgroups *cgs, char *err,
		     size_t errlen);

/* Read /proc/hotcold/cgroups; 0, or -errno with a message in @err. */
int hc_cgroups_read(struct hc_cgroups *cgs, char *err, size_t errlen);

void hc_cgroups_free(struct hc_cgroups *cgs);

/* The Prometheus name of key @d, in base units: "hotcold_rounds_total". */
void hc_prom_name(const struct hc_stat_desc *d, char *out, size_t outlen);

/* @cgs may be NULL: no per-cgroup figures. */
void hc_stats_print(FILE *out, const struct hc_stats *st,
		    const struct hc_cgroups *cgs, enum hc_stats_format fmt);

/* The Prometheus text when the module is not loaded. */
void hc_prom_not_loaded(FILE *out);

#endif /* HC_STATS_H */
