#!/usr/bin/env bash
# `make test`: every suite in order (cheap first), one PASS/FAIL line per
# test, and a closing "N passed, N failed" over all of them.
#   build + layering + headers + every profile  (hv=host)
#   host unit tests under ASan/UBSan             (hv=host)
#   lwIP's own unit tests (check)                (hv=host)
#   QEMU boot cases                              (hv=qemu, or kvm with ACCEL=kvm)
#   real Xen 4.17 boot cases                     (hv=xen)
#   busybox's own testsuite, QEMU and Xen        (conformance, >= 90 % of
#                                                 the host's passes)
#   LTP's fixed subset, QEMU (1 and 4 vCPUs), Xen (ltp: every test that passes
#                                                 on the Linux guest passes,
#                                                 or is an expected failure)
# SKIP_XEN=1 leaves the Xen suite out (it is then reported as skipped).
# The totals count tests, not lines: a test is named by its hypervisor and
# name ("hv=qemu boot.x"), and fails once however many FAIL lines it
# printed (one per reason); a suite that dies without a FAIL line of its
# own counts as one failure.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
log=build/test/all.log
mkdir -p build/test
: > "$log"

step() {	# name command...: run, echo and record its PASS/FAIL lines
	local name=$1
	shift
	local out rc
	out=$("$@" 2>&1)
	rc=$?
	printf '%s\n' "$out" >> "$log"
	if grep -q '^\(PASS\|FAIL\) ' <<<"$out"; then
		grep '^\(PASS\|FAIL\) \|^--- \|^[^PF].*: [0-9]* passed\|^ltp: hv=' <<<"$out"
		# A suite that died without its own FAIL line still fails.
		if [ $rc -ne 0 ] && ! grep -q '^FAIL ' <<<"$out"; then
			echo "FAIL hv=host $name: exited $rc"
			echo "FAIL hv=host $name: exited $rc" >> "$log"
		fi
	elif [ $rc -eq 0 ]; then
		echo "PASS hv=host $name" | tee -a "$log"
	else
		printf '%s\n' "$out" | tail -n 30
		echo "FAIL hv=host $name: exited $rc" | tee -a "$log"
	fi
}

step build make -s all apps
step check.layers tools/check-layers.sh
step check.headers tools/check-headers.sh
step check.syscalls-doc tools/syscalls-doc.py --check
step check.case-judge tests/check-case-test.sh
for p in $(make -s --no-print-directory profiles); do
	[ "$p" = all ] && continue	# the build step above made it
	step "build.profile-$p" make -s PROFILE=$p build/jiny-$p.elf
done
step unit tests/unit/run.sh
step lwip tests/lwip/run.sh
step kvm tests/kvm/run.sh
if [ "${SKIP_XEN:-0}" = 1 ]; then
	echo "xen: suite skipped (SKIP_XEN=1)"
else
	step xen tests/xen/run-cases.sh
fi
step conformance tests/conformance/judge.sh
step ltp tests/ltp/subset.sh

read -r passed failed < <(tests/count-tests.sh < "$log")
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
