// SPDX-License-Identifier: GPL-2.0
/* The descriptors of the counters listed in stats.def. */
#include "statdesc.h"

const struct hc_stat_desc hc_stat_descs[HC_NR_STATS] = {
#define HC_STAT(k, t, u, h) \
	[HC_S_##k] = { #k, t, u, h },
#include "stats.def"
#undef HC_STAT
};
