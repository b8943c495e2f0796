"""labs.py - what the grader needs to know about each lab, in one place.

    python3 grade/labs.py [--tree DIR]     print each lab's editable files

Per lab (docs/instructors.md, "Lab configuration"):

- Which files a student edits.  Derived, not listed: a file is lab-N
  student code when it holds a `#if SOLUTION(N)` block (tools/handout.py's
  marker), plus the lab's `extra_editable`, minus its `not_editable`.
  Pristine grading (grade/pristine.py) takes exactly these files from a
  submission and everything else from the instructor's tree.
- How long one graded boot may take: `timeout` for every test of the lab,
  `test_timeouts` for the exceptions, in seconds on the reference machine.
  The grader multiplies them by KEEL_TIMEOUT_SCALE, which a calibration run
  on the grading machine measures (grade/calibrate.py, CALIBRATION below);
  nobody tunes them by hand for a machine.
- Which tests Gradescope shows when (`visibility`).

Points are not here: they live next to each test (@pytest.mark.points in
grade/test_labN.py), so adding or reweighting a test touches one file.

A file that holds blocks of several labs is editable in each of them and
is always taken whole: grading lab N takes it from the submission if it
holds a lab-N block, together with the student's own code for its other
labs' blocks.  Keep one lab per file where you can; `python3
grade/labs.py` lists the files that mix labs.
"""

import argparse
import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import handout  # noqa: E402  (the marker syntax is the handout tool's)

ARCHES = ("x86", "ppc64", "mips")
DEFAULT_TIMEOUT = 30          # seconds, for a lab without its own


@dataclass(frozen=True)
class Lab:
    number: int
    title: str
    timeout: float = DEFAULT_TIMEOUT      # one boot of one graded test
    test_timeouts: dict = field(default_factory=dict)     # ktest name -> seconds
    extra_editable: tuple = ()    # student files without a SOLUTION block
    not_editable: tuple = ()      # files with a block that are graded from the reference
    visibility: dict = field(default_factory=dict)        # test name -> Gradescope visibility


# Graded boots take well under a second on the reference machine (a
# 2-core VM, docs/instructors.md); a timeout only has to separate a slow
# run from a hung one, so it is ten times the slowest test or more.
LABS = {
    1: Lab(1, "boot and traps", timeout=15),
    2: Lab(2, "physical memory and the HAT", timeout=30),
    3: Lab(3, "address spaces", timeout=30),
    4: Lab(4, "fork and copy-on-write", timeout=30),
}

# The calibration run (grade/calibrate.py): boot this ktest on the grading
# machine, at the parallelism of the grading run, and compare the median
# wall time with what it took on the reference machine, per arch, in the
# deterministic mode graded runs use.  The ratio (never below 1) becomes
# KEEL_TIMEOUT_SCALE.
CALIBRATION = {
    "ktest": "kern_printf",
    "baseline": {"x86": 0.30, "ppc64": 0.10, "mips": 0.07},
    "max_scale": 20.0,
}


def lab(number):
    """The configuration of lab `number` (a default one for an unlisted lab)."""
    return LABS.get(number) or Lab(number, f"lab {number}")


def lab_of_ktest(name):
    m = re.match(r"lab(\d+)_", name)
    return int(m.group(1)) if m else None


def ktest_timeout(name):
    """Seconds for one boot running ktest `name`, unscaled; None outside labs."""
    number = lab_of_ktest(name)
    if number is None:
        return None
    cfg = lab(number)
    return cfg.test_timeouts.get(name, cfg.timeout)


def graded_labs(tree=ROOT):
    """The labs that have graded tests (grade/test_labN.py)."""
    return sorted(int(m.group(1)) for p in (Path(tree) / "grade").glob("test_lab*.py")
                  if (m := re.match(r"test_lab(\d+)\.py$", p.name)))


def marked_labs(text):
    """The labs whose SOLUTION blocks text holds."""
    return {int(m.group(1)) for line in text.splitlines()
            if (m := handout.IF_SOLUTION.match(line))}


@lru_cache(maxsize=8)
def _solution_files(tree):
    found = {}
    for f in handout.tree_files(Path(tree)):
        if Path(f).suffix in handout.REWRITTEN:
            marks = marked_labs((Path(tree) / f).read_text(errors="replace"))
            if marks:
                found[f] = frozenset(marks)
    return found


def solution_files(tree=ROOT):
    """{path: labs} for every file of tree that holds SOLUTION blocks."""
    return dict(_solution_files(str(Path(tree).resolve())))


def editable_files(number, tree=ROOT, arch=None):
    """The files a student edits in lab `number`, sorted.

    With arch, files of the other arches' folders are left out: they are
    not built, so grading takes nothing from them.
    """
    cfg = lab(number)
    files = {f for f, marks in solution_files(tree).items() if number in marks}
    files |= set(cfg.extra_editable)
    files -= set(cfg.not_editable)
    if arch is not None:
        files = {f for f in files if not other_arch_file(f, arch)}
    return sorted(files)


def other_arch_file(path, arch):
    parts = Path(path).parts
    return len(parts) > 1 and parts[0] == "arch" and parts[1] in ARCHES and parts[1] != arch


def mixed_files(tree=ROOT):
    """{path: labs} for files that hold blocks of more than one lab."""
    return {f: sorted(m) for f, m in solution_files(tree).items() if len(m) > 1}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tree", default=str(ROOT))
    args = ap.parse_args()
    labs = sorted(set(graded_labs(args.tree)) |
                  {n for m in solution_files(args.tree).values() for n in m})
    for n in labs:
        cfg = lab(n)
        print(f"lab {n}: {cfg.title} (timeout {cfg.timeout:g} s per test)")
        for f in editable_files(n, args.tree):
            print(f"  {f}")
    for f, marks in mixed_files(args.tree).items():
        print(f"note: {f} holds blocks of labs {', '.join(map(str, marks))}: "
              "it is taken whole from a submission for each of them")
    return 0


if __name__ == "__main__":
    sys.exit(main())
