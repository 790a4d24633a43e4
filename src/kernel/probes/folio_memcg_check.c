// SPDX-License-Identifier: GPL-2.0
/* folio_memcg_check(), with memcg built in (struct mem_cgroup complete) */
#include <linux/memcontrol.h>

struct cgroup_subsys_state *hc_probe(struct folio *f)
{
	return &folio_memcg_check(f)->css;
}
