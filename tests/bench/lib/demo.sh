# SPDX-License-Identifier: GPL-2.0
# make demo: scenario 5 (a container at its memory limit) once on the
# stock kernel (6.12, MGLRU, its default) and once with hotcold, sampled
# every second; a terminal table and build/demo/hotcold-demo.png (sourced
# by tests/bench/run).

DEMO_CONFIGS="mglru hotcold-mglru"

# demo_series SERIES OUTDIR: split the time series per configuration into
# OUTDIR/CFG.samples (t_s hot_mib cold_mib group_mib scanned_pages),
# OUTDIR/CFG.steps (seconds into the burst, step latency ms) and
# OUTDIR/CFG.events (t_s name); t_s counts from the start of the burst,
# so that both runs line up there
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
	FNR == NR { if ($1 == "V" && val("event") == "burst" && !(cfg in t0)) t0[cfg] = val("t_ms") / 1000; next }
	$1 == "S" { printf "%.1f %.1f %.1f %.1f %d\n", val("t_ms") / 1000 - t0[cfg], val("hot_kb") / 1024,
		val("cold_kb") / 1024, val("memcg_kb") / 1024, val("memcg_scan_direct") > (dir "/" cfg ".samples") }
	$1 == "B" { printf "%.2f %.1f\n", val("t_ms") / 1000, val("lat_us") / 1000 > (dir "/" cfg ".steps") }
	$1 == "V" { printf "%.1f %s\n", val("t_ms") / 1000 - t0[cfg], val("event") > (dir "/" cfg ".events") }
	' "$1" "$1"
}

demo_plot() {
	local dir=$1 out=$2 s=$1/mglru h=$1/hotcold-mglru cs ch ws wh
	cs=$(awk '$2 == "cold" { print $1; exit }' "$s.events")
	ch=$(awk '$2 == "cold" { print $1; exit }' "$h.events")
	ws=$(awk '$2 == "waiting" { print $1; exit }' "$s.events")
	wh=$(awk '$2 == "waiting" { print $1; exit }' "$h.events")
	gnuplot <<-EOF
	set terminal pngcairo size 1200,1300 font ",12" noenhanced
	set output "$out"
	set multiplot layout 4,1 title "hotcold demo: a container at memory.max = 400 MiB (Debian $REL, MGLRU)\nsolid = stock kernel, dashed = hotcold" font ",13"
	set grid
	set key outside right top Left reverse width -2
	set lmargin 10
	set rmargin 30
	set yrange [0:*]
	set xlabel "seconds before (-) and after the start of the burst"
	set object 1 rectangle from $cs, graph 0 to $ws, graph 1 behind fc rgb "#0077bb" fs transparent solid 0.10 noborder
	set object 2 rectangle from $ch, graph 0 to $wh, graph 1 behind fc rgb "#33bbee" fs transparent solid 0.10 noborder
	set label 1 "cold set read" at $cs, graph 0.9 offset 0.5,0
	set arrow 2 from 0, graph 0 to 0, graph 1 nohead dt 3 lc rgb "gray40"
	set label 2 "burst" at 0, graph 0.9 offset 0.5,0
	set ylabel "MiB"
	set title "page cache of the hot set (64 MiB, read every 2 s) and of the cold set (288 MiB, read twice)"
	plot "$s.samples" using 1:2 with lines lw 3 lc rgb "#cc3311" title "hot set, stock", \
	     "$h.samples" using 1:2 with lines lw 3 dt 2 lc rgb "#ee7733" title "hot set, hotcold", \
	     "$s.samples" using 1:3 with lines lw 3 lc rgb "#0077bb" title "cold set, stock", \
	     "$h.samples" using 1:3 with lines lw 3 dt 2 lc rgb "#33bbee" title "cold set, hotcold"
	set title "the container's memory (memory.current) against its limit"
	set yrange [0:450]
	plot 400 with lines lw 1 dt 4 lc rgb "black" title "limit", \
	     "$s.samples" using 1:4 with lines lw 3 lc rgb "#555555" title "stock", \
	     "$h.samples" using 1:4 with lines lw 3 dt 2 lc rgb "#009988" title "hotcold"
	set yrange [0:*]
	set ylabel "pages"
	set title "direct reclaim in the container: pages the application scanned itself (memory.stat pgscan_direct)"
	plot "$s.samples" using 1:5 with lines lw 3 lc rgb "#555555" title "stock", \
	     "$h.samples" using 1:5 with lines lw 3 dt 2 lc rgb "#009988" title "hotcold"
	unset object 1
	unset object 2
	unset arrow 2
	unset label 1
	unset label 2
	set title "the burst: 200 MiB of anonymous memory touched in 4 MiB steps inside the container"
	set xlabel "seconds since the burst started"
	set ylabel "ms per 4 MiB step (points)"
	set y2label "MiB allocated (lines)"
	set logscale y
	set yrange [1:*]
	set y2range [0:220]
	set y2tics 50
	set ytics nomirror
	set key inside top left opaque box Left reverse maxrows 2
	plot "$s.steps" using 1:2 with points pt 7 ps 0.8 lc rgb "#555555" title "step, stock", \
	     "$h.steps" using 1:2 with points pt 5 ps 0.8 lc rgb "#009988" title "step, hotcold", \
	     "< sort -n $s.steps" using 1:(\$0 * 4 + 4) axes x1y2 with lines lw 3 lc rgb "#555555" title "allocated, stock", \
	     "< sort -n $h.steps" using 1:(\$0 * 4 + 4) axes x1y2 with lines lw 3 dt 2 lc rgb "#009988" title "allocated, hotcold"
	unset multiplot
	EOF
}

