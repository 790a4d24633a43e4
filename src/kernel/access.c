// SPDX-License-Identifier: GPL-2.0
/*
 * The access signal: how hotcold learns that an area was used.
 *
 * idle:  each visit sets the page idle flag on the folios it sees and an
 *        access clears it, so the application's path costs nothing.  With
 *        MGLRU compiled in, folio_mark_accessed() may return before it
 *        clears the flag (MGLRU can be switched on at any time), so a hook
 *        there clears it.  Without that hook the hottest files look idle.
 * event: kernels without the idle flag.  A hook on the same function
 *        marks the area in the file's own bitmap: a lockless lookup,
 *        nothing allocated, nothing locked.
 *
 * The hook is an ftrace_ops callback where the kernel has dynamic ftrace
 * (a direct call from the function's entry), else a kprobe.
 *
 * PG_idle has no owner: DAMON (kdamond threads: DAMON_RECLAIM,
 * DAMON_LRU_SORT, its sysfs interface) and /sys/kernel/mm/page_idle users
 * set and clear it too, and each then misreads the other's accesses.
 * Every round looks for kdamond threads; while one runs, hotcold leaves
 * the flag alone: the event signal where a hook can be attached, else no
 * signal at all (every area counts as accessed: nothing is reclaimed).
 * When it stops, every area counts as accessed until each file has been
 * visited again, since the flags it finds then are not its own.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kprobes.h>
#include <linux/percpu.h>
#include <linux/sched/signal.h>
#include <linux/string.h>
#include "hotcold.h"

enum hc_hook {
	HC_HOOK_NONE,
	HC_HOOK_CLEAR_IDLE,
	HC_HOOK_MARK_AREA,
};

static const char *const hc_hook_names[] = {
	[HC_HOOK_NONE] = "none",
	[HC_HOOK_CLEAR_IDLE] = "clear-idle",
	[HC_HOOK_MARK_AREA] = "mark-area",
};

static enum hc_signal hc_wanted;	/* chosen at load */
static enum hc_signal hc_signal;	/* of the current round */
static enum hc_hook hc_hook;		/* attached now */
static bool hc_use_ftrace;
static bool hc_shared;		/* another user of PG_idle runs */
static bool hc_started;		/* a round has begun since the load */
static bool hc_blind;		/* idle flag unusable, no hook: no signal */
static bool hc_rearm;		/* flags found now are not ours */
static u64 hc_rearm_until_ms;
static DEFINE_PER_CPU(u64, hc_hits);
static u64 hc_hits_base;

const char *hc_access_signal_name(void)
{
	return hc_signal == HC_SIGNAL_IDLE ? "idle" : "event";
}

bool hc_access_probe_installed(void)
{
	return hc_hook != HC_HOOK_NONE;
}

