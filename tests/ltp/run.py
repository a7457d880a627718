#!/usr/bin/env python3
# The Linux Test Project's system-call tests in a guest: Jiny on QEMU
# ("qemu"), Jiny under the nested real Xen ("xen"), and the Linux guest of
# tools/linux-run.py ("linux": Debian's 6.1 kernel), all on the same QEMU
# command line (tools/run-qemu.sh), 1 vCPU, the same initramfs and runner.
#
#   tests/ltp/run.py [--hv qemu,xen,linux] [--tests a,b] [--list FILE]
#                    [--result FILE] [--fresh] [--judge LINUX_RESULT]
#                    [--compare LINUX_RESULT]
#
# The tests are runtest/syscalls of /work/shared/ltp/ltp-syscalls.tar.xz
# (LTP_TARBALL), unpacked under build/ltp/ltp.  They run in batches of
# LTP_BATCH (default 40): one initramfs per batch with the batch's
# binaries, the helpers they exec, busybox and tests/ltp/ltprun.c as /init.
# Each test has LTP_LIMIT seconds (default 300) in the guest, after which
# the runner kills its process group ("hung"); on the host a boot that
# prints nothing for LTP_LIMIT + 180 s is killed, its running test recorded
# "hung" (or "crashed" if the kernel panicked) and the next boot resumes
# after it.
#
# Results: build/ltp/<hv>.txt (--result FILE for a single hv), one line a
# test: "NAME VERDICT SECONDS STATUS", verdict pass fail broken skipped
# hung crashed.  A rerun skips the tests already there (--fresh starts
# over).  Consoles: build/ltp/logs/<hv>-<N>.log.  Prints per hypervisor
#   ltp: hv=H passed=N failed=N broken=N skipped=N hung=N crashed=N
# (hung counts the crashed too).  With --judge FILE (a linux result) it
# prints linux_passed=N after hung=, and a FAIL line in make test's format
# for each test that passes there and not here, unless
# tests/ltp/expected-failures lists it.  With --compare FILE (the whole
# list: tests/ltp/linux-full.txt, which `make ltp HV=linux` remakes in
# build/ltp/linux.txt) it prints linux_passed=N both_passed=N and the
# ratio, and no FAIL lines.
# Environment: LTP_BATCH, LTP_LIMIT, LTP_TIMEOUT_MUL (default 4),
# LTP_RUNTIME_MUL (default 0.2), LTP_MEM (MB, default 256), LTP_OUT
# (bytes of a failing test's output on the console, default 2048),
# LTP_KERNEL (default build/jiny.elf), LTP_CMDLINE_EXTRA (Jiny's).
import argparse
import os
import re
import signal
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "bench"))
from run import cpio_newc  # noqa: E402  (the bench's cpio writer)

B = os.path.join(ROOT, "build")
OUT = os.path.join(B, "ltp")
TREE = os.path.join(OUT, "ltp")
BIN = os.path.join(TREE, "testcases", "bin")
TARBALL = os.environ.get("LTP_TARBALL", "/work/shared/ltp/ltp-syscalls.tar.xz")
RUNNER = os.path.join(OUT, "ltprun")
EXPECTED = os.path.join(ROOT, "tests", "ltp", "expected-failures")

BATCH = int(os.environ.get("LTP_BATCH", "40"))
LIMIT = int(os.environ.get("LTP_LIMIT", "300"))
MUL = os.environ.get("LTP_TIMEOUT_MUL", "4")
RUNTIME_MUL = os.environ.get("LTP_RUNTIME_MUL", "0.2")
MEM = int(os.environ.get("LTP_MEM", "256"))
# LTP_SMP=N: Jiny on QEMU with N vCPUs (threads on all of them).
SMP = int(os.environ.get("LTP_SMP", "1"))
OUTCAP = int(os.environ.get("LTP_OUT", "2048"))
KERNEL = os.environ.get("LTP_KERNEL", os.path.join(B, "jiny.elf"))
# A batch's binaries are at most this many bytes (the guest holds the
# initramfs twice while unpacking it).
BATCH_BYTES = 40 << 20
SILENCE = int(os.environ.get("LTP_SILENCE", LIMIT + 180))  # host: s without an LTP line
VERDICTS = ("pass", "fail", "broken", "skipped", "hung", "crashed")
HVS = ("qemu", "xen", "linux")


def say(msg):
    print("ltp: " + msg, file=sys.stderr, flush=True)


