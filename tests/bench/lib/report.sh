# SPDX-License-Identifier: GPL-2.0
# Turning the result lines into tables and plots (sourced by tests/bench/run).
#
# A result line is "R key=value ..." (see tests/bench/guest/*.sh); every
# table cell is the median over the repetitions with the min-max range.

# kv(line): the key=value fields of a result line into the array v
AWK_KV='
	function kv(line,   n, i, f, p) {
		delete v
		n = split(line, f, " ")
		for (i = 2; i <= n; i++) {
			p = index(f[i], "=")
			if (p) v[substr(f[i], 1, p - 1)] = substr(f[i], p + 1)
		}
	}'

# derive IN OUT: add computed keys to the result lines
derive() {
	awk "$AWK_KV"'
	function median_list(s,   n, a, i, j, t) {
		n = split(s, a, ",")
		for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++)
			if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
		if (!n) return 0
		return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
	}
	{ kv($0); extra = "" }
	v["s"] == 1 && v["hot_size_kb"] > 0 {
		extra = sprintf(" hot_after_pct=%.1f burst_s=%.2f p99_ms=%.1f cold_before_mib=%.0f free_before_mib=%.0f",
			100 * v["hot_after_kb"] / v["hot_size_kb"], v["burst_ms"] / 1000, v["p99_us"] / 1000,
			v["cold_before_kb"] / 1024, v["free_before_kb"] / 1024)
	}
	v["s"] == 5 && v["hot_size_kb"] > 0 {
		extra = sprintf(" hot_after_pct=%.1f burst_s=%.2f p50_ms=%.1f p99_ms=%.1f max_ms=%.1f cold_before_mib=%.0f memcg_before_mib=%.0f",
			100 * v["hot_after_kb"] / v["hot_size_kb"], v["burst_ms"] / 1000, v["p50_us"] / 1000,
			v["p99_us"] / 1000, v["max_us"] / 1000, v["cold_before_kb"] / 1024, v["memcg_before_kb"] / 1024)
	}
	v["s"] == 6 && v["created"] > 0 {
		extra = sprintf(" c_p50_ms=%.3f c_p99_ms=%.3f c_max_ms=%.2f",
			v["c_p50_us"] / 1000, v["c_p99_us"] / 1000, v["c_max_us"] / 1000)
		if (v["c_run_max_us"] != "")
			extra = extra sprintf(" c_max_run_ms=%.2f c_max_queued_ms=%.2f c_max_slept_ms=%.2f c_run_max_ms=%.2f",
				v["c_max_run_us"] / 1000, v["c_max_queued_us"] / 1000,
				v["c_max_slept_us"] / 1000, v["c_run_max_us"] / 1000)
		if (v["rounds"] != "")
			extra = extra sprintf(" round_ms=%.1f scan_last_ms=%.1f", v["round_ns"] / 1e6, v["scan_ns_last"] / 1e6)
	}
	v["s"] == 2 { extra = sprintf(" bsname=%s", v["bs"] == 4096 ? "4k" : "1m") }
	v["s"] == 3 && v["cached_kb"] > 0 {
		gb = v["cached_kb"] / 1048576
		secs = v["wall_ms"] / 1000
		per_round = v["rounds"] > 0 ? v["cpu_ns"] / 1e6 / v["rounds"] : v["cpu_ns"] / 1e6 / secs
		scan_ms = median_list(v["scan_ns"]) / 1e6
		extra = sprintf(" cached_mib=%.0f cpu_ms_round=%.2f cpu_ms_round_gb=%.2f",
			v["cached_kb"] / 1024, per_round, per_round / gb)
		if (v["cfg"] ~ /^hotcold/)
			extra = extra sprintf(" scan_ms=%.2f scan_ms_gb=%.2f meta_kib=%.1f meta_kib_gb=%.1f",
				scan_ms, scan_ms / gb, v["metadata_bytes"] / 1024, v["metadata_bytes"] / 1024 / gb)
		if (v["forced_accessed_ns"] != "")
			extra = extra sprintf(" visit_acc_ms_gb=%.2f visit_idle_ms_gb=%.2f",
				v["forced_accessed_ns"] / 1e6 / gb, v["forced_idle_ns"] / 1e6 / gb)
	}
	v["s"] == 7 && v["wall_ms"] > 0 {
		extra = sprintf(" cpu_ms=%.0f cpu_ms_min=%.1f cold_after_mib=%.0f hot_after_pct=%.1f",
			v["cpu_ns"] / 1e6, v["cpu_ns"] / 1e6 / (v["wall_ms"] / 60000), v["cold_after_kb"] / 1024,
			v["hot_size_kb"] > 0 ? 100 * v["hot_after_kb"] / v["hot_size_kb"] : 0)
		if (v["steady_ms"] > 0)
			extra = extra sprintf(" steady_cpu_ms_min=%.1f", v["steady_cpu_ns"] / 1e6 / (v["steady_ms"] / 60000))
	}
	v["s"] == 4 { extra = sprintf(" read_mbps=%.1f pgpgin_mib=%.0f avail_mib=%.0f", v["read_kbps"] / 1024,
		v["pgpgin"] / 1024, v["avail_kb"] / 1024) }
	{ print $0 extra }
	' "$1" >"$2"
	# access cost: each configuration against its baseline of the same boot and repetition
	awk "$AWK_KV"'
	BEGIN {
		base["hotcold-classic"] = "classic"; base["hotcold-mglru"] = "mglru"
		base["damon"] = "mglru"; base["hotcold"] = "base"
		base["classic"] = "classic"; base["mglru"] = "mglru"; base["base"] = "base"
		base["hotcold-classic-paused"] = "classic"; base["hotcold-mglru-paused"] = "mglru"
		base["hotcold-paused"] = "base"
	}
	{ kv($0) }
	v["s"] == 2 {
		k = v["boot"] SUBSEP v["rep"] SUBSEP v["bs"]
		mb[k SUBSEP v["cfg"]] = v["mbps"]
		line[++n] = $0; key[n] = k; cfg[n] = v["cfg"]
	}
	END {
		for (i = 1; i <= n; i++) {
			c = cfg[i]
			sub(/\+.*/, "", c)
			b = mb[key[i] SUBSEP base[c]]
			if (b > 0) printf "%s ratio=%.3f\n", line[i], mb[key[i] SUBSEP cfg[i]] / b
		}
	}' "$2" >"$2.s2"
	grep -v '^R .* s=2 ' "$2" >"$2.tmp" || true
	cat "$2.tmp" "$2.s2" >"$2"
	rm -f "$2.tmp" "$2.s2"
}

