// SPDX-License-Identifier: GPL-2.0
/*
 * The scan thread.  Every scan_interval_ms it runs a round: it walks the
 * superblocks of the types in fs_types with iterate_supers_type() and
 * their inode lists the way fs/drop_caches.c does, visiting regular files
 * with page cache.  iterate_supers_type() holds s_umount (shared) during
 * each callback; a callback that has to stop early (page budget spent, or
 * s_umount wanted by umount, remount or freeze) leaves a cursor, and the
 * round calls it again until every superblock is done (a pass) or the
 * budget is spent.  A pass that completes frees the state of files it did
 * not find.
 *
 * Frozen filesystems are skipped whole.  freeze_super() drops s_umount
 * once the freeze is complete, so iterate_supers_type() does call us for
 * a frozen superblock; an iput() there that evicts an inode waits in
 * sb_start_intwrite() for the thaw, which waits for our s_umount: a hang
 * of the filesystem and of rmmod.  s_writers.frozen cannot leave
 * SB_UNFROZEN while s_umount is held, so a check at the start of the
 * callback holds for all of it.  Inodes without links are never
 * referenced either: their last iput() is an eviction.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/freezer.h>
#include <linux/kthread.h>
#include <linux/magic.h>
#include <linux/rwsem.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/wait.h>
#include "hotcold.h"

/*
 * Where a superblock's walk stands, kept across rounds: no inode pointer
 * or reference survives the end of a callback (s_umount is dropped then).
 * The position counts list entries from the tail of s_inodes, which the
 * walk goes through backwards.  New inodes are added at the head, so they
 * do not move the position (they are reached at the end of the pass);
 * only evictions of already walked inodes move it, and then a few inodes
 * go unseen for this pass.  Resuming walks the seen entries again
 * without looking at them, in the same bounded holds of the list lock:
 * the only way to find an entry of s_inodes again without a reference is
 * to count to it (XFS inodes are not in the inode hash, so ilookup() is
 * no shortcut).  Resuming is rare: the round's budget spent, or a task
 * waiting for s_umount.
 */
struct hc_cursor {
	dev_t dev;
	unsigned long pos;
	bool done;
	bool seen;
	bool frozen;	/* skipped this pass: keep its files' state */
};

#define HC_MAX_SB	256
/*
 * List entries walked per hold of s_inode_list_lock.  need_resched() is
 * no bound: it stays clear while other CPUs spin on the lock.  About
 * 1024 entries of cache misses is tens of microseconds.
 *
 * Bare metal's queued spinlocks then hand the lock to a waiter in order,
 * but a guest of a hypervisor without paravirt spinlocks (VMware; KVM
 * with them off; qemu's TCG) runs them as test-and-set
 * (virt_spin_lock()): a waiter must see the lock free, and the walk
 * would take it back within a few cycles, before a vCPU the host has
 * not scheduled ever runs.  So after a hold the walk pauses once
 * (cpu_relax(): PAUSE, which a hypervisor may take as a hint to run
 * another vCPU, and TCG always does), at most once a jiffy: on a host
 * that runs the other vCPU only then, more would hand it most of the
 * walk's CPU.
 */
#define HC_LIST_HOLD	1024

static struct hc_cursor hc_cursors[HC_MAX_SB];
static u32 hc_pass = 1;

static struct task_struct *hc_thread;
static DECLARE_WAIT_QUEUE_HEAD(hc_wake);
static DECLARE_WAIT_QUEUE_HEAD(hc_done);
static DEFINE_MUTEX(hc_request_lock);
static u64 hc_requested;	/* rounds asked for through control */
static u64 hc_completed;	/* requests served */
static bool hc_kicked;		/* a parameter changed: re-read them */

u64 hc_now_ms(void)
{
	return ktime_get_ns() / NSEC_PER_MSEC;
}

/* Is @name, of @len bytes, a line's last field in /proc/filesystems? */
static bool hc_fs_registered(const char *list, const char *name, size_t len)
{
	const char *p = list;

	while ((p = strstr(p, name))) {
		if ((p == list || p[-1] == '\t') &&
		    (p[len] == '\n' || !p[len]))
			return true;
		p += len;
	}
	return false;
}

/*
 * /proc/filesystems, NUL terminated, or NULL.  It is the only list of the
 * registered filesystem types that a module can read: the list itself,
 * __get_fs_type() and iterate_supers() are not exported (iterate_supers()
 * is not on 6.1 and 6.12), and get_fs_type() runs request_module() for a
 * type that is not registered: modprobe every round, loading btrfs.ko or
 * any other fs_types entry that is not in use.  The thread opens it in
 * the root of the initial mount namespace, where every host mounts /proc;
 * a page holds it (a line per type, under 1 KiB on a fleet host).
 */