def unpack():
    stamp = os.path.join(OUT, ".unpacked")
    if os.path.exists(stamp) and os.path.getmtime(stamp) >= os.path.getmtime(TARBALL):
        return
    say("unpacking " + TARBALL)
    subprocess.run(["rm", "-rf", TREE], check=True)
    os.makedirs(OUT, exist_ok=True)
    subprocess.run(["tar", "-C", OUT, "-xJf", TARBALL], check=True)
    open(stamp, "w").close()


def build_runner():
    src = os.path.join(ROOT, "tests", "ltp", "ltprun.c")
    if os.path.exists(RUNNER) and os.path.getmtime(RUNNER) >= os.path.getmtime(src):
        return
    subprocess.run(["musl-gcc", "-O2", "-static", "-Wall", "-Wextra", "-Werror",
                    "-o", RUNNER, src], check=True)


def runtest():
    """[(name, command line)] of runtest/syscalls whose binary was built."""
    tests, missing = [], []
    with open(os.path.join(TREE, "runtest", "syscalls")) as f:
        for line in f:
            w = line.split()
            if not w or w[0].startswith("#") or len(w) < 2:
                continue
            if os.path.exists(os.path.join(BIN, w[1])):
                tests.append((w[0], " ".join(w[1:])))
            else:
                missing.append(w[0])
    return tests, missing


def helpers(tests):
    """{prefix: [file]}: files of testcases/bin that no runtest line runs
    (the *_child, *_helper ... programs tests exec), by the letters their
    name starts with; a test gets those whose prefix starts its binary."""
    commands = {c.split()[0] for _, c in tests}
    out = {}
    for f in sorted(os.listdir(BIN)):
        if f in commands:
            continue
        m = re.match(r"[a-z]+", f)
        out.setdefault(m.group(0) if m else f, []).append(f)
    return out


def read_results(path):
    res = {}
    if os.path.exists(path):
        with open(path) as f:
            for line in f:
                w = line.split()
                if len(w) >= 3 and w[1] in VERDICTS:
                    res[w[0]] = w
    return res


_busybox_applets = None


def busybox_links():
    global _busybox_applets
    if _busybox_applets is None:
        out = subprocess.run(["/bin/busybox", "--list-full"], capture_output=True,
                             text=True, check=True).stdout.split()
        _busybox_applets = [a for a in out if a not in ("bin/busybox", "linuxrc")]
    return _busybox_applets


def make_initrd(path, batch, helper_map):
    files = set()
    for _, cmd in batch:
        b = cmd.split()[0]
        files.add(b)
        for prefix, hs in helper_map.items():
            if b.startswith(prefix):
                files.update(hs)
    with open("/bin/busybox", "rb") as f:
        bb = f.read()
    with open(RUNNER, "rb") as f:
        runner = f.read()
    e = [(d, 0o40755, b"", 0) for d in
         ("bin", "boot", "sbin", "usr", "usr/bin", "usr/sbin", "dev", "etc", "proc",
          "sys", "root", "ltp", "ltp/testcases", "ltp/testcases/bin",
          "ltp/testcases/data", "ltp/runtest")]
    e.append(("tmp", 0o41777, b"", 0))
    e.append(("bin/busybox", 0o100755, bb, 0))
    for a in busybox_links():
        e.append((a, 0o120777, b"/bin/busybox", 0))
    e.append(("etc/passwd", 0o100644,
              b"root:x:0:0:root:/root:/bin/sh\n"
              b"daemon:x:1:1:daemon:/usr/sbin:/bin/false\n"
              b"bin:x:2:2:bin:/bin:/bin/false\n"
              b"nobody:x:65534:65534:nobody:/nonexistent:/bin/false\n", 0))
    e.append(("etc/group", 0o100644,
              b"root:x:0:\ndaemon:x:1:\nbin:x:2:\nusers:x:100:\n"
              b"nogroup:x:65534:\n", 0))
    e.append(("init", 0o100755, runner, 0))
    # Debian's kernel configuration where a Debian system has it, for
    # the tests that check one (tst_kconfig reads /boot/config-`uname -r`).
    for c, data in linux_configs():
        e.append(("boot/" + c, 0o100644, data, 0))
    for f in sorted(files):
        with open(os.path.join(BIN, f), "rb") as fh:
            e.append(("ltp/testcases/bin/" + f, 0o100755, fh.read(), 0))
    lines = ["@limit %d" % LIMIT, "@mul %s" % MUL, "@runtime %s" % RUNTIME_MUL,
             "@out %d" % OUTCAP] + ["%s %s" % t for t in batch]
    e.append(("ltp/batch", 0o100644, ("\n".join(lines) + "\n").encode(), 0))
    data = cpio_newc(e)
    with open(path, "wb") as f:
        f.write(data)
    return len(data)


