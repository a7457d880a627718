# Sourced by the busybox test scripts in the guest: check NAME EXPECTED
# ACTUAL prints "<prefix>: ok NAME" or "<prefix>: FAILED NAME: ..." and
# counts failures in $fails; wait_for COND waits, a bounded number of
# looks, until the shell condition COND holds.  Set $prefix first.
bb=/bin/busybox
fails=0
check() {	# name expected actual
	if [ "$2" = "$3" ]; then
		$bb echo "$prefix: ok $1"
	else
		$bb echo "$prefix: FAILED $1: expected [$2] got [$3]"
		fails=$((fails + 1))
	fi
}
# wait_for COND: up to 3000 looks, 0.1 s apart in the guest's sleep;
# 1 (and /proc/balloon shown) if COND never held.
wait_for() {
	i=0
	while [ $i -lt 3000 ]; do
		eval "$1" && return 0
		$bb sleep 0.1
		i=$((i + 1))
	done
	$bb echo "$prefix: gave up waiting for: $1"
	$bb cat /proc/balloon
	return 1
}