static char *hc_fs_registered_list(void)
{
	size_t size = PAGE_SIZE, len = 0;
	struct file *file;
	loff_t pos = 0;
	ssize_t n = 1;
	char *buf;

	file = filp_open("/proc/filesystems", O_RDONLY, 0);
	if (IS_ERR(file)) {
		hc_unexpected("cannot open /proc/filesystems (%ld)\n",
			      PTR_ERR(file));
		return NULL;
	}
	buf = kmalloc(size, GFP_KERNEL);
	while (buf && n > 0 && len < size - 1) {
		n = kernel_read(file, buf + len, size - 1 - len, &pos);
		if (n > 0)
			len += n;
	}
	filp_close(file, NULL);
	if (buf)
		buf[len] = '\0';
	return buf;
}

/*
 * The types of fs_types that are registered, each referenced.  A type is
 * looked up with get_fs_type() only if /proc/filesystems lists it: then
 * get_fs_type() finds it without asking for a module.  (A module that
 * unregisters in between, which it can only do with none of its
 * filesystems mounted, would be asked for once.)
 */
static int hc_fs_types_get(struct file_system_type **types)
{
	char list[HC_VALUE_MAX], *p = list, *name, *registered;
	int n = 0;

	registered = hc_fs_registered_list();
	if (!registered)
		return 0;
	hc_param_fs_types(list, sizeof(list));
	while ((name = strsep(&p, ",")) && n < HC_FS_TYPES_MAX) {
		struct file_system_type *t = NULL;

		if (*name && hc_fs_registered(registered, name, strlen(name)))
			t = get_fs_type(name);
		if (t)
			types[n++] = t;
	}
	kfree(registered);
	return n;
}

static void hc_fs_types_put(struct file_system_type **types, int n)
{
	while (n--)
		module_put(types[n]->owner);
}

static struct hc_cursor *hc_cursor_get(dev_t dev)
{
	struct hc_cursor *free = NULL;
	int i;

	for (i = 0; i < HC_MAX_SB; i++) {
		if (hc_cursors[i].dev == dev)
			return &hc_cursors[i];
		if (!hc_cursors[i].dev && !free)
			free = &hc_cursors[i];
	}
	if (!free) {
		hc_unexpected("more than %d superblocks; %u:%u skipped\n",
			      HC_MAX_SB, MAJOR(dev), MINOR(dev));
		return NULL;
	}
	*free = (struct hc_cursor){ .dev = dev };
	return free;
}

/* Was @dev's superblock skipped as frozen this pass? */
static bool hc_dev_frozen(u32 dev)
{
	int i;

	for (i = 0; i < HC_MAX_SB; i++)
		if (hc_cursors[i].dev == dev)
			return hc_cursors[i].frozen;
	return false;
}

static void hc_pass_complete(void)
{
	bool frozen = false;
	int i;

	for (i = 0; i < HC_MAX_SB; i++)
		frozen |= hc_cursors[i].frozen;
	hc_files_write_begin();
	hc_files_sweep(hc_pass, frozen ? hc_dev_frozen : NULL);
	hc_files_write_end();
	hc_paths_prune();
	hc_pass++;
	for (i = 0; i < HC_MAX_SB; i++) {
		struct hc_cursor *c = &hc_cursors[i];

		*c = c->seen ? (struct hc_cursor){ .dev = c->dev } :
			       (struct hc_cursor){};
	}
}

static void hc_visit_inode(struct inode *inode, struct hc_round *r)
{
	struct address_space *mapping = inode->i_mapping;
	struct hc_key key = { .ino = inode->i_ino, .dev = inode->i_sb->s_dev };
	unsigned long nrpages = READ_ONCE(mapping->nrpages);
	struct hc_file *f;

	hc_files_write_begin();
	f = hc_file_lookup(&key);
	if (f && f->gen != inode->i_generation)
		hc_file_reset(f, inode->i_generation);
	if (!f && nrpages >= r->min_file_pages)
		f = hc_file_create(&key, inode->i_generation);
	if (!f || (f->pass == r->pass && !hc_visit_resuming(f)))
		goto out;
	f->pass = r->pass;
	hc_protect_update(f, inode);
	if (!hc_visit_due(f, r))
		goto note;
	/* Nothing cached, no refault to wait for: the state can go. */
	if (!hc_visit_file(r, f, mapping, i_size_read(inode)) ||
	    (!f->cached && !f->tally.n[HC_RECLAIMED])) {
		hc_path_forget(&key);
		hc_file_destroy(f);
		goto out;
	}
note:
	hc_path_note(f, inode);
out:
	hc_files_write_end();
}

