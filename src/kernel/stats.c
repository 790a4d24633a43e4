// SPDX-License-Identifier: GPL-2.0
/*
 * The counters of common/stats.def.  The thread updates them a few times
 * per file visit; readers and "reset" may come from any context, hence
 * atomics.  Probe hits are counted per CPU in access.c: the probe runs on
 * the application's path and must not bounce a shared cache line.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include "hotcold.h"

static atomic64_t hc_stats[HC_NR_STATS];

void hc_stat_add(enum hc_stat_id id, s64 delta)
{
	atomic64_add(delta, &hc_stats[id]);
}

void hc_stat_set(enum hc_stat_id id, u64 val)
{
	atomic64_set(&hc_stats[id], val);
}

u64 hc_stat_read(enum hc_stat_id id)
{
	return atomic64_read(&hc_stats[id]);
}

void hc_stats_reset(void)
{
	int i;

	for (i = 0; i < HC_NR_STATS; i++)
		if (hc_stat_descs[i].type == HC_STAT_COUNTER)
			atomic64_set(&hc_stats[i], 0);
}
