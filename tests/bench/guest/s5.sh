#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Scenario 5: a container at its memory limit.  A cgroup v2 group with
# memory.max = S5_MAX_MB holds a hot set (re-read every S5_HOT_MS) and a
# cold set (each file read twice, then idle S5_WAIT_S); then an application in the
# group touches S5_BURST_MB of anonymous memory in 4 MiB steps.  Page
# cache is charged to the group and memcg reclaim has no kswapd: what the
# group needs beyond memory.max, the allocating task reclaims itself
# (memory.stat pgscan_direct, memory.events max).  With BENCH_SERIES=1
# (make demo) the sets' page cache and the group's memory are sampled
# every second and each step's latency is printed.
. /b/lib.sh
CG=/sys/fs/cgroup

# files PREFIX N: the first N of PREFIX00000..., comma separated
files() {
	_i=0
	_l=
	while [ $_i -lt "$2" ]; do
		_l="$_l,$(printf '%s%05d' "$1" $_i)"
		_i=$((_i + 1))
	done
	echo "${_l#,}"
}

HOT=$(files /mnt/s1/hot/h "$S5_HOT_FILES")
COLD=$(files /mnt/s1/cold/c "$S5_COLD_FILES")
# each cold file twice in a row: its second read follows its first within
# a second however slow the disk, so that no part of the cold set can go
# cold (and be reclaimed, then refault) between its two reads
COLD2=$(echo "$COLD" | tr ',' '\n' | sed 'p' | paste -sd,)

cg_setup() {
	grep -q ' /sys/fs/cgroup cgroup2 ' /proc/mounts || mount -t cgroup2 none $CG ||
		{ echo "E cannot mount cgroup2"; exit 1; }
	echo +memory >$CG/cgroup.subtree_control || { echo "E no memory controller"; exit 1; }
}

# sh -c "$IN_GROUP" DIR CMD...: run CMD in the cgroup DIR, with the pid
# of the sh (which execs CMD): `sh -c ... &` leaves $! the pid of CMD
IN_GROUP='echo $$ >"$0/cgroup.procs" && exec "$@"'

# group_kill DIR: end what still runs in the cgroup DIR
group_kill() {
	for _p in $(cat "$1/cgroup.procs"); do kill "$_p" 2>/dev/null; done
	while [ -n "$(cat "$1/cgroup.procs")" ]; do sleep 1; done
}

# cg_snap DIR NAME: memory.stat and memory.events (keys ev_*) of DIR
cg_snap() {
	{ cat "$1/memory.stat"; sed 's/^/ev_/' "$1/memory.events"; } >"/tmp/cg.$2"
}

# cg_delta A B KEY: B - A of one key of two cg_snap snapshots
cg_delta() {
	awk -v k="$3" 'FNR == NR { if ($1 == k) a = $2; next } $1 == k { b = $2 } END { print b - a }' \
		"/tmp/cg.$1" "/tmp/cg.$2"
}

# one CONFIG REP
one() {
	CFG=$1
	rep=$2
	drop_caches
	cfg_start "$CFG"
	pid=$(bg_pid "$CFG")
	g=$CG/bench-$CFG-$rep
	mkdir "$g" || { echo "E mkdir $g"; exit 1; }
	echo "${S5_MAX_MB}M" >"$g/memory.max"
	series_start "$CFG" "$HOT" "$COLD" "$g"
	sh -c "$IN_GROUP" "$g" hcbench hotloop "$S5_HOT_MS" "$HOT" &
	hp=$!
	event "hot set read every ${S5_HOT_MS} ms"
	sleep "$S5_WARM_S"
	cg_snap "$g" c0
	event "cold set read twice"
	sh -c "$IN_GROUP" "$g" hcbench readall "$COLD2"
	event "waiting ${S5_WAIT_S} s"
	sleep "$S5_WAIT_S"
	cold_kb=$(resident_kb "$COLD")
	memcg_kb=$(( $(cat "$g/memory.current") / 1024 ))
	cg_snap "$g" c1
	event "burst of ${S5_BURST_MB} MiB"
	sh -c "$IN_GROUP" "$g" hcbench burst "$S5_BURST_MB" 4 1 0 "$HOT" >/tmp/burst.out
	cg_snap "$g" c2
	event "burst done"
	kill $hp
	wait $hp 2>/dev/null
	group_kill "$g"
	[ "${BENCH_SERIES:-0}" = 1 ] && grep '^step=' /tmp/burst.out | sed 's/^/B /'
	series_stop
	bg=$(cpu_ms "$pid")
	hcstats=$(bg_stats "$CFG")
	cfg_stop
	echo "R s=5 cfg=$CFG rep=$rep $(grep '^burst_ms=' /tmp/burst.out)" \
		"memcg_scan_direct=$(cg_delta c1 c2 pgscan_direct)" \
		"memcg_steal_direct=$(cg_delta c1 c2 pgsteal_direct)" \
		"memcg_max=$(cg_delta c1 c2 ev_max) memcg_oom_kill=$(cg_delta c1 c2 ev_oom_kill)" \
		"refault_file=$(cg_delta c0 c2 workingset_refault_file)" \
		"scan_direct_wait=$(cg_delta c0 c1 pgscan_direct)" \
		"cold_before_kb=$cold_kb memcg_before_kb=$memcg_kb bg_cpu_ms=$bg $hcstats"
	rmdir "$g" 2>/dev/null || note "$g not removed"
}

cg_setup
# once, untimed: the data's first read comes from the host's disk, later
# ones from its page cache; every configuration should see the latter
hcbench readall "$HOT" "$COLD"
run_reps
