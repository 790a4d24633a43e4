// SPDX-License-Identifier: GPL-2.0
/* folio_mark_accessed(): the access hook of folio kernels */
#include <linux/swap.h>

void hc_probe(struct folio *f)
{
	folio_mark_accessed(f);
}
