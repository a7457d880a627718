# The guest's busybox wget fetches $size bytes of `unet gen` from this
# peer's HTTP server (the guest checks the SHA-256); the server runs
# until the guest says it is done by listening for the peer's word.
. "$PEER_DIR/peer-lib.sh"
mkdir -p "$PEER_TMP/www"
"$UNET" gen "$size" >"$PEER_TMP/www/data" || fail "unet gen"
say "serving $size bytes (sha256 $(sha256 "$PEER_TMP/www/data")) on $PEER_SERVE_ADDR:$PEER_SERVE_PORT"
serve "$PEER_TMP/www"
t0=$(now)
# The guest listens on its control port once it has checked the file.
tell "ok served" 900
st=$?
kill "$server" 2>/dev/null
wait "$server" 2>/dev/null
rm -rf "$PEER_TMP/www"
[ $st = 0 ] || fail "the guest never finished"
say "the guest finished after $(( $(now) - t0 )) s"
