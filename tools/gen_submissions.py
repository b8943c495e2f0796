#!/usr/bin/env python3
"""gen_submissions.py - make a class of fake student submissions from the
solution tree, to test and benchmark the batch grader (grade/batch.py).

    python3 tools/gen_submissions.py --lab 1 --arch x86 --dest DIR [--class lab1|generic]

Each submission is what a student would hand in for lab N: the lab-N
handout with some of the lab's files solved (the reference solution, as
tools/handout.py writes it for lab N+1), possibly changed on purpose: a
syntax error, a link error, a hostile function (kern/harness_check.h's
harness_misbehave called from a handler), a rewritten test file, a symlink.
It is written as a directory, a tarball (with a top folder, as students
tar their tree), a zip or a git bundle.

The `lab1` class (lab1_class) holds 20 submissions with the score and the
per-test outcomes the grader must give each: grade/test_batch.py checks
them.  The `generic` class (solution, handout, one file solved at a time,
a build failure) works for any lab and feeds the throughput benchmark.
"""

import argparse
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

TOOLS = Path(__file__).resolve().parent
ROOT = TOOLS.parent
sys.path.insert(0, str(TOOLS))
sys.path.insert(0, str(ROOT / "grade"))
import handout  # noqa: E402
import labs  # noqa: E402

ALL = "all"


@dataclass
class Spec:
    """One fake submission and what grading it must give."""
    name: str
    solved: object = ALL          # ALL, or the editable files solved
    fmt: str = "dir"              # dir | tar | zip | bundle
    inject: tuple = ()            # (file, function, C statement) run first in function
    append: dict = field(default_factory=dict)    # file -> text added at its end
    edits: dict = field(default_factory=dict)     # file -> new content (any file)
    links: dict = field(default_factory=dict)     # file -> symlink target
    only_editable: bool = False   # hand in only the solved files, not a tree
    score: float = None           # the expected score (None: not checked)
    results: dict = field(default_factory=dict)   # test name -> expected outcome
    reason: str = ""              # a regex the failing tests' reason must match


def inject_call(text, function, statement):
    """text with statement as the first one in function's body, and the
    harness header included."""
    lines = text.splitlines(keepends=True)
    for i, line in enumerate(lines):
        if re.match(rf"^\w[^;]*\b{re.escape(function)}\(", line):
            j = next(k for k in range(i, len(lines)) if lines[k].startswith("{"))
            lines.insert(j + 1, f"\t{statement}\n")
            break
    else:
        raise ValueError(f"no function {function}")
    out = "".join(lines)
    first_include = re.search(r"^#include .*$", out, re.M)
    return (out[:first_include.start()] + '#include "kern/harness_check.h"\n' +
            out[first_include.start():])


def solved_text(instructor, lab, path):
    """path as a student who solved lab `lab` has it."""
    return handout.strip((instructor / path).read_text(), lab + 1, path)


def stage(spec, instructor, lab, arch, handout_dir, dest):
    """Write spec's student tree into dest."""
    editable = labs.editable_files(lab, instructor, arch)
    solved = editable if spec.solved == ALL else list(spec.solved)
    if spec.only_editable:
        dest.mkdir(parents=True)
    else:
        shutil.copytree(handout_dir, dest, symlinks=True)
    for f in solved:
        (dest / f).parent.mkdir(parents=True, exist_ok=True)
        (dest / f).write_text(solved_text(instructor, lab, f))
    for f, function, statement in spec.inject:
        (dest / f).write_text(inject_call((dest / f).read_text(), function, statement))
    for f, text in spec.append.items():
        with open(dest / f, "a") as out:
            out.write(text)
    for f, text in spec.edits.items():
        (dest / f).write_text(text)
    for f, target in spec.links.items():
        (dest / f).unlink(missing_ok=True)
        (dest / f).symlink_to(target)


