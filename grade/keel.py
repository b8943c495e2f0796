"""keel.py - build and boot Keel kernels for the grader.

Everything the tests need to run a kernel lives here: building a tree for an
ARCH, booting it under QEMU (or Bochs) with a wall-clock timeout and a cap on
captured output, decoding how the machine stopped, and parsing the ktest line
protocol (kern/ktest.h).  The harness never hangs: every run is killed at its
deadline, with its whole process group.

Emulator facts come from the tree itself (`make run-info`, i.e.
arch/<arch>/arch.mk), so the grader knows nothing arch-specific but how an
exit code encodes a status.
"""

import os
import re
import select
import shlex
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARCHES = ("x86", "ppc64", "mips")

# Seconds; scaled by KEEL_TIMEOUT_SCALE for slow graders.
BOOT_TIMEOUT = 30
BUILD_TIMEOUT = 300
OUTPUT_CAP = 1 << 20          # bytes of console kept; more ends the run
TAIL_LINES = 25


def timeout_scale():
    return float(os.environ.get("KEEL_TIMEOUT_SCALE", "1"))


class BuildError(Exception):
    """The tree did not build; .first_error is the compiler's first error."""

    def __init__(self, arch, output):
        self.arch = arch
        self.output = output
        self.first_error = first_error(output)
        super().__init__(f"build failed for ARCH={arch}: {self.first_error}")


def first_error(output):
    for line in output.splitlines():
        if re.search(r"\berror\b", line):
            return line.strip()
    lines = [l for l in output.splitlines() if l.strip()]
    return lines[-1].strip() if lines else "(no output)"


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
            _built[key] = BuildError(arch, out)
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


@dataclass
class KtestResult:
    name: str
    passed: bool = False
    reason: str = ""          # the failure message, or why it never finished


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
            return f"the kernel printed more than {OUTPUT_CAP} bytes and was killed"
        return f"the emulator exited with code {self.exit_code}"

    @property
    def panicked(self):
        return re.search(r"^panic: ", self.log, re.M) is not None


def decode_exit(info, code, log):
    """Map an emulator exit code to (how, status)."""
    if info["QEMU_EXIT"] == "debug-exit":
        if code % 2 == 1:
            return "poweroff", code >> 1
        return ("reset", None) if code == 0 else ("crash", None)
    if code in (0, 1, 2, 3) and "kernel: resetting the machine" not in log:
        return "poweroff", code
    return ("reset", None) if code == 0 else ("crash", None)


def parse_ktests(run):
    for line in run.log.splitlines():
        m = re.match(r"ktest: (start|pass|fail) (\w+)(?::\s*(.*))?$", line.strip())
        if m:
            what, name, reason = m.groups()
            r = run.ktests.setdefault(name, KtestResult(name))
            if what == "pass":
                r.passed, r.reason = True, ""
            elif what == "fail":
                r.passed, r.reason = False, reason or "failed"
            else:
                r.reason = "started but never finished"
            continue
        m = re.match(r"ktest: end passed=(\d+) failed=(\d+)", line.strip())
        if m:
            run.summary = (int(m.group(1)), int(m.group(2)))


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
        start_new_session=True, env=env)
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


def qemu_args(info, cmdline, extra=(), reboot=False):
    args = [info["QEMU"], *shlex.split(info["QEMU_FLAGS"]),
            "-kernel", str(Path(info["tree"]) / info["KERNEL"]),
            "-append", cmdline, "-display", "none", "-serial", "stdio",
            "-monitor", "none", *extra]
    if not reboot:
        args.append("-no-reboot")
    return args


def boot(arch, cmdline="", tree=ROOT, stub=0, timeout=BOOT_TIMEOUT,
         input_script=(), extra=(), reboot=False):
    """Build (if needed) and boot tree's kernel for arch; return a Run."""
    info = build(arch, tree, stub)
    code, log, how, secs = collect(qemu_args(info, cmdline, extra, reboot),
                                   timeout, input_script)
    run = Run(arch=arch, cmdline=cmdline, log=log, exit_code=code, seconds=secs)
    if how == "exited":
        run.how, run.status = decode_exit(info, code, log)
    else:
        run.how = how
    parse_ktests(run)
    return run


def ktest(arch, name, tree=ROOT, stub=0, timeout=BOOT_TIMEOUT, options=""):
    """Boot with ktest=name; return (Run, KtestResult)."""
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
