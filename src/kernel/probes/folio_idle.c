// SPDX-License-Identifier: GPL-2.0
/* folio_test_idle() and friends */
#include <linux/mm.h>
#include <linux/page_idle.h>

bool hc_probe(struct folio *f)
{
	folio_set_idle(f);
	folio_clear_idle(f);
	return folio_test_idle(f);
}
