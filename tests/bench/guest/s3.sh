#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Scenario 3: scale.  Cached data of growing size, in many small files or
# in a few large ones.  Each step reads the whole data set of its size
# twice (re-reading what is cached already), so nothing goes cold during the
# S3_SECS one-second samples that follow (hotcold's cold age S3_COLD_MS:
# 30 rounds as with the defaults, so a file is visited every 4 rounds);
# the samples are the step's repetitions.  Per size: thread CPU time per round and per second
# (/proc/PID/stat, and schedstat for ns resolution), hotcold's scan_ns_last
# per round, metadata_bytes, and what is cached (mincore).  Then hotcold's
# cost per visit of data that was read since its last visit (hot data) and
# of data that was not: two rounds forced with the thread paused and no
# reader beside it, every file due in each (forced_visits).
. /b/lib.sh

# With S3_PROFILE=1, where the scan thread spends its time: a stack
# trace at every timer interrupt that hits it (tracefs), summed per
# function after the sampling: "# PROF layout mib self|incl|at % function".
T=/sys/kernel/tracing
prof_start() {
	[ "${S3_PROFILE:-0}" = 1 ] || return 0
	[ -d $T/events ] || mount -t tracefs nodev $T
	echo 0 >$T/tracing_on
	echo 32768 >$T/buffer_size_kb
	echo 1 >$T/options/sym-offset
	echo >$T/trace
	echo 'stacktrace if comm == "hotcold"' >$T/events/timer/hrtimer_expire_entry/trigger
	echo 1 >$T/tracing_on
}

# prof_end LAYOUT MIB: self = the innermost function
# below the interrupt, at = the same by address
prof_end() {
	[ "${S3_PROFILE:-0}" = 1 ] || return 0
	echo 0 >$T/tracing_on
	echo '!stacktrace if comm == "hotcold"' >$T/events/timer/hrtimer_expire_entry/trigger
	awk -v tag="$1 $2" '
	function flush() {
		if (!depth) return
		n++
		for (i = 1; i <= depth; i++) {
			f = st[i]
			if (!self && f !~ /interrupt|irq|hrtimer|tick|apic|^=>/) { cnt_self[f]++; cnt_at[at[i]]++; self = 1 }
			if (!(f in seen)) { cnt_incl[f]++; seen[f] = 1 }
		}
		depth = 0; self = 0; delete seen
	}
	/<stack trace>/ { flush(); inside = 1; next }
	inside && /^ => / {
		sub(/^ => /, ""); sub(/ .*/, "")
		at[++depth] = $0; sub(/\/.*/, "", at[depth])
		sub(/\+.*/, ""); st[depth] = $0
		next
	}
	{ inside = 0 }
	END {
		flush()
		for (f in cnt_self) if (cnt_self[f] * 100 >= n) printf "# PROF %s self %d %s\n", tag, cnt_self[f] * 100 / n, f
		for (f in cnt_incl) if (cnt_incl[f] * 100 >= 3 * n) printf "# PROF %s incl %d %s\n", tag, cnt_incl[f] * 100 / n, f
		for (f in cnt_at) if (cnt_at[f] * 100 >= n) printf "# PROF %s at %d %s\n", tag, cnt_at[f] * 100 / n, f
		printf "# PROF %s samples %d\n", tag, n
	}' $T/trace | sort -k5,5 -k6,6nr
	echo >$T/trace
}

# forced_visits N LAYOUT: scan_ns_last of a round that visits the first N
# files of the layout right after they were all read (every folio found
# accessed: re-armed under the idle signal), then of the round after it
# (every folio found idle).  The thread is paused, so that nothing but
# the two forced rounds runs; an hour's scan_interval_ms makes every file
# due at every round (due half a round early, policy.h).  The runtime
# parameters are restored.
forced_visits() {
	_iv=$(cat $PARAMS/scan_interval_ms)
	echo 0 >$PARAMS/enabled
	echo 3600000 >$PARAMS/scan_interval_ms
	hcbench readn "$1" /mnt/s3/$2
	echo scan >/proc/hotcold/control
	_acc=$(hc_stat scan_ns_last)
	echo scan >/proc/hotcold/control
	_idle=$(hc_stat scan_ns_last)
	echo "$_iv" >$PARAMS/scan_interval_ms
	echo 1 >$PARAMS/enabled
	echo "forced_accessed_ns=$_acc forced_idle_ns=$_idle"
}

# measure CONFIG REP LAYOUT MIB: read the layout's first MIB, then watch
# the thread for S3_SECS
measure() {
	c=$1 rep=$2 layout=$3 mib=$4
	case $layout in
	small)	n=$((mib * 1024 / S3_SMALL_KB)) ;;
	large)	n=$((mib / S3_LARGE_MB)) ;;
	esac
	progress "rep $rep/$BENCH_REPS: $c $layout $mib MiB"
	# the second pass reads from the cache: however slow the disk was,
	# no file is older than a few seconds when the samples begin
	hcbench readn $n /mnt/s3/$layout
	hcbench readn $n /mnt/s3/$layout
	sleep 2
	pid=$(bg_pid "$c")
	r0=$(hc_stat rounds)
	ns0=$(cpu_ns "$pid")
	ms0=$(cpu_ms "$pid")
	t0=$(now_ms)
	scans=
	prof_start
	i=0
	while [ $i -lt "$S3_SECS" ]; do
		sleep 1
		scans="$scans,$(hc_stat scan_ns_last)"
		i=$((i + 1))
	done
	t1=$(now_ms)
	prof_end "$layout" "$mib"
	ns1=$(cpu_ns "$pid")
	ms1=$(cpu_ms "$pid")
	r1=$(hc_stat rounds)
	cached=$(hcbench resident /mnt/s3/$layout | cut -d' ' -f1)
	forced=
	case $c in hotcold*) forced=$(forced_visits "$n" "$layout") ;; esac
	echo "R s=3 cfg=$c rep=$rep layout=$layout mib=$mib files=$n cached_kb=$cached" \
		"wall_ms=$((t1 - t0)) rounds=$(( ${r1:-0} - ${r0:-0} )) cpu_ns=$((ns1 - ns0)) cpu_ms=$((ms1 - ms0))" \
		"scan_ns=${scans#,} metadata_bytes=$(hc_stat metadata_bytes) pages_tracked=$(hc_stat pages_tracked)" \
		"files_tracked=$(hc_stat files_tracked) meminfo_cached_kb=$(meminfo_kb Cached) $forced"
}

rep=1
while [ $rep -le "$BENCH_REPS" ]; do
	for c in $(rotate $rep $BENCH_CONFIGS); do
		for layout in small large; do
			drop_caches
			if [ "$c" = damon ]; then
				# monitoring only: nothing is old enough to reclaim
				set_lru y
				damon_on 86400000000
			else
				cfg_start "$c" cold_age_ms="$S3_COLD_MS"
			fi
			for mib in $S3_SIZES; do
				measure "$c" "$rep" "$layout" "$mib"
			done
			cfg_stop
		done
	done
	rep=$((rep + 1))
done
