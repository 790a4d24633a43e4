// SPDX-License-Identifier: GPL-2.0
/* a portable way to read a probed function's argument (not in 4.18) */
#include <linux/ptrace.h>

unsigned long hc_probe(struct pt_regs *regs)
{
	return regs_get_kernel_argument(regs, 0);
}
