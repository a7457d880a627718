#!/usr/bin/env bash
# Host test of the boot-case judge (tests/check-case.sh) on made-up
# console logs: ok:TEXT must be found in what a program printed, never in
# the kernel's own lines (its echo of the command line above all).  One
# PASS/FAIL line per check; exit 0 iff all passed.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0

boot() {	# the kernel's lines up to init; $1 is the command line
	cat <<EOT
xen: version 4.17, cpuid base 0x40000000, shared_info at pfn 0x163
initramfs: 4 entries, 9884 bytes
jiny: hv=qemu door=pvh mem=64M clock=tsc-hpet cpus=1
jiny: boot ok
jiny: boot-cost tsc_entry=1 tsc_ok=2 tsc_hz=3 image=4 free_kb=5 devices=0 cmdline="$1"
EOT
}

judge() {	# name want(PASS|FAIL) expect verdict log [memory spec]
	local res
	res=$(tests/check-case.sh qemu pvh "$1" "${6:-64}" "$3" "$4" "$5")
	if [[ $res == "$2"* ]]; then
		echo "PASS hv=host check-case.$1"; passed=$((passed + 1))
	else
		echo "FAIL hv=host check-case.$1: wanted $2, got: $res"; failed=$((failed + 1))
	fi
}

# The text only in the echoed command line: not the program's output.
{ boot "init='/bin/busybox echo hello from busybox'"
  echo "jiny: init exited with status 0"; echo "jiny: shutdown status=0"; } > "$tmp/echo-only"
judge cmdline-echo-only FAIL "ok:hello from busybox" ok "$tmp/echo-only"
# The same with the program's line: passes.
{ boot "init='/bin/busybox echo hello from busybox'"; echo "hello from busybox"
  echo "jiny: init exited with status 0"; } > "$tmp/echo-real"
judge program-output PASS "ok:hello from busybox" ok "$tmp/echo-real"
# Only in another kernel line (a warning naming it): fails.
{ boot "x"; echo "cmdline: ignoring unknown option 'three'"; } > "$tmp/warn"
judge kernel-warning-only FAIL "ok:three" ok "$tmp/warn"
# Every text of "A&&B" must be the program's.
{ boot "init=/bin/t"; echo "t: one"; echo "jiny: two"; } > "$tmp/and"
judge and-both FAIL "ok:t: one&&two" ok "$tmp/and"
judge and-first PASS "ok:t: one" ok "$tmp/and"
# kernel:TEXT looks in the kernel's lines, and only there.
judge kernel-text PASS "ok:t: one&&kernel:jiny: two" ok "$tmp/and"
judge kernel-text-not-program FAIL "ok:kernel:t: one" ok "$tmp/and"
# A clean exit is still required.
judge verdict FAIL "ok:t: one" fail "$tmp/and"
# A case with a peer: the peer's exit status 0 is needed too, and its
# lines are not the guest's output.
{ boot "init=/bin/t"; echo "t: done"; echo "peer: t: done"
  echo "peer: exit status 0"; } > "$tmp/peer-ok"
judge peer-ok PASS "ok:t: done" ok "$tmp/peer-ok" 64,net,peer=x
{ boot "init=/bin/t"; echo "t: done"; echo "peer: FAIL: no echo"
  echo "peer: exit status 1"; } > "$tmp/peer-fail"
judge peer-failed FAIL "ok:t: done" ok "$tmp/peer-fail" 64,net,peer=x
{ boot "init=/bin/t"; echo "t: done"; } > "$tmp/peer-none"
judge peer-no-status FAIL "ok:t: done" ok "$tmp/peer-none" 64,net,peer=x
{ boot "init=/bin/t"; echo "peer: t: done"; echo "peer: exit status 0"; } > "$tmp/peer-only"
judge peer-text-not-guest FAIL "ok:t: done" ok "$tmp/peer-only" 64,net,peer=x
# The prefixes come from the kernel's printk calls and cover its lines.
re=$(tools/klog-prefixes.py --regex)
for p in jiny initramfs pci pv sched xen ktest panic backtrace trap exec; do
	if [[ "$p: x" =~ $re ]]; then
		echo "PASS hv=host check-case.prefix-$p"; passed=$((passed + 1))
	else
		echo "FAIL hv=host check-case.prefix-$p: not in $re"; failed=$((failed + 1))
	fi
done
n=0
for line in "uhello: done, all checks passed" "Linux jiny 6.1.0-jiny" "three-3"; do
	n=$((n + 1))
	if [[ $line =~ $re ]]; then
		echo "FAIL hv=host check-case.program-line-$n: '$line' taken for the kernel's"; failed=$((failed + 1))
	else
		echo "PASS hv=host check-case.program-line-$n ($line)"; passed=$((passed + 1))
	fi
done
echo "check-case: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
