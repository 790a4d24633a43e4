/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The counters of /proc/hotcold/stats, from the one table in stats.def:
 * the module prints them in this order, hotcoldctl parses, types and
 * documents them.  Plain C, like params.h.
 */
#ifndef HC_STATDESC_H
#define HC_STATDESC_H

#include "hc_types.h"

enum hc_stat_type {
	HC_STAT_INFO,
	HC_STAT_GAUGE,
	HC_STAT_COUNTER,
};

enum hc_stat_unit {
	HC_SU_COUNT,
	HC_SU_PAGES,
	HC_SU_BYTES,
	HC_SU_NS,
};

struct hc_stat_desc {
	const char *key;
	enum hc_stat_type type;
	enum hc_stat_unit unit;
	const char *help;
};

enum hc_stat_id {
#define HC_STAT(key, type, unit, help) HC_S_##key,
#include "stats.def"
#undef HC_STAT
	HC_NR_STATS
};

extern const struct hc_stat_desc hc_stat_descs[HC_NR_STATS];

#endif /* HC_STATDESC_H */
