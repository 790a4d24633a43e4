// SPDX-License-Identifier: GPL-2.0
/*
 * The access signal: how hotcold learns that an area was used.
 *
 * idle:  each visit sets the page idle flag on the folios it sees and an
 *        access clears it, so the application's path costs nothing.  With
 *        MGLRU compiled in, folio_mark_accessed() may return before it
 *        clears the flag (MGLRU can be switched on at any time), so a probe
 *        there clears it.  Without that probe the hottest files look idle.
 * event: kernels without the idle flag.  A probe on the same function
 *        marks the area in the file's own bitmap: a lockless lookup,
 *        nothing allocated, nothing locked.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kprobes.h>
#include <linux/percpu.h>
#include <linux/sched/signal.h>
#include <linux/string.h>
#include "hotcold.h"

static enum hc_signal hc_signal;
static bool hc_probe_on;
static DEFINE_PER_CPU(u64, hc_hits);
static u64 hc_hits_base;

enum hc_signal hc_access_signal(void)
{
	return hc_signal;
}

const char *hc_access_signal_name(void)
{
	return hc_signal == HC_SIGNAL_IDLE ? "idle" : "event";
}

bool hc_access_probe_installed(void)
{
	return hc_probe_on;
}

bool hc_access_sample(hc_folio_t *f)
{
	/* Set only when found clear: an access racing with us is kept. */
	if (hc_folio_test_idle(f))
		return false;
	hc_folio_set_idle(f);
	return true;
}

static u64 hc_hits_sum(void)
{
	u64 sum = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		sum += per_cpu(hc_hits, cpu);
	return sum;
}

u64 hc_access_probe_hits(void)
{
	return hc_hits_sum() - READ_ONCE(hc_hits_base);
}

void hc_access_reset_hits(void)
{
	WRITE_ONCE(hc_hits_base, hc_hits_sum());
}

static int hc_probe_clear_idle(struct kprobe *kp, struct pt_regs *regs)
{
	hc_folio_t *f = hc_probe_folio(regs);

	this_cpu_inc(hc_hits);
	if (hc_folio_test_idle(f))
		hc_folio_clear_idle(f);
	return 0;
}

static int hc_probe_mark_area(struct kprobe *kp, struct pt_regs *regs)
{
	hc_folio_t *f = hc_probe_folio(regs);
	struct address_space *mapping;
	struct inode *host;
	struct hc_key key = {};

	this_cpu_inc(hc_hits);
	/*
	 * The caller holds a reference on the folio, but the folio may be
	 * leaving the page cache: inodes and superblocks are freed after an
	 * RCU grace period, so what is read here stays valid memory.
	 */
	rcu_read_lock();
	mapping = hc_folio_file_mapping(f);
	host = mapping ? READ_ONCE(mapping->host) : NULL;
	if (host) {
		key.ino = host->i_ino;
		key.dev = host->i_sb->s_dev;
		hc_files_mark_access(&key, f->index, hc_folio_nr_pages(f));
	}
	rcu_read_unlock();
	return 0;
}

static struct kprobe hc_kprobe = {
	.symbol_name = HC_ACCESS_SYMBOL,
};

static int hc_probe_install(kprobe_pre_handler_t handler)
{
	int err;

	if (!HC_HAVE_KPROBES) {
		pr_err("%s: the %s signal cannot work\n", HC_NO_KPROBES,
		       hc_access_signal_name());
		return -EOPNOTSUPP;
	}
	hc_kprobe.pre_handler = handler;
	err = register_kprobe(&hc_kprobe);
	if (err) {
		pr_err("cannot probe %s: error %d\n", HC_ACCESS_SYMBOL, err);
		return err;
	}
	hc_probe_on = true;
	return 0;
}

/*
 * PG_idle has no owner: DAMON's physical-address operations and
 * /sys/kernel/mm/page_idle users set and clear it too, and each then
 * misreads the other's accesses.  DAMON's threads can be seen; say so.
 */
static void hc_warn_idle_sharing(void)
{
	struct task_struct *p;
	char comm[TASK_COMM_LEN];
	bool damon = false;

	rcu_read_lock();
	for_each_process(p) {
		get_task_comm(comm, p);
		if (!strncmp(comm, "kdamond", 7)) {
			damon = true;
			break;
		}
	}
	rcu_read_unlock();
	if (damon)
		pr_warn("DAMON is running (%s): it shares the page idle flag with hotcold's idle signal, and both will misjudge accesses; stop DAMON or load hotcold with access_signal=event\n",
			comm);
}

int hc_access_init(void)
{
	/* access_signal: 0 auto, 1 idle, 2 event, in params.def order */
	u64 want = hc_param(HC_P_access_signal);
	kprobe_pre_handler_t handler = NULL;
	int err;

	if (want == 1 && !HC_HAVE_IDLE_FLAG) {
		pr_err("access_signal: 'idle' needs the page idle flag (CONFIG_PAGE_IDLE_FLAG or CONFIG_IDLE_PAGE_TRACKING), which this kernel lacks; use auto or event\n");
		return -EINVAL;
	}
	hc_signal = (want == 1 || (want == 0 && HC_HAVE_IDLE_FLAG)) ?
		HC_SIGNAL_IDLE : HC_SIGNAL_EVENT;
	if (hc_signal == HC_SIGNAL_EVENT)
		handler = hc_probe_mark_area;
	else if (HC_HAVE_LRU_GEN)
		handler = hc_probe_clear_idle;
	if (handler) {
		err = hc_probe_install(handler);
		if (err)
			return err;
	}
	if (hc_signal == HC_SIGNAL_IDLE)
		hc_warn_idle_sharing();
	pr_info("access signal %s, probe %s%s%s\n", hc_access_signal_name(),
		!handler ? "none" : handler == hc_probe_mark_area ?
				    "mark-area" : "clear-idle",
		handler ? " on " : "", handler ? HC_ACCESS_SYMBOL : "");
	return 0;
}

void hc_access_exit(void)
{
	if (hc_probe_on)
		unregister_kprobe(&hc_kprobe);
	hc_probe_on = false;
}
