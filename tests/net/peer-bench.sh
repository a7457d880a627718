# The network benchmark's client beside a guest running bench/netbench.c
# (bench/net.py's runs under the nested Xen): netclient against the
# guest's address, then the stop port, which ends the guest.
"$PEER_DIR/netclient" "$GUEST_ADDR" 5001 5002 5003 "${BENCH_NET_SECONDS:-5}" 5004
