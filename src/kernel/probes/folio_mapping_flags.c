// SPDX-License-Identifier: GPL-2.0
/* The low bits of folio->mapping, FOLIO_MAPPING_* naming */
#include <linux/mm.h>

unsigned long hc_probe(void)
{
	return FOLIO_MAPPING_FLAGS;
}
