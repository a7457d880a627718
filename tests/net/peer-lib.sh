# Sourced by the peer scripts (tests/net/peer-*.sh): POSIX sh, busybox
# tools (dom0 has nothing else); on the host curl or python3 where present.
# The runner (tests/kvm/run.sh on QEMU, tests/xen/dom0-init under Xen)
# sets, and bounds the whole script's time:
#   PEER_HV          qemu or xen
#   GUEST_ADDR       where the guest's ports are: 127.0.0.1 on QEMU (host
#                    ports forwarded to the guest's), the guest's DHCP
#                    address 10.99.0.2 under Xen
#   GUEST_HTTP_PORT  the guest's TCP 80     GUEST_ECHO_PORT  its TCP 7
#   GUEST_UDP_PORT   its UDP 7              GUEST_CTRL_PORT  its TCP 9000
#   PEER_SERVE_ADDR, PEER_SERVE_PORT
#                    where the peer's own server listens: 127.0.0.1 and a
#                    free port on QEMU (the guest reaches it as
#                    10.0.2.100:8000 through guestfwd), 10.99.0.1:8000 in
#                    dom0; the guest gets net.peer=ADDR:PORT
#   PEER_CMDLINE     the guest's command line (net.size=...)
#   PEER_TMP         a scratch directory, PEER_DIR this one, UNET the
#                    helper (tests/progs/unet.c, static)
say() { echo "peer: $*"; }
fail() { say "FAIL: $*"; exit 1; }

size=67108864
for w in $PEER_CMDLINE; do
	case $w in net.size=*) size=${w#net.size=} ;; esac
done

# $BB APPLET ARGS: busybox's applet (in dom0 every tool is busybox's).
BB=$(command -v busybox 2>/dev/null)

now() { date +%s; }

# fetch URL FILE: 0 when the whole body is in FILE.
fetch() {
	if [ "$PEER_HV" = qemu ] && command -v curl >/dev/null 2>&1; then
		curl -sS -f -m 600 -o "$2" "$1"
	else
		$BB wget -q -O "$2" "$1"
	fi
}

# serve DIR: an HTTP server for DIR on PEER_SERVE_ADDR:PEER_SERVE_PORT in
# the background, its pid in $server.
serve() {
	if [ -n "$BB" ]; then
		$BB httpd -f -p "$PEER_SERVE_ADDR:$PEER_SERVE_PORT" -h "$1" &
	else
		python3 -m http.server --bind "$PEER_SERVE_ADDR" -d "$1" \
			"$PEER_SERVE_PORT" >/dev/null 2>&1 &
	fi
	server=$!
}

# sha256 FILE: its SHA-256 in hex.
sha256() { $BB sha256sum <"$1" | cut -d' ' -f1; }

# expected: the SHA-256 of the `unet gen` stream of $size bytes.
expected() { "$UNET" gen "$size" | $BB sha256sum | cut -d' ' -f1; }

# tell TEXT [SECS]: the guest's net-test waits for the peer's word on its
# control port (unet wait, which answers "heard"); retried until the
# guest heard it (bounded: a forward accepts before the guest listens).
tell() { "$UNET" tell "$GUEST_ADDR" "$GUEST_CTRL_PORT" "${2:-600}" "$1"; }

# console_line REGEX: 0 once a line of the guest's console
# ($GUEST_CONSOLE) matches REGEX (grep's); 1 if the guest shut down
# without one.  The case's time limit bounds the wait.
console_line() {
	while :; do
		# Whether it had ended before the look: then the line is not
		# coming (a look the other way round can miss a line written
		# just before the shutdown's).
		ended=$(grep -ac '^jiny: shutdown' "$GUEST_CONSOLE" 2>/dev/null)
		{ tr -d '\r' <"$GUEST_CONSOLE"; } 2>/dev/null | grep -aq "$1" && return 0
		[ "${ended:-0}" -gt 0 ] && return 1
		sleep 0.2
	done
}

# vcpus_online: the vCPUs xl vcpu-list shows on a physical CPU (online),
# by number, each followed by a space.
vcpus_online() {
	xl vcpu-list "$GUEST_NAME" | awk 'NR > 1 && $4 != "-" { printf "%s ", $3 }'
}

# qmp COMMAND [VALUE]: QEMU's QMP on $GUEST_QMP (the balloon cases): the
# answer's "return" as JSON; exits 1 when QEMU answers with an error.
qmp() {
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
a = {"value": int(sys.argv[3])} if len(sys.argv) > 3 else {}
r = cmd(sys.argv[2], **a)
print(json.dumps(r.get("return", r)))
sys.exit("error" in r)
PY
}