_configs = None


def linux_configs():
    global _configs
    if _configs is None:
        boot = os.path.join(B, "xen", "stage", "boot")
        _configs = []
        if os.path.isdir(boot):
            for f in sorted(os.listdir(boot)):
                if f.startswith("config-"):
                    with open(os.path.join(boot, f), "rb") as fh:
                        _configs.append((f, fh.read()))
    return _configs


def linux_kernel():
    subprocess.run([os.path.join(ROOT, "scripts", "xen-stage.sh")], check=True)
    boot = os.path.join(B, "xen", "stage", "boot")
    k = sorted(f for f in os.listdir(boot) if f.startswith("vmlinuz-"))
    if not k:
        sys.exit("ltp: no Debian kernel in " + boot)
    return os.path.join(boot, k[-1])


CURRENT = []     # the boot running, for the signal handler


def on_signal(signum, frame):
    for b in CURRENT:
        b.kill()
    sys.exit(128 + signum)


class Boot:
    """One guest boot over a batch; watch() follows its console."""

    LINE = re.compile(r"(LTPBOOT|LTPDONE|LTPSTART \S+|LTPRES \S+ \S+ \S+(?: \S+)?)\s*$")
    XEN_GUEST = re.compile(r"^(?:\(XEN\) )?\(d\d+\) (.*)$")

    def __init__(self, hv, initrd, log, n_tests):
        self.hv, self.log = hv, log
        outer = 300 + n_tests * (LIMIT + 60)
        if os.path.exists(log):
            os.unlink(log)
        if hv == "xen":
            self.logdir = log + ".d"
            subprocess.run(["rm", "-rf", self.logdir])
            os.makedirs(self.logdir)
            cases = os.path.join(self.logdir, "cases")
            # The driver follows the guest through Xen's (dN) copy of
            # port 0xe9, which the kernel keeps only when asked.
            cmd = "init=/init earlyprintk=xen,keep " + \
                os.environ.get("LTP_CMDLINE_EXTRA", "")
            with open(cases, "w") as f:
                f.write("ltp|%d|%d|%s\n" % (MEM, outer, cmd.strip()))
            argv = [os.path.join(ROOT, "tests", "xen", "run.sh"), "--cases", cases,
                    "--kernel", KERNEL, "--initrd", initrd, "--logdir", self.logdir]
            self.watch_file = os.path.join(self.logdir, "xen-serial.log")
            out = open(os.path.join(self.logdir, "harness.out"), "w")
        else:
            argv = [os.path.join(ROOT, "tools", "run-qemu.sh"), "--mem", str(MEM),
                    "--serial", log, "--timeout", str(outer), "--initrd", initrd]
            if hv != "linux" and SMP > 1:
                argv += ["--smp", str(SMP)]
            if hv == "linux":
                argv += ["--no-debug-exit", "--kernel", linux_kernel(),
                         "--cmdline", "console=ttyS0 quiet panic=-1"]
            else:
                argv += ["--kernel", KERNEL, "--cmdline",
                         ("init=/init " + os.environ.get("LTP_CMDLINE_EXTRA", "")).strip()]
            self.watch_file = log
            out = subprocess.DEVNULL
        self.proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL, start_new_session=True,
                                     env=dict(os.environ, ACCEL="tcg"))

    def lines(self):
        try:
            with open(self.watch_file, "rb") as f:
                text = f.read().decode("utf-8", "replace")
        except FileNotFoundError:
            return []
        out = []
        for raw in text.replace("\r", "").split("\n"):
            if self.hv == "xen":
                m = self.XEN_GUEST.match(raw)
                if not m:
                    continue
                raw = m.group(1)
            out.append(raw)
        return out

    def events(self, lines):
        ev = []
        for l in lines:
            m = self.LINE.search(l)
            if m:
                ev.append(m.group(1).split())
        return ev

    def kill(self):
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(self.proc.pid, sig)
            except ProcessLookupError:
                return
            try:
                self.proc.wait(10)
                return
            except subprocess.TimeoutExpired:
                pass

    def watch(self, progress):
        """Wait for the boot to end; return its console lines."""
        n_seen, last = 0, time.time()
        done_at = None
        while self.proc.poll() is None:
            time.sleep(2)
            ev = self.events(self.lines())
            if len(ev) > n_seen:
                for e in ev[n_seen:]:
                    progress(e)
                n_seen, last = len(ev), time.time()
                if ev[-1][0] == "LTPDONE" and done_at is None:
                    done_at = time.time()
            if time.time() - last > SILENCE:
                say("%s: no progress for %d s: killing the guest" % (self.hv, SILENCE))
                self.kill()
            elif done_at is not None and time.time() - done_at > 120:
                self.kill()
        lines = self.lines()
        for e in self.events(lines)[n_seen:]:
            progress(e)
        if self.hv == "xen":
            # The PV console copy has everything the 0xe9 lines might have
            # split; keep it next to the log.
            with open(self.log, "w") as f:
                f.write("\n".join(lines) + "\n")
        return lines


