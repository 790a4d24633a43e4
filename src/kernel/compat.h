/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every difference between the kernels hotcold builds on, in one place.
 * Keyed only on the HAVE_* macros that ./configure found by compiling
 * probes against the target kernel: never on LINUX_VERSION_CODE, which
 * distribution backports make meaningless.
 *
 * hc_folio_t is the unit the page cache hands out: a folio where the kernel
 * has them, a page before.
 */
#ifndef HC_COMPAT_H
#define HC_COMPAT_H

#include <linux/fs.h>
#include <linux/cgroup.h>
#include <linux/kprobes.h>
#include <linux/memcontrol.h>
#include <linux/mm.h>
#include <linux/page_idle.h>
#include <linux/pagemap.h>
#include <linux/proc_fs.h>
#include <linux/swap.h>
#include "hc_config.h"
#if !defined(HAVE_FOLIO_BATCH_LOOKUP)
#include <linux/pagevec.h>
#endif

#if defined(HAVE_FOLIO_BATCH_LOOKUP)
typedef struct folio hc_folio_t;
#else
typedef struct page hc_folio_t;
#endif

/* The page idle flag, if the kernel keeps one in page->flags. */
#if defined(HAVE_PAGE_IDLE_FLAG) && defined(HAVE_FOLIO_IDLE) && \
	defined(HAVE_FOLIO_BATCH_LOOKUP)
#define HC_HAVE_IDLE_FLAG 1
static inline bool hc_folio_test_idle(hc_folio_t *f)
{
	return folio_test_idle(f);
}

static inline void hc_folio_set_idle(hc_folio_t *f)
{
	folio_set_idle(f);
}

static inline void hc_folio_clear_idle(hc_folio_t *f)
{
	folio_clear_idle(f);
}
#elif defined(HAVE_PAGE_IDLE_FLAG) && defined(HAVE_PAGE_IDLE) && \
	!defined(HAVE_FOLIO_BATCH_LOOKUP)
#define HC_HAVE_IDLE_FLAG 1
static inline bool hc_folio_test_idle(hc_folio_t *f)
{
	return page_is_idle(f);
}

static inline void hc_folio_set_idle(hc_folio_t *f)
{
	set_page_idle(f);
}

static inline void hc_folio_clear_idle(hc_folio_t *f)
{
	clear_page_idle(f);
}
#else
#define HC_HAVE_IDLE_FLAG 0
static inline bool hc_folio_test_idle(hc_folio_t *f)
{
	return false;
}

static inline void hc_folio_set_idle(hc_folio_t *f)
{
}

static inline void hc_folio_clear_idle(hc_folio_t *f)
{
}
#endif

/*
 * A batch of the folios cached in a range of a mapping, in index order.
 * Each comes as an hc_seen: where it is, whether it is held (dirty,
 * writeback, mapped) and, if the lookup samples the idle flag, whether
 * it was accessed.  Only the first folio of a batch keeps a reference
 * (@folio, until hc_batch_release()), for the cgroup vote; on kernels
 * with folios the others are read under RCU, without a reference where
 * the kernel allows it (see hc_seen_lockless()).
 */
struct hc_seen {
	hc_folio_t *folio;
	pgoff_t index;
	unsigned int nr;
	bool held;
	bool accessed;
};

/* What a batch lookup does with each folio (hc_batch_lookup()). */
enum hc_look {
	HC_LOOK_PLACES,	/* where folios are, no reference kept */
	HC_LOOK_FIRST,	/* and the first of the batch referenced: a vote */
	HC_LOOK_SAMPLE,	/* and each folio's idle flag sampled and re-armed */
	HC_LOOK_REARM,	/* and every idle flag set, each folio "accessed" */
};

/*
 * Under a reference: was @folio accessed since its flag was last set, and
 * set it again.  Set only when found clear, so that an access racing with
 * the test is kept.  HC_LOOK_REARM sets every flag: what they showed was
 * not hotcold's (access.c), so every folio counts as accessed.
 */
static inline bool hc_seen_sample(hc_folio_t *folio, enum hc_look look)
{
	if (look == HC_LOOK_REARM) {
		hc_folio_set_idle(folio);
		return true;
	}
	if (look != HC_LOOK_SAMPLE || hc_folio_test_idle(folio))
		return false;
	hc_folio_set_idle(folio);
	return true;
}

#define HC_BATCH_MAX	64

