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
    links:LIST=TARGET         a symbolic link to TARGET at each path named
                              in the file LIST (one a line), with the
                              directories above it
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


def parse_links(rest, seen):
    """links:LIST=TARGET -> entries for the missing parents and the links."""
    listfile, target = rest.split("=", 1)
    out = []
    with open(listfile) as f:
        for line in f:
            path = line.strip().lstrip("/")
            if not path:
                continue
            parts = path.split("/")
            for i in range(1, len(parts)):
                d = "/".join(parts[:i])
                if d not in seen:
                    seen.add(d)
                    out.append((d, 0o40755, b"", 0))
            out.append((path, 0o120777, target.encode(), 0))
    return out


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
    entries, seen = [], set()
    for spec in sys.argv[2:]:
        if spec.startswith("links:"):
            entries += parse_links(spec.split(":", 1)[1], seen)
        else:
            e = parse(spec)
            if e[1] & 0o170000 == 0o40000:
                seen.add(e[0])
            entries.append(e)
    with open(sys.argv[1], "wb") as f:
        f.write(newc(entries))
