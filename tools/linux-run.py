#!/usr/bin/env python3
# Run static test programs in the Linux guest (Debian's kernel, staged by
# scripts/xen-stage.sh, with Debian's busybox-static) under QEMU TCG
# (tools/run-qemu.sh's command line), one after another, and print the
# console.  A reference for what Linux
# answers: the ring-3 test programs (build/progs/u*) print one line per
# check, so their expectations can be checked against the real thing.
#   [LINUX_RUN_TIMEOUT=seconds] tools/linux-run.py PROGRAM...
# e.g. tools/linux-run.py build/progs/umisc build/progs/uhostile
# A PROGRAM of several words ("build/progs/ureboot guest") runs with
# those arguments.
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "bench"))
from run import cpio_newc  # noqa: E402  (the bench's cpio writer)


def main(progs):
    if not progs:
        sys.exit("usage: tools/linux-run.py PROGRAM...")
    subprocess.run([os.path.join(ROOT, "scripts", "xen-stage.sh")],
                   check=True)
    boot = os.path.join(ROOT, "build", "xen", "stage", "boot")
    kernels = sorted(f for f in os.listdir(boot) if f.startswith("vmlinuz-"))
    if not kernels:
        sys.exit("linux-run: no Debian kernel in " + boot)
    with open("/bin/busybox", "rb") as f:
        busybox = f.read()
    entries = [
        ("bin", 0o40755, b"", 0), ("dev", 0o40755, b"", 0),
        ("dev/console", 0o20600, b"", (5 << 8) | 1),
        ("dev/null", 0o20666, b"", (1 << 8) | 3),
        ("dev/zero", 0o20666, b"", (1 << 8) | 5),
        ("proc", 0o40755, b"", 0), ("tmp", 0o41777, b"", 0),
        ("t", 0o40755, b"", 0),
        ("bin/busybox", 0o100755, busybox, 0),
        ("bin/sh", 0o120777, b"busybox", 0)]
    init = b"#!/bin/busybox sh\n/bin/busybox mount -t proc proc /proc\n"
    for spec in progs:
        # "PROGRAM ARG..." as one argument runs it with those arguments.
        p, *args = spec.split()
        name = os.path.basename(p)
        if not any(e[0] == "t/" + name for e in entries):
            with open(p, "rb") as f:
                entries.append(("t/" + name, 0o100755, f.read(), 0))
        init += " ".join(["/t/" + name] + args).encode() + b"\n"
    init += b"/bin/busybox poweroff -f\n"
    entries.append(("init", 0o100755, init, 0))
    with tempfile.NamedTemporaryFile(suffix=".cpio") as rd:
        rd.write(cpio_newc(entries))
        rd.flush()
        # The console streams to our stdout; a hung program is cut off.
        sys.stdout.flush()
        r = subprocess.run(
            [os.path.join(ROOT, "tools", "run-qemu.sh"), "--no-debug-exit",
             "--timeout", os.environ.get("LINUX_RUN_TIMEOUT", "300"),
             "--serial", "stdio", "--kernel", os.path.join(boot, kernels[-1]),
             "--initrd", rd.name, "--cmdline", "console=ttyS0 quiet panic=-1"],
            stderr=subprocess.DEVNULL, env=dict(os.environ, ACCEL="tcg"))
    if r.returncode == 124:
        print("linux-run: timed out (LINUX_RUN_TIMEOUT)")


if __name__ == "__main__":
    main(sys.argv[1:])