def package(tree, fmt, dest_dir, name):
    """Hand tree in as a student would, in format fmt; return the path."""
    if fmt == "dir":
        out = dest_dir / name
        shutil.copytree(tree, out, symlinks=True)
    elif fmt == "tar":
        out = dest_dir / f"{name}.tar.gz"
        with tarfile.open(out, "w:gz") as tar:
            tar.add(tree, arcname="keel")
    elif fmt == "zip":
        out = dest_dir / f"{name}.zip"
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            for p in sorted(tree.rglob("*")):
                if p.is_file() and not p.is_symlink():
                    z.write(p, p.relative_to(tree).as_posix())
    elif fmt == "bundle":
        out = dest_dir / f"{name}.bundle"
        git = ["git", "-C", str(tree), "-c", "user.name=student", "-c",
               "user.email=student@example.com"]
        for args in (["init", "-q", "-b", "main"], ["add", "-A", "-f"],
                     ["commit", "-q", "-m", "my lab"], ["bundle", "create", "-q", str(out), "--all"]):
            subprocess.run(git + args, check=True, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
    else:
        raise ValueError(f"unknown format {fmt}")
    return out


def generate(specs, instructor, lab, arch, dest):
    """Write every spec's submission into dest; return {name: path}."""
    instructor, dest = Path(instructor).resolve(), Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    made = {}
    with tempfile.TemporaryDirectory(prefix="keel-gen-") as tmp:
        handout_dir = Path(tmp) / "handout"
        handout.make_handout(instructor, handout_dir, lab)
        shutil.rmtree(handout_dir / "build", ignore_errors=True)
        for spec in specs:
            tree = Path(tmp) / "stage" / spec.name
            stage(spec, instructor, lab, arch, handout_dir, tree)
            made[spec.name] = package(tree, spec.fmt, dest, spec.name)
    return made


def generic_class(lab, arch, instructor=ROOT):
    """Submissions any lab can be graded on: solved, unsolved, one file
    solved at a time, and one that does not build."""
    editable = labs.editable_files(lab, instructor, arch)
    specs = [Spec("solution", ALL), Spec("handout", ()), Spec("solution-tar", ALL, fmt="tar")]
    specs += [Spec(f"partial-{Path(f).stem}-{i}", (f,)) for i, f in enumerate(editable)]
    specs.append(Spec("broken-build", ALL, append={editable[0]: "\nthis is not C\n"},
                      score=0, reason="error"))
    return specs


def lab1_class(arch):
    """The 20 lab-1 submissions of grade/test_batch.py, with what each must get."""
    trap, bt, timer = "kern/trap.c", f"arch/{arch}/backtrace.c", f"arch/{arch}/timer.c"
    tests = ["ksym_lookup", "backtrace", "backtrace_max", "panic_backtrace",
             "unexpected_trap", "timer", "breakpoint"]

    def only(passing, others):
        return {t: ("passed" if t in passing else others) for t in tests}

    def hostile(name, behaviour, result, reason, fmt="dir"):
        return Spec(f"hostile-{name}", ALL, fmt=fmt,
                    inject=((trap, "trap_breakpoint", f'harness_misbehave("{behaviour}");'),),
                    score=80, results=only(set(tests) - {"breakpoint"}, result), reason=reason)

    everything = only(tests, "passed")
    # An unsolved breakpoint handler leaves the trap unexpected: a panic.
    unsolved = dict(only((), "wrong"), breakpoint="panic")
    return [
        Spec("solution-dir", ALL, score=100, results=everything),
        Spec("solution-tar", ALL, fmt="tar", score=100, results=everything),
        Spec("solution-zip", ALL, fmt="zip", score=100, results=everything),
        Spec("solution-bundle", ALL, fmt="bundle", score=100, results=everything),
        Spec("handout", (), score=0, results=unsolved),
        Spec("handout-bundle", (), fmt="bundle", score=0, results=unsolved),
        Spec("partial-ksym", ("kern/ksym.c",), score=10,
             results=dict(unsolved, ksym_lookup="passed")),
        Spec("partial-backtraces", ("kern/ksym.c", bt), score=60,
             results=dict(only(tests[:5], None), timer="wrong", breakpoint="panic")),
        Spec("partial-only-files", ("kern/ksym.c",), only_editable=True, fmt="tar", score=10),
        Spec("broken-syntax", ALL, append={"kern/ksym.c": "\nint broken(void) { return }\n"},
             score=0, results=only((), "build"), reason=r"kern/ksym\.c:\d+:\d+: error:"),
        Spec("broken-link", ALL, fmt="tar", score=0, results=only((), "build"),
             inject=((trap, "trap_timer", "{ extern void no_such_function(void); "
                      "no_such_function(); }"),), reason="undefined reference"),
        hostile("spin", "spin", "timeout", "hang: the kernel was still running"),
        hostile("reboot", "reset-loop", "reset", "reset", fmt="tar"),
        hostile("triple-fault", "triple-fault", "reset", "reset"),
        hostile("flood", "flood-100m", "flood", "printed more than", fmt="bundle"),
        hostile("exit-ok", "exit-ok", "wrong", "powered off with status 0"),
        hostile("panic", "panic", "panic", "panic: harness check"),
        # Rewriting the tests, the Makefile or the grader gains nothing:
        # only the lab's files are read.
        Spec("cheater", (), score=0, results=unsolved, edits={
            "grade/test_lab1.py": "import pytest\n\n@pytest.mark.points(100)\n"
                                  "def test_everything():\n    pass\n",
            "grade/conftest.py": "",
            "Makefile": "kernel:\n\ttrue\n"}),
        # A symlink in place of a file is refused: the timer runs the stub.
        Spec("symlinked-timer", ALL, fmt="tar", links={timer: "/etc/passwd"},
             score=80, results=only(set(tests) - {"timer"}, "wrong")),
        Spec("timer-and-breakpoint", (trap, timer, f"arch/{arch}/trap.c"), fmt="zip",
             score=40, results=only({"timer", "breakpoint"}, "wrong")),
    ]


CLASSES = {"lab1": lambda lab, arch, instructor: lab1_class(arch), "generic": generic_class}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lab", type=int, default=1)
    ap.add_argument("--arch", default="x86", choices=labs.ARCHES)
    ap.add_argument("--dest", required=True)
    ap.add_argument("--class", dest="klass", default="lab1", choices=sorted(CLASSES))
    ap.add_argument("--instructor", default=str(ROOT))
    args = ap.parse_args()
    specs = CLASSES[args.klass](args.lab, args.arch, Path(args.instructor).resolve())
    made = generate(specs, args.instructor, args.lab, args.arch, args.dest)
    for spec in specs:
        print(f"{made[spec.name].name:<32} expected score: "
              f"{'-' if spec.score is None else f'{spec.score:g}'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
