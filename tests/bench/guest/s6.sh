#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Scenario 6: many inodes.  The data disk (writable here) holds
# directories of empty files (inodes without page cache) and S6_SMALL
# small files, which are read so that hotcold tracks them.  For each
# count of S6_COUNTS (in thousands) the empty files up to that count are
# stat'ed into the inode cache; then a process creates files for S6_SECS
# (every creation takes the superblock's inode list lock, which hotcold's
# walk holds), without hotcold and with it loaded (rounds every
# S6_HC_ARGS scan interval), in the same boot.
. /b/lib.sh

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
	esac
	out=$(hcbench create /mnt/new "$S6_SECS")
	case $c in
	hotcold)
		r1=$(hc_stat rounds)
		ns1=$(hc_stat scan_ns_total)
		hcstats="rounds=$((r1 - r0)) round_ns=$(( (ns1 - ns0) / ((r1 - r0) > 0 ? r1 - r0 : 1) ))"
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
