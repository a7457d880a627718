#!/usr/bin/env bash
# Enforce the layering rules of docs/architecture.md ("Floors"):
#  - every kernel source lies on a floor, and includes headers of its own
#    folder or of lower floors only (folders that share a floor do not
#    include each other); kernel/log/printk.h and kernel/log/panic.h are
#    the two declaration-only headers any floor may include;
#  - only pv/xen includes Xen headers, so pv/<hv> folders stay private.
# A source in no floor's folder is an error: a new folder gets its floor
# here first.  Prints each violation; exit 1 if any.
set -uo pipefail
cd "$(dirname "$0")/.."
git ls-files -co --exclude-standard -- '*.c' '*.h' '*.S' |
	grep -Ev '^(tests|tools|bench|libc|initrd|configs|scripts|docs)/' |
	python3 -c '
import os, re, sys

# Folder and floor, bottom first; the longest matching folder wins.
FLOORS = {
    "lib": 0,
    "arch/x86_64": 1,
    "pv/common": 2,
    "pv/xen": 3, "pv/kvm": 3, "pv/virtio": 3,
    "kernel/log": 4,
    "kernel/mm": 5,
    "kernel/sched": 6,
    "fs": 7,
    "kernel/vm": 8,
    "kernel/proc": 9,
    "kernel/ipc": 10, "net": 10, "kernel/tty": 10, "kernel/block": 10, "fs/procfs": 10,
    "syscall": 11,
    "kernel": 12,
}
ANYWHERE = {"kernel/log/printk.h", "kernel/log/panic.h"}
INC = re.compile(r"^\s*#\s*include\s*[<\"]([^>\"]+)[>\"]")

def floor_of(path):
    best = None
    for d in FLOORS:
        if path.startswith(d + "/") and (best is None or len(d) > len(best)):
            best = d
    return best

bad = 0
def report(f, what):
    global bad
    print("check-layers: %s: %s" % (f, what))
    bad = 1

for f in sys.stdin.read().split():
    fdir = floor_of(f)
    if fdir is None:
        report(f, "in no floor\x27s folder (add it to tools/check-layers.sh)")
        continue
    for line in open(f, encoding="latin-1"):
        m = INC.match(line)
        if not m:
            continue
        h = m.group(1)
        if h.startswith("xen/"):
            if fdir != "pv/xen":
                report(f, "%s (Xen headers belong to pv/xen)" % h)
            continue
        if not os.path.exists(h) or h in ANYWHERE:
            continue	# the toolchain\x27s, or a folder\x27s own "x.h"
        hdir = floor_of(h)
        if hdir is None:
            report(f, "%s (a header in no floor\x27s folder)" % h)
        elif hdir != fdir and FLOORS[hdir] >= FLOORS[fdir]:
            report(f, "%s (%s, floor %d, may not include %s, floor %d)" %
                   (h, fdir, FLOORS[fdir], hdir, FLOORS[hdir]))
if not bad:
    print("check-layers: ok")
sys.exit(bad)
'
