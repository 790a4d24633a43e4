#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Scenario 6: many inodes.  The data disk (writable here) holds
# directories of empty files (inodes without page cache) and S6_SMALL
# small files, which are read so that hotcold tracks them.  For each
# count of S6_COUNTS (in thousands) the empty files up to that count are
# stat'ed into the inode cache; then a process creates files for S6_SECS
# (every creation takes the superblock's inode list lock, which hotcold's
# walk holds), without hotcold and with it loaded (rounds every
# S6_HC_ARGS scan interval), and with "busy": a process that spins as
# long as hotcold's last round took and sleeps for its interval.  Under
# single-threaded TCG the vCPUs take turns, so any busy CPU delays the
# others; "busy" is that delay without a lock, hotcold's CPU use without
# its walk.
. /b/lib.sh

hog_ms=150
hog_idle_ms=$(echo " $S6_HC_ARGS" | sed -n 's/.* scan_interval_ms=\([0-9]*\).*/\1/p')

# inode_nr: the inode cache's "nr_inodes nr_unused"
inode_nr() { tr '\t' ' ' </proc/sys/fs/inode-nr; }

# create CONFIG REP THOUSANDS
create() {
	c=$1 rep=$2 k=$3
	progress "rep $rep/$BENCH_REPS: $c, ${k}k inodes, creating files for ${S6_SECS} s"
	hcstats=
	case $c in
	hotcold)
		hc_load $S6_HC_ARGS
		sleep 3
		r0=$(hc_stat rounds)
		ns0=$(hc_stat scan_ns_total)
		;;
	busy)
		hcbench hog "$hog_ms" "${hog_idle_ms:-100}" &
		hog=$!
		hcstats="hog_ms=$hog_ms"
		;;
	esac
	out=$(hcbench create /mnt/new "$S6_SECS")
	case $c in
	busy)
		kill "$hog"
		wait "$hog" 2>/dev/null
		;;
	hotcold)
		r1=$(hc_stat rounds)
		ns1=$(hc_stat scan_ns_total)
		round_ns=$(( (ns1 - ns0) / ((r1 - r0) > 0 ? r1 - r0 : 1) ))
		hog_ms=$(( round_ns / 1000000 > 0 ? round_ns / 1000000 : 1 ))
		hcstats="rounds=$((r1 - r0)) round_ns=$round_ns"
		hcstats="$hcstats scan_ns_last=$(hc_stat scan_ns_last) files_tracked=$(hc_stat files_tracked)"
		hcstats="$hcstats sb_batches=$(hc_stat sb_batches)"
		cfg_stop
		;;
	esac
	set -- $(inode_nr)
	echo "R s=6 cfg=$c rep=$rep kinodes=$k $out nr_inodes=$1 nr_unused=$2 $hcstats"
}

mkdir -p /mnt/new
rm -f /mnt/new/*
hcbench readall /mnt/small
cached=$(resident_kb /mnt/small)
note "small files: $cached KiB cached; inode cache: $(inode_nr)"
done_dirs=0
for k in $S6_COUNTS; do
	if [ "$k" -gt "$done_dirs" ]; then
		progress "stat of the empty files up to ${k}k"
		hcbench statdirs /mnt/many "$done_dirs" $((k - 1)) >/dev/null
		done_dirs=$k
	fi
	note "${k}k: inode cache $(inode_nr)"
	rep=1
	while [ $rep -le "$BENCH_REPS" ]; do
		for c in $(rotate $rep $BENCH_CONFIGS); do
			create "$c" "$rep" "$k"
		done
		rep=$((rep + 1))
	done
done
