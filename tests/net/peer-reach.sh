# The path to the guest works, before any server runs there: under Xen
# the guest's DHCP address answers ping (lwIP's ICMP echo); on both, a
# TCP connection to the guest's port 80, where nothing listens, is
# closed by the guest's reset at once (QEMU: the forwarded connection is
# closed; Xen: connect() is refused), not left to time out.
. "$PEER_DIR/peer-lib.sh"
if [ "$PEER_HV" = xen ]; then
	i=0
	until $BB ping -c 1 -W 1 "$GUEST_ADDR" >/dev/null 2>&1; do
		i=$((i + 1))
		[ $i -lt 60 ] || fail "$GUEST_ADDR does not answer ping ($i tries)"
		sleep 1
	done
	say "$GUEST_ADDR answers ping (after $i failed tries)"
	$BB ping -c 3 -W 2 "$GUEST_ADDR" | grep -E 'transmitted|round-trip' |
		sed 's/^/peer: /'
fi
fwd=
[ "$PEER_HV" = qemu ] && fwd=-f
"$UNET" closed $fwd "$GUEST_ADDR" "$GUEST_HTTP_PORT" 60 || exit 1
# Once more with the guest up: the reset comes at once (within the try's
# 10 s bound, far below TCP's connect timeout).
"$UNET" closed $fwd "$GUEST_ADDR" "$GUEST_HTTP_PORT" 10 || exit 1
