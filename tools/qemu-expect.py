#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Copyright (c) 2026 The Jiny Authors
"""Type into a guest's serial console, the way a person would.

    qemu-expect.py --log FILE --timeout S --input TEXT [--prompt P] -- QEMU ARGS...

Starts QEMU (with -serial stdio among ARGS), and for each line of TEXT
(\\n-separated, backslash escapes as written in tests/boot.cases) waits
for the prompt (default "/ # ") to appear after the previous line, then
types the line.  A line "~^X" is a control key (here ^X) pressed two
seconds after the previous line without waiting for a prompt: the
way to stop a foreground job with ^Z.  Everything the guest prints goes to FILE (\\r removed).
Exits with QEMU's status, or 124 when the time limit passes.
"""
import os
import select
import subprocess
import sys
import time


def main():
    args = sys.argv[1:]
    opts = {"--prompt": "/ # "}
    while args and args[0] != "--":
        opts[args[0]] = args[1]
        args = args[2:]
    qemu = args[1:]
    lines = opts["--input"].encode().decode("unicode_escape").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    deadline = time.monotonic() + float(opts["--timeout"])
    prompt = opts["--prompt"].encode()
    p = subprocess.Popen(qemu, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT)
    out, seen, typed_at = b"", 0, time.monotonic()
    while time.monotonic() < deadline:
        r, _, _ = select.select([p.stdout], [], [], 0.2)
        if r:
            chunk = os.read(p.stdout.fileno(), 65536)
            if not chunk:
                break
            out += chunk
        if lines and lines[0].startswith("~^") and len(lines[0]) == 3:
            if time.monotonic() - typed_at >= 2.0:
                seen, typed_at = len(out), time.monotonic()
                p.stdin.write(bytes([ord(lines.pop(0)[2]) & 0x1f]))
                p.stdin.flush()
        elif lines and out.find(prompt, seen) >= 0:
            seen, typed_at = len(out), time.monotonic()
            p.stdin.write(lines.pop(0).encode() + b"\r")
            p.stdin.flush()
        if p.poll() is not None and not r:
            break
    with open(opts["--log"], "wb") as f:
        f.write(out.replace(b"\r", b""))
    try:
        # Output closed first; the process follows a moment later.
        return p.wait(timeout=max(1.0, deadline - time.monotonic()))
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()
        return 124


if __name__ == "__main__":
    sys.exit(main())
