// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/hotcold: stats (everyone), files, cgroups and control (root only:
 * file and cgroup names are private).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include "hotcold.h"

static struct proc_dir_entry *hc_proc_dir;

/* The value of a counter that is not kept in stats.c. */
static u64 hc_stat_value(enum hc_stat_id id)
{
	switch (id) {
	case HC_S_probe_installed:
		return hc_access_probe_installed();
	case HC_S_enabled:
		return hc_param(HC_P_enabled);
	case HC_S_probe_hits:
		return hc_access_probe_hits();
	default:
		return hc_stat_read(id);
	}
}

static int hc_stats_show(struct seq_file *m, void *v)
{
	int i;

	for (i = 0; i < HC_NR_STATS; i++) {
		if (i == HC_S_access_signal)
			seq_printf(m, "%s %s\n", hc_stat_descs[i].key,
				   hc_access_signal_name());
		else if (i == HC_S_mode)
			seq_printf(m, "%s %s\n", hc_stat_descs[i].key,
				   hc_reclaim_mode_name());
		else
			seq_printf(m, "%s %llu\n", hc_stat_descs[i].key,
				   hc_stat_value(i));
	}
	return 0;
}

static int hc_files_show(struct seq_file *m, void *v)
{
	struct hc_file_row *rows;
	int i, n;

	rows = kcalloc(HC_TOP_FILES, sizeof(*rows), GFP_KERNEL);
	if (!rows)
		return -ENOMEM;
	n = hc_files_top(rows, HC_TOP_FILES);
	seq_puts(m, "# dev ino cached_pages hot warm cold reclaimed_pages protected path\n");
	for (i = 0; i < n; i++) {
		struct hc_file_row *row = &rows[i];

		seq_printf(m, "%u:%u %llu %u %u %u %u %llu %d ",
			   MAJOR(row->key.dev), MINOR(row->key.dev),
			   row->key.ino, row->cached, row->hot, row->warm,
			   row->cold, row->reclaimed_pages, row->protected);
		hc_path_print(m, &row->key);
		seq_putc(m, '\n');
	}
	kfree(rows);
	return 0;
}

static int hc_control_show(struct seq_file *m, void *v)
{
	seq_puts(m, "scan reset\n");
	return 0;
}

static ssize_t hc_control_write(struct file *file, const char __user *ubuf,
				size_t count, loff_t *ppos)
{
	char cmd[16];
	int err;

	if (count >= sizeof(cmd))
		return -EINVAL;
	if (copy_from_user(cmd, ubuf, count))
		return -EFAULT;
	cmd[count] = '\0';
	if (count && cmd[count - 1] == '\n')
		cmd[count - 1] = '\0';
	if (!strcmp(cmd, "scan")) {
		err = hc_scan_now();
		if (err)
			return err;
	} else if (!strcmp(cmd, "reset")) {
		hc_stats_reset();
		hc_access_reset_hits();
	} else {
		return -EINVAL;
	}
	return count;
}

static int hc_stats_open(struct inode *inode, struct file *file)
{
	return single_open(file, hc_stats_show, NULL);
}

static int hc_files_open(struct inode *inode, struct file *file)
{
	return single_open(file, hc_files_show, NULL);
}

static int hc_cgroups_open(struct inode *inode, struct file *file)
{
	return single_open(file, hc_cgroups_show, NULL);
}

static int hc_control_open(struct inode *inode, struct file *file)
{
	return single_open(file, hc_control_show, NULL);
}

HC_PROC_OPS(hc_stats_ops, hc_stats_open, NULL);
HC_PROC_OPS(hc_files_ops, hc_files_open, NULL);
HC_PROC_OPS(hc_cgroups_ops, hc_cgroups_open, NULL);
HC_PROC_OPS(hc_control_ops, hc_control_open, hc_control_write);

int hc_proc_init(void)
{
	hc_proc_dir = proc_mkdir("hotcold", NULL);
	if (!hc_proc_dir)
		return -ENOMEM;
	if (!proc_create("stats", 0444, hc_proc_dir, &hc_stats_ops) ||
	    !proc_create("files", 0400, hc_proc_dir, &hc_files_ops) ||
	    !proc_create("cgroups", 0400, hc_proc_dir, &hc_cgroups_ops) ||
	    !proc_create("control", 0200, hc_proc_dir, &hc_control_ops)) {
		proc_remove(hc_proc_dir);
		return -ENOMEM;
	}
	return 0;
}

void hc_proc_exit(void)
{
	proc_remove(hc_proc_dir);
}
