# SPDX-License-Identifier: GPL-2.0
# build/bench/REPORT.md from build/bench/results.txt (sourced by tests/bench/run).

# row CFG CELLS...: a markdown table row
row() {
	local IFS='|'
	echo "| $* |"
}

# config_rows D S KEY:FORMAT...: a row per configuration of scenario S,
# its label then one cell per key, and the blank line after the table
config_rows() {
	local d=$1 s=$2 c k
	local -a cells
	shift 2
	for c in $(configs_of "$d" "$s"); do
		cells=()
		for k in "$@"; do
			cells+=("$(cell "$d" "${k%%:*}" "${k#*:}" s="$s" cfg="$c")")
		done
		row "$(label "$c")" "${cells[@]}"
	done
	echo
}

table_s1() {
	local d=$1
	cat <<-EOF
	## Scenario 1: hot set, cold flood, then a burst

	Hot set: 8 files x 16 MiB (128 MiB) re-read every 1 s. Cold set: 32 files x 16 MiB (512 MiB)
	read once, then 25 s of waiting (the hot set goes on being read). Burst: two processes touch 640 MiB
	of anonymous memory in 4 MiB steps (clock_gettime per step) while the hot set is read.
	allocstall = sum of allocstall_* and pgscan_direct over the burst (/proc/vmstat); hot refaults =
	workingset_refault_file from the cold flood to the end of the burst (only the hot set is read twice);
	hot resident = mincore of the hot set right after the last step; cold cached = mincore of the cold set
	just before the burst; thread CPU = utime+stime of hotcold's kthread or kdamond (/proc/PID/stat, 10 ms
	ticks) over the whole repetition; kswapd CPU likewise for kswapd0. qemu runs with \`-icount shift=3\`
	(since 2026-12-03; as scenarios 2, 3 and 6): times count the guest's instructions, not the host's
	load. The two vCPUs share that clock, so a thread is also charged for what the other vCPU runs
	while it holds its own (the hot-set reader, the burst), hotcold's thread and kdamond alike.

	| configuration | burst time s | p99 of 4 MiB steps ms | allocstall | pgscan_direct | hot refaults (pages) | hot resident after burst % | cold cached before burst MiB | MemFree before burst MiB | thread CPU ms | kswapd CPU ms |
	|---|---|---|---|---|---|---|---|---|---|---|
	EOF
	config_rows "$d" 1 burst_s:%.2f p99_ms:%.1f allocstall:%.0f \
		pgscan_direct:%.0f refault_file:%.0f hot_after_pct:%.0f \
		cold_before_mib:%.0f free_before_mib:%.0f bg_cpu_ms:%.0f \
		kswapd_ms:%.0f
	echo "![scenario 1](scenario1.png)"
	echo
}

# runs_of FILE SCENARIO: where a table's numbers come from
runs_of() {
	awk -v s="s=$2" '$0 ~ " " s " " {
		k = m = d = md = ""
		for (i = 2; i <= NF; i++) {
			if ($i ~ /^kernel=/) k = substr($i, 8)
			if ($i ~ /^mem=/) m = substr($i, 5)
			if ($i ~ /^date=/) d = substr($i, 6)
			if ($i ~ /^module=/) md = substr($i, 8)
		}
		r = "Debian " k ", " (m ? m : "1024") " MiB VM" (d ? ", " d : "") (md ? ", hotcold " md : "")
		if (!seen[r]++) printf "%s%s", n++ ? "; " : "", r
	} END { if (n) print "" }' "$1"
}

table_s5() {
	local d=$1
	cat <<-EOF
	## Scenario 5: a container at its memory limit

	Runs: $(runs_of "$d" 5).

	A cgroup v2 group with memory.max = 400 MiB. In the group: a hot set (4 files x 16 MiB = 64 MiB)
	re-read every 2 s, all along; a cold set (18 files x 16 MiB = 288 MiB) read twice (each file twice in
a row), then 40 s idle;
	then a burst: one process in the group touches 200 MiB of anonymous memory in 4 MiB steps
	(clock_gettime per step). The group needs 552 MiB: memcg reclaim has no kswapd, so what exceeds
	memory.max the allocating task reclaims itself. Direct reclaim = the group's memory.stat
	pgscan_direct and pgsteal_direct over the burst; memory.max hits = memory.events max over the
	burst (oom_kill likewise); hot refaults = the group's workingset_refault_file from the cold read to
	the end of the burst (the hot set is the only data read again); the burst has 50 steps, so its p99 is
	its worst step; hot resident = mincore of the hot set right after the last step; cold cached
	= mincore of the cold set just before the burst; thread CPU = utime+stime of hotcold's kthread or
	kdamond (/proc/PID/stat, 10 ms ticks) over the configuration's run.

	| configuration | pgscan_direct | pgsteal_direct | memory.max hits | oom_kill | burst time s | median 4 MiB step ms | worst (p99) step ms | hot resident after burst % | hot refaults (pages) | cold cached before burst MiB | group memory before burst MiB | thread CPU ms |
	|---|---|---|---|---|---|---|---|---|---|---|---|---|
	EOF
	config_rows "$d" 5 memcg_scan_direct:%.0f memcg_steal_direct:%.0f \
		memcg_max:%.0f memcg_oom_kill:%.0f burst_s:%.2f p50_ms:%.1f \
		max_ms:%.1f hot_after_pct:%.0f refault_file:%.0f \
		cold_before_mib:%.0f memcg_before_mib:%.0f bg_cpu_ms:%.0f
	echo "![scenario 5](scenario5.png)"
	echo
}

# s6_modules FILE: the module ids of scenario 6's rows, in order
s6_modules() {
	awk '/ s=6 / { for (i = 2; i <= NF; i++) if ($i ~ /^module=/ && !s[$i]++) print substr($i, 8) }' "$1"
}

# s6_counts FILE MODULE: the inode counts (thousands) MODULE was run with
s6_counts() {
	awk -v m="module=$2" '/ s=6 / && index($0, " " m " ") { for (i = 2; i <= NF; i++) if ($i ~ /^kinodes=/ && !s[$i]++) print substr($i, 9) }' "$1"
}

# s6_ratio FILE MODULE K KEY [BASELINE]: hotcold's median of KEY over
# BASELINE's (default base: not loaded)
s6_ratio() {
	local a b
	a=$(med "$1" "$4" s=6 module="$2" kinodes="$3" cfg=hotcold)
	b=$(med "$1" "$4" s=6 module="$2" kinodes="$3" cfg="${5:-base}")
	awk -v a="$a" -v b="$b" 'BEGIN { if (a == "-" || b == "-" || b <= 0) print "-"; else printf "%.2f\n", a / b }'
}

table_s6() {
	local d=$1 m k c
	cat <<-EOF
	## Scenario 6: many inodes

	Runs: $(runs_of "$d" 6).

	One ext4 filesystem (writable) with up to 500,000 empty files (inodes without page cache, in
	directories of 1000) and 2000 files of 64 KiB, read once so that hotcold tracks them (about
	125 MiB cached). For each inode count, the empty files up to that count are stat'ed into the inode
	cache (inode cache = /proc/sys/fs/inode-nr at the end); then one process creates empty files for
	${S6_SECS:-15} s (open O_CREAT|O_EXCL + close, each timed; every creation adds the new inode to the
	superblock's inode list under s_inode_list_lock, the lock hotcold's walk takes), without hotcold
	("not loaded"), with hotcold loaded (\`${S6_HC_ARGS:-}\`: rounds back to back, nothing goes
	cold), and "busy": hotcold not loaded, a process that spins as long as hotcold's mean round took and
	sleeps for its interval (the hog ms column), in the same boot. The created files are removed after
	each run. Round = hotcold's scan_ns_total over the rounds completed during the creation run; ratio =
	hotcold's latency over the same boot's without ("not loaded") and over "busy". "module" is the last
	commit that changed hotcold.ko's sources. qemu runs with \`-icount shift=3\` here (as in scenario
	2): the guest clock counts executed instructions, so a latency is time the guest itself spent
	(waiting for the lock included), not the host preempting a vCPU.

	Why "busy": single-threaded TCG runs the two vCPUs in turns, and a vCPU that does not halt or
	pause keeps the host thread for up to a time slice, while the other one does not run at all. "busy"
	puts the same CPU load on the other vCPU without touching any lock, so hotcold over "busy" is the
	cost of the walk's lock holds, and hotcold over "not loaded" includes the cost of TCG's turns.
	A guest of a hypervisor without paravirt spinlocks (qemu TCG here; VMware) runs spinlocks as
	test-and-set (virt_spin_lock()): a traced run of the module before that fix showed the creator spinning in
	the spinlock slow path from inode_sb_list_add() for 85 ms while the walk broke the list lock 345
	times (every 260 us on average, at most 757 us apart): the waiter never saw the lock free, since
	the walk took it back before the waiter's vCPU ran. The fix: after a bounded hold the walk pauses
	once (cpu_relax(), i.e. PAUSE, which TCG takes as a reason to run the other vCPU), at most once a
	jiffy. Rows of older modules are kept for comparison.

	Where the worst creation's time went ("-" in older rows; the creator reads its own
	CLOCK_THREAD_CPUTIME_ID and /proc/thread-self/schedstat around each creation): "on CPU" counts
	spinning on a lock (and, under TCG, the other vCPU's turns: the guest cannot tell them apart),
	"queued" waiting on a run queue, "asleep" the rest (I/O, a mutex, the journal). A creation held
	up by the walk's lock holds is on CPU. "longest on CPU" is the largest on-CPU time of any
	creation of the run (with the schedstat read after it), the bound of a lock wait.

	| module | inodes | configuration | inode cache | files created | median ms | p99 ms | worst ms | worst ratio | p99 ratio | worst / busy | p99 / busy | worst: on CPU ms | worst: queued ms | worst: asleep ms | longest on CPU ms | rounds | round ms (mean) | scan_ns_last ms | hog ms |
	|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
	EOF
	for m in $(s6_modules "$d"); do
		for k in $(s6_counts "$d" "$m"); do
			for c in base hotcold busy; do
				[ "$(med "$d" created s=6 module="$m" kinodes="$k" cfg=$c)" != - ] || continue
				row "$m" "${k}k" "$(label "$c")" \
					"$(cell "$d" nr_inodes %.0f s=6 module="$m" kinodes="$k" cfg=$c)" \
					"$(cell "$d" created %.0f s=6 module="$m" kinodes="$k" cfg=$c)" \
					"$(cell "$d" c_p50_ms %.3f s=6 module="$m" kinodes="$k" cfg=$c)" \
					"$(cell "$d" c_p99_ms %.3f s=6 module="$m" kinodes="$k" cfg=$c)" \
					"$(cell "$d" c_max_ms %.2f s=6 module="$m" kinodes="$k" cfg=$c)" \
					"$([ $c = hotcold ] && s6_ratio "$d" "$m" "$k" c_max_ms || echo -)" \
					"$([ $c = hotcold ] && s6_ratio "$d" "$m" "$k" c_p99_ms || echo -)" \
					"$([ $c = hotcold ] && s6_ratio "$d" "$m" "$k" c_max_ms busy || echo -)" \
					"$([ $c = hotcold ] && s6_ratio "$d" "$m" "$k" c_p99_ms busy || echo -)" \
					"$(cell "$d" c_max_run_ms %.2f s=6 module="$m" kinodes="$k" cfg=$c)" \
					"$(cell "$d" c_max_queued_ms %.2f s=6 module="$m" kinodes="$k" cfg=$c)" \
					"$(cell "$d" c_max_slept_ms %.2f s=6 module="$m" kinodes="$k" cfg=$c)" \
					"$(cell "$d" c_run_max_ms %.2f s=6 module="$m" kinodes="$k" cfg=$c)" \
					"$(cell "$d" rounds %.0f s=6 module="$m" kinodes="$k" cfg=$c)" \
					"$(cell "$d" round_ms %.1f s=6 module="$m" kinodes="$k" cfg=$c)" \
					"$(cell "$d" scan_last_ms %.1f s=6 module="$m" kinodes="$k" cfg=$c)" \
					"$(cell "$d" hog_ms %.0f s=6 module="$m" kinodes="$k" cfg=$c)"
			done
		done
	done
	echo
}

table_s2() {
	local d=$1 c b
	cat <<-EOF
	## Scenario 2: access cost

	A 64 MiB cached file re-read for 3 s with 4 KiB and with 1 MiB read(2) requests. Every
	repetition runs all configurations of one boot in turn (rotating the order); the ratio divides each
	configuration's throughput by its baseline's in the same boot and repetition (hotcold + classic LRU vs
	classic LRU, hotcold + MGLRU and DAMON_RECLAIM vs MGLRU, on 5.10 and 6.1 hotcold vs not loaded). On 6.12 hotcold
	uses the idle flag with a probe on folio_mark_accessed (MGLRU is compiled in, so the probe is installed
	with either LRU); on 5.10 and 6.1 it uses the event probe (no idle flag). "enabled=0 (probe only)" is hotcold
	loaded with its scan thread paused: the cost of the probe alone. qemu runs with \`-icount shift=3\`
	here: the guest clock counts executed instructions, so a ratio measures the guest's own extra work
	and not the host's load; the two vCPUs share that clock, so the scan thread's (or kdamond's) work
	counts against the reader as on a single-CPU machine. Debian 5.10 and 6.1 run with one vCPU (with two they
	hang under -icount while bringing up the second CPU).

	| kernel | configuration | 4 KiB MB/s | 4 KiB ratio | 1 MiB MB/s | 1 MiB ratio | probe hits per 4 KiB run |
	|---|---|---|---|---|---|---|
	EOF
	for b in $(awk '/ s=2 /{ for (i = 2; i <= NF; i++) if ($i ~ /^boot=/ && !s[$i]++) print substr($i, 6) }' "$d"); do
		for c in $(grep " boot=$b " "$d" | awk '{ for (i = 2; i <= NF; i++) if ($i ~ /^cfg=/ && !s[$i]++) print substr($i, 5) }'); do
			row "$(grep -m1 " boot=$b " "$d" | sed 's/.* kernel=\([^ ]*\) .*/\1/')" "$(label "$c")" \
				"$(cell "$d" mbps %.0f s=2 boot="$b" cfg="$c" bs=4096)" \
				"$(cell "$d" ratio %.3f s=2 boot="$b" cfg="$c" bs=4096)" \
				"$(cell "$d" mbps %.0f s=2 boot="$b" cfg="$c" bs=1048576)" \
				"$(cell "$d" ratio %.3f s=2 boot="$b" cfg="$c" bs=1048576)" \
				"$(cell "$d" hits %.0f s=2 boot="$b" cfg="$c" bs=4096)"
		done
	done
	echo
}

table_s3() {
	local d=$1 c l m
	cat <<-EOF
	## Scenario 3: scale

	Cached data in 64 KiB files ("small") or 128 MiB files ("large"). Each step reads the whole data set
	of its size twice (the second pass from the cache, so that no file is old when sampling begins, however
	slow the disk was), then takes ${S3_SECS:-12} one-second samples. hotcold runs with
	cold_age_ms=${S3_COLD_MS:-30000}: 30 rounds, the same ratio as the defaults (300 s / 10 s), so nothing goes
	cold during the samples and each file is visited every 4 rounds (due every cold age / 8 = 3.75 rounds,
	at most half a round early), 3 times in 12 samples whatever its phase; DAMON_RECLAIM with
	min_age one day (monitoring only). Thread time = run time of hotcold's kthread (kdamond) from
	/proc/PID/schedstat over the samples, per round (per second for kdamond); scan = hotcold's
	scan_ns_last (median of the samples); metadata = metadata_bytes. "per GB" divides by the cached size
	of the data set measured with mincore. The guest runs under instruction counting (\`-icount\`, as
	in scenarios 2 and 6), so thread times count the guest's own instructions, not the host's load.
	kdamond's time does not grow with the cache (DAMON samples a bounded number of regions), so its
	"per GB" halves when the cache doubles. Then two rounds are forced with hotcold's thread paused
	and every file due (\`scan_interval_ms\` of an hour): the first right after the whole data set was
	read again (every folio found accessed, and re-armed), the second after it (every folio found
	idle); their scan_ns_last per GB are the "visit" columns: the cost of visiting hot data and idle
	data, with nothing else running.

	| configuration | files | requested MiB | cached MiB | thread ms/round | per GB | scan_ns_last ms | per GB | metadata KiB | per GB | visit of hot data ms per GB | visit of idle data ms per GB |
	|---|---|---|---|---|---|---|---|---|---|---|---|
	EOF
	for c in $(configs_of "$d" 3); do
		for l in small large; do
			for m in $S3_SIZES; do
				row "$(label "$c")" "$l" "$m" \
					"$(cell "$d" cached_mib %.0f s=3 cfg="$c" layout=$l mib=$m)" \
					"$(cell "$d" cpu_ms_round %.2f s=3 cfg="$c" layout=$l mib=$m)" \
					"$(cell "$d" cpu_ms_round_gb %.2f s=3 cfg="$c" layout=$l mib=$m)" \
					"$(cell "$d" scan_ms %.2f s=3 cfg="$c" layout=$l mib=$m)" \
					"$(cell "$d" scan_ms_gb %.2f s=3 cfg="$c" layout=$l mib=$m)" \
					"$(cell "$d" meta_kib %.1f s=3 cfg="$c" layout=$l mib=$m)" \
					"$(cell "$d" meta_kib_gb %.1f s=3 cfg="$c" layout=$l mib=$m)" \
					"$(cell "$d" visit_acc_ms_gb %.2f s=3 cfg="$c" layout=$l mib=$m)" \
					"$(cell "$d" visit_idle_ms_gb %.2f s=3 cfg="$c" layout=$l mib=$m)"
			done
		done
	done
	echo
	echo "![scenario 3](scenario3.png)"
	echo
}

table_s4() {
	local d=$1
	cat <<-EOF
	## Scenario 4: fio, zipf random reads over a file larger than memory

	fio (Debian's, run from a second disk) with one job of 4 KiB buffered random reads (psync),
	random_distribution=zipf:1.1 over a 1.5 GiB file, 30 s, from an empty cache, while a process holds
	720 MiB of anonymous memory (the VM has no swap), so that the page cache has about 150 MiB
	(MemAvailable at the start in the table). Disk reads = pgpgin: every read from disk, also of pages
	hotcold dropped (invalidation leaves no shadow entry, so those re-reads are not in
	workingset_refault_file, which only counts pages the kernel's reclaim evicted).

	| configuration | read MiB/s | IOPS | p99 completion latency us | disk reads MiB (pgpgin) | workingset_refault_file | pgscan | MemAvailable at start MiB | thread CPU ms |
	|---|---|---|---|---|---|---|---|---|
	EOF
	config_rows "$d" 4 read_mbps:%.1f iops:%.0f lat_p99_us:%.0f \
		pgpgin_mib:%.0f refault_file:%.0f pgscan:%.0f avail_mib:%.0f \
		bg_cpu_ms:%.0f
}

table_s7() {
	local d=$1
	cat <<-EOF
	## Scenario 7: background CPU at the defaults

	Scenario 1's data without its time compression: the hot set (8 files x 16 MiB) re-read every
	second, the cold set (32 files x 16 MiB) read once, then ${S7_SECS:-540} s of watching; hotcold with
	its default parameters (10 s rounds, 5 min cold age: each file visited every 37.5 s), DAMON_RECLAIM
	with its own (min_age 120 s, 5 ms samples, 100 ms aggregation). Scenarios 1, 3 and 5 compress time
	tenfold for hotcold (1 s rounds) and thirtyfold for its cold age, which multiplies its thread's work
	per second by 30 (a file is visited 8 times per cold age), while kdamond's work per second does not
	depend on min_age: this one compares the two as they run on a host. Thread CPU = run time of
	hotcold's kthread or kdamond (/proc/PID/schedstat) from the configuration's start to the end of
	the watch, also per minute, and per minute over the last ${S7_STEADY_S:-120} s (steady state: hotcold has
	dropped the cold set by then); cold cached and hot resident = mincore at the end. \`-icount\` as
	in scenario 1, but on one vCPU: the threads share it with the hot-set reader, and a thread's run
	time is its own instructions (with two vCPUs the shared clock also charges a thread with what
	the other one runs meanwhile).

	| configuration | thread CPU ms | per minute | per minute, last ${S7_STEADY_S:-120} s | cold set cached at the end MiB | hot set resident at the end % | rounds |
	|---|---|---|---|---|---|---|
	EOF
	config_rows "$d" 7 cpu_ms:%.0f cpu_ms_min:%.1f steady_cpu_ms_min:%.1f \
		cold_after_mib:%.0f hot_after_pct:%.0f hc_rounds:%.0f
}

# plot_bars D SCENARIO OUT TITLE PANEL...: a 2x3 grid of bars (median of
# the repetitions) with min-max whiskers, one panel per "key|title|colour"
plot_bars() {
	local d=$1 s=$2 out=$3 title=$4 dat=$WORK/s$2.dat c p rest col=2 plots=
	shift 4
	: >"$dat"
	for c in $(configs_of "$d" "$s"); do
		printf '"%s"' "$(label "$c" | sed 's/ (MGLRU)//; s/ + /+/')" >>"$dat"
		for p in "$@"; do
			printf ' %s' "$(minmax "$d" "${p%%|*}" s="$s" cfg="$c")" >>"$dat"
		done
		echo >>"$dat"
	done
	for p in "$@"; do
		rest=${p#*|}
		plots+="set title \"${rest%|*}\"
plot \"$dat\" using 0:$col:xtic(1) with boxes lc rgb \"${rest##*|}\", \"\" using 0:$col:$((col + 1)):$((col + 2)) with yerrorbars lc rgb \"black\" pt 0
"
		col=$((col + 3))
	done
	gnuplot <<-EOF
	set terminal pngcairo size 1500,900 font ",11" noenhanced
	set output "$out"
	set multiplot layout 2,3 title "$title (bars: median; whiskers: min-max of the repetitions)"
	set style fill solid 0.6 border -1
	set boxwidth 0.6
	set yrange [0:*]
	set xtics rotate by -25
	set key off
	$plots
	unset multiplot
	EOF
}

plot_s1() {
	plot_bars "$1" 1 "$2" "Scenario 1: hot set, cold flood, burst" \
		"burst_s|burst time (s), lower is better|#4477aa" \
		"p99_ms|p99 latency of a 4 MiB step (ms), lower is better|#cc6677" \
		"cold_before_mib|cold set still cached before the burst (MiB)|#aa7733" \
		"refault_file|hot-set refaults (pages; empty = none)|#228833" \
		"bg_cpu_ms|CPU of hotcold's thread or kdamond (ms)|#882255" \
		"kswapd_ms|CPU of kswapd0 (ms)|#777777"
}

plot_s5() {
	plot_bars "$1" 5 "$2" "Scenario 5: a container at memory.max = 400 MiB (64 MiB hot, 288 MiB cold, then a 200 MiB burst)" \
		"memcg_scan_direct|memcg direct reclaim during the burst (pages scanned)|#cc3311" \
		"memcg_max|memory.max hits during the burst (memory.events max)|#ee7733" \
		"max_ms|worst 4 MiB step of the burst (ms)|#cc6677" \
		"refault_file|hot-set refaults (pages; empty = none; 16384 = all of it)|#228833" \
		"cold_before_mib|cold set still cached before the burst (MiB)|#0077bb" \
		"bg_cpu_ms|CPU of hotcold's thread or kdamond (ms)|#882255"
}

plot_s3() {
	local d=$1 out=$2 c l plots= f
	for c in $(configs_of "$d" 3); do
		case $c in hotcold*) ;; *) continue ;; esac
		for l in small large; do
			f=$WORK/s3-$c-$l.dat
			: >"$f"
			for m in $S3_SIZES; do
				echo "$(med "$d" cached_mib s=3 cfg="$c" layout=$l mib=$m) $(med "$d" cpu_ms_round s=3 cfg="$c" layout=$l mib=$m) $(med "$d" meta_kib s=3 cfg="$c" layout=$l mib=$m)" >>"$f"
			done
		done
	done
	gnuplot <<-EOF
	set terminal pngcairo size 1400,600 font ",11" noenhanced
	set output "$out"
	set multiplot layout 1,2 title "Scenario 3: cost of hotcold by cached size (medians)"
	set xlabel "cached MiB"
	set key top left
	set yrange [0:*]
	set xrange [0:*]
	set title "kthread CPU time per round (ms)"
	plot for [f in "$(ls "$WORK"/s3-hotcold*.dat | tr '\n' ' ')"] f using 1:2 with linespoints lw 2 title system("basename ".f." .dat | sed s/^s3-//")
	set title "metadata_bytes (KiB)"
	plot for [f in "$(ls "$WORK"/s3-hotcold*.dat | tr '\n' ' ')"] f using 1:3 with linespoints lw 2 title system("basename ".f." .dat | sed s/^s3-//")
	unset multiplot
	EOF
}

# worse_than_others FILE CFG SCENARIO KEY:lower|higher...: a line for each
# KEY where CFG's median is worse than a stock configuration's by over 5 %
worse_than_others() {
	local d=$1 h=$2 s=$3 k o dir hv ov
	shift 3
	for k in "$@"; do
		dir=${k#*:}
		k=${k%%:*}
		hv=$(med "$d" "$k" s="$s" cfg="$h")
		[ "$hv" = - ] && continue
		for o in classic mglru damon; do
			ov=$(med "$d" "$k" s="$s" cfg=$o)
			[ "$ov" = - ] && continue
			if awk -v a="$hv" -v b="$ov" -v d="$dir" 'BEGIN { exit !(d == "lower" ? a > b * 1.05 + 0.5 : a < b * 0.95 - 0.5) }'; then
				echo "- scenario $s, $k: $(label "$h") $hv vs $(label $o) $ov"
			fi
		done
	done
}

# losses FILE: where hotcold does worse than another configuration
losses() {
	local d=$1 h k hv
	for h in hotcold-classic hotcold-mglru; do
		worse_than_others "$d" "$h" 1 burst_s:lower p99_ms:lower allocstall:lower pgscan_direct:lower \
			refault_file:lower hot_after_pct:higher bg_cpu_ms:lower
		worse_than_others "$d" "$h" 4 read_mbps:higher iops:higher pgpgin_mib:lower lat_p99_us:lower
		worse_than_others "$d" "$h" 5 memcg_scan_direct:lower memcg_max:lower memcg_oom_kill:lower \
			burst_s:lower p50_ms:lower max_ms:lower hot_after_pct:higher refault_file:lower bg_cpu_ms:lower
		worse_than_others "$d" "$h" 7 cpu_ms:lower hot_after_pct:higher
	done
	s6_losses "$d"
	for k in 4096 1048576; do
		for h in hotcold-classic hotcold-mglru hotcold hotcold-classic-paused hotcold-mglru-paused hotcold-paused; do
			hv=$(med "$d" ratio s=2 cfg=$h bs=$k)
			[ "$hv" = - ] && continue
			awk -v a="$hv" 'BEGIN { exit !(a < 0.98) }' &&
				echo "- scenario 2, $k-byte reads: $(label $h) at $hv of the throughput without hotcold"
		done
	done
	return 0
}

# s6_losses FILE: creation latency with hotcold over 1.5x that without
s6_losses() {
	local d=$1 m k key r
	for m in $(s6_modules "$d"); do
		for k in $(s6_counts "$d" "$m"); do
			for key in c_max_ms c_p99_ms; do
				r=$(s6_ratio "$d" "$m" "$k" $key)
				[ "$r" != - ] && awk -v r="$r" 'BEGIN { exit !(r > 1.5) }' &&
					echo "- scenario 6, ${k}k inodes, module $m, $key: ${r}x the latency without hotcold"
				r=$(s6_ratio "$d" "$m" "$k" $key busy)
				[ "$r" != - ] && awk -v r="$r" 'BEGIN { exit !(r > 1.5) }' &&
					echo "- scenario 6, ${k}k inodes, module $m, $key: ${r}x the latency with the same CPU load (busy)"
			done
		done
	done
	return 0
}

# kept_section N: scenario N's section of the committed RESULTS.md, for a
# report whose results.txt lacks it (a fresh checkout), marked as kept
kept_section() {
	local old=$BENCHDIR/RESULTS.md.prev date mem
	[ -f "$old" ] || return 1
	grep -q "^## Scenario $1:" "$old" || return 1
	date=$(sed -n 's/^Date: \([^.]*\)\..*/\1/p' "$old" | head -n 1)
	date="$date; $(sed -n 's/^- Kernels: \(.*\)(Debian.*/Debian \1/p' "$old" | head -n 1| sed 's/ *$//')"
	mem=$(sed -n 's/.*\*\*\([0-9]*\) MiB\*\*.*/\1/p' "$old" | head -n 1)
	date="$date, ${mem:-1024} MiB VM"
	# a section kept once already keeps its first marker
	awk -v n="$1" -v date="$date" '
		/^## / { show = ($0 ~ "^## Scenario " n ":"); kept = 0; if (show) { print; next } }
		show && /^_Kept from/ { kept = 1 }
		show && !kept && NF && !marked[n]++ { printf "_Kept from the previous report (%s): not re-run since._\n\n", date }
		show { print }' "$old"
}

reps_of() {
	awk '{ s = r = ""; for (i = 2; i <= NF; i++) { if ($i ~ /^s=/) s = substr($i, 3); if ($i ~ /^rep=/) r = substr($i, 5) }
		if (r > n[s]) n[s] = r } END { for (s in n) printf " %s: %d", s, n[s] }' "$1" | tr ' ' '\n' | paste -sd' ' | sed 's/^/ /; s/  */ /g'
}

# kept_losses SCENARIOS: the previous report's losses of the scenarios kept
kept_losses() {
	local s
	[ -f "$BENCHDIR/RESULTS.md.prev" ] || return 0
	for s in $ALL_SCENARIOS; do
		case " $1 " in *" $s "*) continue ;; esac
		grep "^- scenario $s," "$BENCHDIR/RESULTS.md.prev" || true
	done
}

# write_report SCENARIOS FAILED
write_report() {
	local scenarios=$1 failed=$2 d=$OUT/derived.txt s date kept
	derive "$RESULTS" "$d"
	# the committed report: sections of scenarios not in results.txt
	cp "$BENCHDIR/RESULTS.md" "$BENCHDIR/RESULTS.md.prev" 2>/dev/null || true
	date=$(date -u '+%Y-%m-%d %H:%M UTC')
	{
		echo "# hotcold benchmark report"
		echo
		kept=
		for s in $ALL_SCENARIOS; do
			case " $scenarios " in *" $s "*) continue ;; esac
			grep -q "^## Scenario $s:" "$BENCHDIR/RESULTS.md.prev" 2>/dev/null && kept="$kept $s"
		done
		echo "Date: $date. Scenarios ${scenarios% }${kept:+ (and${kept}, kept from the previous report)}; the last run: \`make bench $(cat "$OUT/last-run" 2>/dev/null)\`"
		echo "(a run keeps the results of the scenarios it does not run)."
		echo
		echo "- Kernels: $(sed -n 's/.* kernel=\([^ ]*\) .*/\1/p' "$RESULTS" | sort -u | tr '\n' ' ')(Debian, unmodified), booted under"
		echo "  qemu TCG (\`-accel tcg,thread=single -cpu max -smp 2\`; scenario 7: one vCPU), **${VM_MEM} MiB** of RAM (scenario 6: ${S6_MEM} MiB),"
		echo "  no swap; data on a virtio ext4 disk mounted read-only (scenario 6: writable). Each table's \"Runs\""
		echo "  line names its kernel, VM size and date. The host has 2 cores shared with other jobs: absolute"
		echo "  numbers are TCG numbers and noisy; compare rows of one table (same VM, configurations interleaved)."
		echo "- Time compression (all configurations; scenario 7 runs at the defaults): hotcold \`$HC_ARGS\` (other parameters at their defaults,"
		echo "  e.g. max_reclaim_kb_per_sec=65536); DAMON_RECLAIM \`min_age=${DAMON_MIN_AGE_US}\` us (= hotcold's cold age),"
		echo "  other parameters at their defaults. MGLRU on/off by writing y/n to /sys/kernel/mm/lru_gen/enabled."
		echo "- Cells: median over the repetitions with (min-max); repetitions per scenario:$(reps_of "$RESULTS")."
		[ -z "$failed" ] || echo "- **Scenario(s)$failed did not finish**: their tables are partial."
		echo
		for s in $ALL_SCENARIOS; do
			case " $scenarios " in
			*" $s "*)	"table_s$s" "$d" ;;
			*)		kept_section $s || true ;;
			esac
		done
		echo "## Where hotcold loses"
		echo
		echo "Medians where a hotcold configuration is more than 5 % worse than another one:"
		echo
		losses "$d" | sed '/^$/d' >"$OUT/losses.txt"
		kept_losses "$scenarios" >>"$OUT/losses.txt"
		if [ -s "$OUT/losses.txt" ]; then cat "$OUT/losses.txt"; else echo "- none"; fi
		echo
		[ -f "$BENCHDIR/why.md" ] && cat "$BENCHDIR/why.md"
		[ -f "$BENCHDIR/studies.md" ] && { echo; cat "$BENCHDIR/studies.md"; }
	} >"$OUT/REPORT.md"
	case " $scenarios " in *" 1 "*) plot_s1 "$d" "$OUT/scenario1.png" ;; esac
	case " $scenarios " in *" 3 "*) plot_s3 "$d" "$OUT/scenario3.png" ;; esac
	case " $scenarios " in *" 5 "*) plot_s5 "$d" "$OUT/scenario5.png" ;; esac
	cp "$OUT/REPORT.md" "$BENCHDIR/RESULTS.md"
	rm -f "$BENCHDIR/RESULTS.md.prev"
	for s in 1 3 5; do
		[ -f "$OUT/scenario$s.png" ] && case " $scenarios " in *" $s "*) cp "$OUT/scenario$s.png" "$BENCHDIR/scenario$s.png" ;; esac
	done
	log "report: $OUT/REPORT.md (copied to tests/bench/RESULTS.md)"
	awk '/^## / { show = 1; print ""; print; next } show && /^\|/' "$OUT/REPORT.md" >&2
}
