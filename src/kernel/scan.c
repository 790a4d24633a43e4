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
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/freezer.h>
#include <linux/kthread.h>
#include <linux/rwsem.h>
#include <linux/sched.h>
#include <linux/wait.h>
#include "hotcold.h"

/*
 * Where a superblock's walk stands.  The position is an index into
 * s_inodes: new inodes go to the head, so an index revisits a few files
 * (skipped: already seen this pass) and evictions may skip a few (seen
 * next pass; state survives one missed pass).
 */
struct hc_cursor {
	dev_t dev;
	unsigned long pos;
	bool done;
	bool seen;
};

#define HC_MAX_SB	256
/* Retry a filesystem type that was not registered after this long. */
#define HC_FS_RETRY_MS	60000

static struct hc_cursor hc_cursors[HC_MAX_SB];
static u32 hc_pass = 1;

static struct task_struct *hc_thread;
static DECLARE_WAIT_QUEUE_HEAD(hc_wake);
static DECLARE_WAIT_QUEUE_HEAD(hc_done);
static DEFINE_MUTEX(hc_request_lock);
static u64 hc_requested;	/* rounds asked for through control */
static u64 hc_completed;	/* requests served */
static bool hc_kicked;		/* a parameter changed: re-read them */

static DEFINE_MUTEX(hc_fs_lock);
static char hc_fs_list[HC_VALUE_MAX];
static u64 hc_fs_retry[HC_FS_TYPES_MAX];

static u64 hc_now_ms(void)
{
	return ktime_get_ns() / NSEC_PER_MSEC;
}

/*
 * get_fs_type() asks for a module when a type is not registered: remember
 * a miss so that modprobe is not run every round for a type that is not
 * there.
 */
int hc_fs_types_get(struct file_system_type **types)
{
	char list[HC_VALUE_MAX], *p = list, *name;
	u64 now = hc_now_ms();
	int n = 0, i = 0;

	hc_param_fs_types(list, sizeof(list));
	mutex_lock(&hc_fs_lock);
	if (strcmp(list, hc_fs_list)) {
		strscpy(hc_fs_list, list, sizeof(hc_fs_list));
		memset(hc_fs_retry, 0, sizeof(hc_fs_retry));
	}
	while ((name = strsep(&p, ",")) && i < HC_FS_TYPES_MAX) {
		struct file_system_type *t = NULL;

		if (now >= hc_fs_retry[i])
			t = get_fs_type(name);
		if (t)
			types[n++] = t;
		else if (now >= hc_fs_retry[i])
			hc_fs_retry[i] = now + HC_FS_RETRY_MS;
		i++;
	}
	mutex_unlock(&hc_fs_lock);
	return n;
}

void hc_fs_types_put(struct file_system_type **types, int n)
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

static void hc_pass_complete(void)
{
	int i;

	mutex_lock(&hc_files_lock);
	hc_files_sweep(hc_pass);
	mutex_unlock(&hc_files_lock);
	hc_pass++;
	for (i = 0; i < HC_MAX_SB; i++) {
		struct hc_cursor *c = &hc_cursors[i];

		*c = c->seen ? (struct hc_cursor){ .dev = c->dev } :
			       (struct hc_cursor){};
	}
}

static bool hc_visit_due(struct hc_file *f, struct hc_round *r)
{
	u64 rounds = (r->now_ms - min(f->visit_ms, r->now_ms)) / r->interval_ms;

	return !f->visit_ms || rounds >= hc_visit_stride(&r->pol);
}

static void hc_visit_inode(struct inode *inode, struct hc_round *r)
{
	struct address_space *mapping = inode->i_mapping;
	struct hc_key key = { .ino = inode->i_ino, .dev = inode->i_sb->s_dev };
	unsigned long nrpages = READ_ONCE(mapping->nrpages);
	struct hc_file *f;

	mutex_lock(&hc_files_lock);
	f = hc_file_lookup(&key);
	if (f && f->gen != inode->i_generation)
		hc_file_reset(f, inode->i_generation);
	if (!f && nrpages >= r->min_file_pages)
		f = hc_file_create(&key, inode->i_generation);
	if (!f || f->pass == r->pass)
		goto out;
	f->pass = r->pass;
	hc_protect_update(f, inode);
	if (!hc_visit_due(f, r))
		goto out;
	r->scan_budget -= min_t(u64, r->scan_budget, nrpages);
	/* Nothing cached, no refault to wait for: the state can go. */
	if (!hc_visit_file(r, f, mapping, i_size_read(inode)) ||
	    (!f->cached && !f->tally.n[HC_RECLAIMED]))
		hc_file_destroy(f);
out:
	mutex_unlock(&hc_files_lock);
}

static bool hc_inode_wanted(struct inode *inode)
{
	struct hc_key key = { .ino = inode->i_ino, .dev = inode->i_sb->s_dev };

	/* DAX has no page cache; a swap file's cache is not the swap I/O. */
	if (!S_ISREG(inode->i_mode) || IS_DAX(inode) || IS_SWAPFILE(inode))
		return false;
	return READ_ONCE(inode->i_mapping->nrpages) || hc_files_known(&key);
}

/* A reference to @inode unless it is being set up or torn down. */
static struct inode *hc_inode_get(struct inode *inode)
{
	bool busy;

	spin_lock(&inode->i_lock);
	busy = hc_inode_state(inode) & (I_NEW | I_FREEING | I_WILL_FREE);
	spin_unlock(&inode->i_lock);
	return busy ? NULL : igrab(inode);
}

/* Stop a superblock's walk: budget spent, unload, or s_umount wanted. */
static bool hc_walk_must_yield(struct super_block *sb, struct hc_round *r)
{
	return !r->scan_budget || kthread_should_stop() ||
	       rwsem_is_contended(&sb->s_umount);
}

/*
 * Walk @sb's inodes from the cursor, the way fs/drop_caches.c does: in one
 * hold of s_umount (shared), breaking the list lock to sleep.  The walk
 * stops early, leaving the cursor, when the round's budget is spent or a
 * task waits for s_umount (umount, remount, freeze): the next call skips
 * the entries seen, so a pass costs one walk of the list unless it was
 * interrupted.  The reference on the current inode keeps it on s_inodes
 * while the list lock is dropped; it is put only after the next one is
 * taken, outside the lock.  Like drop_caches, the lock is also broken at
 * inodes not visited when the CPU is wanted, so a long list of inodes
 * without page cache does not keep it.
 */
static void hc_walk_sb(struct super_block *sb, struct hc_cursor *c,
		       struct hc_round *r)
{
	struct inode *inode, *held = NULL;
	unsigned long pos = 0;

	spin_lock(&sb->s_inode_list_lock);
	list_for_each_entry(inode, &sb->s_inodes, i_sb_list) {
		bool skip = pos++ < c->pos;
		bool visit = !skip && hc_inode_wanted(inode);

		/* Other inodes are only held to break the lock. */
		if (!visit && !need_resched())
			continue;
		if (!hc_inode_get(inode))
			continue;
		spin_unlock(&sb->s_inode_list_lock);
		iput(held);
		held = inode;
		if (visit)
			hc_visit_inode(inode, r);
		cond_resched();
		spin_lock(&sb->s_inode_list_lock);
		if (!skip && hc_walk_must_yield(sb, r)) {
			c->pos = pos;
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
	r->signal = hc_access_signal();
	r->now_ms = hc_now_ms();
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
	/* Nobody waits in hc_scan_now(): /proc/hotcold is gone by now. */
}
