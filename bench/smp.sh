#!/usr/bin/env bash
# Parallel speed-up on QEMU (MTTCG under TCG, or ACCEL=kvm): the same
# fixed amount of CPU-bound work (bench/parbench.c) split over W
# processes, then W threads, in guests with 1, 2 and 4 vCPUs (W = the
# vCPUs), each run once in one boot.  Prints, per line,
#   bench: name=smp.<procs|threads>.v<N> hv=qemu clock=wall value=MS unit=ms speedup=S
# S is the 1-vCPU time over this one; names ending in .linux are the
# Linux guest's (Debian's kernel, the same binary, the same QEMU line), each
# boot right after Jiny's with as many vCPUs.  This machine has 2 cores, so
# with TCG no more than 2x can show: 4 vCPUs share 2 host threads' worth.
# Then the ring-0 system-call loop's instructions per iteration with one
# vCPU (-icount): what the SMP code costs where it is not used, to
# compare with the same line built from an earlier commit.
#   bench/smp.sh [UNITS]   (default 960: 960 x 2^20 multiply-adds, about
#   1.4 s on one vCPU here; far fewer measure start-up, not the work)
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
units=${1:-960}
out=build/bench/smp
mkdir -p "$out"
# The Linux guest: Debian's kernel (the one the LTP comparison boots), the
# same parbench binary (static, musl), on the same QEMU command line.
scripts/xen-stage.sh
lkernel=$(ls build/xen/stage/boot/vmlinuz-* | tail -n 1)
printf '#!/bin/busybox sh\nn=$(/bin/busybox nproc)\n/bin/parbench procs $n %s\n/bin/parbench threads $n %s\n/bin/busybox poweroff -f\n' \
	"$units" "$units" >"$out/linux-init"
python3 tools/mkcpio.py "$out/linux-initrd.cpio" dir:bin dir:dev dir:proc \
	chr:dev/console=5,1 file:bin/busybox=/bin/busybox \
	file:bin/parbench=build/progs/parbench file:init="$out/linux-init"
declare -A base
# run GUEST V: one boot of GUEST (jiny or linux) with V vCPUs; prints
# its two lines.
run() {
	local g=$1 v=$2 log=$out/$1-v$2.log suffix= kind ns ms sp
	if [ "$g" = jiny ]; then
		tools/run-qemu.sh --kernel build/jiny.elf --initrd build/test-initrd.cpio \
			--smp "$v" --mem 256 --serial stdio --timeout 900 \
			--cmdline "init='/bin/busybox sh -c \"/bin/parbench procs $v $units; /bin/parbench threads $v $units\"'" \
			>"$log" 2>&1
	else
		suffix=.linux
		tools/run-qemu.sh --no-debug-exit --kernel "$lkernel" \
			--initrd "$out/linux-initrd.cpio" --smp "$v" --mem 256 \
			--serial stdio --timeout 900 \
			--cmdline "console=ttyS0 quiet panic=-1" >"$log" 2>&1
	fi
	for kind in procs threads; do
		ns=$(tr -d '\r' <"$log" | sed -n "s/^bench: par kind=$kind workers=$v units=$units ns=\([0-9]*\).*/\1/p" | tail -n 1)
		if [ -z "$ns" ]; then
			echo "bench: smp.$kind.v$v$suffix: no result (see $log)"
			continue
		fi
		ms=$((ns / 1000000))
		[ "$v" = 1 ] && base[$g.$kind]=$ms
		sp=$(awk -v b="${base[$g.$kind]:-0}" -v m="$ms" 'BEGIN { if (m > 0 && b > 0) printf "%.2f", b / m; else print "?" }')
		echo "bench: name=smp.$kind.v$v$suffix hv=qemu clock=wall value=$ms unit=ms speedup=$sp"
	done
}
for v in 1 2 4; do
	run jiny "$v"
	run linux "$v"
done
log=$out/sysloop.log
tools/run-qemu.sh --kernel build/jiny.elf --initrd build/test-initrd.cpio \
	--mem 256 --serial stdio --icount --timeout 600 \
	--cmdline "ring0='/bin/sysloop 200000 null'" >"$log" 2>&1
tr -d '\r' <"$log" | sed -n 's/^bench: sysloop iters=\([0-9]*\) tsc=\([0-9]*\) .*/\1 \2/p' | tail -n 1 |
	awk '{ printf "bench: name=sysloop.ring0.insn_per_iter hv=qemu clock=icount value=%.1f unit=insn\n", $2 / $1 }'
