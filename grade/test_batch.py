"""The batch grader end to end (grade/batch.py, docs/instructors.md): a
class of 20 generated lab-1 submissions (tools/gen_submissions.py:
solutions in every format, handouts, partial work, build failures,
hostile kernels, a cheater, a symlink) graded two at a time on one arch.
Every submission must get its known score and per-test outcomes, with a
clear reason, in a CSV; every results.json must be valid for Gradescope;
the Gradescope bundle and `make grade-submission` must grade alike.

Instructors only: it needs the solution tree, so a handout skips it.
"""

import csv
import json
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

import conftest
import keel
import results

sys.path.insert(0, str(keel.ROOT / "tools"))
import gen_submissions  # noqa: E402

pytestmark = pytest.mark.skipif((keel.ROOT / ".keel-handout").exists(),
                                reason="instructors only: needs the solution tree")

JOBS = 2
SCALE = 0.5         # lab 1's 15 s per test becomes 7.5 s: hostile runs end sooner
SEED = 4242
LIMIT = 240         # seconds the whole class may take on 2 cores


@pytest.fixture(scope="module")
def batch_arch(pytestconfig):
    """One arch for the class: x86 when selected (its triple fault is real)."""
    arches = conftest.selected_arches(pytestconfig)
    return "x86" if "x86" in arches else arches[0]


@pytest.fixture(scope="module")
def klass(batch_arch, tmp_path_factory):
    specs = gen_submissions.lab1_class(batch_arch)
    dest = tmp_path_factory.mktemp("class")
    made = gen_submissions.generate(specs, keel.ROOT, 1, batch_arch, dest)
    return specs, made, dest


@pytest.fixture(scope="module")
def graded(klass, batch_arch, tmp_path_factory):
    specs, made, dest = klass
    out = tmp_path_factory.mktemp("grades")
    start = time.monotonic()
    proc = subprocess.run(
        [sys.executable, str(keel.ROOT / "grade/batch.py"), str(dest), "--lab", "1",
         "--arch", batch_arch, "--out", str(out), "--jobs", str(JOBS), "--seed", str(SEED),
         "--timeout-scale", str(SCALE)], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, timeout=LIMIT * 2 * keel.timeout_scale())
    elapsed = time.monotonic() - start
    stdout, stderr = proc.stdout.decode(errors="replace"), proc.stderr.decode(errors="replace")
    assert proc.returncode == 0, stdout[-3000:] + stderr[-3000:]
    with open(out / "grades.csv", newline="") as f:
        rows = {r["student"]: r for r in csv.DictReader(f)}
    return {"out": out, "rows": rows, "stdout": stdout, "stderr": stderr, "elapsed": elapsed}


def test_class_has_20_submissions_of_every_kind(klass):
    specs, made, _ = klass
    assert len(specs) == 20
    assert {Path(p).suffix for p in made.values()} >= {"", ".gz", ".zip", ".bundle"}


def test_every_submission_gets_its_score(klass, graded):
    specs, _, _ = klass
    rows = graded["rows"]
    assert sorted(rows) == sorted(s.name for s in specs)
    wrong = {s.name: (rows[s.name]["score"], s.score) for s in specs
             if s.score is not None and float(rows[s.name]["score"]) != s.score}
    assert not wrong, f"(got, expected): {wrong}"
    assert all(rows[s.name]["max"] == "100" for s in specs)
    assert {r["seed"] for r in rows.values()} == {str(SEED)}


def test_every_test_outcome_and_reason(klass, graded):
    """Each test is passed, wrong, panic, timeout, reset, flood or build, as
    the submission deserves; a hostile handler costs only its own test."""
    specs, _, _ = klass
    problems = []
    for s in specs:
        row = graded["rows"][s.name]
        report = results.Report.load(graded["out"] / "students" / s.name / "keel-results.json")
        for name, want in s.results.items():
            if want is not None and row[f"{name} result"] != want:
                problems.append(f"{s.name}: {name} is {row[name + ' result']}, expected {want}")
        for t in report.tests:
            if t.result != "passed":
                assert t.reason, f"{s.name}: {t.name} failed without a reason"
                if s.reason and not re.search(s.reason, t.reason):
                    problems.append(f"{s.name}: {t.name}: reason {t.reason!r} !~ /{s.reason}/")
    assert not problems, "\n".join(problems)


