# 100 connections open at once to the guest's echo server (unet tcp-echo
# on port 7), each sending its own 1 B to 64 KiB and checking the echo,
# then "quit".  A probe first waits (bounded) for the server to listen.
. "$PEER_DIR/peer-lib.sh"
"$UNET" probe "$GUEST_ADDR" "$GUEST_ECHO_PORT" 300 || exit 1
"$UNET" conns "$GUEST_ADDR" "$GUEST_ECHO_PORT" 100 600