#if defined(HAVE_FOLIO_BATCH_LOOKUP)
struct hc_batch {
	unsigned int n;
	struct hc_seen seen[HC_BATCH_MAX];
};

static inline unsigned long hc_folio_nr_pages(hc_folio_t *f)
{
	return folio_nr_pages(f);
}

/* Pages whose area must not age: hotcold never drops them. */
static inline bool hc_folio_held(hc_folio_t *f)
{
	return folio_test_dirty(f) || folio_test_writeback(f) ||
	       folio_mapped(f);
}

/*
 * May @folio, found under RCU without a reference, be sampled as it is?
 * Its flags are read the way filemap_range_has_writeback() and
 * cachestat read them, without looking again: what a folio freed
 * meanwhile shows is wrong for one visit, never unsafe.  A large folio's
 * size and mapcount hold only with a reference (a split), a folio whose
 * flag is to be set must not have been freed, and the first of a batch
 * votes: those are referenced.
 */
static inline bool hc_seen_lockless(hc_folio_t *folio, enum hc_look look,
				    bool first)
{
	if ((first && look != HC_LOOK_PLACES) || folio_test_large(folio))
		return false;
	if (look == HC_LOOK_SAMPLE)
		return hc_folio_test_idle(folio);
	return look != HC_LOOK_REARM;
}

/*
 * Take @folio into @e; false to look again.  A reference taken to read a
 * large folio or to set a flag is dropped at once (under RCU, as
 * filemap_get_entry() does), so that the folio's entry can be merged
 * with its neighbours'.
 */
static inline bool hc_seen_take(struct hc_seen *e, struct xa_state *xas,
				hc_folio_t *folio, enum hc_look look, bool first)
{
	e->folio = NULL;
	e->index = xas->xa_index;
	e->nr = 1;
	e->accessed = false;
	if (hc_seen_lockless(folio, look, first)) {
		e->held = hc_folio_held(folio);
		return true;
	}
	if (!folio_try_get(folio))
		return false;
	if (xas_reload(xas) != folio) {
		folio_put(folio);
		return false;
	}
	e->index = folio->index;
	e->nr = hc_folio_nr_pages(folio);
	e->held = hc_folio_held(folio);
	e->accessed = hc_seen_sample(folio, look);
	if (first && look != HC_LOOK_PLACES)
		e->folio = folio;
	else
		folio_put(folio);
	return true;
}

/* Extend @prev by @e if both are unreferenced, adjacent, in one block. */
static inline bool hc_seen_merge(struct hc_seen *prev,
				 const struct hc_seen *e, unsigned int shift)
{
	if (prev->folio || prev->index + prev->nr != e->index ||
	    (prev->index >> shift) != (e->index >> shift))
		return false;
	prev->nr += e->nr;
	prev->held |= e->held;
	prev->accessed |= e->accessed;
	return true;
}

/*
 * Up to HC_BATCH_MAX entries of the folios of [*start, end], in one RCU
 * read section; *start moves past them.  Folios that follow each other
 * within an aligned block of 1 << @shift pages share an entry.  As
 * find_get_entry() does, a folio that cannot be taken (being freed,
 * split or replaced) is looked up again.
 */
static inline unsigned int hc_batch_lookup(struct hc_batch *b,
					   struct address_space *m,
					   pgoff_t *start, pgoff_t end,
					   enum hc_look look, unsigned int shift)
{
	XA_STATE(xas, &m->i_pages, *start);
	hc_folio_t *folio;
	unsigned int n = 0;

	if (*start > end)
		return 0;
	rcu_read_lock();
	xas_for_each(&xas, folio, end) {
		if (xas_retry(&xas, folio) || xa_is_value(folio))
			continue;
		if (!hc_seen_take(&b->seen[n], &xas, folio, look, !n)) {
			xas_reset(&xas);
			continue;
		}
		if (n && hc_seen_merge(&b->seen[n - 1], &b->seen[n], shift))
			continue;
		if (++n == HC_BATCH_MAX)
			break;
	}
	rcu_read_unlock();
	b->n = n;
	if (n < HC_BATCH_MAX)
		*start = end + 1;
	else
		*start = b->seen[n - 1].index + b->seen[n - 1].nr;
	return n;
}

static inline void hc_batch_release(struct hc_batch *b)
{
	unsigned int i;

	for (i = 0; i < b->n; i++)
		if (b->seen[i].folio)
			folio_put(b->seen[i].folio);
	b->n = 0;
}
#elif defined(HAVE_PAGEVEC_LOOKUP_RANGE)
struct hc_batch {
	struct pagevec pv;
	struct hc_seen seen[PAGEVEC_SIZE];
};