demo_table() {
	local d=$1 c
	printf '\n%-16s %14s %15s %10s %9s %8s %9s %11s %12s %10s\n' configuration pgscan_direct pgsteal_direct "max hits" oom_kill "burst s" "worst ms" "hot kept %" "cold cached" "thread ms"
	for c in $DEMO_CONFIGS; do
		printf '%-16s %14s %15s %10s %9s %8s %9s %11s %12s %10s\n' \
			"$(case $c in mglru) echo "stock (MGLRU)" ;; *) echo "hotcold (MGLRU)" ;; esac)" \
			"$(cell "$d" memcg_scan_direct %.0f s=5 cfg=$c)" "$(cell "$d" memcg_steal_direct %.0f s=5 cfg=$c)" \
			"$(cell "$d" memcg_max %.0f s=5 cfg=$c)" "$(cell "$d" memcg_oom_kill %.0f s=5 cfg=$c)" \
			"$(cell "$d" burst_s %.2f s=5 cfg=$c)" "$(cell "$d" max_ms %.0f s=5 cfg=$c)" \
			"$(cell "$d" hot_after_pct %.0f s=5 cfg=$c)" \
			"$(cell "$d" cold_before_mib %.0f s=5 cfg=$c) MiB" "$(cell "$d" bg_cpu_ms %.0f s=5 cfg=$c)"
	done
	echo
	echo "pgscan_direct, pgsteal_direct: pages the container's own tasks scanned and reclaimed during the"
	echo "burst (memory.stat); max hits: times the container hit memory.max (memory.events)."
}

run_demo() {
	local out=$TOP/build/demo
	mkdir -p "$out"
	OUT=$out
	RESULTS=$out/results.txt
	: >"$RESULTS"
	kernel_setup 6.12-mglru
	log "demo: the same container scenario twice in one VM: stock kernel, then with hotcold"
	log "demo: memory.max 400 MiB; hot set 64 MiB read every 2 s; cold set 288 MiB read twice; 40 s later a 200 MiB burst"
	bench_boot demo s5 "BENCH_CONFIGS=$DEMO_CONFIGS" BENCH_REPS=1 BENCH_SERIES=1 \
		"HC_ARGS=$HC_ARGS" "DAMON_MIN_AGE_US=$DAMON_MIN_AGE_US" $S5_SETTINGS ||
		die "the demo guest failed (see $WORK/demo/)"
	derive "$RESULTS" "$out/derived.txt"
	rm -f "$out"/*.samples "$out"/*.steps "$out"/*.events
	demo_series "$WORK/demo/series.txt" "$out"
	demo_plot "$out" "$out/hotcold-demo.png"
	demo_table "$out/derived.txt" | tee "$out/table.txt"
	echo "hotcold settings: $HC_ARGS; picture: $out/hotcold-demo.png (how to read it: tests/bench/README.md)"
}
