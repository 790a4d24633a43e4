// SPDX-License-Identifier: GPL-2.0
/*
 * ftrace_ops callbacks get struct ftrace_regs, which holds the argument
 * registers in a pt_regs (DYNAMIC_FTRACE_WITH_ARGS) but has no accessor
 */
#include <linux/ftrace.h>
#include <linux/ptrace.h>
#if !IS_ENABLED(CONFIG_DYNAMIC_FTRACE) || \
	!IS_ENABLED(CONFIG_HAVE_DYNAMIC_FTRACE_WITH_ARGS)
#error no ftrace_regs with arguments
#endif

static void hc_cb(unsigned long ip, unsigned long parent_ip,
		  struct ftrace_ops *op, struct ftrace_regs *fregs)
{
	WRITE_ONCE(op->private,
		   (void *)regs_get_kernel_argument(&fregs->regs, 0));
}

static struct ftrace_ops hc_ops = {
	.func = hc_cb,
	.flags = FTRACE_OPS_FL_PERMANENT,
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
