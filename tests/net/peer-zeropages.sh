# The host's side of the zero-pages case (tests/progs/zeropages-test.sh
# in the guest): counts the whole-zero 4 KiB pages of the guest's memory
# (QEMU: its RAM file $GUEST_MEM_FILE, a memory-backend-file, counted by
# unet zeropages; Xen: the running guest's frames, by tests/xen/xzero.c)
# before and
# after the guest frees 32 MiB of random bytes, and wants three quarters
# of them more at least, besides what the balloon's 4 MiB may add on QEMU
# (its pages go back to the host as holes, which read as zero) or take
# away under Xen (they leave the guest).  The balloon's target (QMP "balloon" on
# $GUEST_QMP, or "xl mem-set") is its word to the guest.
. "$PEER_DIR/peer-lib.sh"
mem=$GUEST_MEM_MB
log=$GUEST_CONSOLE

wait_line() {	# WORD: the guest's "zeropages-test: WORD ..." line
	while :; do
		ended=$(grep -ac '^zeropages-test: gave up\|^jiny: shutdown' "$log" 2>/dev/null)
		l=$({ tr -d '\r' <"$log"; } 2>/dev/null | grep -a "^zeropages-test: $1" | tail -n 1)
		[ -n "$l" ] && { echo "$l"; return 0; }
		[ "${ended:-0}" -gt 0 ] && return 1
		sleep 0.1
	done
}


# zero_pages: the whole-zero 4 KiB pages of the guest's memory: QEMU's
# RAM file, or under Xen the running guest's frames mapped from dom0
# (tests/xen/xzero.c; the pages it lent are not there).
zero_pages() {
	if [ "$PEER_HV" = qemu ]; then
		"$UNET" zeropages "$GUEST_MEM_FILE" | cut -d' ' -f1
	else
		"$PEER_DIR/xzero" "$(xl domid "$GUEST_NAME")" $((mem * 256)) |
			cut -d' ' -f1
	fi
}

set_target() {	# MB: the guest's memory as the host wants it
	if [ "$PEER_HV" = qemu ]; then
		qmp balloon $(($1 * 1048576)) >/dev/null || fail "QMP balloon failed"
	else
		xl mem-set "$GUEST_NAME" "${1}m" || fail "xl mem-set failed"
	fi
}

l=$(wait_line ready) || fail "the guest never said ready"
[ "$PEER_HV" = xen ] || [ -f "$GUEST_MEM_FILE" ] ||
	fail "no RAM file ($GUEST_MEM_FILE)"
pages=$(echo "$l" | sed 's/.*pages=\([0-9]*\).*/\1/')
z1=$(zero_pages)
say "before: $z1 zero pages of $((mem * 256)) (the guest holds $pages pages of random bytes)"
set_target $((mem - 4))
wait_line freed >/dev/null || fail "the guest did not free and zero its pages"
z2=$(zero_pages)
gain=$((z2 - z1))
say "after: $z2 zero pages, $gain more"
set_target "$mem"
# Three quarters of what the guest freed at least, besides the balloon's
# 1024 pages: on QEMU they come back as holes (up to 1024 more zero
# pages), under Xen they leave the guest (up to 1024 fewer, if they were
# zero).  With no zeroing the gain would be at most 1024 (QEMU) or 0.
if [ "$PEER_HV" = qemu ]; then
	want=$((pages * 3 / 4 + 1024))
else
	want=$((pages * 3 / 4 - 1024))
fi
[ "$gain" -ge "$want" ] || fail "only $gain more zero pages; want $want"
say ok
