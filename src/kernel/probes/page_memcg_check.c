// SPDX-License-Identifier: GPL-2.0
/* page_memcg_check(), with memcg built in (struct mem_cgroup complete) */
#include <linux/memcontrol.h>

struct cgroup_subsys_state *hc_probe(struct page *p)
{
	return &page_memcg_check(p)->css;
}
