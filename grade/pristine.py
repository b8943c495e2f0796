"""pristine.py - the tree a submission is graded in.

    python3 grade/pristine.py --lab N --arch A --submission PATH --dest DIR
        [--policy reference|carry] [--instructor TREE]

Grading never runs a student's tests, Makefile or grader.  For lab N it
starts from a *base*: the instructor's tree as the lab-N handout (labs
before N solved, lab N and later stubbed: tools/handout.py), with the
instructor's grade/, Makefile and arch.mk, built once.  Each submission is
graded in a copy of the base into which only the files the lab lets
students edit (grade/labs.py) are copied from the submission:

- policy "reference" (the default): lab N's files.  Earlier labs run the
  reference solution, so a bug from lab N-1 costs nothing in lab N.
- policy "carry": the files of every lab up to N: students carry their own
  earlier work forward, bugs included.

Anything else a submission holds, a changed test or Makefile included, is
never read.  The base keeps its objects (build/<arch>/), so grading a
submission recompiles only the files taken from it.  The record of what
was taken, missing or refused goes to .keel-submission.json in the graded
tree and into the grading report.
"""

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

GRADE = Path(__file__).resolve().parent
sys.path.insert(0, str(GRADE))
sys.path.insert(0, str(GRADE.parent / "tools"))
import handout  # noqa: E402
import keel  # noqa: E402
import labs  # noqa: E402
from submission import open_submission  # noqa: E402

MANIFEST = ".keel-grading.json"
RECORD = ".keel-submission.json"
POLICIES = ("reference", "carry")


class BaseError(Exception):
    """The instructor's tree cannot be made into a base (it does not build)."""


class Base:
    """A lab-N handout of the instructor's tree, ready to grade submissions in."""

    def __init__(self, root):
        self.root = Path(root)
        d = json.loads((self.root / MANIFEST).read_text())
        self.lab = d["lab"]
        self.arch = d["arch"]
        self.editable = {int(k): v for k, v in d["editable"].items()}
        self.instructor = d.get("instructor", "")

    def files_to_take(self, policy="reference"):
        """The paths graded from a submission under policy, for this arch."""
        if policy not in POLICIES:
            raise ValueError(f"policy must be one of {POLICIES}, not {policy!r}")
        labs_taken = [self.lab] if policy == "reference" else \
            [n for n in self.editable if n <= self.lab]
        files = set()
        for n in labs_taken:
            files |= {f for f in self.editable.get(n, []) if not labs.other_arch_file(f, self.arch)}
        return sorted(files)


def _git_describe(tree):
    try:
        out = subprocess.run(["git", "-C", str(tree), "describe", "--always", "--dirty"],
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, timeout=30)
        return out.stdout.decode().strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def make_base(instructor, lab, arch, dest, build=True):
    """Write the lab-`lab` base for arch into dest (new or empty); return a Base.

    With build, the base's kernel is built so that submissions only
    recompile their own files; a base that does not build is the
    instructor's problem and raises BaseError.
    """
    instructor, dest = Path(instructor).resolve(), Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    handout.make_handout(instructor, dest, lab)
    all_labs = sorted({n for m in labs.solution_files(instructor).values() for n in m} | {lab})
    manifest = {
        "lab": lab, "arch": arch,
        "editable": {str(n): labs.editable_files(n, instructor) for n in all_labs},
        "instructor": f"{instructor} {_git_describe(instructor)}".strip(),
    }
    (dest / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n")
    if build:
        rc, out = keel.make(dest, f"ARCH={arch}", "kernel")
        if rc != 0:
            raise BaseError(f"the lab-{lab} base does not build for ARCH={arch} "
                            f"(the instructor's tree): {keel.first_error(out)}")
    return Base(dest)


def overlay(base, submission_path, dest, policy="reference"):
    """Copy base to dest and take the submission's editable files into it.

    Returns the record: {student, source, policy, taken, missing, rejected}.
    Files the submission lacks keep the handout's version (the stub).
    """
    dest = Path(dest)
    if dest.exists():
        shutil.rmtree(dest)
    # copy2 keeps the base's timestamps: its objects stay up to date, and
    # the files written below are newer than theirs, so make rebuilds
    # exactly those.
    shutil.copytree(base.root, dest, symlinks=True)
    wanted = base.files_to_take(policy)
    record = {"student": None, "source": str(submission_path), "policy": policy,
              "lab": base.lab, "arch": base.arch, "taken": [], "missing": [], "rejected": []}
    with open_submission(submission_path) as sub:
        record["student"] = sub.student
        sub.locate(wanted)
        for f in wanted:
            data = sub.read(f)
            if data is None:
                record["missing"].append(f)
                continue
            target = dest / f
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            record["taken"].append(f)
        record["rejected"] = [list(r) for r in sub.rejected]
    (dest / RECORD).write_text(json.dumps(record, indent=1) + "\n")
    return record


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lab", type=int, required=True)
    ap.add_argument("--arch", default="x86", choices=keel.ARCHES)
    ap.add_argument("--submission", required=True, help="directory, tarball, zip or git bundle")
    ap.add_argument("--dest", required=True, help="the tree to write (replaced if it exists)")
    ap.add_argument("--policy", default="reference", choices=POLICIES)
    ap.add_argument("--instructor", default=str(keel.ROOT), help="the solution tree")
    args = ap.parse_args()
    dest = Path(args.dest).resolve()
    base_dir = dest.parent / (dest.name + ".base")
    shutil.rmtree(base_dir, ignore_errors=True)
    try:
        base = make_base(args.instructor, args.lab, args.arch, base_dir)
        record = overlay(base, args.submission, dest, args.policy)
    except (BaseError, handout.MarkerError, OSError) as e:
        print(f"pristine: {e}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(base_dir, ignore_errors=True)
    print(f"{record['student']}: lab {args.lab} ({args.policy}) in {dest}")
    print(f"  taken from the submission: {', '.join(record['taken']) or 'nothing'}")
    for key, what in (("missing", "missing (handout version kept)"), ("rejected", "refused")):
        if record[key]:
            print(f"  {what}: {', '.join(map(str, record[key]))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
