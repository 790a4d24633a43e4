// SPDX-License-Identifier: GPL-2.0
/* MGLRU compiled in: folio_mark_accessed() may not clear PG_idle */
#include <linux/kconfig.h>
#if !IS_ENABLED(CONFIG_LRU_GEN)
#error no MGLRU
#endif
