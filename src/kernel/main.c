// SPDX-License-Identifier: GPL-2.0
/*
 * hotcold: keeps hot file areas cached and reclaims cold, clean page cache
 * from a background thread, ahead of memory pressure.  See hotcold(4).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/log2.h>
#include <linux/module.h>
#include "hotcold.h"

unsigned int hc_area_shift;

static int __init hc_init(void)
{
	int err;

	hc_area_shift = ilog2(hc_param(HC_P_file_area_pages));
	err = hc_files_init();
	if (err)
		return err;
	err = hc_access_init();
	if (err)
		goto err_files;
	err = hc_scan_start();
	if (err)
		goto err_access;
	err = hc_proc_init();
	if (err)
		goto err_scan;
	pr_info("version %s loaded: %u pages per area\n", HC_VERSION,
		1u << hc_area_shift);
	return 0;

err_scan:
	hc_scan_stop();
err_access:
	hc_access_exit();
err_files:
	hc_files_exit();
	return err;
}

static void __exit hc_exit(void)
{
	/* Readers and "scan" writers first: they wait on the thread. */
	hc_proc_exit();
	hc_scan_stop();
	/* No probe may look at a file once they start being freed. */
	hc_access_exit();
	hc_files_exit();
	pr_info("unloaded\n");
}

module_init(hc_init);
module_exit(hc_exit);
MODULE_LICENSE("GPL");
MODULE_AUTHOR("The hotcold authors");
MODULE_DESCRIPTION("File-area hot/cold tracking and background reclaim of cold page cache");
MODULE_VERSION(HC_VERSION);
