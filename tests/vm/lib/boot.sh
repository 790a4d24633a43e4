# SPDX-License-Identifier: GPL-2.0
# Booting a guest and turning its output into TAP (sourced).

QEMU=${HOTCOLD_QEMU:-qemu-system-x86_64}
VM_MEM=${HOTCOLD_VM_MEM:-1024}
# vCPUs (the benchmarks' scenario 7 runs with one)
VM_CPUS=2
# seconds without any new result line before a guest counts as hung
VM_STALL=${HOTCOLD_VM_STALL:-240}

# boot_guest DIR VMLINUZ INITRD: boot with DIR/disk.img and DIR/disk2.img;
# the console goes to DIR/console.log, the guest's results to DIR/tap.log.
# Returns 0 when the guest powered off, 124 when it was killed as hung.
boot_guest() {
	local dir=$1 kernel=$2 initrd=$3 pid last=-1 size idle=0
	: >"$dir/console.log"
	: >"$dir/tap.log"
	# thread=single: kprobe insertion under multi-threaded TCG oopses
	"$QEMU" -accel tcg,thread=single -cpu max -m "$VM_MEM" -smp "$VM_CPUS" \
		-kernel "$kernel" -initrd "$initrd" \
		-append "console=ttyS0 loglevel=5 panic=-1 kfence.sample_interval=100 ${HOTCOLD_VM_APPEND:-}" \
		-drive "file=$dir/disk.img,format=raw,if=virtio" \
		-drive "file=$dir/disk2.img,format=raw,if=virtio" \
		-display none -monitor none -no-reboot \
		-serial "file:$dir/console.log" -serial "file:$dir/tap.log" \
		>"$dir/qemu.log" 2>&1 &
	pid=$!
	while kill -0 "$pid" 2>/dev/null; do
		sleep 2
		size=$(stat -c %s "$dir/tap.log")
		if [ "$size" != "$last" ]; then
			last=$size
			idle=0
		else
			idle=$((idle + 2))
		fi
		if [ "$idle" -ge "$VM_STALL" ]; then
			log "guest silent for ${VM_STALL}s, killing qemu (pid $pid)"
			kill "$pid" 2>/dev/null
			wait "$pid" 2>/dev/null
			return 124
		fi
	done
	wait "$pid" || { log "qemu exited with $? (see $dir/qemu.log)"; return 1; }
	return 0
}

# clean_log FILE: text without escape sequences, CRs and NULs
clean_log() {
	sed -e 's/\x1b\[[0-9;?]*[A-Za-z]//g' -e 's/\x1b[()][A-Z0-9]//g' -e 's/\x1b.//g' \
		-e 's/\r//g' "$1" | tr -d '\000'
}

# console_bad DIR: the first lines of kernel reports in the console log
# (the headers the guest's dmesg check matches)
console_bad() { clean_log "$1/console.log" | grep -E -f "$VMDIR/guest/kernel-reports"; }

# report_guest CONFIG DIR TESTS STATUS: TAP for one boot's results
report_guest() {
	local config=$1 dir=$2 tests=$3 status=$4 line cur= t
	local -A ended=()
	while IFS= read -r line; do
		case $line in
		"@@begin "*)	cur=${line#@@begin } ;;
		"@@end "*)	ended[${line#@@end }]=1; cur= ;;
		"@@boot "*|"@@done") ;;
		"ok - "*)	tap_ok "$config: ${cur:-boot}: ${line#ok - }" ;;
		"not ok - "*)	tap_nok "$config: ${cur:-boot}: ${line#not ok - }" ;;
		"#"*)		echo "$line" ;;
		"")		;;
		*)		echo "# ${cur:-guest}: $line" ;;
		esac
	done < <(clean_log "$dir/tap.log")
	for t in $tests; do
		[ -n "${ended[$t]:-}" ] && continue
		case $status in
		124)	tap_nok "$config: $t: finished (guest hung: no output for ${VM_STALL}s)" ;;
		*)	tap_nok "$config: $t: finished (guest stopped before the end of the test)" ;;
		esac
		[ "$status" != gone ] || continue
		console_bad "$dir" | head -n 30 | sed 's/^/# console: /'
		clean_log "$dir/console.log" | tail -n 15 | sed 's/^/# console tail: /'
		status=gone	# details once
	done
}
