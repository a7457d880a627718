#!/usr/bin/env bash
# `make ltp-subset`: the fixed LTP subset (tests/ltp/subset) on Jiny under
# QEMU and under Xen, each run fresh, in make test's format: per
# hypervisor the line (QEMU twice: one vCPU, then 4 vCPUs as hv=qemu-smp4)
#   ltp: hv=H passed=N failed=N broken=N skipped=N hung=N linux_passed=N crashed=N
# then "FAIL hv=H ltp.NAME: ..." for each test that passes on the Linux
# guest (tests/ltp/linux-subset.txt) and not here, unless
# tests/ltp/expected-failures lists it, or "PASS hv=H ltp.subset".
# Ends with "ltp: N passed, N failed".  SKIP_XEN=1 runs QEMU only.
# Results: build/ltp/subset-<run>.txt (qemu, qemu-smp4, xen); consoles under build/ltp/logs/.
#   tests/ltp/subset.sh --linux   rewrites tests/ltp/linux-subset.txt
# The subset's tests take a few seconds on Linux: each gets 60 s in the
# guest (LTP_LIMIT) and LTP's own timeouts unscaled (LTP_TIMEOUT_MUL=1),
# 60 tests a boot (LTP_BATCH); the same settings for Linux and Jiny.
set -uo pipefail
cd "$(dirname "$0")/../.."
export LTP_LIMIT=${LTP_LIMIT:-60} LTP_TIMEOUT_MUL=${LTP_TIMEOUT_MUL:-1}
export LTP_BATCH=${LTP_BATCH:-60}
if [ "${1:-}" = --linux ]; then
	exec tests/ltp/run.py --hv linux --list tests/ltp/subset \
		--result tests/ltp/linux-subset.txt --fresh
fi
mkdir -p build/ltp
runs="qemu qemu-smp4 xen"
[ "${SKIP_XEN:-0}" = 1 ] && runs="qemu qemu-smp4"
passed=0 failed=0
for run in $runs; do
	hv=${run%-smp*} smp=1
	[ "$run" = "$hv" ] || smp=${run#*-smp}
	out=$(LTP_SMP=$smp tests/ltp/run.py --hv "$hv" --list tests/ltp/subset \
		--result "build/ltp/subset-$run.txt" --fresh \
		--judge tests/ltp/linux-subset.txt 2>"build/ltp/subset-$run.err")
	rc=$?
	printf '%s\n' "$out"
	p=$(grep -c "^PASS hv=$run " <<<"$out")
	f=$(grep -c "^FAIL hv=$run " <<<"$out")
	if [ $((p + f)) -eq 0 ]; then
		tail -n 20 "build/ltp/subset-$run.err"
		echo "FAIL hv=$run ltp.subset: no result (run.py exited $rc)"
		f=1
	fi
	passed=$((passed + p)) failed=$((failed + f))
done
echo "ltp: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
