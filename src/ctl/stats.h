/* SPDX-License-Identifier: GPL-2.0 */
/* Counters of /proc/hotcold/stats and their output formats. */
#ifndef HC_STATS_H
#define HC_STATS_H

#include "params.h"
#include "statdesc.h"


#define HC_STAT_KEY_MAX		64
#define HC_STATS_EXTRA_MAX	32

/* Keys of a newer module that this table does not know yet. */
struct hc_stat_extra {
	char key[HC_STAT_KEY_MAX];
	u64 value;
};

struct hc_stats {
	char signal[HC_STAT_KEY_MAX];
	bool have[HC_NR_STATS];
	u64 v[HC_NR_STATS];
	unsigned int nextra;
	struct hc_stat_extra extra[HC_STATS_EXTRA_MAX];
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

void hc_stats_print(FILE *out, const struct hc_stats *st,
		    enum hc_stats_format fmt);

#endif /* HC_STATS_H */
