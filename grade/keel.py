"""keel.py - build and boot Keel kernels for the grader.

Everything the tests need to run a kernel lives here: building a tree for an
ARCH, booting it under QEMU (or Bochs) with a wall-clock timeout and a cap on
captured output, decoding how the machine stopped, and parsing the ktest line
protocol (kern/ktest.h).  The harness never hangs: every run is killed at its
deadline, with its whole process group.

Emulator facts come from the tree itself (`make run-info`, i.e.
arch/<arch>/arch.mk), so the grader knows nothing arch-specific but how an
exit code encodes a status.

Reading what a kernel reported happens here and nowhere else.  Every boot
gets a fresh random nonce= and a result channel: a second serial port
(x86/mips COM2, a second ppc64 vty) written to a file of its own.  ktest
verdicts are read from that channel only, never from the console, and each
verdict line's proof= must match the nonce (grade/proofs.py): console noise
cannot corrupt results, and a kernel printing pass lines it did not earn
for this run gets nothing.  The console log gives the rest of a Run (seed,
panics, backtraces), and a finished test is classified into one Outcome
(passed, wrong result, panic, timeout, reset, flood, build failure...).

Environment switches (docs/instructors.md):
  KEEL_TIMEOUT_SCALE=F    multiply every timeout by F (grade/calibrate.py
                          measures the right F for a grading machine)
  KEEL_DETERMINISTIC=1    boot under QEMU -icount (DETERMINISTIC_FLAGS):
                          results do not depend on the host's load
  KEEL_SEED=N             pass seed=N to every kernel (replays a graded run)
"""

import ctypes
import os
import tempfile
import re
import select
import shlex
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import proofs

ROOT = Path(__file__).resolve().parent.parent
ARCHES = ("x86", "ppc64", "mips")

# Seconds; scaled by KEEL_TIMEOUT_SCALE for slow graders.
BOOT_TIMEOUT = 30
BUILD_TIMEOUT = 300
OUTPUT_CAP = 1 << 20          # bytes of console kept; more ends the run
TAIL_LINES = 25


# QEMU's deterministic mode for graded runs: the guest clock advances 2^3 ns
# per guest instruction, never with the host's clock, so the same kernel
# sees the same timer interrupts at the same instructions on any machine
# under any load.  shift=3 rather than bench.py's shift=0: at 1 ns per
# instruction x86's firmware busy-waits five times longer; at 8 ns a boot
# costs about a tenth of a second more than without -icount (figures in
# docs/instructors.md).
DETERMINISTIC_FLAGS = ("-icount", "shift=3,sleep=off")


def timeout_scale():
    return float(os.environ.get("KEEL_TIMEOUT_SCALE", "1"))


def deterministic():
    """Are boots run under QEMU -icount (KEEL_DETERMINISTIC=1)?"""
    return os.environ.get("KEEL_DETERMINISTIC", "0") not in ("", "0")


def seed_override():
    """The seed every boot gets (KEEL_SEED), or None for the kernel's default."""
    value = os.environ.get("KEEL_SEED", "").strip()
    return int(value) if value else None


def ktest_timeout(name):
    """Seconds one boot running ktest `name` may take, before scaling.

    Per lab and per test, from grade/labs.py (the one place timeouts are
    set); BOOT_TIMEOUT for tests that belong to no lab.
    """
    import labs     # not at the top: labs imports the handout tool
    return labs.ktest_timeout(name) or BOOT_TIMEOUT


class BuildError(Exception):
    """The tree did not build; .first_error is the compiler's first error."""

    def __init__(self, arch, output):
        self.arch = arch
        self.output = output
        self.first_error = first_error(output)
        super().__init__(f"build failed for ARCH={arch}: {self.first_error}")


# What marks the line that explains a failed build, best first: the
# compiler's or assembler's "error:", then the linker's complaints, then
# make's own.
_ERROR_LINES = (r"\berror\b", r"undefined reference|multiple definition", r"\bld: ",
                r"No rule to make target|\*\*\*")


def first_error(output):
    """The line of a build's output that says why it failed."""
    lines = [l.strip() for l in output.splitlines() if l.strip()]
    for pattern in _ERROR_LINES:
        for line in lines:
            if re.search(pattern, line):
                return line
    return lines[-1] if lines else "(no output)"


