"""`make qemu-gdb` + `make gdb` stop at the kernel's entry with symbols,
on every arch (docs/debugging.md)."""

import os
import re
import signal
import subprocess
import time

import keel
from checks import fail


def test_gdb_stops_at_entry(arch, tree, tmp_path):
    keel.build(arch, tree)
    portfile = tree / "build" / arch / "gdbport"
    portfile.unlink(missing_ok=True)
    qemu = subprocess.Popen(["make", "--no-print-directory", "-C", str(tree), "qemu-gdb",
                             f"ARCH={arch}"], stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            start_new_session=True)
    try:
        deadline = time.monotonic() + 30 * keel.timeout_scale()
        while not portfile.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert portfile.exists(), "make qemu-gdb wrote no gdbport file"
        time.sleep(0.5)     # let QEMU open its port
        cmds = tmp_path / "cmds.gdb"
        cmds.write_text("info symbol $pc\nbt 1\n")
        proc = subprocess.run(["make", "--no-print-directory", "-C", str(tree), "gdb",
                               f"ARCH={arch}", f"GDBFLAGS=-batch -x {cmds}"],
                              stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, timeout=60 * keel.timeout_scale())
        out = proc.stdout.decode(errors="replace")
        # Stopped at the first instruction, named with its source line:
        # the breakpoint hit and the symbols are loaded.
        if not re.search(rf"Breakpoint 1, \w+ \(\) at arch/{arch}/entry\.S:\d+", out):
            fail(f"gdb to stop in arch/{arch}/entry.S with symbols", out[-2000:])
    finally:
        os.killpg(qemu.pid, signal.SIGKILL)
        qemu.wait()
