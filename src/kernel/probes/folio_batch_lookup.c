// SPDX-License-Identifier: GPL-2.0
/* filemap_get_folios() and struct folio_batch (5.19+, RHEL 9 backports) */
#include <linux/pagemap.h>
#if __has_include(<linux/folio_batch.h>)
#include <linux/folio_batch.h>
#else
#include <linux/pagevec.h>
#endif

void hc_probe(struct address_space *m, pgoff_t *start)
{
	struct folio_batch fb;

	folio_batch_init(&fb);
	filemap_get_folios(m, start, 0, &fb);
	folio_batch_release(&fb);
}
