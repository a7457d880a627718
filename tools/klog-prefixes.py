#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Copyright (c) 2026 The Jiny Authors
"""The subsystem prefixes that start the kernel's log lines.

    tools/klog-prefixes.py [--regex]

Every kernel message starts with its subsystem ("lapic: ...",
kernel/log/printk.h).  This reads the format strings of every printk,
pr_err, pr_warn, pr_info and pr_debug call in the kernel's sources, and
prints the "word" of each line of them that starts "word: " or is
"word:" alone (one a line,
sorted), or with --regex one extended regular expression matching such a
line's start.  tests/check-case.sh uses it to tell the kernel's lines
from what the guest's programs printed.
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DIRS = ("arch", "pv", "kernel", "fs", "syscall", "lib")
CALL = re.compile(r"\b(?:printk\s*\(\s*LOG_[A-Z]+\s*,|pr_(?:err|warn|info|debug)\s*\()\s*")
STRING = re.compile(r'"((?:[^"\\\n]|\\.)*)"\s*')
PREFIX = re.compile(r"([a-z][a-z0-9_]*):(?: |$)")


def formats(text):
    """The format string (adjacent literals joined) of each log call."""
    for m in CALL.finditer(text):
        pos, parts = m.end(), []
        while True:
            s = STRING.match(text, pos)
            if not s:
                break
            parts.append(s.group(1))
            pos = s.end()
        if parts:
            yield "".join(parts)


def prefixes():
    found = {"panic"}	# panic() prints "panic: " before its message
    for d in DIRS:
        for dirpath, _, files in os.walk(os.path.join(ROOT, d)):
            for f in files:
                if not f.endswith(".c"):
                    continue
                with open(os.path.join(dirpath, f), errors="replace") as fh:
                    text = fh.read()
                for fmt in formats(text):
                    for line in fmt.split("\\n"):
                        m = PREFIX.match(line)
                        if m:
                            found.add(m.group(1))
    return sorted(found)


def main():
    p = prefixes()
    if sys.argv[1:] == ["--regex"]:
        print("^(" + "|".join(p) + "):( |$)")
    elif sys.argv[1:]:
        sys.exit(__doc__)
    else:
        print("\n".join(p))


if __name__ == "__main__":
    main()
