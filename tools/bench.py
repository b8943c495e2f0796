#!/usr/bin/env python3
"""bench.py - Keel's benchmarks in guest instructions (make bench).

Boots each arch under QEMU's deterministic mode (-icount shift=0,sleep=off:
the virtual clock advances 1 ns per guest instruction, see
shared PERFORMANCE.md) with the bench_* ktests, and turns the cycles each
one reports into guest instructions per operation.  Two kinds:

  - HAT benchmarks (mm/hat_bench.c): kernel code driving the HAT directly;
    each ktest prints one bench: line.
  - User benchmarks (bench_user, kern/proc_bench.c): the user program
    bin/bench (user/bin/bench.c) measures system calls, faults and spawn as
    a program sees them and prints one bench: line per benchmark.  These
    match rows of PERFORMANCE.md, so for x86 the table also gives Linux
    6.1's figure and the ratio Keel / Linux (below 1.0: Keel is cheaper).

docs/performance.md has the figures and what they mean.

    python3 tools/bench.py [--arch x86,ppc64,mips]
"""

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "grade"))
import keel  # noqa: E402

# ktest name -> how many bench: lines it prints (None: any number, >= 1)
BENCHES = {
    "bench_hat_enter_touch_remove": 1,
    "bench_hat_activate": 1,
    "bench_user": None,
}

# Linux 6.1 on x86 (-M pc -cpu qemu64, icount), guest instructions per
# operation, from shared PERFORMANCE.md.  spawn_exit_wait is compared with
# fork+exit+wait at 0 MiB: not the same work (spawn loads a program, fork
# copies an address space), but both are "start a process and reap it".
# munmap_touched (one page per munmap) and munmap_touched_bulk (one munmap
# of many pages, per page) both face Linux's munmap row: that row (1,311)
# is below Linux's own mmap+munmap of one page (12,561), so it can only be
# the per-page cost of a large munmap; docs/performance.md says more.
LINUX_X86 = {
    "getpid": 309,
    "zero_fill_fault": 3313,
    "munmap_touched": 1311,
    "munmap_touched_bulk": 1311,
    "file_read_fault": 1976,
    "mmap_munmap": 12561,
    "mprotect_rw_r_rw": 5630,
    "mprotect_split_merge": 24369,
    "spawn_exit_wait": 130186,
}

BENCH_LINE = re.compile(r"^bench: (\S+) ops=(\d+) cycles=(\d+) rate=(\d+)", re.M)
TIMEOUT = 120   # seconds of wall time per boot; a run takes a few


def run_ktest(arch, name, lines):
    """Boot arch with ktest=name; returns [(benchmark, ops, insns/op)]."""
    run = keel.boot(arch, f"ktest={name}", extra=["-icount", "shift=0,sleep=off"],
                    timeout=TIMEOUT)
    found = BENCH_LINE.findall(run.log)
    passed = run.ktests.get(name, keel.KtestResult(name)).passed
    if not passed or not found or (lines is not None and len(found) != lines):
        raise SystemExit(f"{arch}: {name} did not report ({run.describe()}):\n{run.tail()}")
    rows = []
    for what, ops, cycles, rate in found:
        ops, cycles, rate = int(ops), int(cycles), int(rate)
        insns = cycles * 1e9 / rate if rate else float("nan")
        rows.append((what, ops, insns / ops))
    return rows


def run(arch):
    rows = []
    for name, lines in BENCHES.items():
        rows += run_ktest(arch, name, lines)
    return rows


def ratio_cells(arch, what, per):
    """The Linux and Keel/Linux columns: x86 rows that Linux has only."""
    linux = LINUX_X86.get(what)
    if arch != "x86" or linux is None:
        return f"{'':>10} {'':>11}"
    return f"{linux:>10,} {per / linux:>11.2f}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--arch", default=",".join(keel.ARCHES))
    args = ap.parse_args()
    print(f"{'arch':<6} {'benchmark':<24} {'ops':>6} {'instructions/op':>16}"
          f" {'Linux x86':>10} {'Keel/Linux':>11}")
    for arch in args.arch.split(","):
        for what, ops, per in run(arch):
            print(f"{arch:<6} {what:<24} {ops:>6} {per:>16,.0f} {ratio_cells(arch, what, per)}",
                  flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