def make(tree, *args, timeout=BUILD_TIMEOUT):
    """Run make in tree; return (returncode, combined output)."""
    proc = subprocess.run(
        ["make", "--no-print-directory", "-C", str(tree), *args],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, timeout=timeout * timeout_scale())
    return proc.returncode, proc.stdout.decode(errors="replace")


_built = {}


def build(arch, tree=ROOT, stub=0):
    """Build the kernel of tree for arch (once per process); return run-info."""
    key = (str(tree), arch, stub)
    if key not in _built:
        rc, out = make(tree, f"ARCH={arch}", f"STUB={stub}", "kernel")
        if rc != 0:
            # Paths relative to the tree, as the student knows them.
            _built[key] = BuildError(arch, out.replace(f"{Path(tree).resolve()}/", ""))
        else:
            _built[key] = run_info(arch, tree, stub)
    if isinstance(_built[key], BuildError):
        raise _built[key]
    return _built[key]


def run_info(arch, tree=ROOT, stub=0):
    rc, out = make(tree, f"ARCH={arch}", f"STUB={stub}", "run-info")
    if rc != 0:
        raise BuildError(arch, out)
    info = dict(line.split("=", 1) for line in out.splitlines() if "=" in line)
    info["tree"] = str(tree)
    info["arch"] = arch
    return info


# What in an emulator command line opens a host port or another resource
# that two runs at once would fight over.  Grading runs many kernels at once
# on one machine, so the flags arch.mk gives must have none: the console is
# -serial stdio, the monitor is off, gdb is not used (test_instructor.py
# checks every arch's run-info).
_SHARED_OPTIONS = ("-gdb", "-s", "-qmp", "-vnc", "-spice", "-pidfile", "-daemonize")
_SHARED_VALUES = re.compile(r"(^|[,=])(tcp|udp|telnet|unix|socket|websocket)[:,]|hostfwd|path=")


def shared_resources(args):
    """The words of an emulator command line that open a shared host resource."""
    return [w for w in args if w in _SHARED_OPTIONS or _SHARED_VALUES.search(w)]


@dataclass
class KtestResult:
    name: str
    passed: bool = False
    reason: str = ""          # the failure message, or why it never finished


# panic()'s own frames, left out of a panic's one-line summary.
_PANIC_FRAMES = {"backtrace_here", "backtrace_print", "panic_at", "panic_trap"}


@dataclass
class Run:
    """How one boot went."""
    arch: str
    cmdline: str
    log: str = ""
    exit_code: int = None     # the emulator's, None if it was killed
    status: int = None        # arch_poweroff's status, None if it did not power off
    how: str = ""             # poweroff | timeout | reset | flood | crash
    seconds: float = 0.0
    ktests: dict = field(default_factory=dict)
    summary: tuple = None     # (passed, failed) from "ktest: end"
    seed: int = None          # from "ktest: begin ... seed=S"
    results: str = ""         # the result channel's text
    cap: int = OUTPUT_CAP     # the output cap this run had
    nonce: int = None         # this run's nonce; None: no result channel (Bochs)
    symbols: object = None    # loads the kernel's symbol table, for proofs

    def tail(self, n=TAIL_LINES):
        lines = self.log.rstrip("\n").splitlines()
        return "\n".join(lines[-n:])

    def describe(self):
        """One line on how the run ended, for failure messages."""
        if self.how == "poweroff":
            return f"the kernel powered off with status {self.status}"
        if self.how == "timeout":
            return (f"the kernel was still running after {self.seconds:.0f} s "
                    "(a hang, a spin or a reboot loop) and was killed")
        if self.how == "reset":
            return "the machine reset (a triple fault, or a reboot)"
        if self.how == "flood":
            return f"the kernel printed more than {self.cap} bytes and was killed"
        return f"the emulator exited with code {self.exit_code}"

    @property
    def panicked(self):
        return re.search(r"^panic: ", self.log, re.M) is not None

    @property
    def panics(self):
        """The panic messages, without panic()'s own closing lines."""
        return [l for l in re.findall(r"^panic: .*$", self.log, re.M)
                if not re.match(r"panic: (powering off|entering the monitor)", l)]

    def backtrace(self, limit=8):
        """The function names of the first backtrace printed, innermost first."""
        names = []
        in_bt = False
        for line in self.log.splitlines():
            if line.startswith("backtrace:"):
                if in_bt:
                    break
                in_bt = True
                continue
            if in_bt:
                m = re.match(r"\s+#\d+ \S+ in (\S+?)(\+0x[0-9a-f]+)?$", line)
                if not m:
                    break
                names.append(m.group(1))
        return names[:limit]

    def panic_summary(self):
        """'panic: ...' with the trap and the backtrace, on one line."""
        text = self.panics[0] if self.panics else "panic"
        if len(self.panics) > 1:
            text += f" (then: {self.panics[1]})"
        frames = self.backtrace(limit=12)
        while frames and frames[0] in _PANIC_FRAMES:
            frames.pop(0)
        frames = frames[:8]
        if frames:
            text += "; backtrace: " + " <- ".join(frames)
        return text