# cell FILE KEY FMT FILTER...: "median (min-max)" of KEY over the lines
# matching every key=value FILTER, "-" when there is none
cell() {
	local file=$1 key=$2 fmt=$3
	shift 3
	awk -v key="$key" -v fmt="$fmt" -v filt="$*" '
	BEGIN { nf = split(filt, F, " ") }
	{
		delete v
		for (i = 2; i <= NF; i++) {
			p = index($i, "=")
			if (p) v[substr($i, 1, p - 1)] = substr($i, p + 1)
		}
		for (i = 1; i <= nf; i++) {
			p = index(F[i], "=")
			if (v[substr(F[i], 1, p - 1)] != substr(F[i], p + 1)) next
		}
		if (key in v && v[key] != "") x[++n] = v[key] + 0
	}
	END {
		if (!n) { print "-"; exit }
		for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++)
			if (x[j] < x[i]) { t = x[i]; x[i] = x[j]; x[j] = t }
		m = n % 2 ? x[(n + 1) / 2] : (x[n / 2] + x[n / 2 + 1]) / 2
		if (n == 1) printf fmt "\n", m
		else printf fmt " (" fmt "-" fmt ")\n", m, x[1], x[n]
	}' "$file"
}

# med FILE KEY FILTER...: the bare median (for plots and comparisons)
med() {
	local file=$1 key=$2
	shift 2
	cell "$file" "$key" "%.6g" "$@" | cut -d' ' -f1
}

# minmax FILE KEY FILTER...: "median min max"
minmax() {
	local file=$1 key=$2 c
	shift 2
	c=$(cell "$file" "$key" "%.6g" "$@")
	case $c in
	-)	echo "0 0 0" ;;
	*"("*)	echo "$c" | sed 's/[()]//g; s/-/ /' ;;
	*)	echo "$c $c $c" ;;
	esac
}

configs_of() { awk -v s="s=$2" '$0 ~ " " s " " { for (i = 2; i <= NF; i++) if ($i ~ /^cfg=/) { c = substr($i, 5); if (!seen[c]++) print c } }' "$1"; }

label() {
	case $1 in
	classic)		echo "classic LRU" ;;
	mglru)			echo "MGLRU" ;;
	damon)			echo "DAMON_RECLAIM (MGLRU)" ;;
	hotcold-classic)	echo "hotcold + classic LRU" ;;
	hotcold-mglru)		echo "hotcold + MGLRU" ;;
	hotcold-classic-paused)	echo "hotcold + classic LRU, enabled=0 (probe only)" ;;
	hotcold-mglru-paused)	echo "hotcold + MGLRU, enabled=0 (probe only)" ;;
	hotcold-paused)		echo "hotcold, enabled=0 (probe only)" ;;
	base)			echo "not loaded" ;;
	busy)			echo "busy (no hotcold)" ;;
	*)			echo "$1" ;;
	esac
}
