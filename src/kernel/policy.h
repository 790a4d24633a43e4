/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The hot/cold policy: what one visit of a file does to each of its areas,
 * when an area is hot, warm, cold or reclaimed, and how refaults protect a
 * file.  Plain C with no kernel calls: the same file is built into the
 * module and into tests/unit.
 *
 * An area is 16 bits:
 *   bits 0-3   access history, bit 0 the most recent visit
 *   bit  4     present: the area had cached pages at its last visit
 *   bit  5     reclaimed: hotcold dropped it and waits to see a refault
 *   bits 6-15  age: scan rounds since the last access (or, once reclaimed,
 *              since the reclaim), saturating at HC_AGE_MAX
 */
#ifndef HC_POLICY_H
#define HC_POLICY_H

#include "hc_types.h"

typedef u16 hc_area_t;

#define HC_HIST_BITS	4
#define HC_HIST_MASK	((1u << HC_HIST_BITS) - 1)
#define HC_A_PRESENT	(1u << 4)
#define HC_A_RECLAIMED	(1u << 5)
#define HC_AGE_SHIFT	6
#define HC_AGE_MAX	((1u << (16 - HC_AGE_SHIFT)) - 1)

enum hc_state {
	HC_EMPTY,	/* nothing cached, nothing pending */
	HC_HOT,
	HC_WARM,
	HC_COLD,
	HC_RECLAIMED,
	HC_NR_STATES,
};

/* The thresholds of one round, in rounds, derived from the parameters. */
struct hc_policy {
	u32 hot_rounds;		/* accesses in the last HC_HIST_BITS visits */
	u32 cold_rounds;	/* idle rounds before cold, before any shift */
	u32 refault_rounds;	/* a reclaimed area back within this is a refault */
	u32 max_shift;		/* bound of a file's refault shift */
};

/* What a visit saw of one area. */
struct hc_sample {
	bool present;		/* at least one page cached */
	bool accessed;		/* accessed since the previous visit */
	bool held;		/* a dirty, writeback or mapped page */
};

/* Per-file policy state. */
struct hc_file_policy {
	u8 shift;		/* cold age is multiplied by 2^shift */
	u32 quiet_rounds;	/* rounds since the last refault or decay */
};

/* Per-file tally of area states, kept for reports and the hot-file rule. */
struct hc_tally {
	u32 n[HC_NR_STATES];
};

u32 hc_ms_to_rounds(u64 ms, u64 interval_ms);
void hc_policy_init(struct hc_policy *p, u64 interval_ms, u64 cold_age_ms,
		    u64 refault_window_ms, u32 hot_rounds, u32 max_shift);

/*
 * hc_area_visit - apply one visit, @elapsed rounds after the previous one.
 * Returns true if the visit found a refault: the area was reclaimed and is
 * back, accessed, within the refault window.
 */
bool hc_area_visit(hc_area_t *a, u32 elapsed, const struct hc_sample *s,
		   const struct hc_policy *p);

enum hc_state hc_area_state(hc_area_t a, const struct hc_policy *p,
			    const struct hc_file_policy *fp);

/* hotcold invalidated the area: wait for a refault. */
void hc_area_mark_reclaimed(hc_area_t *a);

/*
 * Rounds between two visits of a file.  Samples keep what happened between
 * visits (the idle flag stays clear, the event bitmap stays set), so a file
 * need not be walked every round: every 1/HC_VISITS_PER_COLD_AGE of the cold
 * age is enough to find its cold areas within that precision.
 */
#define HC_VISITS_PER_COLD_AGE	8
u32 hc_visit_stride(const struct hc_policy *p);

/* Idle rounds before an area of this file is cold. */
u32 hc_cold_rounds(const struct hc_policy *p, const struct hc_file_policy *fp);

/* A refault was seen in the file: protect it longer. */
void hc_file_refault(struct hc_file_policy *fp, const struct hc_policy *p);

/* @elapsed rounds passed: relax the protection of a file that stayed quiet. */
void hc_file_age(struct hc_file_policy *fp, u32 elapsed,
		 const struct hc_policy *p);

/* Too many hot areas: leave the whole file alone. */
bool hc_file_is_hot(const struct hc_tally *t, u32 hot_file_pct);

#endif /* HC_POLICY_H */
