// SPDX-License-Identifier: GPL-2.0
/* struct folio_batch moved out of <linux/pagevec.h> (7.x) */
#include <linux/folio_batch.h>
