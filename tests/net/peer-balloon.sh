# The host's side of the balloon case (tests/progs/balloon-test.sh in the
# guest): sets the balloon's target and compares the host's view with
# the guest's.  QEMU: QMP "balloon" and "query-balloon" on $GUEST_QMP;
# Xen: "xl mem-set" and "xl list" on $GUEST_NAME.  The guest's console is
# $GUEST_CONSOLE, its memory $GUEST_MEM_MB.  Steps: half the memory; a
# target far below the guest's floor (refused in part); all of it back.
# Prints the host's times from each command to the guest's "lent" line
# (bench: tests/net/peer-balloon.sh's "took" lines).
. "$PEER_DIR/peer-lib.sh"
mem=$GUEST_MEM_MB
log=$GUEST_CONSOLE

ms() { awk '{ printf "%d\n", $1 * 1000 }' /proc/uptime; }

# wait_line WORD: the guest's "balloon-test: WORD ..." line (bounded by
# the case's time limit, which bounds this whole script).
wait_line() {
	while :; do
		ended=$(grep -ac '^balloon-test: gave up\|^jiny: shutdown' "$log" 2>/dev/null)
		l=$({ tr -d '\r' <"$log"; } 2>/dev/null | grep -a "^balloon-test: $1" | tail -n 1)
		[ -n "$l" ] && { echo "$l"; return 0; }
		[ "${ended:-0}" -gt 0 ] && return 1	# looked after it ended
		sleep 0.1
	done
}

set_target() {	# MB: the guest's memory as the host wants it
	if [ "$PEER_HV" = qemu ]; then
		qmp balloon $(($1 * 1048576)) >/dev/null
	else
		xl mem-set "$GUEST_NAME" "${1}m"
	fi
}

host_kb() {	# the guest's memory as the host sees it, in KiB
	if [ "$PEER_HV" = qemu ]; then
		qmp query-balloon | sed 's/.*"actual": *\([0-9]*\).*/\1/' |
			awk '{ print $1 / 1024 }'
	else
		xl list "$GUEST_NAME" | awk 'NR == 2 { print $3 * 1024 }'
	fi
}

field() { echo "$2" | tr ' ' '\n' | sed -n "s/^$1=//p"; }

wait_line ready >/dev/null || fail "the guest never said ready"
h0=$(host_kb)
say "guest ready; the host sees ${h0} KiB"

t=$(ms)
set_target $((mem / 2))
l=$(wait_line inflated) || fail "the guest did not meet half the memory"
took=$(($(ms) - t))
lent=$(field lent "$l")
h1=$(host_kb)
say "half: guest lent $lent pages; host sees ${h1} KiB; took ${took} ms (host), $(($(field took_ns "$l") / 1000000)) ms (guest)"
# QEMU counts exactly what the guest lent; Xen's figure is in MiB.
diff=$((h0 - h1 - lent * 4))
[ "$PEER_HV" = qemu ] && [ $diff != 0 ] && fail "host and guest disagree by $diff KiB"
[ "$PEER_HV" = xen ] && { [ $diff -gt 1024 ] || [ $diff -lt -1024 ]; } &&
	fail "host and guest disagree by $diff KiB"
say "host and guest agree (difference ${diff} KiB)"

set_target 16
l=$(wait_line refused) || fail "the guest did not refuse a target below its floor"
h2=$(host_kb)
say "below the floor: $l; host sees ${h2} KiB"
[ "$h2" -gt 8192 ] || fail "the guest gave below its floor"

t=$(ms)
set_target "$mem"
l=$(wait_line deflated) || fail "the guest did not take its memory back"
took=$(($(ms) - t))
h3=$(host_kb)
say "back: host sees ${h3} KiB; took ${took} ms (host), $(($(field took_ns "$l") / 1000000)) ms (guest)"
diff=$((h0 - h3))
[ "$PEER_HV" = qemu ] && [ $diff != 0 ] && fail "the host did not get back to ${h0} KiB"
set_target $((mem - 4))	# the last word: the guest goes on
wait_line done >/dev/null || fail "the guest did not finish"
say "ok"
