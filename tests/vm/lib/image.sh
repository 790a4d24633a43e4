# SPDX-License-Identifier: GPL-2.0
# Building what a guest boots: hotcold.ko, hcprobe, the initramfs and the
# test disks (sourced).

# per-test timeout inside the guest, seconds
TEST_TIMEOUT=${HOTCOLD_VM_TEST_TIMEOUT:-300}
# how much slower than a plain kernel the guest runs (debug kernels: see
# lib/rhel.sh); the guest's tests repeat their cycles that many times less
SLOWDOWN=1

# Storage modules a Debian guest loads (with their dependencies, in
# order): the disks and both filesystems under test.  Optional ones may be
# built in or gone (crc32c_generic is a library in newer kernels).  RHEL's
# boot kernels have them built in.
GUEST_MODULES="virtio_blk ext4 xfs"
GUEST_MODULES_OPTIONAL="virtio_pci crc32c_generic"

# module_sources_hash HDRDIR: what a build of hotcold.ko depends on
module_sources_hash() {
	{
		echo "$1"
		find "$MODULE_TREE/src" "$MODULE_TREE/Makefile" -type f ! -path '*/ctl/*' -print0 |
			sort -z | xargs -0 sha1sum
	} | sha1sum | cut -d' ' -f1
}

# build_module RELEASE HDRDIR LOG: build hotcold.ko for RELEASE with the
# top Makefile; print the path of the module whose vermagic is RELEASE.
# Not rebuilt when no source changed since the last build.  One build at
# a time: parallel boots of one release share it.
build_module() {
	local rel=$1 hdr=$2 log=$3 ko hash stamp=$WORK/ko-$1.hash
	exec 8>"$WORK/kbuild.lock"
	flock 8
	hash=$(module_sources_hash "$hdr")
	if [ "$(cat "$stamp" 2>/dev/null)" != "$hash" ] || [ ! -f "$KO_BUILD/module/$rel/hotcold.ko" ]; then
		rm -f "$stamp"
		# BUILD=: our own output tree, so that a build running in the
		# work tree at the same time cannot mix objects with ours
		MAKEFLAGS= HC_JOBS=2 make -C "$MODULE_TREE" module KDIR="$hdr" BUILD="$KO_BUILD" \
			>"$log" 2>&1 || return 1
		echo "$hash" >"$stamp"
	else
		echo "sources unchanged since the last build: reusing it" >"$log"
	fi
	exec 8>&-
	for ko in "$KO_BUILD/module/$rel/hotcold.ko" "$KO_BUILD"/module/*/hotcold.ko; do
		[ -f "$ko" ] || continue
		if [ "$(modinfo -F vermagic "$ko" | cut -d' ' -f1)" = "$rel" ]; then
			echo "$ko"
			return 0
		fi
	done
	echo "make module succeeded but no $KO_BUILD/module/*/hotcold.ko has vermagic $rel" >>"$log"
	return 1
}

# build_guest_tool SRC OUT: a static guest helper (with residency.h),
# rebuilt when its sources changed; prints OUT
build_guest_tool() {
	local src=$1 out=$2
	mkdir -p "$(dirname "$out")"
	if [ ! -x "$out" ] || [ "$src" -nt "$out" ] || [ "$VMDIR/guest/residency.h" -nt "$out" ]; then
		gcc -static -O2 -Wall -Wextra -Werror -I"$VMDIR/guest" -o "$out" "$src" ||
			die "building $src failed (needs gcc and libc6-dev)"
	fi
	echo "$out"
}

# build_hotcoldctl: static hotcoldctl for the guest, built by the top
# Makefile into our own tree (make tracks its sources)
build_hotcoldctl() {
	MAKEFLAGS= make -s -C "$TOP" ctl BUILD="$WORK/ctl-static" LDFLAGS=-static >&2 ||
		die "building a static hotcoldctl failed (needs gcc and libc6-dev)"
	echo "$WORK/ctl-static/ctl/hotcoldctl"
}

# install_kmod ST: the host's kmod as modprobe, with the shared libraries
# it needs, so that the guest loads modules the way a distribution does
install_kmod() {
	local st=$1 kmod lib
	kmod=$(readlink -f "$(command -v modprobe)")
	mkdir -p "$st/sbin"
	cp "$kmod" "$st/sbin/kmod"
	for lib in $(ldd "$kmod" | awk '$2 == "=>" { print $3 } $1 ~ /^\// { print $1 }'); do
		mkdir -p "$st$(dirname "$lib")"
		cp -L "$lib" "$st$lib"
	done
	ln -sf kmod "$st/sbin/modprobe"
}

# install_module ST ROOT RELEASE KO: hotcold.ko where modprobe finds it
# (/lib/modules/RELEASE/extra, as DKMS puts it on EL), with modules.dep
# from depmod; /hotcold.ko links to it for the insmod tests.  ROOT "-":
# a kernel without a modules tree.
install_module() {
	local st=$1 root=$2 rel=$3 ko=$4 f
	mkdir -p "$st/lib/modules/$rel/extra"
	cp "$ko" "$st/lib/modules/$rel/extra/hotcold.ko"
	for f in modules.builtin modules.builtin.modinfo modules.order; do
		if [ -f "$root/lib/modules/$rel/$f" ]; then
			cp "$root/lib/modules/$rel/$f" "$st/lib/modules/$rel/"
		else
			: >"$st/lib/modules/$rel/$f"
		fi
	done
	depmod -b "$st" "$rel" || die "depmod -b $st $rel failed"
	ln -s "lib/modules/$rel/extra/hotcold.ko" "$st/hotcold.ko"
}