enum hc_look hc_access_look(enum hc_signal signal, bool *others)
{
	/* No signal, or flags of someone else's: err toward "accessed". */
	if (signal == HC_SIGNAL_EVENT || hc_blind) {
		*others = signal == HC_SIGNAL_EVENT ? hc_rearm : true;
		return HC_LOOK_FIRST;
	}
	*others = false;
	return hc_rearm ? HC_LOOK_REARM : HC_LOOK_SAMPLE;
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

/* The hooks' work: as little as possible, it runs on every access. */
static __always_inline void hc_clear_idle(hc_folio_t *f)
{
	this_cpu_inc(hc_hits);
	if (f && hc_folio_test_idle(f))
		hc_folio_clear_idle(f);
}

static __always_inline void hc_mark_area(hc_folio_t *f)
{
	struct address_space *mapping;
	struct inode *host;
	struct hc_key key = {};

	this_cpu_inc(hc_hits);
	if (!f)
		return;
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
}

static void hc_ftrace_clear_idle(unsigned long ip, unsigned long parent_ip,
				 hc_ftrace_ops_t *op, hc_ftrace_regs_t *regs)
{
	hc_clear_idle(hc_folio_of_arg(hc_ftrace_arg0(regs)));
}

static void hc_ftrace_mark_area(unsigned long ip, unsigned long parent_ip,
				hc_ftrace_ops_t *op, hc_ftrace_regs_t *regs)
{
	hc_mark_area(hc_folio_of_arg(hc_ftrace_arg0(regs)));
}

static int hc_kprobe_clear_idle(struct kprobe *kp, struct pt_regs *regs)
{
	hc_clear_idle(hc_probe_folio(regs));
	return 0;
}

static int hc_kprobe_mark_area(struct kprobe *kp, struct pt_regs *regs)
{
	hc_mark_area(hc_probe_folio(regs));
	return 0;
}

static hc_ftrace_ops_t hc_ftrace_ops[] = {
	[HC_HOOK_CLEAR_IDLE] = { .func = hc_ftrace_clear_idle },
	[HC_HOOK_MARK_AREA] = { .func = hc_ftrace_mark_area },
};

static const kprobe_pre_handler_t hc_kprobe_handlers[] = {
	[HC_HOOK_CLEAR_IDLE] = hc_kprobe_clear_idle,
	[HC_HOOK_MARK_AREA] = hc_kprobe_mark_area,
};

static struct kprobe hc_kprobe;

static int hc_kprobe_attach(enum hc_hook hook)
{
	if (!HC_HAVE_KPROBES)
		return -EOPNOTSUPP;
	/* register_kprobe() fills in the address: start afresh each time */
	hc_kprobe = (struct kprobe){
		.symbol_name = HC_ACCESS_SYMBOL,
		.pre_handler = hc_kprobe_handlers[hook],
	};
	return register_kprobe(&hc_kprobe);
}

static void hc_hook_detach(void)
{
	if (hc_hook == HC_HOOK_NONE)
		return;
	if (hc_use_ftrace)
		hc_ftrace_unregister(&hc_ftrace_ops[hc_hook]);
	else
		unregister_kprobe(&hc_kprobe);
	hc_hook = HC_HOOK_NONE;
}

/* Attach @hook to HC_ACCESS_SYMBOL in place of the current one. */
static int hc_hook_set(enum hc_hook hook)
{
	int err;

	if (hook == hc_hook)
		return 0;
	hc_hook_detach();
	if (hook == HC_HOOK_NONE)
		return 0;
	err = hc_use_ftrace ? hc_ftrace_register(&hc_ftrace_ops[hook]) :
			      hc_kprobe_attach(hook);
	if (err) {
		pr_err("cannot attach the %s hook to %s (%s): error %d\n",
		       hc_hook_names[hook], HC_ACCESS_SYMBOL,
		       hc_use_ftrace ? "ftrace" : "kprobe", err);
		return err;
	}
	hc_hook = hook;
	return 0;
}

/* The hook the idle signal needs: only MGLRU fails to clear the flag. */
static enum hc_hook hc_idle_hook(void)
{
	return HC_HAVE_LRU_GEN ? HC_HOOK_CLEAR_IDLE : HC_HOOK_NONE;
}

struct hc_comm {
	char s[TASK_COMM_LEN];
};

/* Is another user of the page idle flag running?  Its name in @comm. */
static bool hc_idle_flag_shared(struct hc_comm *comm)
{
	struct task_struct *p;
	bool found = false;

	rcu_read_lock();
	for_each_process(p) {
		if (!(p->flags & PF_KTHREAD))
			continue;
		get_task_comm(comm->s, p);
		if (!strncmp(comm->s, "kdamond", 7)) {
			found = true;
			break;
		}
	}
	rcu_read_unlock();
	return found;
}

/*
 * Every file is visited within a quarter of its cold age: until then, what
 * a visit finds says nothing of the accesses before a change of signal.
 */
static void hc_rearm_from(u64 now_ms)
{
	hc_rearm_until_ms = now_ms + hc_param(HC_P_cold_age_ms) / 4 +
			    hc_param(HC_P_scan_interval_ms);
}

/*
 * Leave PG_idle alone: the event signal if a hook can do it, else none.
 * The event bits start empty: accesses since the last visit are unknown,
 * unless there was no visit yet (the first round: all state is new).
 */
static void hc_idle_leave(const char *comm, bool first)
{
	if (!hc_hook_set(HC_HOOK_MARK_AREA)) {
		hc_signal = HC_SIGNAL_EVENT;
		if (!first)
			hc_rearm_from(hc_now_ms());
		pr_warn("%s uses the page idle flag: hotcold leaves it alone and uses the event signal until it stops\n",
			comm);
		return;
	}
	hc_hook_set(HC_HOOK_NONE);
	hc_blind = true;
	pr_warn("%s uses the page idle flag and no hook can be attached for the event signal: reclaim is paused until it stops\n",
		comm);
}

/* Back to the idle signal; the flags found on the next visits are stale. */
static void hc_idle_return(void)
{
	if (hc_hook_set(hc_idle_hook())) {
		hc_signal = HC_SIGNAL_IDLE;
		hc_blind = true;
		pr_warn_ratelimited("no access hook: reclaim stays paused\n");
		return;
	}
	hc_signal = HC_SIGNAL_IDLE;
	hc_blind = false;
	hc_rearm_from(hc_now_ms());
	pr_info("the other user of the page idle flag stopped: back to the idle signal\n");
}

/*
 * Attaching a hook can take seconds (text patching waits for every CPU):
 * the times taken here, and the round's own clock, start after it, so
 * that no access goes unseen between the round's start and the hook.
 */
enum hc_signal hc_access_round_begin(void)
{
	struct hc_comm comm;
	bool shared;