def decode_exit(info, code, log):
    """Map an emulator exit code to (how, status)."""
    if info["QEMU_EXIT"] == "debug-exit":
        if code % 2 == 1:
            return "poweroff", code >> 1
        return ("reset", None) if code == 0 else ("crash", None)
    if code in (0, 1, 2, 3) and "kernel: resetting the machine" not in log:
        return "poweroff", code
    return ("reset", None) if code == 0 else ("crash", None)


_VERDICT = re.compile(r"ktest: (start|pass|fail) (\w+)(?:: (.*?))?(?: proof=([0-9a-f]{16}))?$")


def _verdict_is_genuine(run, name, passed, proof):
    """Does a pass/fail line's proof match this run's nonce (grade/proofs.py)?"""
    if run.nonce is None:
        return True             # no result channel, no nonce: nothing to check
    if proof is None:
        return False
    return int(proof, 16) == proofs.expected(run.nonce, name, passed, run.symbols())


def parse_ktests(run):
    """Read the ktest protocol (kern/ktest.h) into run: verdicts from the
    result channel when the run has one (else the console), the seed from
    the console."""
    source = run.results if run.nonce is not None else run.log
    for line in source.splitlines():
        m = _VERDICT.match(line.strip())
        if m:
            what, name, reason, proof = m.groups()
            r = run.ktests.setdefault(name, KtestResult(name))
            if what == "start":
                r.reason = "started but never finished"
            elif not _verdict_is_genuine(run, name, what == "pass", proof):
                r.passed, r.reason = False, (
                    f"its {what} line carries no valid proof for this run's nonce: it was "
                    "not produced by the kernel doing this test (forged or replayed output)")
            elif what == "pass":
                r.passed, r.reason = True, ""
            else:
                r.passed, r.reason = False, reason or "failed"
            continue
        m = re.match(r"ktest: end passed=(\d+) failed=(\d+)", line.strip())
        if m:
            run.summary = (int(m.group(1)), int(m.group(2)))
    for line in run.log.splitlines():
        m = re.match(r"ktest: begin .*\bseed=(\d+)", line.strip())
        if m and run.seed is None:
            run.seed = int(m.group(1))


# ---- what happened in a graded test ---------------------------------------

# Every graded test ends as exactly one of these (docs/instructors.md).
OUTCOMES = {
    "passed": "passed",
    "wrong": "wrong result",
    "panic": "kernel panic or trap",
    "timeout": "hang or timeout",
    "reset": "triple fault or reset",
    "flood": "output flood",
    "crash": "emulator crash",
    "build": "build failure",
    "error": "grader error",
}


@dataclass
class Outcome:
    result: str               # a key of OUTCOMES
    reason: str = ""          # one line: what happened

    @property
    def label(self):
        return OUTCOMES[self.result]


