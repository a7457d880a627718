# Run by Debian's python3.11 (a dynamic PIE with ld.so, libc, libm, libz,
# libexpat) in the image of scripts/debian-apps.sh: threads, the pure
# Python and C modules of the standard library that need no network,
# and subprocess running Debian's dynamic coreutils.  One
# "dynelf-py: ok|FAILED" line per check, then a summary.
import errno
import hashlib
import json
import os
import queue
import re
import struct
import subprocess
import sys
import threading
import time
import zlib

fails = 0


def check(name, expected, actual):
    global fails
    if expected == actual:
        print("dynelf-py: ok", name, flush=True)
    else:
        print("dynelf-py: FAILED %s: expected %r got %r"
              % (name, expected, actual), flush=True)
        fails += 1


check("version", (3, 11), sys.version_info[:2])

# Threads: workers summing ranges, a queue, a lock-protected counter.
results = queue.Queue()
lock = threading.Lock()
counter = [0]


def worker(n):
    total = 0
    for i in range(n):
        total += i
        with lock:
            counter[0] += 1
    results.put(total)


threads = [threading.Thread(target=worker, args=(1000 * (k + 1),))
           for k in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
sums = sorted(results.get() for _ in threads)
check("threads", [499500, 1999000, 4498500, 7998000], sums)
check("lock", 10000, counter[0])
check("thread ids differ", 4, len({t.native_id for t in threads}))
ev = threading.Event()
timer = threading.Timer(0.05, ev.set)
timer.start()
check("timer thread", True, ev.wait(30))

# Modules: hashing, compression, JSON, regular expressions, struct.
data = b"jiny dynamic elf\n" * 1000
check("sha256", hashlib.sha256(data).hexdigest(),
      hashlib.sha256(zlib.decompress(zlib.compress(data))).hexdigest())
check("json", {"a": [1, 2, {"b": None}]},
      json.loads(json.dumps({"a": [1, 2, {"b": None}]})))
check("re", ["12", "345"], re.findall(r"\d+", "a12b345"))
check("struct", (1, 2), struct.unpack("<IH", struct.pack("<IH", 1, 2)))
t0 = time.monotonic()
time.sleep(0.01)
check("monotonic", True, time.monotonic() - t0 >= 0.01)

# The sums computed on the build host, by python's own sha256.
with open("/etc/dynelf.sums") as f:
    for line in f:
        want, path = line.split()
        with open("/" + path, "rb") as g:
            check("sha256 " + path, want, hashlib.sha256(g.read()).hexdigest())

# subprocess: dynamic programs in children, with pipes both ways.
out = subprocess.run(["/usr/bin/sort"], input=b"pear\napple\nfig\n",
                     stdout=subprocess.PIPE, check=True).stdout
check("subprocess sort", b"apple\nfig\npear\n", out)
out = subprocess.check_output(["/usr/bin/sha256sum"], input=data)
check("subprocess sha256sum", hashlib.sha256(data).hexdigest(),
      out.split()[0].decode())
p = subprocess.run(["/bin/busybox", "sh", "-c", "echo $((6 * 7)); exit 3"],
                   capture_output=True)
check("subprocess status", (3, b"42\n"), (p.returncode, p.stdout))
p = subprocess.Popen(["/bin/ls", "/etc"], stdout=subprocess.PIPE)
names = p.communicate()[0].split()
check("subprocess ls", (0, True), (p.returncode, b"dynelf.sums" in names))
try:
    subprocess.run(["/bin/nosuch"])
    check("missing program raises", True, False)
except FileNotFoundError:
    check("missing program raises", True, True)
# exec's refusals, as errno: an interpreter that is missing, and one
# that names an interpreter itself (a PIE with PT_INTERP).
for path, want in (("/bin/bad-interp-missing", errno.ENOENT),
                   ("/bin/bad-interp-chain", errno.ENOEXEC)):
    try:
        subprocess.run([path])
        got = 0
    except OSError as e:
        got = e.errno
    check("exec " + path, errno.errorcode[want], errno.errorcode.get(got, got))
# Threads each running a child.
outs = []


def runner(word):
    outs.append(subprocess.check_output(["/bin/busybox", "echo", word]))


ts = [threading.Thread(target=runner, args=("w%d" % i,)) for i in range(3)]
for t in ts:
    t.start()
for t in ts:
    t.join()
check("children from threads", [b"w0\n", b"w1\n", b"w2\n"], sorted(outs))
check("pid", True, os.getpid() > 0 and os.getppid() >= 0)

print("dynelf-py: done, %d failures" % fails, flush=True)
sys.exit(1 if fails else 0)
