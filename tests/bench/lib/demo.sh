# SPDX-License-Identifier: GPL-2.0
# make demo: scenario 1 once on the stock kernel (6.12, MGLRU, its default)
# and once with hotcold, sampled every second; a terminal table and
# build/demo/hotcold-demo.png (sourced by tests/bench/run).

DEMO_CONFIGS="mglru hotcold-mglru"

# demo_series SERIES OUTDIR: split the time series per configuration into
# OUTDIR/CFG.samples (t_s hot_mib cold_mib free_mib), OUTDIR/CFG.steps
# (seconds into the burst, step latency ms) and OUTDIR/CFG.events (t_s name)
demo_series() {
	awk -v dir="$2" '
	function val(k,   i, p) {
		for (i = 2; i <= NF; i++) {
			p = index($i, "=")
			if (substr($i, 1, p - 1) == k) return substr($i, p + 1)
		}
		return 0
	}
	$1 == "@@series" { cfg = $2; next }
	$1 == "S" { printf "%.1f %.1f %.1f %.1f\n", val("t_ms") / 1000, val("hot_kb") / 1024,
		val("cold_kb") / 1024, val("free_kb") / 1024 > (dir "/" cfg ".samples") }
	$1 == "B" { printf "%.2f %.1f\n", val("t_ms") / 1000, val("lat_us") / 1000 > (dir "/" cfg ".steps") }
	$1 == "V" { printf "%.1f %s\n", val("t_ms") / 1000, val("event") > (dir "/" cfg ".events") }
	' "$1"
}

demo_plot() {
	local dir=$1 out=$2 s=$1/mglru h=$1/hotcold-mglru flood burst
	flood=$(awk '$2 == "cold" { print $1; exit }' "$s.events")
	burst=$(awk '$2 == "burst" && !f { print $1; f = 1 }' "$s.events")
	gnuplot <<-EOF
	set terminal pngcairo size 1200,1100 font ",12"
	set output "$out"
	set multiplot layout 3,1 title "hotcold demo: Debian $REL, ${VM_MEM} MiB VM, MGLRU (the 6.12 default); solid = stock, dashed = hotcold" font ",13"
	set grid
	set key outside right top Left reverse width -2
	set lmargin 10
	set rmargin 24
	set yrange [0:*]
	set xlabel "seconds since the hot set started being read"
	set ylabel "MiB"
	set arrow 1 from $flood, graph 0 to $flood, graph 1 nohead dt 3 lc rgb "gray40"
	set label 1 "cold flood" at $flood, graph 0.92 offset 0.5,0
	set arrow 2 from $burst, graph 0 to $burst, graph 1 nohead dt 3 lc rgb "gray40"
	set label 2 "burst" at $burst, graph 0.92 offset 0.5,0
	set title "page cache of the hot set (128 MiB, read every second) and of the cold set (512 MiB, read once)"
	plot "$s.samples" using 1:2 with lines lw 3 lc rgb "#cc3311" title "hot set, stock", \
	     "$h.samples" using 1:2 with lines lw 3 dt 2 lc rgb "#ee7733" title "hot set, hotcold", \
	     "$s.samples" using 1:3 with lines lw 3 lc rgb "#0077bb" title "cold set, stock", \
	     "$h.samples" using 1:3 with lines lw 3 dt 2 lc rgb "#33bbee" title "cold set, hotcold"
	set title "free memory (MemFree)"
	plot "$s.samples" using 1:4 with lines lw 3 lc rgb "#555555" title "stock", \
	     "$h.samples" using 1:4 with lines lw 3 dt 2 lc rgb "#009988" title "hotcold"
	unset arrow 1
	unset arrow 2
	unset label 1
	unset label 2
	set title "the memory burst: 640 MiB of anonymous memory touched in 4 MiB steps by 2 processes"
	set xlabel "seconds since the burst started"
	set ylabel "ms per 4 MiB step (points)"
	set y2label "MiB allocated (lines)"
	set logscale y
	set yrange [10:*]
	set y2range [0:700]
	set y2tics 100
	set ytics nomirror
	set key inside top left opaque box Left reverse maxrows 2
	plot "$s.steps" using 1:2 with points pt 7 ps 0.7 lc rgb "#555555" title "step, stock", \
	     "$h.steps" using 1:2 with points pt 5 ps 0.7 lc rgb "#009988" title "step, hotcold", \
	     "< sort -n $s.steps" using 1:(\$0 * 4 + 4) axes x1y2 with lines lw 3 lc rgb "#555555" title "allocated, stock", \
	     "< sort -n $h.steps" using 1:(\$0 * 4 + 4) axes x1y2 with lines lw 3 dt 2 lc rgb "#009988" title "allocated, hotcold"
	unset multiplot
	EOF
}

demo_table() {
	local d=$1 c
	printf '\n%-22s %8s %9s %10s %13s %11s %12s %12s %10s\n' configuration "burst s" "p99 ms" allocstall pgscan_direct "hot refault" "hot kept %" "cold cached" "thread ms"
	for c in $DEMO_CONFIGS; do
		printf '%-22s %8s %9s %10s %13s %11s %12s %12s %10s\n' \
			"$(case $c in mglru) echo "stock (MGLRU)" ;; *) echo "hotcold (MGLRU)" ;; esac)" \
			"$(cell "$d" burst_s %.2f s=1 cfg=$c)" "$(cell "$d" p99_ms %.0f s=1 cfg=$c)" \
			"$(cell "$d" allocstall %.0f s=1 cfg=$c)" "$(cell "$d" pgscan_direct %.0f s=1 cfg=$c)" \
			"$(cell "$d" refault_file %.0f s=1 cfg=$c)" "$(cell "$d" hot_after_pct %.0f s=1 cfg=$c)" \
			"$(cell "$d" cold_before_mib %.0f s=1 cfg=$c) MiB" "$(cell "$d" bg_cpu_ms %.0f s=1 cfg=$c)"
	done
	echo
}

run_demo() {
	local out=$TOP/build/demo
	mkdir -p "$out"
	OUT=$out
	RESULTS=$out/results.txt
	: >"$RESULTS"
	kernel_setup 6.12-mglru
	log "demo: the same scenario twice in one VM: stock kernel, then with hotcold"
	log "demo: hot set 128 MiB read every second; cold set 512 MiB read once; 30 s later a 640 MiB burst"
	bench_boot demo s1 "BENCH_CONFIGS=$DEMO_CONFIGS" BENCH_REPS=1 BENCH_SERIES=1 \
		"HC_ARGS=$HC_ARGS" "DAMON_MIN_AGE_US=$DAMON_MIN_AGE_US" \
		S1_HOT_MS=1000 S1_WARM_S=5 S1_WAIT_S=30 S1_BURST_MB=640 S1_BURST_JOBS=2 S1_HOLD_S=5 ||
		die "the demo guest failed (see $WORK/demo/)"
	derive "$RESULTS" "$out/derived.txt"
	rm -f "$out"/*.samples "$out"/*.steps "$out"/*.events
	demo_series "$WORK/demo/series.txt" "$out"
	demo_plot "$out" "$out/hotcold-demo.png"
	demo_table "$out/derived.txt" | tee "$out/table.txt"
	echo "hotcold settings: $HC_ARGS; picture: $out/hotcold-demo.png (how to read it: tests/bench/README.md)"
}
