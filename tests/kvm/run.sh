#!/usr/bin/env bash
# Boot test cases (tests/boot.cases) on QEMU: TCG by default, KVM with
# ACCEL=kvm.  Each case boots build/jiny.elf by -kernel (the PVH door), and
# cases marked "iso" also through GRUB (build/jiny-test.iso, multiboot2).
# Verdicts come from isa-debug-exit (1 ok, 3 fail, 5 crash), a reset (status
# 0 with "jiny: shutdown status=reboot": reboot) and the console log; logs go to build/test/kvm/.  Ends with "kvm: N passed, N failed".
#   tests/kvm/run.sh [CASE...]
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
out=build/test/kvm
rm -rf "$out"
mkdir -p "$out"
hv=qemu
[ "${ACCEL:-tcg}" = kvm ] && hv=kvm
passed=0 failed=0
. tests/lib.sh

verdict_of() {
	case $1 in
	1) echo ok ;;
	3) echo fail ;;
	5) echo crash ;;
	124|137) echo timeout ;;
	mkiso) echo "no ISO (mkiso failed)" ;;
	*) echo "error(status $1)" ;;
	esac
}

run_case() {	# name door mem timeout expect cmdline initrd [input]
	local name=$1 door=$2 mem=$3 tmo=$4 expect=$5 cmdline=$6 initrd=$7
	local input=${8:-}
	local log=$out/$name.$door.log st res rd=() devs=() spec=$mem qemu
	[ "$initrd" = none ] || rd=(--initrd "$initrd")
	# MEMORY_MB,net and ,q35 (tests/boot.cases): the guest's devices.
	case ,$mem, in *,net,*) devs=(--net) ;; esac
	case ,$mem, in *,q35,*) devs+=(--machine q35) ;; esac
	mem=${mem%%,*}
	rm -f "$log" "$log.raw" "$log.err"
	if [ -n "$input" ]; then
		# Typed at the shell prompt, as a person would.
		mapfile -d '' -t qemu < <(tools/run-qemu.sh --print0 \
			--kernel build/jiny.elf --cmdline "$cmdline" "${rd[@]}" \
			--mem "$mem" "${devs[@]}" --serial stdio)
		tools/qemu-expect.py --log "$log" --timeout "$tmo" --input "$input" -- \
			"${qemu[@]}" 2>"$log.err"
	elif [ "$door" = pvh ]; then
		tools/run-qemu.sh --kernel build/jiny.elf --cmdline "$cmdline" "${rd[@]}" \
			--mem "$mem" "${devs[@]}" --serial "$log" --timeout "$tmo" >/dev/null 2>"$log.err"
	elif tools/mkiso.sh build/jiny.elf "$out/$name.iso" "$cmdline" \
			"$([ "$initrd" = none ] || echo "$initrd")" >/dev/null 2>"$log.err"; then
		tools/run-qemu.sh --iso "$out/$name.iso" --mem "$mem" "${devs[@]}" \
			--serial "$log.raw" --timeout "$tmo" >/dev/null 2>>"$log.err"
	else
		false	# the ISO was not built: not a guest verdict
	fi
	st=$?
	[ "$door" = multiboot2 ] && [ ! -f "$log.raw" ] && st=mkiso
	# GRUB paints the serial console with escape codes before jiny runs.
	# Drop escape codes and carriage returns, then keep what follows GRUB's
	# "Booting `jiny'" line (all of it if GRUB's banner is missing).
	[ -f "$log.raw" ] && sed 's/\x1b\[[0-9;?]*[A-Za-z]//g' "$log.raw" | tr -d '\r' |
		awk '/Booting `jiny/ { n = NR; next } { l[NR] = $0 }
		     END { for (i = n + 1; i <= NR; i++) if (i in l) print l[i] }' > "$log"
	verdict=$(verdict_of $st)
	# A restart (reboot(2)) resets the machine, which with -no-reboot
	# ends QEMU with status 0; the guest's last line tells it apart.
	[ "$st" = 0 ] && grep -aq '^jiny: shutdown status=reboot' "$log" &&
		verdict=reboot
	res=$(tests/check-case.sh "$hv" "$door" "$name" "$spec" "$expect" \
		"$verdict" "$log")
	echo "$res"
	tally "$res"
	if grep -q '^FAIL' <<<"$res"; then
		echo "--- console of $name ($door), QEMU status $st:"
		tail -n 40 "$log" 2>/dev/null
		tail -n 5 "$log.err" 2>/dev/null
		echo "---"
	fi
}

while IFS='|' read -r name mem tmo expect cmdline initrd input; do
	run_case "$name" pvh "$mem" "$tmo" "$expect" "$cmdline" "$initrd" "$input"
done < <(cases qemu "$@")
while IFS='|' read -r name mem tmo expect cmdline initrd; do
	run_case "$name" multiboot2 "$mem" "$tmo" "$expect" "$cmdline" "$initrd"
done < <(cases iso "$@")

# Without isa-debug-exit the guest must power off through ACPI (S5):
# QEMU then exits 0.  On both machine types, through both doors, after a
# program that passes.
acpi_case() {	# name machine door
	local log=$out/acpi-$1.log st
	if [ "$3" = pvh ]; then
		tools/run-qemu.sh --kernel build/jiny.elf --machine "$2" --mem 64 \
			--cmdline init=/bin/uhello --initrd build/test-initrd.cpio \
			--no-debug-exit --serial "$log" --timeout 60 >/dev/null 2>&1
	else
		tools/mkiso.sh build/jiny.elf "$out/acpi.iso" init=/bin/uhello \
			build/test-initrd.cpio >/dev/null &&
		tools/run-qemu.sh --iso "$out/acpi.iso" --machine "$2" --mem 64 \
			--no-debug-exit --serial "$log" --timeout 60 >/dev/null 2>&1
	fi
	st=$?
	if [ $st -eq 0 ] && grep -aq '^jiny: shutdown status=0' "$log" &&
	    grep -aq '^uhello: done, all checks passed' "$log" &&
	    ! grep -aq 'power-off did not happen' "$log"; then
		echo "PASS hv=$hv acpi.poweroff-$1"; passed=$((passed + 1))
	else
		echo "FAIL hv=$hv acpi.poweroff-$1: QEMU status $st"; failed=$((failed + 1))
		tail -n 5 "$log"
	fi
}
if [ $# -eq 0 ]; then
	acpi_case pc-pvh pc pvh
	acpi_case q35-grub q35 iso
fi

# The single-hypervisor profile boots on its own.
if [ $# -eq 0 ] && make -s PROFILE=kvm build/jiny-kvm.elf >/dev/null; then
	log=$out/profile-kvm.log
	tools/run-qemu.sh --kernel build/jiny-kvm.elf --cmdline "ktest=all" \
		--serial "$log" --timeout 240 >/dev/null 2>&1
	res=$(tests/check-case.sh "$hv" pvh profile-kvm 256 ktest-quiet \
		"$(verdict_of $?)" "$log")
	echo "$res"
	tally "$res"
fi

# The image itself: both doors present and well formed.
if grub-file --is-x86-multiboot2 build/jiny.elf; then
	echo "PASS hv=$hv image.multiboot2_header"; passed=$((passed + 1))
else
	echo "FAIL hv=$hv image.multiboot2_header: grub-file rejects build/jiny.elf"; failed=$((failed + 1))
fi
if res=$(build/tools/elfcheck build/jiny.elf 2>&1); then
	echo "PASS hv=$hv image.pvh_note ($res)"; passed=$((passed + 1))
else
	echo "FAIL hv=$hv image.pvh_note: $res"; failed=$((failed + 1))
fi
echo "kvm: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
