#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Copyright (c) 2026 The Jiny Authors
"""Write a cpio "newc" archive without needing root for device nodes.

    mkcpio.py OUT SPEC...
SPEC is one of
    dir:PATH                  a directory (mode 0755)
    file:PATH=SOURCE[:MODE]   a regular file copied from SOURCE (mode 0755)
    link:PATH=TARGET          a symbolic link
    chr:PATH=MAJOR,MINOR      a character device (mode 0600)
"""
import sys


def newc(entries):
    """entries: (name, mode, data, rdev) tuples -> archive bytes."""
    out, ino = bytearray(), 1
    for name, mode, data, rdev in list(entries) + [("TRAILER!!!", 0, b"", 0)]:
        nb = name.encode() + b"\0"
        fields = (ino, mode, 0, 0, 1, 0, len(data), 0, 0,
                  rdev >> 8, rdev & 0xff, len(nb), 0)
        out += ("070701" + "".join(f"{v:08x}" for v in fields)).encode() + nb
        out += b"\0" * (-len(out) % 4)
        out += data
        out += b"\0" * (-len(out) % 4)
        ino += 1
    return bytes(out)


def parse(spec):
    kind, rest = spec.split(":", 1)
    if kind == "dir":
        return (rest.lstrip("/"), 0o40755, b"", 0)
    path, arg = rest.split("=", 1)
    path = path.lstrip("/")
    if kind == "file":
        src, _, mode = arg.partition(":")
        with open(src, "rb") as f:
            return (path, 0o100000 | int(mode or "755", 8), f.read(), 0)
    if kind == "link":
        return (path, 0o120777, arg.encode(), 0)
    if kind == "chr":
        major, minor = (int(x) for x in arg.split(","))
        return (path, 0o20600, b"", (major << 8) | minor)
    raise SystemExit(f"mkcpio: bad spec {spec!r}")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    with open(sys.argv[1], "wb") as f:
        f.write(newc(parse(s) for s in sys.argv[2:]))
