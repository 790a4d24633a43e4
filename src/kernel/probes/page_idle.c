// SPDX-License-Identifier: GPL-2.0
/* page_is_idle() and friends */
#include <linux/mm.h>
#include <linux/page_idle.h>

bool hc_probe(struct page *p)
{
	set_page_idle(p);
	clear_page_idle(p);
	return page_is_idle(p);
}
