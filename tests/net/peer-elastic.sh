# The host's side of the cpu-elastic-xen case (tests/progs/cpu-elastic-
# test.sh in the guest, with "peer"), in dom0 only: when the guest's
# elastic CPU policy has rested vCPUs 1-3 on its own (the guest says
# "rested"), xl vcpu-list must show only vCPU 0 online; when load has
# brought them back ("back"), all four.  The guest waits for the word
# after each look.  A guest booted with smp=idle (the script's "idle")
# has only the first step.
. "$PEER_DIR/peer-lib.sh"

wait_line() { console_line "^cpu-elastic: $1\$"; }	# WORD
online() { vcpus_online; }

# look WORD ONLINE: at the guest's WORD, xl vcpu-list shows ONLINE.
look() {
	wait_line "$1" || fail "the guest never said '$1'"
	xl vcpu-list "$GUEST_NAME" | sed 's/^/vcpu-list: /'
	[ "$(online)" = "$2" ] || fail "at '$1', xl vcpu-list shows online: $(online)"
	say "at '$1': online vCPUs $(online)"
	tell ok
}

[ "$PEER_HV" = xen ] || fail "xl vcpu-list is Xen's"
look rested "0 "
case $PEER_CMDLINE in
*cpu-elastic-test.sh\ 4\ peer\ idle*) ;;	# smp=idle: no load half
*) look back "0 1 2 3 " ;;
esac
wait_line "done, 0 failures" || fail "the guest did not finish"
say ok
