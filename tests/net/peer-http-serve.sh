# The guest's busybox httpd serves $size bytes of `unet gen`: download them,
# compare the SHA-256 with the stream's, and tell the guest the verdict.
. "$PEER_DIR/peer-lib.sh"
want=$(expected)
url=http://$GUEST_ADDR:$GUEST_HTTP_PORT/data
out=$PEER_TMP/data
t0=$(now) i=0
until fetch "$url" "$out" 2>"$PEER_TMP/fetch.err"; do
	i=$((i + 1))
	if [ $i -ge 120 ]; then
		tell "fail: no download" 5
		fail "no download from $url after $i tries: $(cat "$PEER_TMP/fetch.err")"
	fi
	sleep 1
done
got=$(sha256 "$out")
n=$(wc -c <"$out")
rm -f "$out"
say "downloaded $n bytes in $(( $(now) - t0 )) s (after $i failed tries)"
if [ "$got" != "$want" ]; then
	tell "fail: sha256 differs" 30
	fail "sha256 $got, want $want"
fi
say "sha256 $got matches"
tell "ok sha256 matches" 60 || fail "could not tell the guest"
