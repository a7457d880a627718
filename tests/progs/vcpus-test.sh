# Run by /bin/busybox sh in a Xen guest with 4 vCPUs while
# tests/net/peer-vcpus.sh in dom0 runs "xl vcpu-set" down to 1 and back
# to 4, to 3 and to 4 again: /proc/cpus shows CPUs 1-3 rested, then all
# back, each having rested once, then CPU 3 rested, then back; CPU 0 runs
# threads throughout.  Meanwhile smpstress runs again and again (threads,
# futexes, pipes, fork, shootdowns): every run must pass, so no thread is
# lost as CPUs go and come.
prefix=vcpus-test
. /bin/check.sh

$bb mount -t proc proc /proc
check mount-proc 0 $?
rested() { $bb awk '$1 ~ /^[0-9]+$/ && $4 == "rested"' /proc/cpus | $bb wc -l; }
$bb rm -f /tmp/stress-stop /tmp/stress-failed /tmp/stress-runs
(
	n=0
	while [ ! -e /tmp/stress-stop ]; do
		if ! /bin/smpstress 1 mutex,pipes,fork,remap >/tmp/stress.log 2>&1
		then
			$bb cat /tmp/stress.log
			$bb echo "$n" >>/tmp/stress-failed
		fi
		n=$((n + 1))
		$bb echo "$n" >/tmp/stress-runs
	done
) &
stress=$!
$bb echo "$prefix: ready"
# Bounded by the case's time limit; the peer acts on "ready".
while [ "$(rested)" != 3 ]; do $bb sleep 0.2; done
$bb echo "$prefix: rested 3"
$bb cat /proc/cpus
check cpu0-runs-threads threads "$($bb awk '$1 == "0" { print $4 }' /proc/cpus)"
while [ "$(rested)" != 0 ]; do $bb sleep 0.2; done
$bb echo "$prefix: back"
$bb cat /proc/cpus
check all-back 3 "$($bb awk '$1 ~ /^[1-9][0-9]*$/ && $4 != "rested"' /proc/cpus | $bb wc -l)"
check each-rested-once 3 "$($bb awk '$1 ~ /^[1-9][0-9]*$/ && $5 == 1' /proc/cpus | $bb wc -l)"
# Then, once the peer has seen all four online: xl vcpu-set 3.
while [ "$(rested)" != 1 ]; do $bb sleep 0.2; done
$bb echo "$prefix: rested 1"
check cpu3-rests rested "$($bb awk '$1 == "3" { print $4 }' /proc/cpus)"
# And the peer's last word, once it has checked that: xl vcpu-set 4.
while [ "$(rested)" != 0 ]; do $bb sleep 0.2; done
check cpu3-rested-twice 2 "$($bb awk '$1 == "3" { print $5 }' /proc/cpus)"
$bb touch /tmp/stress-stop
wait $stress
check stress-runs-passed "" "$($bb cat /tmp/stress-failed 2>/dev/null)"
check stress-ran yes "$([ "$($bb cat /tmp/stress-runs)" -ge 1 ] && echo yes)"
$bb echo "$prefix: smpstress ran $($bb cat /tmp/stress-runs) times"
$bb echo "$prefix: done, $fails failures"
[ $fails -eq 0 ]
