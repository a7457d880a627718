#!/usr/bin/env bash
# Boot test cases (tests/boot.cases) on QEMU: TCG by default, KVM with
# ACCEL=kvm.  Each case boots build/jiny.elf by -kernel (the PVH door), and
# cases marked "iso" also through GRUB (build/jiny-test.iso, multiboot2).
# Verdicts come from isa-debug-exit (1 ok, 3 fail, 5 crash) and the console
# log; logs go to build/test/kvm/.  Ends with "kvm: N passed, N failed".
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

verdict_of() {
	case $1 in
	1) echo ok ;;
	3) echo fail ;;
	5) echo crash ;;
	124|137) echo timeout ;;
	*) echo "error(status $1)" ;;
	esac
}

run_case() {	# name door mem timeout expect cmdline
	local name=$1 door=$2 mem=$3 tmo=$4 expect=$5 cmdline=$6
	local log=$out/$name.$door.log st res
	if [ "$door" = pvh ]; then
		tools/run-qemu.sh --kernel build/jiny.elf --cmdline "$cmdline" \
			--mem "$mem" --serial "$log" --timeout "$tmo" >/dev/null 2>"$log.err"
	else
		tools/mkiso.sh build/jiny.elf "$out/$name.iso" "$cmdline" >/dev/null &&
		tools/run-qemu.sh --iso "$out/$name.iso" --mem "$mem" \
			--serial "$log.raw" --timeout "$tmo" >/dev/null 2>"$log.err"
	fi
	st=$?
	# GRUB paints the serial console with escape codes before jiny runs.
	[ -f "$log.raw" ] && sed -n '/^jiny\|^ktest\|^panic\|^backtrace\|^  #\|^trap\|^mm\|^cmdline/,$p' "$log.raw" | tr -d '\r' > "$log"
	res=$(tests/check-case.sh "$hv" "$door" "$name" "$mem" "$expect" \
		"$(verdict_of $st)" "$log")
	echo "$res"
	passed=$((passed + $(grep -c '^PASS' <<<"$res")))
	failed=$((failed + $(grep -c '^FAIL' <<<"$res")))
	if grep -q '^FAIL' <<<"$res"; then
		echo "--- console of $name ($door), QEMU status $st:"
		tail -n 40 "$log" 2>/dev/null
		tail -n 5 "$log.err" 2>/dev/null
		echo "---"
	fi
}

trim() { local s=$1; s=${s#"${s%%[![:space:]]*}"}; echo "${s%"${s##*[![:space:]]}"}"; }

while IFS='|' read -r name hvs mem tmo expect cmdline; do
	name=$(trim "$name")
	[ -z "$name" ] || [ "${name:0:1}" = "#" ] && continue
	hvs=$(trim "$hvs") mem=$(trim "$mem") tmo=$(trim "$tmo")
	expect=$(trim "$expect") cmdline=$(trim "$cmdline")
	if [ $# -gt 0 ] && ! [[ " $* " == *" $name "* ]]; then continue; fi
	[[ ,$hvs, == *,qemu,* ]] && run_case "$name" pvh "$mem" "$tmo" "$expect" "$cmdline"
	[[ ,$hvs, == *,iso,* ]] && run_case "$name" multiboot2 "$mem" "$tmo" "$expect" "$cmdline"
done < tests/boot.cases

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
