#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Scenario 7: background CPU at the defaults.  Scenario 1's hot and cold
# sets without its time compression: hotcold with its default parameters
# and DAMON_RECLAIM with its own.  The hot set is re-read every S7_HOT_MS,
# the cold set is read once, then S7_SECS of watching, long enough for
# hotcold to find the cold set cold and drop it.  Thread CPU over the
# whole run and over its last S7_STEADY_S (schedstat), what is cached of
# both sets at its end.
. /b/lib.sh
HOT=/mnt/s1/hot
COLD=/mnt/s1/cold

# kdamond starts after DAMON_RECLAIM's enabled is written
wait_pid() {
	_i=0
	while [ "$(bg_pid "$1")" = 0 ] && [ $_i -lt 50 ]; do
		sleep 0.1
		_i=$((_i + 1))
	done
	bg_pid "$1"
}

# one CONFIG REP
one() {
	CFG=$1
	rep=$2
	drop_caches
	cfg_start "$CFG"
	pid=$(wait_pid "$CFG")
	ns0=$(cpu_ns "$pid")
	t0=$(now_ms)
	hcbench hotloop "$S7_HOT_MS" $HOT &
	hp=$!
	hcbench readall $COLD
	# a line a minute: the host stops a guest silent for minutes
	_s=0
	while [ $_s -lt "$S7_SECS" ]; do
		sleep 60
		_s=$((_s + 60))
		progress "$CFG: ${_s} s, cold set cached $(resident_kb $COLD) KiB"
		[ $_s = $((S7_SECS - S7_STEADY_S)) ] && { ns_steady=$(cpu_ns "$pid"); t_steady=$(now_ms); }
	done
	ns1=$(cpu_ns "$pid")
	t1=$(now_ms)
	cold_kb=$(resident_kb $COLD)
	hot=$(hcbench resident $HOT)
	kill $hp
	wait $hp 2>/dev/null
	hcstats=$(bg_stats "$CFG")
	cfg_stop
	echo "R s=7 cfg=$CFG rep=$rep wall_ms=$((t1 - t0)) cpu_ns=$((ns1 - ns0))" \
		"steady_ms=$((t1 - t_steady)) steady_cpu_ns=$((ns1 - ns_steady))" \
		"cold_after_kb=$cold_kb hot_after_kb=${hot% *} hot_size_kb=${hot#* } $hcstats"
}

run_reps
