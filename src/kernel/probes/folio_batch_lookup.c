// SPDX-License-Identifier: GPL-2.0
/* filemap_get_folios() and struct folio_batch (5.19+, RHEL 9 backports) */
#include <linux/pagemap.h>

unsigned int hc_probe(struct address_space *m, pgoff_t *start,
		      struct folio_batch *fb)
{
	return filemap_get_folios(m, start, 0, fb);
}