/*
 * shmem and unevictable mappings (ramfs, SHM_LOCK, secretmem) are never
 * ours, whatever fs_types says.  shmem_mapping() is not exported on 5.10,
 * 6.1, EL8 and EL9; every shmem mapping belongs to an inode of a
 * TMPFS_MAGIC superblock (shmem_fill_super() and the internal shm mount).
 */
static bool hc_mapping_foreign(struct address_space *mapping)
{
	if (mapping_unevictable(mapping) ||
	    mapping->host->i_sb->s_magic == TMPFS_MAGIC) {
		hc_unexpected("shmem or unevictable mapping on %s; skipped\n",
			      mapping->host->i_sb->s_type->name);
		return true;
	}
	return false;
}

static bool hc_inode_wanted(struct inode *inode)
{
	struct hc_key key = { .ino = inode->i_ino, .dev = inode->i_sb->s_dev };

	/* DAX has no page cache; a swap file's cache is not the swap I/O. */
	if (!S_ISREG(inode->i_mode) || IS_DAX(inode) || IS_SWAPFILE(inode))
		return false;
	if (!READ_ONCE(inode->i_mapping->nrpages) && !hc_files_known(&key))
		return false;
	return !hc_mapping_foreign(inode->i_mapping);
}

/*
 * A reference to @inode unless it is being set up or torn down, or has no
 * link left (our iput() could be its last: an eviction).
 */
static struct inode *hc_inode_get(struct inode *inode)
{
	bool busy;

	spin_lock(&inode->i_lock);
	busy = (hc_inode_state(inode) & (I_NEW | I_FREEING | I_WILL_FREE)) ||
	       !inode->i_nlink;
	spin_unlock(&inode->i_lock);
	return busy ? NULL : igrab(inode);
}

bool hc_walk_must_yield(struct super_block *sb, struct hc_round *r)
{
	return !r->scan_budget || kthread_should_stop() ||
	       rwsem_is_contended(&sb->s_umount);
}

/*
 * Walk @sb's inodes backwards from the cursor, in one hold of s_umount
 * (shared), breaking the list lock at each visit (to sleep), when the CPU
 * is wanted, and after HC_LIST_HOLD entries at most.  To break it the walk takes a reference
 * on the current inode, which keeps it on s_inodes while the lock is
 * dropped, so the walk goes on from it without counting again; the
 * reference is put only after the next one is taken, outside the lock.
 * The walk stops early, leaving the cursor, when the round's budget is
 * spent or a task waits for s_umount (umount, remount, freeze).
 */
static void hc_walk_sb(struct super_block *sb, struct hc_cursor *c,
		       struct hc_round *r)
{
	struct inode *inode, *held = NULL;
	unsigned long pos = 0, run = 0, relax_at = jiffies;
	bool long_hold;

	spin_lock(&sb->s_inode_list_lock);
	list_for_each_entry_reverse(inode, &sb->s_inodes, i_sb_list) {
		bool visit = pos++ >= c->pos && hc_inode_wanted(inode);

		/*
		 * Other inodes are only held to break the lock: after
		 * HC_LIST_HOLD entries for the CPUs spinning on it, earlier
		 * if this CPU is wanted (a kernel without preemption gives
		 * it up only at cond_resched()).
		 */
		if (!visit && ++run < HC_LIST_HOLD && !need_resched())
			continue;
		if (!hc_inode_get(inode))
			continue;
		long_hold = run >= HC_LIST_HOLD;
		run = 0;
		spin_unlock(&sb->s_inode_list_lock);
		if (long_hold && time_after_eq(jiffies, relax_at)) {
			/* a waiter's turn (HC_LIST_HOLD) */
			cpu_relax();
			relax_at = jiffies + 1;
		}
		iput(held);
		held = inode;
		r->split = false;
		if (visit)
			hc_visit_inode(inode, r);
		cond_resched();
		spin_lock(&sb->s_inode_list_lock);
		/* A visit that stopped inside its file resumes there. */
		if (r->split || hc_walk_must_yield(sb, r)) {
			c->pos = max(c->pos, pos - r->split);
			goto out;
		}
	}
	c->done = true;
out:
	spin_unlock(&sb->s_inode_list_lock);
	iput(held);
}

