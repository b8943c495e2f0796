#!/usr/bin/env python3
"""bench.py - Keel's benchmarks in guest instructions (make bench).

Boots each arch under QEMU's deterministic mode (-icount shift=0,sleep=off:
the virtual clock advances 1 ns per guest instruction, see
shared PERFORMANCE.md) with the bench_* ktests, and turns the cycles each
one reports into guest instructions per operation.

    python3 tools/bench.py [--arch x86,ppc64,mips]
"""

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "grade"))
import keel  # noqa: E402

BENCHES = ["bench_hat_enter_touch_remove", "bench_hat_activate"]


def run(arch):
    rows = []
    for name in BENCHES:
        run = keel.boot(arch, f"ktest={name}", extra=["-icount", "shift=0,sleep=off"],
                        timeout=120)
        m = re.search(r"bench: (\S+) ops=(\d+) cycles=(\d+) rate=(\d+)", run.log)
        if not m or not run.ktests.get(name, keel.KtestResult(name)).passed:
            raise SystemExit(f"{arch}: {name} did not report ({run.describe()}):\n{run.tail()}")
        what, ops, cycles, rate = m.group(1), int(m.group(2)), int(m.group(3)), int(m.group(4))
        insns = cycles * 1e9 / rate if rate else float("nan")
        rows.append((what, ops, insns / ops))
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--arch", default=",".join(keel.ARCHES))
    args = ap.parse_args()
    print(f"{'arch':<6} {'benchmark':<26} {'ops':>6} {'instructions/op':>16}")
    for arch in args.arch.split(","):
        for what, ops, per in run(arch):
            print(f"{arch:<6} {what:<26} {ops:>6} {per:>16,.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
