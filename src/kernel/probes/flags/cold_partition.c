// SPDX-License-Identifier: GPL-2.0
/*
 * Does the tree's objtool follow the compiler's hot/cold split?  gcc moves
 * the error path below (printk is __cold) into hc_flagprobe_cold.cold;
 * objtool older than the compiler (4.18's knows only gcc 8's ".cold.N"
 * names) then warns about sibling calls and fall-throughs.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/string.h>

int hc_flagprobe_cold(const char *s, unsigned long *v)
{
	char buf[32];

	if (strscpy(buf, s, sizeof(buf)) < 0) {
		pr_err("hc_flagprobe: %s too long\n", s);
		return -EINVAL;
	}
	return kstrtoul(buf, 0, v);
}