/* The lookup returns each page of a compound page on its own. */
static inline unsigned long hc_folio_nr_pages(hc_folio_t *f)
{
	return 1;
}

static inline bool hc_folio_held(hc_folio_t *f)
{
	return PageDirty(f) || PageWriteback(f) || page_mapped(f);
}

/*
 * Kernels without folios: every page referenced, as the lookup hands it,
 * and every one votes.
 */
static inline unsigned int hc_batch_lookup(struct hc_batch *b,
					   struct address_space *m,
					   pgoff_t *start, pgoff_t end,
					   enum hc_look look, unsigned int shift)
{
	unsigned int i, n;

	pagevec_init(&b->pv);
	n = pagevec_lookup_range(&b->pv, m, start, end);
	for (i = 0; i < n; i++) {
		struct page *page = b->pv.pages[i];

		b->seen[i] = (struct hc_seen){
			.folio = look == HC_LOOK_PLACES ? NULL : page,
			.index = page->index,
			.nr = 1,
			.held = hc_folio_held(page),
			.accessed = hc_seen_sample(page, look),
		};
	}
	return n;
}

static inline void hc_batch_release(struct hc_batch *b)
{
	pagevec_release(&b->pv);
}
#else
#error "hotcold: the kernel has neither filemap_get_folios() nor pagevec_lookup_range()"
#endif

/* The access hook probed for the event signal and on MGLRU kernels. */
#if defined(HAVE_FOLIO_MARK_ACCESSED)
#define HC_ACCESS_SYMBOL "folio_mark_accessed"
#define HC_ACCESS_FN folio_mark_accessed
#else
#define HC_ACCESS_SYMBOL "mark_page_accessed"
#define HC_ACCESS_FN mark_page_accessed
#endif

#if defined(HAVE_FOLIO_MAPPING_FLAGS)
#define HC_MAPPING_FLAGS FOLIO_MAPPING_FLAGS
#elif defined(HAVE_PAGE_MAPPING_FLAGS)
#define HC_MAPPING_FLAGS PAGE_MAPPING_FLAGS
#else
#error "hotcold: no PAGE_MAPPING_FLAGS or FOLIO_MAPPING_FLAGS"
#endif

/*
 * The page cache mapping of the hc_folio_t a probe was handed, or NULL for
 * anonymous, KSM or movable pages (low bits of ->mapping set).
 */
static inline struct address_space *hc_folio_file_mapping(hc_folio_t *f)
{
	unsigned long m = (unsigned long)READ_ONCE(f->mapping);

	if (m & HC_MAPPING_FLAGS)
		return NULL;
	return (struct address_space *)m;
}

#if defined(HAVE_LRU_GEN)
#define HC_HAVE_LRU_GEN 1
#else
#define HC_HAVE_LRU_GEN 0
#endif

/* The hc_folio_t of HC_ACCESS_SYMBOL's argument, NULL for none. */
static inline hc_folio_t *hc_folio_of_arg(unsigned long arg)
{
	if (!arg)
		return NULL;
#if defined(HAVE_FOLIO_BATCH_LOOKUP)
	return (hc_folio_t *)arg;
#else
	/* A tail page's ->mapping is a poison value, not a mapping. */
	return compound_head((struct page *)arg);
#endif
}

/*
 * The first argument of the function a kprobe stopped at, on entry.  4.18
 * (EL8) has kprobes but no regs_get_kernel_argument(): there the x86-64
 * calling convention says where it is (%rdi).  Other kernels without it
 * cannot run the kprobe signals, and HC_NO_KPROBES says why.
 */
#if defined(HAVE_KPROBES) && defined(HAVE_REGS_GET_KERNEL_ARGUMENT)
#define HC_HAVE_KPROBES 1
static inline unsigned long hc_probe_arg0(struct pt_regs *regs)
{
	return regs_get_kernel_argument(regs, 0);
}
#elif defined(HAVE_KPROBES) && defined(CONFIG_X86_64)
#define HC_HAVE_KPROBES 1
static inline unsigned long hc_probe_arg0(struct pt_regs *regs)
{
	return regs->di;
}
#else
#define HC_HAVE_KPROBES 0
#endif