def crashed(hv, lines, logdir=None):
    text = "\n".join(lines)
    if hv == "linux":
        return "Kernel panic" in text
    if "jiny: shutdown status=crash" in text or re.search(r"^panic: ", text, re.M):
        return True
    if hv == "xen" and logdir:
        try:
            with open(os.path.join(logdir, "ltp.end")) as f:
                return f.read().strip() == "crash"
        except FileNotFoundError:
            pass
    return False


def run_hv(hv, selection, result, helper_map):
    os.makedirs(os.path.join(OUT, "logs"), exist_ok=True)
    if hv in ("qemu", "xen"):
        subprocess.run(["make", "-s", "-C", ROOT, "all"], check=True,
                       stdout=sys.stderr)
    done = read_results(result)
    pending = [t for t in selection if t[0] not in done]
    say("%s: %d tests, %d already in %s, %d to run" % (
        hv, len(selection), len(selection) - len(pending), result, len(pending)))
    boots, dead_boots = 0, 0
    # One a run (the pid): runs side by side (make test's subset beside
    # a whole-list run) must not share a batch.
    initrd = os.path.join(OUT, "batch-%s-%d.cpio" % (hv, os.getpid()))
    while pending:
        batch, size = [], 0
        for t in pending:
            s = os.path.getsize(os.path.join(BIN, t[1].split()[0]))
            if batch and (len(batch) >= BATCH or size + s > BATCH_BYTES):
                break
            batch.append(t)
            size += s
        nbytes = make_initrd(initrd, batch, helper_map)
        boots += 1
        n = 0
        while os.path.exists(os.path.join(OUT, "logs", "%s-%d.log" % (hv, n))):
            n += 1
        log = os.path.join(OUT, "logs", "%s-%d.log" % (hv, n))
        say("%s: boot %d: %d tests from %s (initramfs %.1f MB), log %s" % (
            hv, boots, len(batch), batch[0][0], nbytes / 1e6, os.path.relpath(log, ROOT)))
        t0 = time.time()
        boot = Boot(hv, initrd, log, len(batch))
        CURRENT[:] = [boot]
        state = {"booted": False, "running": None, "since": time.time(),
                 "results": {}}
        resf = open(result, "a")

        def progress(e, state=state, resf=resf):
            if e[0] == "LTPBOOT":
                state["booted"] = True
            elif e[0] == "LTPSTART":
                state["running"] = e[1]
                state["since"] = time.time()
            elif e[0] == "LTPRES" and e[1] not in state["results"]:
                st = e[4] if len(e) > 4 else "-"
                state["results"][e[1]] = e
                state["running"] = None
                resf.write("%s %s %s %s\n" % (e[1], e[2], e[3], st))
                resf.flush()
        lines = boot.watch(progress)
        names = [t[0] for t in batch]
        got = state["results"]
        if state["running"] is not None and state["running"] in names:
            v = "crashed" if crashed(hv, lines, getattr(boot, "logdir", None)) else "hung"
            # How long it ran, as the host saw it (to within the 2 s poll).
            resf.write("%s %s %.1f boot-ended\n" % (
                state["running"], v, time.time() - state["since"]))
            got[state["running"]] = None
            say("%s: %s %s: the boot ended while it ran" % (hv, state["running"], v))
        resf.close()
        # A boot that recorded nothing would be retried forever.
        if not got:
            dead_boots += 1
            say("%s: %s (see %s)" % (hv, "the runner did not start" if not state["booted"]
                                     else "no test ran to its end", log))
            if dead_boots >= 2:
                say("%s: giving up: two boots without a result" % hv)
                return False
        else:
            dead_boots = 0
        pending = [t for t in pending if t[0] not in got]
        say("%s: boot %d took %.0f s; %d results, %d tests left" % (
            hv, boots, time.time() - t0, len(got), len(pending)))
    if os.path.exists(initrd):
        os.remove(initrd)
    return True