	if (hc_wanted != HC_SIGNAL_IDLE)
		return hc_signal;
	shared = hc_idle_flag_shared(&comm);
	if (shared != hc_shared) {
		hc_shared = shared;
		hc_stat_add(HC_S_signal_switches, 1);
		if (shared)
			hc_idle_leave(comm.s, !hc_started);
		else
			hc_idle_return();
	} else if (!shared && hc_blind) {
		/* a hook that could not be attached when it stopped */
		hc_idle_return();
	}
	hc_started = true;
	hc_rearm = !hc_blind && hc_now_ms() < hc_rearm_until_ms;
	hc_stat_set(HC_S_idle_flag_shared, shared);
	hc_stat_set(HC_S_access_paused, hc_blind || hc_rearm);
	if (shared)
		hc_stat_add(HC_S_idle_flag_shared_rounds, 1);
	return hc_signal;
}

/* access_probe: 0 auto, 1 ftrace, 2 kprobe, in params.def order */
static int hc_hook_kind_init(void)
{
	u64 want = hc_param(HC_P_access_probe);

	if (want == 1 && !HC_HAVE_FTRACE) {
		pr_err("access_probe: 'ftrace' needs dynamic ftrace (CONFIG_DYNAMIC_FTRACE), which this kernel lacks; use auto or kprobe\n");
		return -EINVAL;
	}
	if (want == 2 && !HC_HAVE_KPROBES) {
		pr_err("access_probe: 'kprobe': %s; use auto or ftrace\n",
		       HC_NO_KPROBES);
		return -EINVAL;
	}
	if (!HC_HAVE_FTRACE && !HC_HAVE_KPROBES) {
		hc_use_ftrace = false;
		return 0;
	}
	hc_use_ftrace = want == 1 || (want == 0 && HC_HAVE_FTRACE);
	return 0;
}

/* The first hook; auto falls back to a kprobe if ftrace refuses. */
static int hc_hook_first(enum hc_hook hook)
{
	int err = hc_hook_set(hook);

	if (err && hc_use_ftrace && HC_HAVE_KPROBES &&
	    !hc_param(HC_P_access_probe)) {
		hc_use_ftrace = false;
		pr_warn("falling back to a kprobe\n");
		err = hc_hook_set(hook);
	}
	return err;
}

int hc_access_init(void)
{
	/* access_signal: 0 auto, 1 idle, 2 event, in params.def order */
	u64 want = hc_param(HC_P_access_signal);
	struct hc_comm comm;
	int err;

	if (want == 1 && !HC_HAVE_IDLE_FLAG) {
		pr_err("access_signal: 'idle' needs the page idle flag (CONFIG_PAGE_IDLE_FLAG or CONFIG_IDLE_PAGE_TRACKING), which this kernel lacks; use auto or event\n");
		return -EINVAL;
	}
	err = hc_hook_kind_init();
	if (err)
		return err;
	hc_wanted = (want == 1 || (want == 0 && HC_HAVE_IDLE_FLAG)) ?
		HC_SIGNAL_IDLE : HC_SIGNAL_EVENT;
	hc_signal = hc_wanted;
	if (hc_wanted == HC_SIGNAL_EVENT)
		err = hc_hook_first(HC_HOOK_MARK_AREA);
	else if (hc_idle_flag_shared(&comm))
		err = 0;	/* the first round leaves the flag alone */
	else
		err = hc_hook_first(hc_idle_hook());
	if (err)
		return err;
	pr_info("access signal %s, probe %s%s%s%s\n", hc_access_signal_name(),
		hc_hook_names[hc_hook],
		hc_hook != HC_HOOK_NONE ? " on " : "",
		hc_hook != HC_HOOK_NONE ? HC_ACCESS_SYMBOL : "",
		hc_hook == HC_HOOK_NONE ? "" :
		hc_use_ftrace ? " (ftrace)" : " (kprobe)");
	return 0;
}

void hc_access_exit(void)
{
	hc_hook_detach();
}
