// SPDX-License-Identifier: GPL-2.0
/* pagevec_lookup_range() on kernels before folios */
#include <linux/pagemap.h>
#include <linux/pagevec.h>

void hc_probe(struct address_space *m, pgoff_t *start)
{
	struct pagevec pv;

	pagevec_init(&pv);
	pagevec_lookup_range(&pv, m, start, 0);
	pagevec_release(&pv);
}
