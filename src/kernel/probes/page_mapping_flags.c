// SPDX-License-Identifier: GPL-2.0
/* The low bits of page->mapping, PAGE_MAPPING_* naming */
#include <linux/mm.h>

unsigned long hc_probe(void)
{
	return PAGE_MAPPING_FLAGS;
}
