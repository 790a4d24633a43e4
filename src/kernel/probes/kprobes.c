// SPDX-License-Identifier: GPL-2.0
/* kprobes with a portable way to read a function argument */
#include <linux/kprobes.h>
#include <linux/ptrace.h>
#if !IS_ENABLED(CONFIG_KPROBES)
#error no kprobes
#endif

unsigned long hc_probe(struct pt_regs *regs, struct kprobe *kp)
{
	register_kprobe(kp);
	unregister_kprobe(kp);
	return regs_get_kernel_argument(regs, 0);
}