def test_build_failures_report_the_first_error(graded):
    rows = graded["rows"]
    assert re.match(r"build failure: kern/ksym\.c:\d+:\d+: error: ", rows["broken-syntax"]["failure"])
    assert "undefined reference to `no_such_function'" in rows["broken-link"]["failure"]
    assert not rows["solution-dir"]["failure"] and not rows["hostile-spin"]["failure"]


def test_refused_and_missing_files_are_recorded(graded):
    students = graded["out"] / "students"
    record = results.Report.load(students / "symlinked-timer" / "keel-results.json").submission
    assert [p for p, _ in record["rejected"]] == [f for f in record["missing"]]
    only = results.Report.load(students / "partial-only-files" / "keel-results.json").submission
    assert only["taken"] == ["kern/ksym.c"] and "kern/trap.c" in only["missing"]
    assert "make grade-submission SUB=" in only["replay"] and f"SEED={SEED}" in only["replay"]


def test_gradescope_results_of_the_class_validate(klass, graded):
    specs, _, _ = klass
    for s in specs:
        obj = json.loads((graded["out"] / "students" / s.name / "results.json").read_text())
        assert results.validate_gradescope(obj) == [], s.name
        assert obj["score"] == float(graded["rows"][s.name]["score"])
        assert len(obj["tests"]) == 7


def test_junit_per_student(graded):
    junit = graded["out"] / "students" / "hostile-spin" / "junit.xml"
    assert 'name="result" value="timeout"' in junit.read_text()


def test_parallel_within_the_time_limit(graded):
    """Two at a time: the batch takes less than the submissions' own times
    added up, and the whole class fits in make check's budget."""
    total = sum(float(r["seconds"]) for r in graded["rows"].values())
    assert graded["elapsed"] < LIMIT * keel.timeout_scale(), graded["elapsed"]
    assert graded["elapsed"] < 0.85 * total, (graded["elapsed"], total)


def test_progress_and_summary(graded):
    assert re.search(r"\[20/20\] \S+: \d+/100 .*ETA 0:00", graded["stderr"]), graded["stderr"][-500:]
    text = graded["stdout"]
    assert "score distribution (20 submissions, max 100)" in text
    assert re.search(r"^\s+100 \| #### 4$", text, re.M), text
    assert "most-failed tests:" in text and "breakpoint" in text
    assert (graded["out"] / "summary.txt").read_text().strip() in text


def test_gradescope_bundle_grades_alike(klass, batch_arch, tmp_path):
    """The autograder zip, run here as Gradescope would, gives the batch's
    scores and valid results."""
    _, made, _ = klass
    zip_path = tmp_path / "autograder.zip"
    proc = subprocess.run([sys.executable, str(keel.ROOT / "grade/gradescope.py"), "bundle",
                           "--lab", "1", "--arch", batch_arch, "--dest", str(zip_path)],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert proc.returncode == 0, proc.stdout.decode()
    import gradescope
    import zipfile
    names = zipfile.ZipFile(zip_path).namelist()
    assert {"setup.sh", "run_autograder", gradescope.CONFIG, "keel/Makefile"} <= set(names)
    assert not [n for n in names if n.endswith("grade/test_meta.py")]
    for student, score in (("hostile-triple-fault", 80), ("broken-syntax", 0)):
        obj = gradescope.try_bundle(zip_path, made[student])
        assert results.validate_gradescope(obj) == [], obj
        assert obj["score"] == score, obj["output"]
    assert "build failure: kern/ksym.c" in obj["output"]


def test_grade_submission_target(klass, batch_arch):
    """make grade-submission: one student's tree graded pristine, with the
    outcome in the score table."""
    _, made, _ = klass
    proc = subprocess.run(["make", "--no-print-directory", "-C", str(keel.ROOT),
                           "grade-submission", f"SUB={made['hostile-triple-fault']}", "LAB=1",
                           f"ARCH={batch_arch}", "TEST=breakpoint", f"SEED={SEED}"],
                          stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, timeout=300)
    out = proc.stdout.decode(errors="replace")
    assert proc.returncode != 0, out[-3000:]      # a failed test fails make grade
    assert re.search(r"test_breakpoint\S*\s+0/20\s+FAILED \(triple fault or reset\)", out), out[-3000:]
    assert f"seed={SEED}" in out