#if HC_HAVE_KPROBES
#define HC_NO_KPROBES ""
/* The hc_folio_t a probe on HC_ACCESS_SYMBOL was called with. */
static inline hc_folio_t *hc_probe_folio(struct pt_regs *regs)
{
	return hc_folio_of_arg(hc_probe_arg0(regs));
}
#else
#if defined(HAVE_KPROBES)
#define HC_NO_KPROBES \
	"this kernel's kprobes cannot read the probed function's argument (no regs_get_kernel_argument(), not x86-64)"
#else
#define HC_NO_KPROBES "this kernel has no kprobes"
#endif
static inline hc_folio_t *hc_probe_folio(struct pt_regs *regs)
{
	return NULL;
}
#endif

/*
 * The access hook as an ftrace_ops callback: no kprobe dispatch, and where
 * the kernel saves only the argument registers, no full pt_regs either.
 * The callback's last argument and how an argument is read changed twice:
 * struct ftrace_regs with an accessor (6.x), struct ftrace_regs holding
 * the argument registers in a pt_regs (DYNAMIC_FTRACE_WITH_ARGS, 5.11 on),
 * the whole saved pt_regs before.  The callbacks never call traced code,
 * so they need no recursion protection of ftrace's (which since 5.11 is
 * asked for, and before was declined with RECURSION_SAFE).  PERMANENT:
 * the kernel.ftrace_enabled sysctl must not silently switch it off.
 */
#if defined(HAVE_FTRACE_REGS_GET_ARGUMENT) || defined(HAVE_FTRACE_REGS_ARGS)
#define HC_HAVE_FTRACE 1
#define HC_FTRACE_FLAGS FTRACE_OPS_FL_PERMANENT
typedef struct ftrace_regs hc_ftrace_regs_t;
#elif defined(HAVE_FTRACE_PT_REGS)
#define HC_HAVE_FTRACE 1
#define HC_FTRACE_FLAGS (FTRACE_OPS_FL_PERMANENT | FTRACE_OPS_FL_SAVE_REGS | \
			 FTRACE_OPS_FL_RECURSION_SAFE)
typedef struct pt_regs hc_ftrace_regs_t;
#else
#define HC_HAVE_FTRACE 0
#endif

#if HC_HAVE_FTRACE
#include <linux/ftrace.h>
typedef struct ftrace_ops hc_ftrace_ops_t;

static inline unsigned long hc_ftrace_arg0(hc_ftrace_regs_t *regs)
{
#if defined(HAVE_FTRACE_REGS_GET_ARGUMENT)
	return ftrace_regs_get_argument(regs, 0);
#elif defined(HAVE_FTRACE_REGS_ARGS)
	return regs_get_kernel_argument(&regs->regs, 0);
#else
	return regs ? regs_get_kernel_argument(regs, 0) : 0;
#endif
}

/*
 * Attach @ops to HC_ACCESS_SYMBOL, by its address: a filter by name looks
 * up the name of every traceable function under ftrace_lock, tens of
 * thousands of them (seconds of a busy guest's CPU at each load).  By
 * name only if the address is refused: kernels whose ftrace_location()
 * does not map a function's address to its call site (before 5.18 with
 * an ENDBR64 in front of it).
 */
static inline int hc_ftrace_register(hc_ftrace_ops_t *ops)
{
	/* ftrace parses the name in place: not a string literal */
	static char name[] = HC_ACCESS_SYMBOL;
	int err;

	ops->flags = HC_FTRACE_FLAGS;
	err = ftrace_set_filter_ip(ops, (unsigned long)HC_ACCESS_FN, 0, 1);
	if (err)
		err = ftrace_set_filter(ops, name, strlen(name), 1);
	if (!err)
		err = register_ftrace_function(ops);
	if (err)
		ftrace_set_filter(ops, NULL, 0, 1);
	return err;
}

/*
 * An empty filter frees the ops' hash: ftrace_free_filter() is not
 * exported before 5.11.
 */
static inline void hc_ftrace_unregister(hc_ftrace_ops_t *ops)
{
	unregister_ftrace_function(ops);
	ftrace_set_filter(ops, NULL, 0, 1);
}
#else
struct hc_ftrace_ops;
typedef struct hc_ftrace_ops hc_ftrace_ops_t;
typedef struct pt_regs hc_ftrace_regs_t;
struct hc_ftrace_ops {
	void (*func)(unsigned long ip, unsigned long parent_ip,
		     hc_ftrace_ops_t *op, hc_ftrace_regs_t *regs);
};

