# The host's side of the vcpus case (tests/progs/vcpus-test.sh in the
# guest), in dom0 only: "xl vcpu-set" takes the guest from 4 vCPUs to 1,
# back to 4, to 3 and to 4 again; "xl vcpu-list" must show vCPUs 1-3
# offline, all four online, then vCPU 3 offline (the guest waits for the
# last step before it ends).  The guest's console is $GUEST_CONSOLE.
. "$PEER_DIR/peer-lib.sh"

wait_line() { console_line "^vcpus-test: $1"; }	# WORDS
online() { vcpus_online; }

# step N LINE ONLINE: xl vcpu-set to N, wait for the guest's LINE, and
# check that xl vcpu-list shows exactly ONLINE on physical CPUs.  This
# nested Xen has 2 physical CPUs: more vCPUs overcommit it, which xl
# refuses without --ignore-host.
step() {
	xl vcpu-set --ignore-host "$GUEST_NAME" "$1" || fail "xl vcpu-set $1 failed"
	wait_line "$2" || fail "the guest did not say '$2' after vcpu-set $1"
	xl vcpu-list "$GUEST_NAME" | sed 's/^/vcpu-list: /'
	[ "$(online)" = "$3" ] || fail "after vcpu-set $1, xl vcpu-list shows online: $(online)"
	say "after vcpu-set $1: online vCPUs $(online)"
}

[ "$PEER_HV" = xen ] || fail "xl vcpu-set is Xen's"
wait_line ready || fail "the guest never said ready"
say "before: online vCPUs $(online)"
step 1 "rested 3" "0 "
step 4 back "0 1 2 3 "
step 3 "rested 1" "0 1 2 "
# The last word: the guest goes on (and powers off) after it, so no
# xl vcpu-list follows; the guest checks that CPU 3 came back.
xl vcpu-set --ignore-host "$GUEST_NAME" 4 || fail "xl vcpu-set 4 failed"
wait_line done || fail "the guest did not finish"
say ok
