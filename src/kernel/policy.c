// SPDX-License-Identifier: GPL-2.0
/*
 * The hot/cold policy, in plain C (see policy.h for the area encoding).
 *
 * Time is counted in ticks: a file visited t ticks after its previous
 * visit ages t ticks at once, so an area's age is a lower bound of its
 * idle time however rounds are spaced, postponed or re-timed.
 */
#include "policy.h"

static u32 hc_age(hc_area_t a)
{
	return a >> HC_AGE_SHIFT;
}

static u32 hc_add_sat(u32 a, u32 b)
{
	return a > HC_AGE_MAX - b ? HC_AGE_MAX : a + b;
}

static hc_area_t hc_with_age(hc_area_t a, u32 age)
{
	if (age > HC_AGE_MAX)
		age = HC_AGE_MAX;
	return (a & ((1u << HC_AGE_SHIFT) - 1)) | (age << HC_AGE_SHIFT);
}

static u32 hc_popcount4(u32 v)
{
	return (v & 1) + ((v >> 1) & 1) + ((v >> 2) & 1) + ((v >> 3) & 1);
}

u32 hc_ms_to_ticks(u64 ms)
{
	u64 t = (ms + HC_TICK_MS - 1) / HC_TICK_MS;

	return t > HC_AGE_MAX ? HC_AGE_MAX : (u32)t;
}

void hc_policy_init(struct hc_policy *p, u64 interval_ms, u64 cold_age_ms,
		    u64 refault_window_ms, u32 hot_visits, u32 max_shift)
{
	p->hot_visits = hot_visits;
	p->cold_ticks = hc_ms_to_ticks(cold_age_ms);
	if (!p->cold_ticks)
		p->cold_ticks = 1;
	p->refault_ticks = hc_ms_to_ticks(refault_window_ms);
	p->max_shift = max_shift;
	p->interval_ticks = hc_ms_to_ticks(interval_ms);
}

u32 hc_cold_ticks(const struct hc_policy *p, const struct hc_file_policy *fp)
{
	u64 t = (u64)p->cold_ticks << fp->shift;

	return t > HC_AGE_MAX ? HC_AGE_MAX : (u32)t;
}

u32 hc_visit_stride(const struct hc_policy *p)
{
	return p->cold_ticks / HC_VISITS_PER_COLD_AGE;
}

bool hc_visit_due_after(const struct hc_policy *p, u32 since)
{
	return hc_add_sat(since, p->interval_ticks / 2) >= hc_visit_stride(p);
}

/*
 * A reclaimed area: count the time since the reclaim, watch for return.
 * Observe mode leaves the pages cached: its areas stay "would have been
 * reclaimed" until accessed (a refault if soon enough, exactly as reclaim
 * would have seen it) or evicted by the kernel.
 */
static bool hc_reclaimed_visit(hc_area_t *a, u32 elapsed,
			       const struct hc_sample *s,
			       const struct hc_policy *p)
{
	u32 since = hc_add_sat(hc_age(*a), elapsed);
	bool observed = *a & HC_A_PRESENT;
	bool refault;

	if (!s->present) {
		*a = since > p->refault_ticks ? 0 :
		     hc_with_age(HC_A_RECLAIMED, since);
		return false;
	}
	if (!s->accessed) {
		/*
		 * Pages back unused (readahead), or observed ones when mode
		 * went back to reclaim: cold again, at their true age.
		 */
		if (observed && p->observe)
			*a = hc_with_age(*a, since);
		else
			*a = hc_with_age(HC_A_PRESENT, since);
		return false;
	}
	refault = since <= p->refault_ticks;
	*a = HC_A_PRESENT | 1;
	return refault;
}

bool hc_area_visit(hc_area_t *a, u32 elapsed, const struct hc_sample *s,
		   const struct hc_policy *p)
{
	hc_area_t hist;

	if (*a & HC_A_RECLAIMED)
		return hc_reclaimed_visit(a, elapsed, s, p);
	if (!s->present) {
		*a = 0;
		return false;
	}
	/* A second look within one visit slot adds to the same history bit. */
	if (elapsed)
		hist = ((*a << 1) | s->accessed) & HC_HIST_MASK;
	else
		hist = (*a | s->accessed) & HC_HIST_MASK;
	if (s->accessed || s->held || !(*a & HC_A_PRESENT))
		*a = hist | HC_A_PRESENT;
	else
		*a = hc_with_age(hist | HC_A_PRESENT,
				 hc_add_sat(hc_age(*a), elapsed));
	return false;
}

enum hc_state hc_area_state(hc_area_t a, const struct hc_policy *p,
			    const struct hc_file_policy *fp)
{
	if (a & HC_A_RECLAIMED)
		return HC_RECLAIMED;
	if (!(a & HC_A_PRESENT))
		return HC_EMPTY;
	if (hc_popcount4(a & HC_HIST_MASK) >= p->hot_visits)
		return HC_HOT;
	if (hc_age(a) >= hc_cold_ticks(p, fp))
		return HC_COLD;
	return HC_WARM;
}

void hc_area_mark_reclaimed(hc_area_t *a)
{
	*a = HC_A_RECLAIMED;
}

void hc_area_mark_observed(hc_area_t *a)
{
	*a = HC_A_RECLAIMED | HC_A_PRESENT;
}

void hc_area_mark_failed(hc_area_t *a)
{
	*a = HC_A_PRESENT;
}

void hc_file_refault(struct hc_file_policy *fp, const struct hc_policy *p)
{
	if (fp->shift < p->max_shift)
		fp->shift++;
	fp->quiet_ticks = 0;
}

void hc_file_age(struct hc_file_policy *fp, u32 elapsed,
		 const struct hc_policy *p)
{
	if (fp->shift > p->max_shift)
		fp->shift = (u8)p->max_shift;
	if (!fp->shift)
		return;
	fp->quiet_ticks = hc_add_sat(fp->quiet_ticks, elapsed);
	if (fp->quiet_ticks >= 2 * (u64)hc_cold_ticks(p, fp)) {
		fp->shift--;
		fp->quiet_ticks = 0;
	}
}

bool hc_file_is_hot(const struct hc_tally *t, u32 hot_file_pct)
{
	u64 had = (u64)t->n[HC_HOT] + t->n[HC_WARM] + t->n[HC_COLD] +
		  t->n[HC_RECLAIMED];

	if (!t->n[HC_HOT] || hot_file_pct >= 100)
		return false;
	return (u64)t->n[HC_HOT] * 100 > had * hot_file_pct;
}