static inline unsigned long hc_ftrace_arg0(hc_ftrace_regs_t *regs)
{
	return 0;
}

static inline int hc_ftrace_register(hc_ftrace_ops_t *ops)
{
	return -EOPNOTSUPP;
}

static inline void hc_ftrace_unregister(hc_ftrace_ops_t *ops)
{
}
#endif

#if defined(HAVE_INODE_STATE_READ_ONCE)
static inline unsigned long hc_inode_state(struct inode *inode)
{
	return inode_state_read_once(inode);
}
#else
static inline unsigned long hc_inode_state(struct inode *inode)
{
	return READ_ONCE(inode->i_state);
}
#endif

/*
 * The memory cgroup a page cache folio is charged to, for
 * /proc/hotcold/cgroups.  Callers hold rcu_read_lock(): a memcg is freed
 * only after a grace period, and its css must be referenced
 * (hc_css_tryget()) to be used outside.  The root memcg and kernels
 * without memcg give NULL: their pages count to the root cgroup.
 */
#if defined(HAVE_FOLIO_MEMCG_CHECK) && defined(HAVE_FOLIO_BATCH_LOOKUP)
#define HC_HAVE_MEMCG 1
static inline struct mem_cgroup *hc_folio_memcg(hc_folio_t *f)
{
	return folio_memcg_check(f);
}
#elif defined(HAVE_PAGE_MEMCG_CHECK) && defined(HAVE_FOLIO_BATCH_LOOKUP)
#define HC_HAVE_MEMCG 1
static inline struct mem_cgroup *hc_folio_memcg(hc_folio_t *f)
{
	return page_memcg_check(&f->page);
}
#elif defined(HAVE_PAGE_MEMCG_CHECK)
#define HC_HAVE_MEMCG 1
static inline struct mem_cgroup *hc_folio_memcg(hc_folio_t *f)
{
	return page_memcg_check(compound_head(f));
}
#elif defined(HAVE_PAGE_MEM_CGROUP)
#define HC_HAVE_MEMCG 1
static inline struct mem_cgroup *hc_folio_memcg(hc_folio_t *f)
{
	return READ_ONCE(compound_head(f)->mem_cgroup);
}
#else
#define HC_HAVE_MEMCG 0
#endif

#if HC_HAVE_MEMCG
static inline struct cgroup_subsys_state *hc_folio_css(hc_folio_t *f)
{
	struct mem_cgroup *memcg = hc_folio_memcg(f);

	return memcg && memcg->css.parent ? &memcg->css : NULL;
}

static inline bool hc_css_tryget(struct cgroup_subsys_state *css)
{
	return css_tryget(css);
}

static inline void hc_css_put(struct cgroup_subsys_state *css)
{
	css_put(css);
}

/* Never reused: a kernfs node id (with its generation before 5.5). */
static inline u64 hc_css_id(struct cgroup_subsys_state *css)
{
	return cgroup_id(css->cgroup);
}

/* The path as /proc/self/cgroup shows it in the initial namespace. */
static inline int hc_css_path(struct cgroup_subsys_state *css, char *buf,
			      size_t len)
{
	return cgroup_path(css->cgroup, buf, len);
}
#else
struct cgroup_subsys_state;

static inline struct cgroup_subsys_state *hc_folio_css(hc_folio_t *f)
{
	return NULL;
}

static inline bool hc_css_tryget(struct cgroup_subsys_state *css)
{
	return false;
}

static inline void hc_css_put(struct cgroup_subsys_state *css)
{
}

static inline u64 hc_css_id(struct cgroup_subsys_state *css)
{
	return 0;
}

static inline int hc_css_path(struct cgroup_subsys_state *css, char *buf,
			      size_t len)
{
	return -ENOENT;
}
#endif

#if defined(HAVE_PROC_OPS)
#define HC_PROC_OPS(name, open_fn, write_fn)				\
	static const struct proc_ops name = {				\
		.proc_open = open_fn,					\
		.proc_read = seq_read,					\
		.proc_write = write_fn,					\
		.proc_lseek = seq_lseek,				\
		.proc_release = single_release,				\
	}
#else
#define HC_PROC_OPS(name, open_fn, write_fn)				\
	static const struct file_operations name = {			\
		.owner = THIS_MODULE,					\
		.open = open_fn,					\
		.read = seq_read,					\
		.write = write_fn,					\
		.llseek = seq_lseek,					\
		.release = single_release,				\
	}
#endif

#endif /* HC_COMPAT_H */