def summary(hv, selection, result, judge=None, compare=None):
    res = read_results(result)
    # Jiny on QEMU with several vCPUs reports as its own hypervisor, so
    # that its results count apart from the one-vCPU run's.
    if hv == "qemu" and SMP > 1:
        hv = "qemu-smp%d" % SMP
    names = [t[0] for t in selection]
    n = {v: 0 for v in VERDICTS}
    for name in names:
        if name in res:
            n[res[name][1]] += 1
    line = "ltp: hv=%s passed=%d failed=%d broken=%d skipped=%d hung=%d" % (
        hv, n["pass"], n["fail"], n["broken"], n["skipped"], n["hung"] + n["crashed"])
    fails = []
    gaps = []
    expected = {}
    if os.path.exists(EXPECTED):
        with open(EXPECTED) as f:
            for l in f:
                w = l.split(None, 1)
                if w and not w[0].startswith("#"):
                    expected[w[0]] = w[1].strip() if len(w) > 1 else ""
    if judge is not None:
        ref = read_results(judge)
        lp = [x for x in names if x in ref and ref[x][1] == "pass"]
        line += " linux_passed=%d" % len(lp)
        for x in lp:
            v = res[x][1] if x in res else "not-run"
            if v != "pass" and x not in expected:
                fails.append("FAIL hv=%s ltp.%s: %s (passes on Linux)" % (hv, x, v))
    if compare is not None and judge is None:
        ref = read_results(compare)
        lp = [x for x in names if x in ref and ref[x][1] == "pass"]
        both = [x for x in lp if x in res and res[x][1] == "pass"]
        line += " linux_passed=%d both_passed=%d (%.1f%%)" % (
            len(lp), len(both), 100.0 * len(both) / max(len(lp), 1))
        # Every test Linux passes and Jiny does not should have its
        # reason in the expected-failures file; name those that do not.
        for x in lp:
            if x in res and res[x][1] != "pass" and x not in expected:
                gaps.append("GAP hv=%s ltp.%s: %s (passes on Linux; no reason in %s)"
                            % (hv, x, res[x][1], os.path.relpath(EXPECTED, ROOT)))
        line += " unexplained=%d" % len(gaps)
    line += " crashed=%d" % n["crashed"]
    missing = len([x for x in names if x not in res])
    if missing:
        line += " not_run=%d" % missing
    print(line, flush=True)
    for f in fails + gaps:
        print(f, flush=True)
    if judge is not None and not fails:
        print("PASS hv=%s ltp.subset" % hv, flush=True)
    return not fails


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--hv", default="qemu,xen,linux")
    ap.add_argument("--tests", default=os.environ.get("LTP", ""))
    ap.add_argument("--list", help="a file of test names, one a line")
    ap.add_argument("--result", help="result file (one hypervisor only)")
    ap.add_argument("--fresh", action="store_true", help="start the result over")
    ap.add_argument("--judge", help="a Linux result file to compare with")
    ap.add_argument("--compare", help="a Linux result file: print the ratio")
    ap.add_argument("--summary-only", action="store_true")
    a = ap.parse_args()
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    hvs = [h for h in a.hv.split(",") if h]
    for h in hvs:
        if h not in HVS:
            sys.exit("ltp: unknown hypervisor %s (qemu, xen, linux)" % h)
    if a.result and len(hvs) != 1:
        sys.exit("ltp: --result takes one hypervisor")
    unpack()
    build_runner()
    # Debian's kernel and its config (for every hv: one initramfs).
    subprocess.run([os.path.join(ROOT, "scripts", "xen-stage.sh")], check=True)
    tests, missing = runtest()
    by_name = dict(tests)
    want = None
    if a.tests:
        want = [x for x in a.tests.split(",") if x]
    if a.list:
        with open(a.list) as f:
            want = (want or []) + [l.split()[0] for l in f
                                   if l.split() and not l.startswith("#")]
    if want is not None:
        unknown = [x for x in want if x not in by_name]
        if unknown:
            sys.exit("ltp: not in runtest/syscalls (or not built): " + " ".join(unknown))
        selection = [(x, by_name[x]) for x in dict.fromkeys(want)]
    else:
        selection = tests
        say("%d tests in runtest/syscalls; not built, left out: %s" % (
            len(tests), " ".join(missing)))
    helper_map = helpers(tests)
    ok = True
    for hv in hvs:
        result = a.result or os.path.join(OUT, hv + ".txt")
        os.makedirs(os.path.dirname(os.path.abspath(result)), exist_ok=True)
        if a.fresh and os.path.exists(result) and not a.summary_only:
            os.unlink(result)
        if not a.summary_only:
            ok = run_hv(hv, selection, result, helper_map) and ok
        ok = summary(hv, selection, result, a.judge,
                     a.compare if hv != "linux" else None) and ok
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
