// SPDX-License-Identifier: GPL-2.0
/* page->mem_cgroup, before page_memcg_check() (memcg built in) */
#include <linux/memcontrol.h>
#include <linux/mm_types.h>

struct cgroup_subsys_state *hc_probe(struct page *p)
{
	return &READ_ONCE(p->mem_cgroup)->css;
}
