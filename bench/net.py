#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Copyright (c) 2026 The Jiny Authors
"""make bench's network part (also alone: make bench-net).

The server is bench/netbench.c, one source built three ways as the
system-call loop is: with jiny-cc as the ring-0 app, with Debian's
musl-gcc as a ring-3 program on Jiny, and the same musl binary in the
Linux guest (Debian's kernel, its virtio-net modules loaded from the
kernel package in the cache).  Every guest runs on tools/run-qemu.sh's
command line (TCG, -cpu max, one vCPU) with one virtio-net-pci device
(modern) on QEMU's user network, restricted, its three ports forwarded
from free ports on 127.0.0.1; the client runs on the host:
  net.tcp_rr.MODE      1-byte request/response on one connection, tps
  net.tcp_rr16.MODE    the same on 16 connections at once, tps in all
  net.stream_rx.MODE   host to guest, MB/s (the guest's count of bytes)
  net.stream_tx.MODE   guest to host, MB/s
Each figure is the best of BENCH_ROUNDS runs of BENCH_NET_SECONDS (the
modes alternate).  Under the nested Xen (BENCH_XEN=0 leaves it out) ring 0
and ring 3 run as PVH domUs with a vif on dom0's bridge, the client in
dom0 (tests/net/peer-bench.sh), the same lines with hv=xen.  The client is bench/netclient.c (plain C, so that
the nested Xen's dom0 can run it too).  Under TCG the user network (slirp) and the emulation
cost count in every figure, the same for both guests.
"""
import os
import select
import socket
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run as bench  # noqa: E402

ROOT = bench.ROOT
BUILD = bench.BUILD
OUT = bench.OUT
SECONDS = float(os.environ.get("BENCH_NET_SECONDS", "5"))
PORTS = (5001, 5002, 5003)
MODES = ("ring0", "ring3", "linux")
LINUX_MODS = ("virtio_ring", "virtio", "virtio_pci_modern_dev",
              "virtio_pci_legacy_dev", "virtio_pci", "failover",
              "net_failover", "virtio_net")


def free_ports(n):
    socks, ports = [], []
    for _ in range(n):
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        socks.append(s)
        ports.append(s.getsockname()[1])
    for s in socks:
        s.close()
    return ports


def linux_modules():
    """The virtio-net modules of the Linux guest's kernel package, in load
    order, as (name, bytes); None without the package."""
    debs = os.path.join(BUILD, "cache", "debs")
    pkgs = sorted(f for f in os.listdir(debs)
                  if f.startswith("linux-image-") and f.endswith(".deb"))
    if not pkgs:
        return None
    dest = os.path.join(OUT, "linux-mods")
    if not os.path.isdir(dest):
        os.makedirs(dest)
        tar = subprocess.Popen(["dpkg-deb", "--fsys-tarfile",
                                os.path.join(debs, pkgs[-1])],
                               stdout=subprocess.PIPE)
        subprocess.run(["tar", "-x", "-C", dest, "--wildcards",
                        "./lib/modules/*/kernel/drivers/virtio/*",
                        "./lib/modules/*/kernel/drivers/net/*virtio_net*",
                        "./lib/modules/*/kernel/drivers/net/net_failover*",
                        "./lib/modules/*/kernel/net/core/failover*"],
                       stdin=tar.stdout, check=True)
        tar.wait()
    found = {}
    for d, _, files in os.walk(dest):
        for f in files:
            if f.endswith(".ko"):
                found[f[:-3]] = os.path.join(d, f)
    out = []
    for m in LINUX_MODS:
        if m not in found:
            return None
        with open(found[m], "rb") as f:
            out.append((m, f.read()))
    return out


def linux_initrd():
    mods = linux_modules()
    if mods is None:
        return None
    with open("/bin/busybox", "rb") as f:
        busybox = f.read()
    with open(os.path.join(BUILD, "ring0", "netbench-musl"), "rb") as f:
        server = f.read()
    init = b"#!/bin/busybox sh\n"
    for m, _ in mods:
        init += b"/bin/busybox insmod /mods/%s.ko\n" % m.encode()
    init += (b"/bin/busybox ip link set lo up\n"
             b"/bin/busybox ip link set eth0 up\n"
             b"/bin/busybox ip addr add 10.0.2.15/24 dev eth0\n"
             b"/bench/netbench\n/bin/busybox poweroff -f\n")
    entries = [
        ("bin", 0o40755, b"", 0), ("dev", 0o40755, b"", 0),
        ("dev/console", 0o20600, b"", (5 << 8) | 1),
        ("proc", 0o40755, b"", 0), ("mods", 0o40755, b"", 0),
        ("bench", 0o40755, b"", 0),
        ("bin/busybox", 0o100755, busybox, 0),
        ("bin/sh", 0o120777, b"busybox", 0),
        ("bench/netbench", 0o100755, server, 0),
        ("init", 0o100755, init, 0)]
    entries += [("mods/%s.ko" % m, 0o100644, data, 0) for m, data in mods]
    path = os.path.join(OUT, "linux-net-initrd.cpio")
    with open(path, "wb") as f:
        f.write(bench.cpio_newc(entries))
    return path


