# The host's side of the zero-pages case (tests/progs/zeropages-test.sh
# in the guest), QEMU only: counts the whole-zero 4 KiB pages of the
# guest's RAM ($GUEST_MEM_FILE, QEMU's memory-backend-file) before and
# after the guest frees 32 MiB of random bytes, and wants three quarters
# of them more at least, besides what the balloon's 4 MiB may have added
# (its pages go back to the host as holes, which read as zero).  The balloon's target
# (QMP "balloon" on $GUEST_QMP) is its word to the guest.
. "$PEER_DIR/peer-lib.sh"
mem=$GUEST_MEM_MB
log=$GUEST_CONSOLE

[ "$PEER_HV" = qemu ] || fail "the guest's RAM file is QEMU's"

wait_line() {	# WORD: the guest's "zeropages-test: WORD ..." line
	while :; do
		ended=$(grep -ac '^zeropages-test: gave up\|^jiny: shutdown' "$log" 2>/dev/null)
		l=$({ tr -d '\r' <"$log"; } 2>/dev/null | grep -a "^zeropages-test: $1" | tail -n 1)
		[ -n "$l" ] && { echo "$l"; return 0; }
		[ "${ended:-0}" -gt 0 ] && return 1
		sleep 0.1
	done
}

qmp() {	# COMMAND VALUE
	python3 - "$GUEST_QMP" "$@" <<'PY'
import json, socket, sys, time
s = socket.socket(socket.AF_UNIX)
for _ in range(100):
    try:
        s.connect(sys.argv[1]); break
    except OSError:
        time.sleep(0.1)
f = s.makefile("rw")
json.loads(f.readline())
def cmd(c, **a):
    f.write(json.dumps({"execute": c, "arguments": a}) + "\n"); f.flush()
    while True:
        r = json.loads(f.readline())
        if "return" in r or "error" in r:
            return r
cmd("qmp_capabilities")
r = cmd(sys.argv[2], value=int(sys.argv[3]))
sys.exit("error" in r)
PY
}

zero_pages() {	# whole-zero 4 KiB pages of the guest's RAM
	python3 - "$GUEST_MEM_FILE" <<'PY'
import sys
z, zero = 0, bytes(4096)
with open(sys.argv[1], "rb") as f:
    while True:
        b = f.read(1 << 20)
        if not b:
            break
        for i in range(0, len(b), 4096):
            if b[i:i + 4096] == zero:
                z += 1
print(z)
PY
}

l=$(wait_line ready) || fail "the guest never said ready"
[ -f "$GUEST_MEM_FILE" ] || fail "no RAM file ($GUEST_MEM_FILE)"
pages=$(echo "$l" | sed 's/.*pages=\([0-9]*\).*/\1/')
z1=$(zero_pages)
say "before: $z1 zero pages of $((mem * 256)) (the guest holds $pages pages of random bytes)"
qmp balloon $(((mem - 4) * 1048576)) || fail "QMP balloon failed"
wait_line freed >/dev/null || fail "the guest did not free and zero its pages"
z2=$(zero_pages)
gain=$((z2 - z1))
say "after: $z2 zero pages, $gain more"
qmp balloon $((mem * 1048576)) || fail "QMP balloon failed"
# The balloon may account for up to 1024 of the new zero pages: what is
# left must be three quarters of what the guest freed at least.
want=$((pages * 3 / 4 + 1024))
[ "$gain" -ge "$want" ] || fail "only $gain more zero pages; want $want"
say ok
