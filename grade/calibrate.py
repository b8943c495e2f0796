"""calibrate.py - measure how much slower this machine boots Keel than the
reference machine, to scale the grader's timeouts (grade/labs.py).

    python3 grade/calibrate.py [--arch x86] [--jobs N] [--runs 3] [--tree DIR]

Boots the calibration ktest (labs.CALIBRATION) `jobs` at a time, `runs`
rounds, in the mode the grading will use (KEEL_DETERMINISTIC), and divides
the median wall time by the reference machine's.  The result, never below
1, is what KEEL_TIMEOUT_SCALE should be; the batch grader and the
Gradescope autograder run this first unless a scale is given.  It prints
`KEEL_TIMEOUT_SCALE=F` last, so a shell can use it directly.
"""

import argparse
import statistics
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import keel  # noqa: E402
import labs  # noqa: E402


@dataclass
class Calibration:
    arch: str
    jobs: int
    samples: list
    median: float
    baseline: float
    scale: float

    def describe(self):
        return (f"calibration on {self.arch}: {self.labs_ktest} boots in {self.median:.2f} s "
                f"(median of {len(self.samples)}, {self.jobs} at a time; reference "
                f"{self.baseline:.2f} s): timeout scale {self.scale:.2f}")

    @property
    def labs_ktest(self):
        return labs.CALIBRATION["ktest"]


def calibrate(tree, arch, jobs=1, runs=3):
    """Boot the calibration ktest jobs x runs times; return a Calibration.

    Raises keel.BuildError if the tree does not build, RuntimeError if the
    calibration test does not pass (then the tree is not fit to grade with).
    """
    name = labs.CALIBRATION["ktest"]
    keel.build(arch, tree)
    samples, failures = [], []
    lock = threading.Lock()

    def one():
        run, res = keel.ktest(arch, name, tree, timeout=keel.BOOT_TIMEOUT)
        with lock:
            (samples if res.passed else failures).append(run.seconds if res.passed
                                                         else res.reason)

    for _ in range(runs):
        threads = [threading.Thread(target=one) for _ in range(max(1, jobs))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    if failures:
        raise RuntimeError(f"calibration ktest {name} failed on {arch}: {failures[0]}")
    median = statistics.median(samples)
    baseline = labs.CALIBRATION["baseline"][arch]
    scale = min(max(1.0, median / baseline), labs.CALIBRATION["max_scale"])
    return Calibration(arch, jobs, samples, median, baseline, round(scale, 2))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--arch", default="x86", choices=keel.ARCHES)
    ap.add_argument("--jobs", type=int, default=1, help="boots at a time (the grading parallelism)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--tree", default=str(keel.ROOT))
    args = ap.parse_args()
    try:
        cal = calibrate(Path(args.tree).resolve(), args.arch, args.jobs, args.runs)
    except (keel.BuildError, RuntimeError) as e:
        print(f"calibrate: {e}", file=sys.stderr)
        return 1
    print(cal.describe())
    print(f"KEEL_TIMEOUT_SCALE={cal.scale:g}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
