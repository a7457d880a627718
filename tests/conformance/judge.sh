#!/usr/bin/env bash
# The conformance run as a `make test` suite: runs tests/conformance/run.sh
# (host, then each hypervisor) and turns each line
#   conformance: busybox hv=H passed=N failed=N skipped=N host_passed=N
# into PASS/FAIL at the issue's bar: at least 90 % of the host's passes.
# SKIP_XEN=1 runs QEMU only.  Then QEMU again with 4 vCPUs (threads on
# every one; SKIP_SMP=1 leaves it out), judged the same and named
# conformance.busybox-smp4.  Ends with "conformance: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/../.."
hvs=qemu,xen
[ "${SKIP_XEN:-0}" = 1 ] && hvs=qemu
out=$(tests/conformance/run.sh --hv "$hvs" 2>&1)
rc=$?
if [ "${SKIP_SMP:-0}" != 1 ]; then
	out4=$(CONF_SMP=4 tests/conformance/run.sh --hv qemu 2>&1)
	rc4=$?
	[ $rc -ne 0 ] || rc=$rc4
	out="$out
$(sed -n 's/^\(conformance: busybox hv=qemu\) /\1-smp4 /p' <<<"$out4")"
fi
passed=0 failed=0
while read -r line; do
	echo "$line"
	hv=$(sed -n 's/.* hv=\([a-z0-9-]*\) .*/\1/p' <<<"$line")
	p=$(sed -n 's/.* passed=\([0-9]*\) .*/\1/p' <<<"$line")
	h=$(sed -n 's/.* host_passed=\([0-9]*\).*/\1/p' <<<"$line")
	if [ -n "$p" ] && [ -n "$h" ] && [ "$h" -gt 0 ] && [ $((p * 100)) -ge $((h * 90)) ]; then
		name=conformance.busybox
		case $hv in *-smp4) hv=${hv%-smp4} name=$name-smp4 ;; esac
		echo "PASS hv=$hv $name ($p of the host's $h)"
		passed=$((passed + 1))
	else
		name=conformance.busybox
		case $hv in *-smp4) hv=${hv%-smp4} name=$name-smp4 ;; esac
		echo "FAIL hv=$hv $name: ${p:-?} of the host's ${h:-?} (need 90 %)"
		failed=$((failed + 1))
	fi
done < <(grep '^conformance: busybox hv=' <<<"$out")
if [ "${SKIP_SMP:-0}" != 1 ] && ! grep -q '^conformance: busybox hv=qemu-smp4 ' <<<"$out"; then
	printf '%s\n' "$out4" | tail -n 20
	echo "FAIL hv=qemu conformance.busybox-smp4: no result line (run.sh exited $rc4)"
	failed=$((failed + 1))
fi
if [ $((passed + failed)) -eq 0 ]; then
	printf '%s\n' "$out" | tail -n 20
	echo "FAIL hv=host conformance.busybox: no result line (run.sh exited $rc)"
	failed=1
fi
echo "conformance: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
