#!/usr/bin/env bash
# lwIP's own unit tests (its source tree's test/unit, Debian's lwip
# 2.1.3+dfsg1-2 as the kernel builds it) on the host: compiled with the
# tests' lwipopts.h, the unix port's arch/cc.h from the same source
# package, and Debian's check library unpacked under build/check by
# scripts/lwip.sh --check (nothing installed on the host).  These test
# lwIP itself, not our options: its TCP, UDP, DHCP, ARP, IPv4, pbuf,
# timer and socket tests as upstream runs them.  One PASS/FAIL line per
# check test, check's summary, then "lwip: N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/../.."
scripts/lwip.sh --check
L=build/lwip
CK=build/check/usr
out=build/lwip-unit
bin=$out/lwip_unittests
mkdir -p "$out/include"
# lwip_check.h includes the <config.h> of check's autotools build, which
# has nothing the tests need: an empty one.  Debian's port patch makes
# sockets.c take its sockaddr length macros from the unix port's POSIX
# headers; with lwIP's own socket headers (the tests') they are lwIP's
# sa_len fields, as upstream's sockets.c has them.
cat > "$out/include/config.h" <<'H'
#define IP4ADDR_SOCKADDR_SET_LEN(sin) ((sin)->sin_len = sizeof(struct sockaddr_in))
#define IP6ADDR_SOCKADDR_SET_LEN(sin6) ((sin6)->sin6_len = sizeof(struct sockaddr_in6))
#define IPADDR_SOCKADDR_GET_LEN(addr) ((addr)->sa.sa_len)
H

# lwIP's lists of its files (src/Filelists.mk, test/unit/Filelists.mk),
# read rather than repeated: the core, IPv4, IPv6, the APIs, Ethernet,
# and the two apps the tests cover (mDNS, MQTT); not the serial-line and
# bridge interfaces, which need a port's serial driver.
mkfiles() {	# print the files of variables "$@" from lwIP's make lists
	make -s --no-print-directory -f - LWIPDIR="$L/src" print <<MK
include $L/src/Filelists.mk
include $L/test/unit/Filelists.mk
print: ; @echo \$(foreach v,$*,\$(\$(v)))
MK
}
read -ra files < <(mkfiles COREFILES CORE4FILES CORE6FILES APIFILES \
	MDNSFILES MQTTFILES TESTFILES)
files+=("$L/src/netif/ethernet.c")
newest=$(ls -t "${files[@]}" "$0" | head -n 1)
if [ ! -x "$bin" ] || [ "$newest" -nt "$bin" ]; then
	echo "lwip: building lwIP's unit tests (${#files[@]} files)" >&2
	# lwIP's tests are third-party code: built as its own port builds
	# them, without -Werror.
	${HOSTCC:-gcc} -std=gnu99 -O1 -g -w \
		-I"$L/test/unit" -I"$L/src/include" -I"$L/port/include" \
		-I"$CK/include" -I"$out/include" -include "$out/include/config.h" -o "$bin" "${files[@]}" \
		"$CK/lib/x86_64-linux-gnu/libcheck.a" \
		"$CK/lib/x86_64-linux-gnu/libsubunit.a" -lm -lrt -lpthread
fi
log=$out/run.log
xml=$out/lwip_unittests.xml
rm -f "$xml"
set +e
(cd "$out" && ./lwip_unittests) > "$log" 2>&1
rc=$?
set -e
grep '^[0-9]*%: Checks:' "$log" || tail -n 20 "$log"
# The runner's XML report (one <test> per check test) as the tree's
# PASS/FAIL lines.
python3 - "$xml" <<'PY' || rc=1
import sys, xml.etree.ElementTree as ET
ns = {"c": "http://check.sourceforge.net/ns"}
p = f = 0
try:
    root = ET.parse(sys.argv[1]).getroot()
except (OSError, ET.ParseError) as e:
    print("FAIL hv=host lwip.report: %s" % e)
    sys.exit(1)
for suite in root.findall("c:suite", ns):
    title = suite.findtext("c:title", "", ns)
    for t in suite.findall("c:test", ns):
        name = "lwip.%s.%s" % (title, t.findtext("c:id", "", ns))
        if t.get("result") == "success":
            print("PASS hv=host " + name)
            p += 1
        else:
            print("FAIL hv=host %s: %s: %s" % (name, t.findtext("c:fn", "", ns),
                                               t.findtext("c:message", "", ns)))
            f += 1
print("lwip: %d passed, %d failed" % (p, f))
sys.exit(1 if p == 0 or f else 0)
PY
exit $rc
