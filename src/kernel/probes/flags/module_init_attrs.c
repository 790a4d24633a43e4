// SPDX-License-Identifier: GPL-2.0
/*
 * Does the tree's module_init()/module_exit() alias copy its target's
 * attributes?  Newer trees declare init_module with __copy(initfn); older
 * ones (4.18) do not, and gcc 9+ warns that the alias lacks __init's cold.
 */
#include <linux/init.h>
#include <linux/module.h>

static int __init hc_flagprobe_init(void)
{
	return 0;
}

static void __exit hc_flagprobe_exit(void)
{
}

module_init(hc_flagprobe_init);
module_exit(hc_flagprobe_exit);
MODULE_LICENSE("GPL");
