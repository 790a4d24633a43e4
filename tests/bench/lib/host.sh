# SPDX-License-Identifier: GPL-2.0
# Host side of the benchmarks (sourced by tests/bench/run): kernel, module,
# disk images, initramfs and booting, on top of tests/vm/lib/*.sh.

BENCHDIR=$TOP/tests/bench
VMDIR=$TOP/tests/vm
CACHE=${HOTCOLD_CACHE:-$HOME/.cache/hotcold}
# HOTCOLD_MODULE_TREE=DIR: build hotcold.ko from another tree (another
# branch's worktree), in a build tree of its own
MODULE_TREE=${HOTCOLD_MODULE_TREE:-$TOP}
IMGDIR=$TOP/build/bench/img
# tests/vm/lib/image.sh build_module: our own module build tree
KO_BUILD=$WORK/kbuild${HOTCOLD_MODULE_TREE:+-$(echo "$MODULE_TREE" | tr -c 'A-Za-z0-9\n' _)}
# bump when the layout of the data disk changes
DATA_LAYOUT=1
# the disk of scenario 6: S6_MAX_K thousand empty files, S6_SMALL small ones
S6_MAX_K=500
S6_SMALL=2000
INODES_LAYOUT=1

. "$VMDIR/lib/common.sh"
. "$VMDIR/lib/fetch.sh"
. "$VMDIR/lib/image.sh"
. "$VMDIR/lib/boot.sh"

log() { echo "bench: $*" >&2; }
die() { echo "bench: error: $*" >&2; exit 2; }

# kernel_setup CONFIG: fetch the kernel of a tests/vm/matrix config, build
# hotcold.ko for it; sets REL, ROOT, KO
kernel_setup() {
	local config=$1 line suites regex
	line=$(sed -e 's/#.*//' "$VMDIR/matrix" | awk -v c="$config" '$1 == c')
	[ -n "$line" ] || die "no kernel config $config in $VMDIR/matrix"
	read -r _ suites regex _ <<<"$line"
	mkdir -p "$WORK/$config"
	REL=$(resolve_release "$config" "$suites" "$regex" 2>"$WORK/$config/fetch.log") ||
		{ tail -n 5 "$WORK/$config/fetch.log" >&2; die "$config: no kernel release"; }
	fetch_kernel "$config" "$REL" "$suites" 2>>"$WORK/$config/fetch.log" ||
		{ tail -n 5 "$WORK/$config/fetch.log" >&2; die "$config: fetching $REL failed"; }
	ROOT=$CACHE/kernels/$REL/root
	# WORK=: the build's stamp next to its build tree, one per module tree
	mkdir -p "$KO_BUILD"
	KO=$(WORK=$KO_BUILD build_module "$REL" "$ROOT/usr/src/linux-headers-$REL" "$WORK/$config/build.log") ||
		{ tail -n 20 "$WORK/$config/build.log" >&2; die "$config: building hotcold.ko failed"; }
	log "$config: kernel $REL, module $KO"
}

build_hcbench() {
	HCBENCH=$(build_guest_tool "$BENCHDIR/guest/hcbench.c" "$WORK/hcbench")
}

# data_image: the read-only data disk of every scenario, made once
data_image() {
	local img=$IMGDIR/data.img st=$IMGDIR/stage
	[ -f "$img" ] && [ "$(cat "$IMGDIR/data.layout" 2>/dev/null)" = "$DATA_LAYOUT" ] && return 0
	log "creating the data disk (once; about 4 GB in $IMGDIR)"
	rm -rf "$st" "$img" "$IMGDIR/data.layout"
	mkdir -p "$st/s1" "$st/s2" "$st/s3" "$st/s4"
	"$HCBENCH" mkfiles "$st/s1/hot" h 8 16384
	"$HCBENCH" mkfiles "$st/s1/cold" c 32 16384
	"$HCBENCH" mkfiles "$st/s2" warm 1 65536
	mv "$st/s2/warm00000" "$st/s2/warm"
	"$HCBENCH" mkfiles "$st/s3/small" s 12288 64
	"$HCBENCH" mkfiles "$st/s3/large" l 6 131072
	"$HCBENCH" mkfiles "$st/s4" fio 1 1572864
	mv "$st/s4/fio00000" "$st/s4/fio.dat"
	truncate -s 6G "$img"
	mkfs.ext4 -q -F -d "$st" "$img" || die "mkfs.ext4 -d $st $img failed"
	rm -rf "$st"
	echo "$DATA_LAYOUT" >"$IMGDIR/data.layout"
}

# inodes_image: the writable disk of scenario 6 (copied for each boot
# from a pristine image made once): many/dNNNN/ with 1000 empty files
# each, small/ with S6_SMALL files of 64 KiB
inodes_image() {
	local img=$IMGDIR/inodes.img st=$IMGDIR/inodes-stage
	[ -f "$img" ] && [ "$(cat "$IMGDIR/inodes.layout" 2>/dev/null)" = "$INODES_LAYOUT" ] && return 0
	log "creating the many-inodes disk (once; ${S6_MAX_K}k empty files, about 400 MB in $IMGDIR)"
	rm -rf "$st" "$img" "$IMGDIR/inodes.layout"
	mkdir -p "$st"
	"$HCBENCH" mkempty "$st/many" "$S6_MAX_K" 1000
	"$HCBENCH" mkfiles "$st/small" s "$S6_SMALL" 64
	truncate -s 3G "$img"
	mkfs.ext4 -q -F -N $((S6_MAX_K * 1000 + 200000)) -d "$st" "$img" || die "mkfs.ext4 -d $st $img failed"
	rm -rf "$st"
	echo "$INODES_LAYOUT" >"$IMGDIR/inodes.layout"
}

