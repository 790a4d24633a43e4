# SPDX-License-Identifier: GPL-2.0
# Shared helpers of the benchmark scenarios (busybox sh, sourced).
#
# Configurations (BENCH_CONFIGS):
#   classic          stock LRU, MGLRU off
#   mglru            MGLRU on
#   damon            DAMON_RECLAIM (min_age = hotcold's cold age), MGLRU on
#   hotcold-classic  hotcold.ko loaded, MGLRU off
#   hotcold-mglru    hotcold.ko loaded, MGLRU on
#   base             the kernel's default LRU (kernels without a switch)
#   hotcold          hotcold.ko loaded on the kernel's default LRU
#   hotcold-*-paused hotcold.ko loaded with enabled=0: its access probe
#                    without the scan thread's work
# Output on the results channel: "R key=value ..." results, "P text"
# progress, "S ..."/"B ..." time series, "# text" notes.

. /etc/bench.conf
PARAMS=/sys/module/hotcold/parameters
DAMON=/sys/module/damon_reclaim/parameters
LRU=/sys/kernel/mm/lru_gen/enabled

progress() { echo "P $*"; }
note() { echo "# $*"; }
drop_caches() { sync; echo 3 >/proc/sys/vm/drop_caches; }
now_ms() { awk '{ printf "%d\n", $1 * 1000 }' /proc/uptime; }

set_lru() {
	[ -w "$LRU" ] || return 0
	echo "$1" >"$LRU" || note "cannot write $1 to $LRU"
}

hc_load() {
	grep -q '^hotcold ' /proc/modules && rmmod hotcold
	insmod /hotcold.ko $HC_ARGS "$@" || { echo "E insmod hotcold.ko $HC_ARGS $* failed"; dmesg | tail -n 3; exit 1; }
}

# damon_on [MIN_AGE_US]: DAMON_RECLAIM with its defaults but min_age
damon_on() {
	[ -w "$DAMON/enabled" ] || { echo "E no DAMON_RECLAIM in this kernel"; exit 1; }
	echo "${1:-$DAMON_MIN_AGE_US}" >"$DAMON/min_age"
	echo Y >"$DAMON/enabled"
}

# cfg_start CONFIG[+param=value...] [hotcold parameters...]: the
# +param=value suffixes are more hotcold parameters (access_signal=event)
cfg_start() {
	_cfg=${1%%+*}
	_extra=
	[ "$_cfg" = "$1" ] || _extra=$(echo "${1#*+}" | tr '+' ' ')
	shift
	set -- "$@" $_extra
	case $_cfg in
	classic)		set_lru n ;;
	mglru)			set_lru y ;;
	damon)			set_lru y; damon_on ;;
	hotcold-classic)	set_lru n; hc_load "$@" ;;
	hotcold-mglru)		set_lru y; hc_load "$@" ;;
	hotcold-classic-paused)	set_lru n; hc_load enabled=0 "$@" ;;
	hotcold-mglru-paused)	set_lru y; hc_load enabled=0 "$@" ;;
	base)			;;
	hotcold)		hc_load "$@" ;;
	hotcold-paused)		hc_load enabled=0 "$@" ;;
	*)			echo "E unknown configuration $_cfg"; exit 1 ;;
	esac
}

cfg_stop() {
	grep -q '^hotcold ' /proc/modules && rmmod hotcold
	[ -w "$DAMON/enabled" ] && [ "$(cat "$DAMON/enabled")" = Y ] && echo N >"$DAMON/enabled"
	return 0
}

# comm_pid NAME-PATTERN: pid of the first task whose comm matches
comm_pid() {
	for _p in /proc/[0-9]*; do
		case $(cat "$_p/comm" 2>/dev/null) in
		$1) echo "${_p#/proc/}"; return 0 ;;
		esac
	done
	echo 0
}

# bg_pid CONFIG: the configuration's background thread, 0 if none
bg_pid() {
	case $1 in
	hotcold*)	comm_pid hotcold ;;
	damon)		cat "$DAMON/kdamond_pid" 2>/dev/null | awk '$1 > 0 { print; exit } END { if (!NR) print 0 }' ;;
	*)		echo 0 ;;
	esac
}