class Guest:
    """A guest running netbench, its ports forwarded from 127.0.0.1."""

    def __init__(self, mode, guest):
        self.ports = free_ports(len(PORTS))
        fwd = ",".join("hostfwd=tcp:127.0.0.1:%d-:%d" % (h, g)
                       for h, g in zip(self.ports, PORTS))
        net = ["-netdev", "user,id=net0,restrict=on," + fwd,
               "-device", "virtio-net-pci,netdev=net0,disable-legacy=on"]
        if mode == "linux":
            kernel, initrd = guest[0], linux_initrd()
            cmdline = "console=ttyS0 quiet panic=-1"
        else:
            kernel = bench.JINY
            initrd = os.path.join(BUILD, "test-initrd.cpio")
            prog = ("ring0='/bin/netbench'" if mode == "ring0" else
                    "init=/bin/netbench-musl")
            cmdline = prog + " ip=10.0.2.15/24:10.0.2.2"
        cmd = bench.qemu_cmd(kernel, initrd, cmdline, 256, False) + net
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL,
                                     stdin=subprocess.DEVNULL)
        self.lines = []

    def wait_ready(self, timeout=240):
        deadline = time.monotonic() + timeout
        buf = b""
        while time.monotonic() < deadline:
            r, _, _ = select.select([self.proc.stdout], [], [], 0.5)
            if not r:
                if self.proc.poll() is not None:
                    return False
                continue
            chunk = os.read(self.proc.stdout.fileno(), 65536)
            if not chunk:
                return False
            buf += chunk
            while b"\n" in buf:
                line, buf = buf.split(b"\n", 1)
                line = line.decode("latin-1").replace("\r", "")
                self.lines.append(line)
                if line.startswith("netbench: ready"):
                    return True
        return False

    def stop(self):
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()


TESTS = (("tcp_rr", "tps"), ("tcp_rr16", "tps"), ("stream_rx", "MB/s"),
         ("stream_tx", "MB/s"))


def client():
    """bench/netclient.c, static (make all builds it; the nested Xen's
    dom0 runs the same binary)."""
    return os.path.join(BUILD, "progs", "netclient")


def parse(line):
    """{test: value} from netclient's line (a failed test is -1: left
    out)."""
    out = {}
    if line.startswith("netclient: "):
        for f in line.split()[1:]:
            k, _, v = f.partition("=")
            try:
                if float(v) >= 0:
                    out[k] = float(v)
            except ValueError:
                pass
    return out


def measure(mode, guest):
    """{test: value} for one boot of one mode, or None if it did not come
    up."""
    g = Guest(mode, guest)
    try:
        if not g.wait_ready():
            print("bench: net %s did not start:\n  %s" % (
                mode, "\n  ".join(g.lines[-15:])), flush=True)
            return None
        r = subprocess.run([client(), "127.0.0.1"] +
                           [str(p) for p in g.ports] + [str(SECONDS)],
                           capture_output=True, text=True,
                           timeout=SECONDS * 8 + 120)
        if r.stderr.strip():
            print("bench: net %s: %s" % (mode, r.stderr.strip()),
                  flush=True)
        return parse(r.stdout.strip())
    finally:
        g.stop()


def xen(rounds):
    """{(test, mode): best value} for ring 0 and ring 3 as PVH domUs of the
    nested Xen, with a vif on dom0's bridge: netclient runs in dom0 as the
    peer (tests/net/peer-bench.sh) against the guest's DHCP address.  One
    Xen boot for all the runs; wall clock only."""
    logdir = os.path.join(OUT, "xen-net")
    subprocess.run(["rm", "-rf", logdir], check=True)
    os.makedirs(logdir)
    cases = os.path.join(logdir, "cases")
    progs = {"ring0": "ring0='/bin/netbench'",
             "ring3": "init=/bin/netbench-musl"}
    names = []
    with open(cases, "w") as f:
        for r in range(rounds):
            for mode, cmd in progs.items():
                name = f"netbench-{mode}-{r}"
                names.append((name, mode))
                f.write(f"{name}|64,vif,peer=bench|{int(SECONDS * 8 + 120)}"
                        f"|{cmd}\n")
    subprocess.run([os.path.join(ROOT, "tests", "xen", "run.sh"), "--cases",
                    cases, "--kernel", bench.JINY, "--initrd",
                    os.path.join(BUILD, "test-initrd.cpio"), "--logdir",
                    logdir], stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL,
                   env=dict(os.environ, BENCH_NET_SECONDS=str(SECONDS)))
    best = {}
    for name, mode in names:
        try:
            with open(os.path.join(logdir, name + ".log"),
                      errors="replace") as f:
                lines = f.read().splitlines()
        except OSError:
            continue
        for line in lines:
            if line.startswith("peer: netclient: "):
                for k, v in parse(line[len("peer: "):]).items():
                    if (k, mode) not in best or v > best[k, mode]:
                        best[k, mode] = v
    return best


def emit_best(emit, best, hv):
    for name, unit in TESTS:
        for mode in MODES:
            if (name, mode) in best:
                v = best[name, mode]
                emit(f"net.{name}.{mode}", "wall",
                     round(v) if unit == "tps" else round(v, 1), unit, hv)


def run(emit, guest, rounds):
    best = {}
    for _ in range(rounds):
        for mode in MODES:
            if mode == "linux" and (guest is None or
                                    linux_modules() is None):
                continue
            res = measure(mode, guest)
            for name, v in (res or {}).items():
                if (name, mode) not in best or v > best[name, mode]:
                    best[name, mode] = v
    emit_best(emit, best, "qemu")
    if os.environ.get("BENCH_XEN", "1") != "0":
        emit_best(emit, xen(rounds), "xen")


def main():
    os.makedirs(OUT, exist_ok=True)
    guest = bench.linux_guest()
    run(bench.emit, guest, bench.ROUNDS)


if __name__ == "__main__":
    main()
