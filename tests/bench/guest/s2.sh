#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Scenario 2: access cost.  Warm re-reads of a cached file with 4 KiB and
# 1 MiB requests under each configuration, the configurations interleaved
# in every repetition so that each ratio compares runs of the same boot.
. /b/lib.sh
F=/mnt/s2/warm

rep=1
while [ $rep -le "$BENCH_REPS" ]; do
	for c in $(rotate $rep $BENCH_CONFIGS); do
		progress "rep $rep/$BENCH_REPS: $c"
		cfg_start "$c"
		hcbench readall $F
		sleep 2
		for bs in 4096 1048576; do
			r=$(hcbench warmread $F $bs "$S2_SECS")
			echo "R s=2 cfg=$c rep=$rep bs=$bs $r hits=$(hc_stat probe_hits)"
		done
		cfg_stop
	done
	rep=$((rep + 1))
done
