#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Scenario 1: hot set, cold flood, then a burst.  The hot set is re-read
# continually; the cold set is read once; after S1_WAIT_S seconds an
# application touches S1_BURST_MB of anonymous memory in 4 MiB steps while
# the hot set keeps being read.  With BENCH_SERIES=1 (make demo) the page
# cache of both sets and free memory are sampled every second and each
# step's latency is printed.
. /b/lib.sh
HOT=/mnt/s1/hot
COLD=/mnt/s1/cold

# one CONFIG REP
one() {
	CFG=$1
	rep=$2
	drop_caches
	cfg_start "$CFG"
	pid=$(bg_pid "$CFG")
	kpid=$(comm_pid kswapd0)
	k0=$(cpu_ms "$kpid")
	series_start "$CFG" $HOT $COLD
	hcbench hotloop "$S1_HOT_MS" $HOT &
	hp=$!
	event "hot set read every ${S1_HOT_MS} ms"
	sleep "$S1_WARM_S"
	snap v0
	event "cold flood"
	hcbench readall $COLD
	event "waiting ${S1_WAIT_S} s"
	sleep "$S1_WAIT_S"
	cold_kb=$(resident_kb $COLD)
	free_kb=$(meminfo_kb MemFree)
	snap v1
	event "burst of ${S1_BURST_MB} MiB by ${S1_BURST_JOBS} processes"
	hcbench burst "$S1_BURST_MB" 4 "$S1_BURST_JOBS" "$S1_HOLD_S" $HOT >/tmp/burst.out
	snap v2
	event "burst done"
	kill $hp
	wait $hp 2>/dev/null
	[ "${BENCH_SERIES:-0}" = 1 ] && grep '^step=' /tmp/burst.out | sed 's/^/B /'
	series_stop
	bg=$(cpu_ms "$pid")
	bgns=$(cpu_ns "$pid")
	k1=$(cpu_ms "$kpid")
	hcstats=$(bg_stats "$CFG")
	cfg_stop
	echo "R s=1 cfg=$CFG rep=$rep $(grep '^burst_ms=' /tmp/burst.out)" \
		"allocstall=$(vm_delta v1 v2 'allocstall_.*')" \
		"pgscan_direct=$(vm_delta v1 v2 pgscan_direct)" \
		"pgsteal_kswapd=$(vm_delta v1 v2 pgsteal_kswapd)" \
		"refault_file=$(vm_delta v0 v2 workingset_refault_file)" \
		"refault_burst=$(vm_delta v1 v2 workingset_refault_file)" \
		"pgpgin_wait=$(vm_delta v0 v1 pgpgin) pgpgin_burst=$(vm_delta v1 v2 pgpgin)" \
		"cold_before_kb=$cold_kb free_before_kb=$free_kb" \
		"bg_cpu_ms=$bg bg_cpu_ns=$bgns kswapd_ms=$((k1 - k0)) $hcstats"
}

run_reps
