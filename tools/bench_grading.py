#!/usr/bin/env python3
"""bench_grading.py - batch-grading throughput, per arch (make bench-grading).

    python3 tools/bench_grading.py [--lab 1] [--arch x86,ppc64,mips] [--jobs N] [--copies 1]

For each arch, generates the `generic` class of submissions
(tools/gen_submissions.py: solved, unsolved, one file solved at a time, a
build failure; `copies` times over), grades it with grade/batch.py at
`jobs` in parallel after a calibration, and reports submissions graded per
minute per core: the figure to size a grading machine with
(docs/instructors.md).  Wall-clock time, so run it on a quiet machine.
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

TOOLS = Path(__file__).resolve().parent
sys.path.insert(0, str(TOOLS))
sys.path.insert(0, str(TOOLS.parent / "grade"))
import batch  # noqa: E402
import gen_submissions  # noqa: E402
import keel  # noqa: E402


def bench(lab, arch, jobs, copies, instructor):
    with tempfile.TemporaryDirectory(prefix="keel-bench-") as tmp:
        specs = []
        for c in range(copies):
            for spec in gen_submissions.generic_class(lab, arch, instructor):
                spec.name = f"{spec.name}-{c}"
                specs.append(spec)
        gen_submissions.generate(specs, instructor, lab, arch, Path(tmp) / "subs")
        opts = batch.Options(lab=lab, arch=arch, seed=1, timeout_scale=None)
        start = time.monotonic()
        graded, _ = batch.grade_folder(Path(tmp) / "subs", Path(tmp) / "out", opts, jobs,
                                       instructor=instructor, stream=open(os.devnull, "w"),
                                       log=lambda *a: None)
        seconds = time.monotonic() - start
    return len(graded), seconds, opts.timeout_scale


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lab", type=int, default=1)
    ap.add_argument("--arch", default=",".join(keel.ARCHES))
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--copies", type=int, default=1)
    ap.add_argument("--instructor", default=str(keel.ROOT))
    args = ap.parse_args()
    print(f"lab {args.lab}, {args.jobs} jobs on {os.cpu_count()} cores "
          "(base build and calibration included)")
    print(f"{'arch':<6} {'submissions':>11} {'seconds':>8} {'scale':>6} {'per min per core':>17}")
    for arch in args.arch.split(","):
        n, secs, scale = bench(args.lab, arch, args.jobs, args.copies,
                               Path(args.instructor).resolve())
        print(f"{arch:<6} {n:>11} {secs:>8.1f} {scale:>6.2f} {n / (secs / 60) / args.jobs:>17.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