static void hc_scan_sb(struct super_block *sb, void *arg)
{
	struct hc_round *r = arg;
	struct hc_cursor *c = hc_cursor_get(sb->s_dev);

	if (!c)
		return;
	c->seen = true;
	if (c->done)
		return;
	if (sb->s_writers.frozen != SB_UNFROZEN) {
		hc_stat_add(HC_S_sb_frozen_skipped, 1);
		c->frozen = true;
		c->done = true;
		return;
	}
	if (r->scan_budget && !kthread_should_stop()) {
		hc_stat_add(HC_S_sb_batches, 1);
		hc_walk_sb(sb, c, r);
	}
	if (!c->done)
		r->more = true;
}

static void hc_round_prepare(struct hc_round *r)
{
	u64 interval = hc_param(HC_P_scan_interval_ms);

	memset(r, 0, sizeof(*r));
	hc_policy_init(&r->pol, interval, hc_param(HC_P_cold_age_ms),
		       hc_param(HC_P_refault_window_ms),
		       hc_param(HC_P_hot_rounds),
		       hc_param(HC_P_refault_max_shift));
	/* first: a switch of signal can take seconds (access.c) */
	r->signal = hc_access_round_begin();
	r->now_ms = hc_now_ms();
	r->now_tick = r->now_ms / HC_TICK_MS + 1;
	r->interval_ms = interval;
	r->min_file_pages = hc_param(HC_P_min_file_pages);
	r->hot_file_pct = hc_param(HC_P_hot_file_pct);
	r->scan_budget = hc_param(HC_P_max_scan_kb_per_round) /
			 (PAGE_SIZE / 1024);
	r->pass = hc_pass;
	hc_reclaim_round_begin(r);
}

static void hc_round(void)
{
	struct file_system_type *types[HC_FS_TYPES_MAX];
	u64 start = ktime_get_ns(), ns;
	struct hc_round r;
	int i, n;

	hc_round_prepare(&r);
	n = hc_fs_types_get(types);
	do {
		r.more = false;
		for (i = 0; i < n; i++)
			iterate_supers_type(types[i], hc_scan_sb, &r);
	} while (r.more && r.scan_budget && !kthread_should_stop());
	hc_fs_types_put(types, n);
	if (!r.more)
		hc_pass_complete();

	ns = ktime_get_ns() - start;
	hc_stat_add(HC_S_rounds, 1);
	hc_stat_add(HC_S_scan_ns_total, ns);
	hc_stat_set(HC_S_scan_ns_last, ns);
}

static bool hc_should_wake(void)
{
	return kthread_should_stop() || READ_ONCE(hc_kicked) ||
	       READ_ONCE(hc_requested) != READ_ONCE(hc_completed);
}

static int hc_thread_fn(void *unused)
{
	set_freezable();
	while (!kthread_should_stop()) {
		u64 requested = READ_ONCE(hc_requested);

		WRITE_ONCE(hc_kicked, false);
		if (hc_param(HC_P_enabled) || requested != hc_completed)
			hc_round();
		WRITE_ONCE(hc_completed, requested);
		wake_up_all(&hc_done);
		wait_event_freezable_timeout(hc_wake, hc_should_wake(),
			msecs_to_jiffies(hc_param(HC_P_scan_interval_ms)));
	}
	return 0;
}

int hc_scan_now(void)
{
	u64 ticket;

	mutex_lock(&hc_request_lock);
	ticket = ++hc_requested;
	mutex_unlock(&hc_request_lock);
	wake_up(&hc_wake);
	return wait_event_interruptible(hc_done,
					READ_ONCE(hc_completed) >= ticket);
}

static void hc_scan_param_changed(enum hc_param_id id)
{
	if (id == HC_P_enabled || id == HC_P_scan_interval_ms) {
		WRITE_ONCE(hc_kicked, true);
		wake_up(&hc_wake);
	}
}

int hc_scan_start(void)
{
	hc_thread = kthread_run(hc_thread_fn, NULL, "hotcold");
	if (IS_ERR(hc_thread))
		return PTR_ERR(hc_thread);
	WRITE_ONCE(hc_param_changed, hc_scan_param_changed);
	return 0;
}

void hc_scan_stop(void)
{
	WRITE_ONCE(hc_param_changed, NULL);
	kthread_stop(hc_thread);
	hc_paths_free();
	/* Nobody waits in hc_scan_now(): /proc/hotcold is gone by now. */
}
