# Sourced by the busybox test scripts in the guest: check NAME EXPECTED
# ACTUAL prints "<prefix>: ok NAME" or "<prefix>: FAILED NAME: ..." and
# counts failures in $fails.  Set $prefix first.
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