# cpu_ms PID: utime + stime of /proc/PID/stat in ms (USER_HZ 100)
cpu_ms() {
	[ "$1" != 0 ] && [ -r "/proc/$1/stat" ] || { echo 0; return; }
	sed 's/.*) //' "/proc/$1/stat" | awk '{ print ($12 + $13) * 10 }'
}

# cpu_ns PID: run time of /proc/PID/schedstat in ns (0 without schedstat)
cpu_ns() {
	[ "$1" != 0 ] && [ -r "/proc/$1/schedstat" ] || { echo 0; return; }
	cut -d' ' -f1 "/proc/$1/schedstat"
}

snap() { cat /proc/vmstat >"/tmp/vmstat.$1"; }

# vm_delta A B REGEX: sum over the /proc/vmstat keys matching REGEX of B - A
vm_delta() {
	awk -v re="^($3)\$" 'FNR == NR { if ($1 ~ re) a += $2; next }
		$1 ~ re { b += $2 } END { print b - a }' "/tmp/vmstat.$1" "/tmp/vmstat.$2"
}

# damon_stats: what DAMON_RECLAIM tried and managed to reclaim (KiB)
damon_stats() {
	for _k in bytes_reclaim_tried_regions bytes_reclaimed_regions nr_quota_exceeds; do
		[ -r "$DAMON/$_k" ] && echo "damon_$_k=$(cat "$DAMON/$_k")"
	done | tr '\n' ' '
}

# bg_stats CONFIG: the background thread's own counters, at the end of a
# configuration's run: hotcold's rounds, what it dropped and its refaults,
# or what DAMON_RECLAIM tried and reclaimed
bg_stats() {
	case $1 in
	hotcold*) echo "hc_reclaimed_kb=$(( $(hc_stat pages_reclaimed) * 4 )) hc_rounds=$(hc_stat rounds) hc_refaults=$(hc_stat refaults)" ;;
	damon) damon_stats ;;
	esac
}

# run_reps: BENCH_REPS repetitions of the scenario's one CONFIG REP for
# every configuration, in an order rotated at each repetition
run_reps() {
	_rep=1
	while [ $_rep -le "$BENCH_REPS" ]; do
		for _c in $(rotate $_rep $BENCH_CONFIGS); do
			progress "rep $_rep/$BENCH_REPS: $_c"
			one "$_c" "$_rep"
		done
		_rep=$((_rep + 1))
	done
}

meminfo_kb() { awk -v k="$1:" '$1 == k { print $2 }' /proc/meminfo; }
hc_stat() { awk -v k="$1" '$1 == k { print $2 }' /proc/hotcold/stats 2>/dev/null; }

# resident_kb PATH...: cached KiB of the files
resident_kb() { hcbench resident "$@" | cut -d' ' -f1; }

# rotate N WORDS...: the words starting at the N-th (mod count), so that
# each repetition runs the configurations in a different order
rotate() {
	_n=$1
	shift
	_k=$(( (_n - 1) % $# ))
	_i=0
	_head=
	_tail=
	for _w in "$@"; do
		if [ $_i -lt $_k ]; then _tail="$_tail $_w"; else _head="$_head $_w"; fi
		_i=$((_i + 1))
	done
	echo $_head $_tail
}

# series_start NAME PATH...: with BENCH_SERIES=1, sample the cache of the
# PATHs every second (hcbench sample) for the demo's picture
series_start() {
	[ "${BENCH_SERIES:-0}" = 1 ] || return 0
	echo "@@series $1"
	T0=$(now_ms)
	shift
	hcbench sample 1000 "$@" &
	SP=$!
}

# event WHAT: a marker in the series, and progress on the console
event() {
	[ "${BENCH_SERIES:-0}" = 1 ] && echo "V event=$1 t_ms=$(( $(now_ms) - T0 ))"
	progress "$CFG: $1"
}

series_stop() {
	[ "${BENCH_SERIES:-0}" = 1 ] || return 0
	kill $SP
	wait $SP 2>/dev/null
}