def classify(error=None, run=None):
    """What happened in a test that raised error (None: it passed).

    run is the boot the verdict was drawn from (the test's last, or the one
    a failed check names).  How the run ended decides first (a hang, a
    reset, a flood); a kernel that powered off either panicked where the
    test wanted a verdict, or gave the wrong result.  A test that checks
    console output may expect a panic, so there only a second panic (one
    while panicking) counts as a panic.
    """
    if error is None:
        return Outcome("passed")
    if isinstance(error, BuildError):
        return Outcome("build", f"build failure: {error.first_error}")
    if run is None:
        lines = str(error).strip().splitlines()
        return Outcome("error", lines[0] if lines else type(error).__name__)
    if run.how == "timeout":
        return Outcome("timeout", f"hang: the kernel was still running after "
                       f"{run.seconds:.0f} s and was killed")
    if run.how == "reset":
        return Outcome("reset", "the machine reset (a triple fault, or a reboot) "
                       "before the test finished")
    if run.how == "flood":
        return Outcome("flood", f"the kernel printed more than {OUTPUT_CAP} bytes "
                       "and was killed")
    if run.how == "crash":
        return Outcome("crash", run.describe())
    verdict_wanted = getattr(error, "kind", "output") == "ktest"
    if run.panics and (verdict_wanted or len(run.panics) > 1):
        return Outcome("panic", run.panic_summary())
    expected, got = getattr(error, "expected", None), getattr(error, "got", None)
    if expected is not None:
        return Outcome("wrong", f"expected {expected}; got {got}")
    lines = str(error).strip().splitlines()
    return Outcome("wrong", lines[0] if lines else "the check failed")


# Every Run that boot() made since forget_runs(): conftest.py reads the one
# a test's verdict came from.
runs = []


def forget_runs():
    runs.clear()


_PR_SET_PDEATHSIG = 1
try:
    # Resolved here, not in the child: after fork() in a threaded grader
    # (calibration boots several at once) the child must not load anything.
    _prctl = ctypes.CDLL(None, use_errno=True).prctl
except (OSError, AttributeError):
    _prctl = None


def _die_with_parent():
    """In the child: get SIGKILL when the grader dies, however it dies.

    The emulator runs in its own session (so that it can be killed with
    its group); without this a grader killed by SIGKILL would leave it
    running until its own end, which a spinning kernel never reaches.
    """
    if _prctl is not None:
        _prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


def _kill(proc):
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait()


def collect(args, timeout, input_script=(), env=None, output_cap=OUTPUT_CAP):
    """Run args, capturing stdout+stderr until exit, the deadline or the cap.

    input_script is a list of (delay_seconds, bytes) sent to stdin in order
    (stdin is /dev/null when it is empty).  Returns (exit_code|None, text,
    how, seconds) with how one of exited|timeout|flood.
    """
    start = time.monotonic()
    deadline = start + timeout * timeout_scale()
    proc = subprocess.Popen(
        args, stdin=subprocess.PIPE if input_script else subprocess.DEVNULL,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        start_new_session=True, env=env, preexec_fn=_die_with_parent)
    out = bytearray()
    pending = list(input_script)
    next_send = start + pending[0][0] if pending else None
    how = "exited"
    try:
        while True:
            now = time.monotonic()
            if now >= deadline:
                how = "timeout"
                break
            if next_send is not None and now >= next_send:
                try:
                    proc.stdin.write(pending.pop(0)[1])
                    proc.stdin.flush()
                except BrokenPipeError:
                    pending = []
                next_send = now + pending[0][0] if pending else None
            wait = deadline - now
            if next_send is not None:
                wait = min(wait, max(next_send - now, 0))
            ready, _, _ = select.select([proc.stdout], [], [], min(wait, 0.5))
            if ready:
                chunk = os.read(proc.stdout.fileno(), 65536)
                if not chunk:
                    break
                out += chunk
                if len(out) > output_cap:
                    how = "flood"
                    break
    finally:
        if how != "exited" or proc.poll() is None:
            _kill(proc)
        else:
            proc.wait()
    code = proc.returncode if how == "exited" else None
    text = out[:output_cap].decode(errors="replace").replace("\r\n", "\n")
    return code, text, how, time.monotonic() - start


def qemu_args(info, cmdline, extra=(), reboot=False, results=None):
    """The emulator command line; results: the result channel's file."""
    args = [info["QEMU"], *shlex.split(info["QEMU_FLAGS"]),
            "-kernel", str(Path(info["tree"]) / info["KERNEL"])]
    if info.get("BOOTIMAGE"):
        args += ["-initrd", str(Path(info["tree"]) / info["BOOTIMAGE"])]
    args += ["-append", cmdline, "-display", "none", "-serial", "stdio"]
    if results:
        args += ["-serial", f"file:{results}"]      # the second port: COM2 / vty 1
    args += ["-monitor", "none", *extra]
    if deterministic() and "-icount" not in args:
        args += DETERMINISTIC_FLAGS
    if not reboot:
        args.append("-no-reboot")
    return args


