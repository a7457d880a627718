#!/usr/bin/env bash
# The boot cases of tests/boot.cases that are marked "xen", run as PVH
# domUs under the real Xen 4.17 (one nested Xen boot for all of them, see
# tests/xen/run.sh) and judged by tests/check-case.sh exactly as on QEMU.
# Ends with "xen: N passed, N failed".
#   tests/xen/run-cases.sh [CASE...]
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
out=build/test/xen
rm -rf "$out"
mkdir -p "$out"
passed=0 failed=0
declare -A mem_of expect_of initrd_of
. tests/lib.sh

: > "$out/cases"
# INPUT (text to type at the shell prompt, \n between lines) goes verbatim
# into the harness's fifth field: printf '%s', so nothing expands it.
while IFS='|' read -r name mem tmo expect cmdline initrd input; do
	mem_of[$name]=$mem
	expect_of[$name]=$expect
	initrd_of[$name]=$initrd
	# ",net" (a network device) is a vif to the harness; a case with a
	# peer (",peer=NAME") finds the peer's server at dom0's 10.99.0.1:8000.
	case ,$mem, in *,peer=*) cmdline="$cmdline net.peer=10.99.0.1:8000" ;; esac
	# ",smp=N" is the guest's vcpus.  This nested Xen (QEMU's TCG
	# emulating SVM) hurts the memory of a guest whose vCPUs run at
	# once, and dom0's, whatever the guest: Debian's own Linux kernel
	# too (tests/xen/linux-smp-probe.sh, docs/status.md).  So a guest
	# with several vCPUs keeps its threads on vCPU 0 here (smp=idle)
	# unless its case names smp= itself.
	case ,$mem, in
	*,smp=1,*) ;;
	*,smp=*)
		case " $cmdline " in
		*" smp="*) ;;
		*) cmdline="$cmdline smp=idle" ;;
		esac ;;
	esac
	m=${mem/,net/,vif}
	m=${m/,memfile/}	# QEMU's RAM file: dom0 maps the guest's frames instead
	printf '%s|%s|%s|%s%s\n' "$name" "${m/,smp=/,vcpus=}" "$tmo" "$cmdline" \
		"${input:+|$input}" >> "$out/cases"
done < <(cases xen "$@")

# One Xen boot per distinct initrd (the harness takes one ramdisk).
mapfile -t initrds < <(printf '%s\n' "${initrd_of[@]}" | sort -u)

if ! scripts/xen-stage.sh; then
	echo "FAIL hv=xen harness.stage: could not stage Xen and dom0"
	echo "xen: 0 passed, 1 failed"
	exit 1
fi
for rd in "${initrds[@]}"; do
	sub=$out/$(basename "$rd" .cpio)
	mkdir -p "$sub"
	: > "$sub/cases"
	while IFS='|' read -r name rest; do
		[ "${initrd_of[$name]}" = "$rd" ] && echo "$name|$rest" >> "$sub/cases"
	done < "$out/cases"
	rdarg=()
	[ "$rd" = none ] || rdarg=(--initrd "$rd")
	if ! tests/xen/run.sh --cases "$sub/cases" --kernel build/jiny.elf \
	    "${rdarg[@]}" --logdir "$sub"; then
		echo "FAIL hv=xen harness.boot: Xen, dom0 or the harness failed (see $sub/xen-serial.log)"
		failed=$((failed + 1))
	fi
	for f in "$sub"/*.log "$sub"/*.end; do
		[ -e "$f" ] && ln -sf "$(basename "$sub")/$(basename "$f")" "$out/$(basename "$f")"
	done
done

while IFS='|' read -r name _ _ _; do
	end=$(cat "$out/$name.end" 2>/dev/null || echo missing)
	log=$out/$name.log
	case $end in
	poweroff)
		if grep -aq '^jiny: shutdown status=0' "$log" 2>/dev/null; then
			verdict=ok
		elif grep -aq '^jiny: shutdown status=1' "$log" 2>/dev/null; then
			verdict=fail
		else
			verdict="poweroff-without-status"
		fi ;;
	reboot)
		# on_reboot="destroy" (configs/jiny.xl): the domain ends.
		if grep -aq '^jiny: shutdown status=reboot' "$log" 2>/dev/null; then
			verdict=reboot
		else
			verdict="error(reboot)"	# a triple fault, say
		fi ;;
	crash) verdict=crash ;;
	timeout) verdict=timeout ;;
	*) verdict="error($end)" ;;
	esac
	res=$(tests/check-case.sh xen pvh "$name" "${mem_of[$name]}" \
		"${expect_of[$name]}" "$verdict" "$log")
	echo "$res"
	tally "$res"
	if grep -q '^FAIL' <<<"$res"; then
		echo "--- console of $name (end=$end):"
		tail -n 40 "$log" 2>/dev/null
		echo "---"
	fi
done < "$out/cases"
# The Xen-only profile boots on its own (a second, short Xen boot).
if [ $# -eq 0 ] && make -s PROFILE=xen build/jiny-xen.elf >/dev/null; then
	mkdir -p "$out/profile"
	echo "profile-xen|64|120|ktest=all" > "$out/profile/cases"
	tests/xen/run.sh --cases "$out/profile/cases" --kernel build/jiny-xen.elf \
		--logdir "$out/profile" >/dev/null 2>&1
	end=$(cat "$out/profile/profile-xen.end" 2>/dev/null || echo missing)
	verdict="error($end)"
	[ "$end" = poweroff ] && grep -aq '^jiny: shutdown status=0' \
	    "$out/profile/profile-xen.log" && verdict=ok
	res=$(tests/check-case.sh xen pvh profile-xen 64 ktest-quiet "$verdict" \
		"$out/profile/profile-xen.log")
	echo "$res"
	tally "$res"
fi
echo "xen: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
