# The host's side of the vcpus case (tests/progs/vcpus-test.sh in the
# guest), in dom0 only: "xl vcpu-set" takes the guest from 4 vCPUs to 1,
# back to 4, to 3 and to 4 again; "xl vcpu-list" must show vCPUs 1-3
# offline, all four online, then vCPU 3 offline (the guest waits for the
# last step before it ends).  The guest's console is $GUEST_CONSOLE.
. "$PEER_DIR/peer-lib.sh"
log=$GUEST_CONSOLE

# wait_line WORDS: the guest's "vcpus-test: WORDS" line (the case's time
# limit bounds this whole script).
wait_line() {
	while :; do
		# Whether it had ended before the look: then the line is not
		# coming (a look the other way round can miss a line written
		# just before the shutdown's).
		ended=$(grep -ac '^jiny: shutdown' "$log" 2>/dev/null)
		{ tr -d '\r' <"$log"; } 2>/dev/null | grep -aq "^vcpus-test: $1" && return 0
		[ "${ended:-0}" -gt 0 ] && return 1
		sleep 0.2
	done
}

# The vCPUs xl vcpu-list shows on a physical CPU (online), by number.
online() {
	xl vcpu-list "$GUEST_NAME" | awk 'NR > 1 && $4 != "-" { printf "%s ", $3 }'
}

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
