# SPDX-License-Identifier: GPL-2.0
# Shared helpers of the guest tests (busybox sh).  A test prints TAP lines
# without numbers ("ok - what", "not ok - what", "# note"); the host
# numbers them and prefixes the kernel config and the test name.

cd /mnt || exit 1
HC_KO=/hotcold.ko
PARAMS=/sys/module/hotcold/parameters
PROCDIR=/proc/hotcold

ok() { echo "ok - $*"; }
nok() { echo "not ok - $*"; }
note() { echo "# $*"; }

# check DESC CMD...: ok when CMD succeeds
check() {
	_d=$1
	shift
	if "$@"; then ok "$_d"; else nok "$_d"; fi
}

# dmesg_bad: the lines of stdin that show a kernel bug: the first lines of
# the kernel's reports (/t/kernel-reports, shared with the host), not
# info lines such as "KASAN initialized" or lockdep's and EDAC's banners
dmesg_bad() { grep -E -f /t/kernel-reports; }

# quiet CMD...: CMD with its output discarded; fails CMD...: CMD fails
quiet() { "$@" >/dev/null 2>&1; }
fails() { ! "$@" >/dev/null 2>&1; }

# reps N: N repetitions of a cycle, fewer on a slow (debug) kernel, whose
# checkers (KASAN, lockdep) catch a bad path the first time it runs: N
# divided by HC_SLOWDOWN, at least 2
reps() {
	_r=$((($1 + ${HC_SLOWDOWN:-1} - 1) / ${HC_SLOWDOWN:-1}))
	[ "$_r" -ge 2 ] || _r=2
	echo "$_r"
}

hc_loaded() { grep -q '^hotcold ' /proc/modules; }

hc_unload() {
	hc_loaded || return 0
	rmmod hotcold
}

# hc_load [PARAM=VALUE...]: (re)load the module; prints the insmod error
hc_load() {
	hc_unload || return 1
	insmod "$HC_KO" "$@"
}

# hc_start [PARAM=VALUE...]: load or end the test with "not ok"
hc_start() {
	if ! hc_load "$@"; then
		nok "insmod hotcold.ko $*"
		dmesg | tail -n 5 | sed 's/^/# /'
		exit 1
	fi
}

stat_get() { awk -v k="$1" '$1 == k { print $2 }' "$PROCDIR/stats"; }
param_get() { cat "$PARAMS/$1"; }
# param_set NAME VALUE: prints OK or the errno name, status 0 on OK
param_set() { hcprobe sysw "$PARAMS/$1" "$2"; }
scan() { hcprobe sysw "$PROCDIR/control" scan >/dev/null; }
# scans N: N forced rounds
scans() {
	_n=$1
	while [ "$_n" -gt 0 ]; do scan; _n=$((_n - 1)); done
}
resident_pct() { hcprobe resident "$1" | cut -d' ' -f1; }
drop_caches() { sync; echo 3 >/proc/sys/vm/drop_caches; }
now_ms() { awk '{ printf "%d\n", $1 * 1000 }' /proc/uptime; }

# wait_for SECONDS CMD...: retry CMD every 0.2 s until it succeeds, for at
# most SECONDS; fails if it never did.  For what the module's own rounds
# bring about: how soon depends on the machine (under TCG, attaching the
# event signal's hook alone takes seconds), a fixed sleep would guess.
wait_for() {
	_end=$(($(now_ms) + $1 * 1000))
	shift
	until "$@"; do
		[ "$(now_ms)" -lt "$_end" ] || return 1
		sleep 0.2
	done
}

# wait_rounds N: until N more rounds have completed (at most 60 s)
wait_rounds() {
	_until=$(($(stat_get rounds) + $1))
	wait_for 60 rounds_reached "$_until"
}
rounds_reached() { [ "$(stat_get rounds)" -ge "$1" ]; }
