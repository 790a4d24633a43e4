#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Scenario 4: a real application.  fio, zipf-distributed random 4 KiB
# buffered reads over a file larger than memory, for S4_SECS seconds,
# while an anonymous balloon of S4_BALLOON_MB leaves the page cache a
# few hundred MiB.  pgpgin (KiB read from disk) counts every re-read,
# also of pages hotcold dropped (invalidation leaves no shadow entry, so
# those are not in workingset_refault_file).
. /b/lib.sh
T=/mnt2/fio
FIO="$T/lib/ld-linux-x86-64.so.2 --library-path $T/lib $T/bin/fio"

rep=1
while [ $rep -le "$BENCH_REPS" ]; do
	for c in $(rotate $rep $BENCH_CONFIGS); do
		progress "rep $rep/$BENCH_REPS: $c (fio ${S4_SECS} s)"
		drop_caches
		cfg_start "$c"
		pid=$(bg_pid "$c")
		# the balloon: anonymous memory held during the run, so that
		# the page cache has S4 MiB less room (no swap)
		hcbench burst "$S4_BALLOON_MB" 4 1 100000 /mnt/s2 >/tmp/balloon.out &
		bp=$!
		while ! grep -q '^burst_ms=' /tmp/balloon.out; do sleep 1; done
		avail=$(meminfo_kb MemAvailable)
		snap f0
		$FIO --name=zipf --filename=/mnt/s4/fio.dat --readonly --rw=randread \
			--bs=4k --ioengine=psync --random_distribution=zipf:"$S4_THETA" \
			--norandommap --thread --time_based --runtime="$S4_SECS" \
			--output-format=terse --terse-version=3 >/tmp/fio.out 2>/tmp/fio.err ||
			{ echo "E fio failed: $(head -c 300 /tmp/fio.err)"; kill $bp; cfg_stop; continue; }
		snap f1
		kill $bp
		wait $bp 2>/dev/null
		bg=$(cpu_ms "$pid")
		extra=
		[ "$c" = damon ] && extra=$(damon_stats)
		cfg_stop
		awk -F';' -v c="$c" -v rep="$rep" '$1 == 3 {
			printf "R s=4 cfg=%s rep=%s read_kbps=%s iops=%s lat_p99_us=", c, rep, $7, $8
		}' /tmp/fio.out
		# terse v3: field 30 onwards are the completion latency percentiles
		awk -F';' '$1 == 3 { for (i = 18; i <= 37; i++) if ($i ~ /^99.000000%=/) { sub(/.*=/, "", $i); printf "%s", $i } }' /tmp/fio.out
		echo " refault_file=$(vm_delta f0 f1 workingset_refault_file)" \
			"pgmajfault=$(vm_delta f0 f1 pgmajfault) pgpgin=$(vm_delta f0 f1 pgpgin)" \
			"avail_kb=$avail" \
			"pgscan=$(vm_delta f0 f1 'pgscan_(kswapd|direct)')" \
			"allocstall=$(vm_delta f0 f1 'allocstall_.*') bg_cpu_ms=$bg $extra"
	done
	rep=$((rep + 1))
done
