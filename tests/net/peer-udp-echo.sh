# UDP round trips to the guest's echo server (unet udp-echo on port 7):
# 200 datagrams of 1 to 1400 bytes, each with its own content, each
# echoed intact (lost ones sent again), then "quit".
# needs: guest-udp
# (On QEMU the guest's UDP passes only on an unrestricted user network:
# tests/kvm/run.sh then runs QEMU and this peer in a network namespace of
# their own, where nothing leaves the machine.)
. "$PEER_DIR/peer-lib.sh"
"$UNET" udp "$GUEST_ADDR" "$GUEST_UDP_PORT" 200 300
