#!/usr/bin/env python3
"""bench.py - Keel's benchmarks in guest instructions (make bench).

Boots each arch under QEMU's deterministic mode (-icount shift=0,sleep=off:
the virtual clock advances 1 ns per guest instruction, see
shared PERFORMANCE.md) with the bench_* ktests, and turns the cycles each
one reports into guest instructions per operation.  Two kinds:

  - HAT benchmarks (mm/hat_bench.c): kernel code driving the HAT directly;
    each ktest prints one bench: line.
  - User benchmarks (bench_user, kern/proc_bench.c): the user program
    bin/bench (user/bin/bench.c) measures system calls, faults, spawn,
    fork and copy-on-write as a program sees them and prints one bench:
    line per benchmark.  These match rows of PERFORMANCE.md, so for x86
    the table also gives Linux 6.1's figure and the ratio Keel / Linux
    (below 1.0: Keel is cheaper).  The ops column is N for a mean over N
    operations, RxN for the median of R timed repetitions of N.  After the
    table, each arch's fork targets: 16 MiB / 0 MiB, and on x86 16 MiB /
    Linux's.

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
# private_file_write_fault (the first write to a MAP_PRIVATE file page,
# which copies it) faces the copy-on-write row as well: Linux's row is an
# anonymous page, cow_fault's work.  The fork rows are median repetitions
# (reps= on the line); fork_exit_wait_16M_held and _reserved have no Linux
# row: they show where the 16 MiB row's per-page cost goes.
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
    "private_file_write_fault": 4489,
    "cow_fault": 4489,
    "fork_exit_wait_0M": 130186,
    "fork_exit_wait_1M": 227485,
    "fork_exit_wait_4M": 529601,
    "fork_exit_wait_16M": 1729321,
}

# The fork targets (shared PERFORMANCE.md): at 16 MiB at most twice Keel's
# own 0 MiB cost, and at most half of Linux's (x86).
FORK_0, FORK_16 = "fork_exit_wait_0M", "fork_exit_wait_16M"

# cycles covers ops operations; with reps=, it is the median of that
# many timed repetitions (each of ops operations), not one long run.
BENCH_LINE = re.compile(r"^bench: (\S+) ops=(\d+) cycles=(\d+) rate=(\d+)(?: reps=(\d+))?",
                        re.M)
TIMEOUT = 120   # seconds of wall time per boot; a run takes a few


def run_ktest(arch, name, lines):
    """Boot arch with ktest=name; returns [(benchmark, ops, insns/op)];
    ops is a string: "N", or "RxN" for the median of R repetitions."""
    run = keel.boot(arch, f"ktest={name}", extra=["-icount", "shift=0,sleep=off"],
                    timeout=TIMEOUT)
    found = BENCH_LINE.findall(run.log)
    passed = run.ktests.get(name, keel.KtestResult(name)).passed
    if not passed or not found or (lines is not None and len(found) != lines):
        raise SystemExit(f"{arch}: {name} did not report ({run.describe()}):\n{run.tail()}")
    rows = []
    for what, ops, cycles, rate, reps in found:
        ops, cycles, rate = int(ops), int(cycles), int(rate)
        insns = cycles * 1e9 / rate if rate else float("nan")
        rows.append((what, f"{reps}x{ops}" if reps else str(ops), insns / ops))
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


def fork_summary(arch, rows):
    """The fork targets' ratios for arch, or None if it has no fork rows."""
    per = {what: p for what, _, p in rows}
    if FORK_0 not in per or FORK_16 not in per:
        return None
    flat = per[FORK_16] / per[FORK_0]
    line = (f"{arch:<6} fork 16 MiB / 0 MiB = {flat:.2f} (target <= 2.00: "
            f"{'met' if flat <= 2 else 'MISSED'})")
    if arch == "x86":
        lin = per[FORK_16] / LINUX_X86[FORK_16]
        line += (f"; 16 MiB / Linux's = {lin:.2f} (target <= 0.50: "
                 f"{'met' if lin <= 0.5 else 'MISSED'})")
    return line


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--arch", default=",".join(keel.ARCHES))
    args = ap.parse_args()
    print(f"{'arch':<6} {'benchmark':<28} {'ops':>6} {'instructions/op':>16}"
          f" {'Linux x86':>10} {'Keel/Linux':>11}")
    summaries = []
    for arch in args.arch.split(","):
        rows = run(arch)
        for what, ops, per in rows:
            print(f"{arch:<6} {what:<28} {ops:>6} {per:>16,.0f} {ratio_cells(arch, what, per)}",
                  flush=True)
        summaries.append(fork_summary(arch, rows))
    for line in filter(None, summaries):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
