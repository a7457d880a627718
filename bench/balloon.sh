#!/usr/bin/env bash
# Time to give back and take back half the guest's memory, on QEMU
# (virtio-balloon, QMP "balloon") and under the nested Xen ("xl
# mem-set"): the boot case balloon-half (tests/progs/balloon-test.sh with
# tests/net/peer-balloon.sh) at a larger size, run through the usual
# runners.  Prints one line per hypervisor and direction:
#   bench: balloon hv=H mem=MB batch=N half=PAGES give_ms=G take_ms=T host_give_ms=HG host_take_ms=HT
# give_ms/take_ms: the guest's policy, from seeing the new target to
# meeting it (/proc/balloon's last_change_took_ns); host_*: from the
# host's command to the guest's line saying so (includes the peer's
# 0.1 s polling and QMP or xl start-up).  Not a test: nothing is judged.
#   bench/balloon.sh [MEM_MB] [WORKING_SET_MB]   (default 512 and 64)
#   HV=qemu|xen|qemu,xen (default both); BATCH=N: balloon.batch=N (frames
#   a request, 1..256; default 256) to see what batching buys
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
mem=${1:-512} ws=${2:-64} hvs=${HV:-qemu,xen} batch=${BATCH:-256}
out=build/bench/balloon
mkdir -p "$out"
cases=$out/cases
echo "balloon-bench | $hvs | $mem,balloon,peer=balloon | 600 | ok:balloon-test: done, 0 failures | init='/bin/busybox sh /bin/balloon-test.sh $ws' balloon.batch=$batch" > "$cases"

report() {	# HV LOG
	local l g t
	[ -f "$2" ] || { echo "bench: balloon hv=$1: no log"; return; }
	grep -aq 'balloon-test: done, 0 failures' "$2" ||
		echo "bench: balloon hv=$1: the case did not pass (see $2)"
	g=$(tr -d '\r' <"$2" | sed -n 's/^balloon-test: inflated lent=\([0-9]*\) took_ns=\([0-9]*\).*/\1 \2/p' | tail -n 1)
	t=$(tr -d '\r' <"$2" | sed -n 's/^balloon-test: deflated took_ns=\([0-9]*\).*/\1/p' | tail -n 1)
	l=$(tr -d '\r' <"$2" | sed -n 's/.*peer: half:.*took \([0-9]*\) ms (host).*/\1/p' | tail -n 1)
	h=$(tr -d '\r' <"$2" | sed -n 's/.*peer: back:.*took \([0-9]*\) ms (host).*/\1/p' | tail -n 1)
	set -- "$1" $g
	echo "bench: balloon hv=$1 mem=$mem batch=$batch half=${2:-?} give_ms=$(( ${3:-0} / 1000000 )) take_ms=$(( ${t:-0} / 1000000 )) host_give_ms=${l:-?} host_take_ms=${h:-?}"
}

if [[ ,$hvs, == *,qemu,* ]]; then
	BOOT_CASES=$cases tests/kvm/run.sh balloon-bench >"$out/qemu.out" 2>&1
	cp build/test/kvm/balloon-bench.pvh.log "$out/qemu.log" 2>/dev/null
	report qemu "$out/qemu.log"
fi
if [[ ,$hvs, == *,xen,* ]]; then
	BOOT_CASES=$cases tests/xen/run-cases.sh balloon-bench >"$out/xen.out" 2>&1
	cp build/test/xen/balloon-bench.log "$out/xen.log" 2>/dev/null
	report xen "$out/xen.log"
fi
