# SPDX-License-Identifier: GPL-2.0
# Fetching Debian kernels into the cache without installing them (sourced).
#
# Each suite set gets a private apt state under $CACHE/apt/ whose mirror
# URIs are read from the host's deb822 sources at run time.  A kernel is
# unpacked (image + modules + headers + kbuild) into
# $CACHE/kernels/<release>/root and marked complete with a "done" file, so
# a warm run neither updates apt lists nor downloads.

APT_SOURCES=${HOTCOLD_APT_SOURCES:-/etc/apt/sources.list.d/debian.sources}

# apt_source SUITE: print "URI KEYRING" for SUITE from the deb822 sources:
# the stanza listing SUITE, else a stanza of the same kind (-security or
# not), since a suite not configured here lives on the same mirror.
apt_source() {
	[ -r "$APT_SOURCES" ] || die "cannot read $APT_SOURCES (deb822 apt sources)"
	awk -v want="$1" '
	function flush() {
		if (uri != "") {
			n = split(suites, s, " ")
			for (i = 1; i <= n; i++) {
				sec = s[i] ~ /-security$/
				if (s[i] == want && exact == "") exact = uri " " key
				if (sec == (want ~ /-security$/) && kind == "") kind = uri " " key
			}
		}
		uri = ""; suites = ""; key = ""
	}
	/^[ \t]*#/ { next }
	/^[ \t]*$/ { flush(); next }
	tolower($1) == "uris:" { uri = $2 }
	tolower($1) == "suites:" { $1 = ""; suites = $0 }
	tolower($1) == "signed-by:" { key = $2 }
	END {
		flush()
		r = exact != "" ? exact : kind
		if (r == "") exit 1
		split(r, f, " ")
		if (f[2] == "") f[2] = "/usr/share/keyrings/debian-archive-keyring.gpg"
		print f[1], f[2]
	}' "$APT_SOURCES" || die "no apt source usable for suite $1 in $APT_SOURCES"
}

