// SPDX-License-Identifier: GPL-2.0
/* The page idle flag lives in page->flags (64-bit) */
#include <linux/kconfig.h>
#if !IS_ENABLED(CONFIG_64BIT) || \
	!(IS_ENABLED(CONFIG_PAGE_IDLE_FLAG) || IS_ENABLED(CONFIG_IDLE_PAGE_TRACKING))
#error no page idle flag
#endif