# module_id: the last commit that changed the module's sources (+dirty),
# for the tables; a tree exported with `git archive` names its commit in
# .hotcold-commit
module_id() {
	local id
	[ -f "$MODULE_TREE/.hotcold-commit" ] && { cut -c1-7 "$MODULE_TREE/.hotcold-commit"; return; }
	id=$(git -C "$MODULE_TREE" log -1 --format=%h HEAD -- src Makefile 2>/dev/null) || { echo unknown; return; }
	git -C "$MODULE_TREE" diff --quiet HEAD -- src 2>/dev/null || id=$id+dirty
	echo "$id"
}

# tools_image: fio and the shared libraries it needs, run in the guest
# through the dynamic loader of the image
tools_image() {
	local img=$IMGDIR/tools.img st=$IMGDIR/tools lib fio
	fio=$(command -v fio) || die "no fio (install tests/deps/bench.pkgs: tests/install-deps)"
	[ -f "$img" ] && [ "$img" -nt "$fio" ] && return 0
	rm -rf "$st" "$img"
	mkdir -p "$st/fio/bin" "$st/fio/lib"
	cp "$fio" "$st/fio/bin/fio"
	for lib in $(ldd "$fio" | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\/.*ld-linux/ { print $1 }'); do
		cp -L "$lib" "$st/fio/lib/"
	done
	truncate -s 512M "$img"
	mkfs.ext4 -q -F -d "$st" "$img" || die "mkfs.ext4 -d $st $img failed"
	rm -rf "$st"
}

# bench_initramfs OUT CONFFILE: initramfs with busybox, the storage modules
# of REL, hotcold.ko ($KO), hcbench and the guest scripts
bench_initramfs() {
	local out=$1 conf=$2 st=${1%.cpio}.d
	initramfs_base "$st" "$ROOT" "$REL"
	mkdir -p "$st/b"
	cp "$HCBENCH" "$st/bin/hcbench"
	cp "$KO" "$st/hotcold.ko"
	cp "$BENCHDIR/guest/init" "$st/init"
	chmod 755 "$st/init"
	cp "$BENCHDIR"/guest/*.sh "$st/b/"
	cp "$conf" "$st/etc/bench.conf"
	(cd "$st" && find . | cpio -o -H newc --quiet) >"$out" || die "cpio of $st failed"
}

# bench_boot NAME SCRIPT VAR=VALUE...: boot REL with the scenario SCRIPT,
# the data disk DATA_IMG (default: the read-only data.img) and the tools
# disk TOOLS_IMG (default: tools.img);
# progress on stderr, the result lines appended to $RESULTS tagged with
# boot=NAME, kernel and module, time series to $WORK/NAME/series.txt
bench_boot() {
	local name=$1 script=$2 dir=$WORK/$1 status=0 tailpid t0=$SECONDS kv
	shift 2
	mkdir -p "$dir"
	{
		echo "BENCH_SCRIPT=$script"
		for kv in "$@"; do echo "${kv%%=*}='${kv#*=}'"; done
	} >"$dir/bench.conf"
	bench_initramfs "$dir/initramfs.cpio" "$dir/bench.conf"
	ln -sf "${DATA_IMG:-$IMGDIR/data.img}" "$dir/disk.img"
	ln -sf "${TOOLS_IMG:-$IMGDIR/tools.img}" "$dir/disk2.img"
	log "$name: booting $REL (${VM_MEM} MiB, TCG); console: $dir/console.log"
	: >"$dir/tap.log"
	tail -F -n +1 "$dir/tap.log" 2>/dev/null |
		sed -u -n -e "s/^P /bench: $name: /p" -e "s/^E /bench: $name: ERROR: /p" >&2 &
	tailpid=$!
	boot_guest "$dir" "$(kernel_file "$ROOT" "$REL" vmlinuz)" "$dir/initramfs.cpio" || status=$?
	sleep 1
	kill "$tailpid" 2>/dev/null || true
	wait "$tailpid" 2>/dev/null || true
	clean_log "$dir/tap.log" >"$dir/out.txt"
	grep '^R ' "$dir/out.txt" | sed "s/^R /R boot=$name kernel=$REL module=$(module_id) mem=$VM_MEM date=$(date -u +%F) /" >>"$RESULTS"
	grep -E '^(@@series|S |B |V )' "$dir/out.txt" >"$dir/series.txt" || true
	grep -E '^# ' "$dir/out.txt" | sed "s/^/bench: $name: /" >&2 || true
	log "$name: $((SECONDS - t0)) s"
	if [ "$status" != 0 ] || ! grep -q '^@@done' "$dir/out.txt"; then
		log "$name: the guest did not finish (status $status); console tail:"
		clean_log "$dir/console.log" | tail -n 15 | sed 's/^/bench:   /' >&2
		return 1
	fi
	grep -q '^E ' "$dir/out.txt" && return 1
	return 0
}