# apt_init SUITES(comma list): set APTDIR and APT_OPTS for a private apt
# state of these suites; update its lists unless they exist already.
apt_init() {
	local suites=$1 s src
	APTDIR=$CACHE/apt/${suites//,/+}
	APT_OPTS=(-q -o "Dir::Etc::SourceList=$APTDIR/sources.list"
		-o Dir::Etc::SourceParts=/dev/null
		-o "Dir::State::Lists=$APTDIR/lists"
		-o "Dir::Cache=$APTDIR/cache"
		-o Dir::State::status=/dev/null
		-o APT::Sandbox::User=root
		-o Acquire::Languages=none)
	[ -f "$APTDIR/updated" ] && [ -z "${HOTCOLD_VM_REFRESH:-}" ] && return 0
	mkdir -p "$APTDIR/lists/partial" "$APTDIR/cache/archives/partial"
	: >"$APTDIR/sources.list"
	for s in ${suites//,/ }; do
		read -r -a src <<<"$(apt_source "$s")"
		echo "deb [signed-by=${src[1]}] ${src[0]} $s main" >>"$APTDIR/sources.list"
	done
	log "apt-get update for $suites"
	logged "$APTDIR/update.log" apt-get "${APT_OPTS[@]}" update ||
		die "apt-get update failed for suites $suites (sources: $APTDIR/sources.list)"
	grep -qE '^(W|E):' "$APTDIR/update.log" &&
		die "apt-get update for $suites reported problems: $(grep -E '^(W|E):' "$APTDIR/update.log" | head -n 3)"
	touch "$APTDIR/updated"
}

# resolve_release CONFIG SUITES REGEX: print the kernel release (the image
# package name without linux-image-), the newest in the suites; cached per
# config so a warm run does not look again (HOTCOLD_VM_REFRESH=1 does).
resolve_release() {
	local config=$1 suites=$2 regex=$3 f=$CACHE/resolved/$1 pkg
	if [ -s "$f" ] && [ -z "${HOTCOLD_VM_REFRESH:-}" ]; then
		cat "$f"
		return 0
	fi
	apt_init "$suites"
	pkg=$(apt-cache "${APT_OPTS[@]}" pkgnames linux-image- |
		grep -E "^${regex}\$" | sort -V | tail -n 1)
	[ -n "$pkg" ] || die "$config: no package matching $regex in $suites"
	mkdir -p "$CACHE/resolved"
	echo "${pkg#linux-image-}" >"$f"
	echo "${pkg#linux-image-}"
}

# image_debs RELEASE: the image package and, where it is split (sid:
# linux-base/-binary/-modules-RELEASE), the packages it depends on that
# carry the release in their name
image_debs() {
	local rel=$1
	echo "linux-image-$rel"
	apt-cache "${APT_OPTS[@]}" depends "linux-image-$rel" |
		awk -v r="$rel" '$1 == "Depends:" && $2 ~ /^linux-/ && index($2, r) { print $2 }' | sort -u
}

# kernel_file ROOT RELEASE vmlinuz|config: path of the kernel image or its
# config in an unpacked kernel (Debian moved them out of /boot over time)
kernel_file() {
	local root=$1 rel=$2 what=$3 f
	for f in "$root/boot/$what-$rel" "$root/usr/lib/modules/$rel/$what" \
		"$root/lib/modules/$rel/$what" "$root/usr/lib/linux/$what-$rel"; do
		[ -e "$f" ] && { echo "$f"; return 0; }
	done
	[ "$what" = config ] && [ -e "$root/usr/src/linux-headers-$rel/.config" ] &&
		{ echo "$root/usr/src/linux-headers-$rel/.config"; return 0; }
	return 1
}

# header_debs RELEASE: print the packages needed to build against RELEASE
header_debs() {
	local rel=$1
	echo "linux-headers-$rel"
	apt-cache "${APT_OPTS[@]}" depends "linux-headers-$rel" |
		awk '$1 == "Depends:" && $2 ~ /^linux-(headers-.*-common.*|kbuild-.*)$/ { print $2 }'
}

# fetch_kernel CONFIG RELEASE SUITES: unpack the kernel into
# $CACHE/kernels/RELEASE/root unless done already.
fetch_kernel() {
	local config=$1 rel=$2 suites=$3 kdir=$CACHE/kernels/$2 p debs
	[ -f "$kdir/done" ] && return 0
	apt_init "$suites"
	rm -rf "$kdir"
	mkdir -p "$kdir/debs" "$kdir/root"
	debs=$(image_debs "$rel"; header_debs "$rel")
	for p in $debs; do
		log "$config: downloading $p"
		(cd "$kdir/debs" && logged "$kdir/download-$p.log" apt-get "${APT_OPTS[@]}" download "$p") ||
			die "$config: could not download package $p from $suites"
	done
	for p in "$kdir"/debs/*.deb; do
		dpkg-deb -x "$p" "$kdir/root" || die "$config: could not unpack $p"
	done
	fix_headers "$kdir/root" "$rel" || die "$config: headers of $rel are not usable"
	merged_usr_modules "$kdir/root" "$rel"
	kernel_file "$kdir/root" "$rel" vmlinuz >/dev/null || die "$config: no vmlinuz in linux-image-$rel"
	rm -rf "$kdir/debs"
	touch "$kdir/done"
}

# fix_headers ROOT RELEASE: make the unpacked headers work from ROOT: the
# arch Makefile includes the common one by absolute path, and old kernels
# name a compiler this host does not have.
fix_headers() {
	local root=$1 rel=$2 hdr=$1/usr/src/linux-headers-$2 cc
	[ -f "$hdr/Makefile" ] || return 1
	sed -i "s|^include /usr/src/|include $root/usr/src/|" "$hdr/Makefile"
	cc=$(sed -n 's/^CC = .*\(gcc-[0-9][0-9]*\).*/\1/p' "$hdr/.kernelvariables" 2>/dev/null)
	if [ -n "$cc" ] && ! command -v "$cc" >/dev/null; then
		log "$rel: $cc is not installed, building with gcc-12"
		sed -i "s/$cc/gcc-12/" "$hdr/.kernelvariables"
	fi
	mkdir -p "$root/lib/modules/$rel"
	ln -sfn "$hdr" "$root/lib/modules/$rel/build"
}

# merged_usr_modules ROOT RELEASE: modules in /usr/lib/modules (merged
# /usr) are made visible where depmod -b and modprobe -d look
merged_usr_modules() {
	if [ ! -d "$1/lib/modules/$2" ] && [ -d "$1/usr/lib/modules/$2" ]; then
		mkdir -p "$1/lib/modules"
		ln -sfn "../../usr/lib/modules/$2" "$1/lib/modules/$2"
	fi
}
