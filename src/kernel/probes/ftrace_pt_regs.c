// SPDX-License-Identifier: GPL-2.0
/*
 * ftrace_ops callbacks get the saved struct pt_regs (before struct
 * ftrace_regs) and say that they are recursion safe
 */
#include <linux/ftrace.h>
#include <linux/ptrace.h>
#if !IS_ENABLED(CONFIG_DYNAMIC_FTRACE) || \
	!IS_ENABLED(CONFIG_DYNAMIC_FTRACE_WITH_REGS)
#error no dynamic ftrace with saved registers
#endif

static void hc_cb(unsigned long ip, unsigned long parent_ip,
		  struct ftrace_ops *op, struct pt_regs *regs)
{
	WRITE_ONCE(op->private, (void *)regs_get_kernel_argument(regs, 0));
}

static struct ftrace_ops hc_ops = {
	.func = hc_cb,
	.flags = FTRACE_OPS_FL_PERMANENT | FTRACE_OPS_FL_SAVE_REGS |
		 FTRACE_OPS_FL_RECURSION_SAFE,
};

int hc_probe(unsigned char *name)
{
	int err = ftrace_set_filter(&hc_ops, name, 1, 1);

	if (!err)
		err = register_ftrace_function(&hc_ops);
	unregister_ftrace_function(&hc_ops);
	ftrace_set_filter(&hc_ops, NULL, 0, 1);
	return err;
}
