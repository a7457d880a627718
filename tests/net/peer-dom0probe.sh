# dom0's side of tests/xen/linux-smp-probe.sh (under Xen only): while the
# guest runs, `xl vcpu-list`, `xl info` and `ls` every 0.3 s; each round
# in which one of them fails (139 SIGSEGV, 134 SIGABRT, 127 not found:
# dom0's own memory hurt) is printed and counted.  Ends when the guest is
# gone (xl vcpu-list exits 1) or says "lx: done"; last line
# "peer: rounds N bad N".
. "$PEER_DIR/peer-lib.sh"
n=0 bad=0
while :; do
	xl vcpu-list "$GUEST_NAME" >/dev/null 2>&1; r1=$?
	[ "$r1" = 1 ] && break
	xl info >/dev/null 2>&1; r2=$?
	ls / >/dev/null 2>&1; r3=$?
	if [ "$r1" != 0 ] || [ "$r2" != 0 ] || [ "$r3" != 0 ]; then
		bad=$((bad + 1))
		say "round $n: xl vcpu-list $r1, xl info $r2, ls $r3"
	fi
	n=$((n + 1))
	tr -d '\r' <"$GUEST_CONSOLE" 2>/dev/null | grep -aq '^lx: done' && break
	sleep 0.3
done
say "rounds $n bad $bad"
