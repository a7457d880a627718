#!/usr/bin/env bash
# `make ltp-subset`: the fixed LTP subset (tests/ltp/subset) on Jiny under
# QEMU and under Xen, each run fresh, in make test's format: per
# hypervisor the line
#   ltp: hv=H passed=N failed=N broken=N skipped=N hung=N linux_passed=N crashed=N
# then "FAIL hv=H ltp.NAME: ..." for each test that passes on the Linux
# guest (tests/ltp/linux-subset.txt) and not here, unless
# tests/ltp/expected-failures lists it, or "PASS hv=H ltp.subset".
# Ends with "ltp: N passed, N failed".  SKIP_XEN=1 runs QEMU only.
# Results: build/ltp/subset-<hv>.txt; consoles under build/ltp/logs/.
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
hvs="qemu xen"
[ "${SKIP_XEN:-0}" = 1 ] && hvs=qemu
passed=0 failed=0
for hv in $hvs; do
	out=$(tests/ltp/run.py --hv "$hv" --list tests/ltp/subset \
		--result "build/ltp/subset-$hv.txt" --fresh \
		--judge tests/ltp/linux-subset.txt 2>"build/ltp/subset-$hv.err")
	rc=$?
	printf '%s\n' "$out"
	p=$(grep -c "^PASS hv=$hv " <<<"$out")
	f=$(grep -c "^FAIL hv=$hv " <<<"$out")
	if [ $((p + f)) -eq 0 ]; then
		tail -n 20 "build/ltp/subset-$hv.err"
		echo "FAIL hv=$hv ltp.subset: no result (run.py exited $rc)"
		f=1
	fi
	passed=$((passed + p)) failed=$((failed + f))
done
echo "ltp: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
