# Run by /bin/busybox sh in a guest with N vCPUs (the first argument) and
# the elastic CPU policy on (cpu_rest=, 1000 ms by default): idle, the
# policy rests CPUs 1..N-1 (/proc/cpus: "rested", by "policy"); N
# spinning processes bring them all back; stopped, they rest again; a
# thread pinned to each CPU (smpstress's affinity check) brings back the
# one it asks for and runs there.  Every wait is bounded (60 s): a CPU
# that never comes back fails the case rather than hang it.  With a
# second argument "peer" (Xen), the host's side (tests/net/peer-elastic.sh)
# checks xl vcpu-list at "rested" and at "back", and the guest waits for
# its word on port 9000 each time.  With a third argument "idle" (the
# guest booted with smp=idle: other CPUs take no threads, so no load can
# bring them back), only the resting half runs.
prefix=cpu-elastic
. /bin/check.sh
n=$1
others=$((n - 1))
peer=${2:-}
mode=${3:-threads}
# hear STEP: with a peer, say STEP and wait for the peer's "ok".
hear() {
	[ "$peer" = peer ] || return 0
	$bb echo "$prefix: $1"
	/bin/unet wait 9000 300
	check "peer-saw-$1" 0 $?
}

$bb mount -t proc proc /proc
check mount-proc 0 $?
by_policy() { $bb awk '$1 ~ /^[1-9][0-9]*$/ && $4 == "rested" && $10 == "policy"' /proc/cpus | $bb wc -l; }
awake() { $bb awk '$1 ~ /^[1-9][0-9]*$/ && $4 != "rested"' /proc/cpus | $bb wc -l; }
# wait_for WHAT WANT: poll WHAT (a function) every 0.2 s until it prints
# WANT, for 60 s at most; prints what it saw last.
wait_for() {
	i=0 got=$($1)
	while [ "$got" != "$2" ] && [ $i -lt 300 ]; do
		$bb sleep 0.2
		i=$((i + 1))
		got=$($1)
	done
	$bb echo "$got"
}

check idle-rests-all "$others" "$(wait_for by_policy "$others")"
$bb cat /proc/cpus
hear rested
if [ "$mode" = idle ]; then
	check idle-cpus-stay-rested "$others" "$(by_policy)"
	$bb echo "$prefix: done, $fails failures"
	[ $fails -eq 0 ]
	exit
fi
rests0=$($bb awk '$1 == "elastic:" { print $7 }' /proc/cpus)

pids=
for i in $($bb seq 1 "$n"); do
	( while :; do :; done ) &
	pids="$pids $!"
done
check load-brings-all-back "$others" "$(wait_for awake "$others")"
$bb cat /proc/cpus
wakes=$($bb awk '$1 == "elastic:" { print $9 }' /proc/cpus)
check policy-counted-wakes yes "$([ "${wakes:-0}" -ge "$others" ] && echo yes || echo no)"
# Every spinner got CPU time on some CPU other than 0.
busy=$($bb awk '$1 ~ /^[1-9][0-9]*$/ && $9 > 0' /proc/cpus | $bb wc -l)
check others-ran-threads "$others" "$busy"
# /proc/stat splits busy time: the spinners' loops are ring 3, so on
# the other CPUs user time outweighs system time, and both exist.
check stat-user-system-split yes "$($bb awk '$1 ~ /^cpu[1-9]/ { u += $2; s += $4 } $1 == "cpu" { tu = $2; ts = $4 } END { print (u > s && tu > 0 && ts > 0) ? "yes" : "no" }' /proc/stat)"
# The kernel lock's counts: taken, and waited for with four CPUs busy.
check klock-counted yes "$($bb awk '$1 == "klock:" { print ($3 + 0 > 0 && $5 + 0 > 0) ? "yes" : "no" }' /proc/cpus)"
hear back
kill $pids
wait 2>/dev/null

check idle-again-rests-all "$others" "$(wait_for by_policy "$others")"
rests1=$($bb awk '$1 == "elastic:" { print $7 }' /proc/cpus)
check policy-counted-rests yes "$([ "${rests1:-0}" -ge $((rests0 + others)) ] && echo yes || echo no)"

# Pinned threads: each asks for a resting CPU, which comes back for it.
/bin/smpstress 1 affinity >/tmp/aff.log 2>&1
st=$?
$bb cat /tmp/aff.log
check affinity-to-resting-cpus 0 "$st"
$bb cat /proc/cpus
$bb echo "$prefix: done, $fails failures"
[ $fails -eq 0 ]