def with_seed(cmdline):
    """cmdline plus seed=KEEL_SEED when that is set and cmdline has no seed."""
    seed = seed_override()
    if seed is None or re.search(r"(^|\s)seed=", cmdline):
        return cmdline
    return f"{cmdline} seed={seed}".strip()


def with_nonce(cmdline):
    """cmdline plus a fresh random nonce=, and the nonce."""
    nonce = int.from_bytes(os.urandom(8), "big")
    return f"{cmdline} nonce={nonce:016x}".strip(), nonce


def _symbols_loader(info):
    table = {}

    def load():
        if "syms" not in table:
            kernel = Path(info["KERNEL"])
            table["syms"] = proofs.symbol_table(info["tree"], kernel.parent, kernel)
        return table["syms"]
    return load


def boot(arch, cmdline="", tree=ROOT, stub=0, timeout=BOOT_TIMEOUT,
         input_script=(), extra=(), reboot=False, output_cap=OUTPUT_CAP):
    """Build (if needed) and boot tree's kernel for arch; return a Run."""
    info = build(arch, tree, stub)
    cmdline, nonce = with_nonce(with_seed(cmdline))
    fd, results = tempfile.mkstemp(prefix=f"keel-results-{arch}-")
    os.close(fd)
    try:
        code, log, how, secs = collect(qemu_args(info, cmdline, extra, reboot, results),
                                       timeout, input_script, output_cap=output_cap)
        with open(results, "rb") as f:
            channel = f.read(OUTPUT_CAP).decode(errors="replace")
    finally:
        os.unlink(results)
    run = Run(arch=arch, cmdline=cmdline, log=log, exit_code=code, seconds=secs,
              results=channel.replace("\r\n", "\n"), nonce=nonce,
              symbols=_symbols_loader(info), cap=output_cap)
    if how == "exited":
        run.how, run.status = decode_exit(info, code, log)
    else:
        run.how = how
    parse_ktests(run)
    runs.append(run)
    return run


def ktest(arch, name, tree=ROOT, stub=0, timeout=None, options=""):
    """Boot with ktest=name; return (Run, KtestResult).

    The timeout defaults to the test's own (ktest_timeout, grade/labs.py).
    """
    if timeout is None:
        timeout = ktest_timeout(name)
    run = boot(arch, f"ktest={name} {options}".strip(), tree, stub, timeout)
    res = run.ktests.get(name)
    if res is None:
        res = KtestResult(name, False, "never started: " + run.describe())
    elif not res.passed and res.reason == "started but never finished":
        res.reason = ("started but never finished: " +
                      ("the kernel panicked" if run.panicked else run.describe()))
    return run, res


def bochs(cmdline="", tree=ROOT, timeout=60):
    """Boot the x86 GRUB ISO in Bochs; return a Run (results from the serial log).

    Bochs always exits with status 1, so .how is poweroff when it exited on
    its own and the status is read from the ktest summary line.
    """
    rc, out = make(tree, "ARCH=x86", f"CMDLINE={cmdline}", "iso")
    if rc != 0:
        raise BuildError("x86", out)
    serial = Path(tree) / "build/x86/bochs-serial.log"
    serial.unlink(missing_ok=True)
    rc, out = make(tree, "ARCH=x86", "bochs-args")
    args = shlex.split(out.strip().splitlines()[-1])
    env = dict(os.environ, TERM="dumb")
    code, _, how, secs = collect(args, timeout, env=env)
    log = serial.read_text(errors="replace").replace("\r\n", "\n") if serial.exists() else ""
    run = Run(arch="x86", cmdline=cmdline, log=log, exit_code=code, seconds=secs)
    run.how = "poweroff" if how == "exited" else how
    parse_ktests(run)
    if run.summary:
        run.status = 0 if run.summary[1] == 0 else 1
    return run