# params_list: "name kind def min max flags sdef" for each entry of the
# parameter table, read from params.def (never hardcoded here)
params_list() {
	awk '/^HC_PARAM\(/ {
		s = $0
		sub(/^HC_PARAM\(/, "", s)
		n = 0
		while (n < 7) {	# the 7 fields before the doc string
			s = substr(s, match(s, /[^ ]/))
			if (substr(s, 1, 1) == "\"") {
				e = index(substr(s, 2), "\"") + 1
				f[++n] = substr(s, 2, e - 2)
				s = substr(s, e + 1)
			} else {
				e = index(s, ",")
				f[++n] = substr(s, 1, e - 1)
				s = substr(s, e)
			}
			s = substr(s, index(s, ",") + 1)
		}
		gsub(/ /, "", f[7])
		print f[1], f[2], f[3], f[4], f[5], f[7], f[6]
	}' "$TOP/src/common/params.def"
}

# guest_module_files ROOT RELEASE: ordered list of the .ko files (host
# paths) the guest needs for the guest modules
guest_module_files() {
	local root=$1 rel=$2 m deps all=
	[ -f "$root/lib/modules/$rel/modules.dep" ] || depmod -b "$root" "$rel" ||
		die "depmod failed for $rel in $root"
	for m in $GUEST_MODULES_OPTIONAL $GUEST_MODULES; do
		if ! deps=$(modprobe -d "$root" -S "$rel" --show-depends "$m" 2>&1); then
			case " $GUEST_MODULES " in
			*" $m "*) die "$rel: no module $m: $deps" ;;
			esac
			log "$rel: no module $m, going on without it"
			continue
		fi
		all="$all$deps
"
	done
	printf '%s' "$all" | awk '$1 == "insmod" && !seen[$2]++ { print $2 }'
}

# initramfs_base ST ROOT RELEASE: a fresh initramfs tree in ST with
# busybox and the storage modules of RELEASE (/lib/modules/load.list
# gives their insmod order; empty for ROOT "-": all built in)
initramfs_base() {
	local st=$1 root=$2 rel=$3 f base a mods
	rm -rf "$st"
	mkdir -p "$st"/{bin,sbin,etc,proc,sys,dev,tmp,mnt,mnt2,lib/modules}
	cp /bin/busybox "$st/bin/busybox"
	for a in $(/bin/busybox --list); do
		[ "$a" = busybox ] || ln -s busybox "$st/bin/$a"
	done
	: >"$st/lib/modules/load.list"
	[ "$root" != - ] || return 0
	mods=$(guest_module_files "$root" "$rel") || die "no module list for $rel"
	for f in $mods; do
		base=$(basename "$f")
		case $f in
		*.xz)	xz -dc "$f" >"$st/lib/modules/${base%.xz}"; base=${base%.xz} ;;
		*.zst)	zstd -qdc "$f" >"$st/lib/modules/${base%.zst}"; base=${base%.zst} ;;
		*)	cp "$f" "$st/lib/modules/$base" ;;
		esac
		echo "$base" >>"$st/lib/modules/load.list"
	done
}

# build_initramfs DIR CONFIG FS RELEASE ROOT KO TESTS LRU: DIR/initramfs.cpio
build_initramfs() {
	local dir=$1 config=$2 fs=$3 rel=$4 root=$5 ko=$6 tests=$7 lru=$8
	local st=$dir/initramfs t
	initramfs_base "$st" "$root" "$rel"
	mkdir -p "$st/t"
	cp "$HCPROBE" "$st/bin/hcprobe"
	cp "$HOTCOLDCTL" "$st/sbin/hotcoldctl"
	install_kmod "$st"
	install_module "$st" "$root" "$rel" "$ko"
	cp "$VMDIR/guest/init" "$st/init"
	cp "$VMDIR/guest/lib.sh" "$st/t/lib.sh"
	cp "$TOP/tests/ctl/prom-lint" "$TOP/systemd/hotcold-metrics.service" "$st/t/"
	for t in $tests; do
		cp "$VMDIR/guest/$t.test" "$st/t/$t.test"
	done
	params_list >"$st/t/params.list"
	cat >"$st/etc/hc.conf" <<-CONF
	HC_CONFIG='$config'
	HC_FS='$fs'
	HC_TESTS='$tests'
	HC_LRU_GEN='$lru'
	HC_TEST_TIMEOUT=$TEST_TIMEOUT
	HC_SLOWDOWN=$SLOWDOWN
	CONF
	cp "$VMDIR/guest/kernel-reports" "$st/t/kernel-reports"
	chmod 755 "$st/init"
	(cd "$st" && find . | cpio -o -H newc --quiet) >"$dir/initramfs.cpio" || die "cpio of $st failed"
}

# make_disk FILE FS: a fresh, sparse 1 GiB image formatted with FS: room
# for hugefile.test's file of most of the guest's memory
make_disk() {
	rm -f "$1"
	truncate -s 1G "$1"
	case $2 in
	ext4)	mkfs.ext4 -q -F "$1" ;;
	xfs)	mkfs.xfs -q -f "$1" ;;
	*)	false ;;
	esac || die "mkfs.$2 $1 failed"
}
