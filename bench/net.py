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
from free ports on 127.0.0.1; the client is this script on the host:
  net.tcp_rr.MODE      1-byte request/response on one connection, tps
  net.tcp_rr16.MODE    the same on 16 connections at once, tps in all
  net.stream_rx.MODE   host to guest, MB/s (the guest's count of bytes)
  net.stream_tx.MODE   guest to host, MB/s
Each figure is the best of BENCH_ROUNDS runs of BENCH_NET_SECONDS (the
modes alternate).  Under TCG the user network (slirp) and the emulation
cost count in every figure, the same for both guests.
"""
import os
import selectors
import socket
import struct
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
            r, _, _ = select_read(self.proc.stdout, 0.5)
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


def select_read(f, t):
    import select
    return select.select([f], [], [], t)


def connect(port, timeout=30):
    deadline = time.monotonic() + timeout
    while True:
        try:
            s = socket.create_connection(("127.0.0.1", port), timeout=30)
            s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            return s
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def tcp_rr(port, nconn):
    """Transactions per second: nconn connections, each with one byte in
    flight at a time."""
    socks = [connect(port) for _ in range(nconn)]
    for s in socks:		# a first exchange, out of the count
        s.sendall(b"x")
        if s.recv(1) != b"x":
            raise OSError("tcp_rr: bad echo")
    sel = selectors.DefaultSelector()
    for s in socks:
        s.setblocking(False)
        sel.register(s, selectors.EVENT_READ)
        s.send(b"x")
    n, t0 = 0, time.monotonic()
    end = t0 + SECONDS
    while True:
        now = time.monotonic()
        if now >= end:
            break
        for key, _ in sel.select(end - now):
            s = key.fileobj
            if s.recv(16) == b"":
                raise OSError("tcp_rr: the guest closed")
            n += 1
            s.send(b"x")
    t = time.monotonic() - t0
    for s in socks:
        s.close()
    return n / t


def stream_rx(port):
    """Host to guest, MB/s by the guest's count of what arrived."""
    s = connect(port)
    chunk = b"\x5a" * 65536
    t0 = time.monotonic()
    while time.monotonic() - t0 < SECONDS:
        s.sendall(chunk)
    s.shutdown(socket.SHUT_WR)
    got = b""
    while len(got) < 8:
        r = s.recv(8 - len(got))
        if not r:
            raise OSError("stream_rx: no count from the guest")
        got += r
    t = time.monotonic() - t0
    s.close()
    return struct.unpack("<Q", got)[0] / t / 1e6


def stream_tx(port):
    """Guest to host, MB/s by what this side read."""
    s = connect(port)
    s.recv(65536)			# the stream is flowing
    n, t0 = 0, time.monotonic()
    while time.monotonic() - t0 < SECONDS:
        r = s.recv(1 << 20)
        if not r:
            raise OSError("stream_tx: the guest closed")
        n += len(r)
    t = time.monotonic() - t0
    s.close()
    return n / t / 1e6


TESTS = (("tcp_rr", lambda p: tcp_rr(p[0], 1), "tps"),
         ("tcp_rr16", lambda p: tcp_rr(p[0], 16), "tps"),
         ("stream_rx", lambda p: stream_rx(p[1]), "MB/s"),
         ("stream_tx", lambda p: stream_tx(p[2]), "MB/s"))


def measure(mode, guest):
    """{test: value} for one boot of one mode, or None if it did not come
    up."""
    g = Guest(mode, guest)
    try:
        if not g.wait_ready():
            print("bench: net %s did not start:\n  %s" % (
                mode, "\n  ".join(g.lines[-15:])), flush=True)
            return None
        out = {}
        for name, fn, _ in TESTS:
            try:
                out[name] = fn(g.ports)
            except OSError as e:
                print("bench: net.%s.%s failed: %s" % (name, mode, e),
                      flush=True)
        return out
    finally:
        g.stop()


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
    for name, _, unit in TESTS:
        for mode in MODES:
            if (name, mode) in best:
                v = best[name, mode]
                emit(f"net.{name}.{mode}", "wall",
                     round(v) if unit == "tps" else round(v, 1), unit)


def main():
    os.makedirs(OUT, exist_ok=True)
    guest = bench.linux_guest()
    run(bench.emit, guest, bench.ROUNDS)


if __name__ == "__main__":
    main()
