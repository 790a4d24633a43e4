// SPDX-License-Identifier: GPL-2.0
/* ftrace_ops callbacks read arguments with ftrace_regs_get_argument() */
#include <linux/ftrace.h>
#if !IS_ENABLED(CONFIG_DYNAMIC_FTRACE)
#error no dynamic ftrace
#endif

static void hc_cb(unsigned long ip, unsigned long parent_ip,
		  struct ftrace_ops *op, struct ftrace_regs *fregs)
{
	WRITE_ONCE(op->private, (void *)ftrace_regs_get_argument(fregs, 0));
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
