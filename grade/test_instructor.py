"""The instructor tooling, piece by piece (docs/instructors.md): lab
configuration, pristine trees and grading policies, reading submissions,
classifying what happened, the report formats (Gradescope, CSV, JUnit),
seeds, deterministic runs and calibration.  grade/test_batch.py grades a
whole class end to end.

Instructors only: it needs the solution tree, so a handout skips it.
"""

import io
import json
import os
import re
import subprocess
import sys
import tarfile
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

import calibrate
import conftest
import keel
import labs
import pristine
import results
import submission
from checks import CheckFailed

pytestmark = pytest.mark.skipif((keel.ROOT / ".keel-handout").exists(),
                                reason="instructors only: needs the solution tree")


def first_arch(config):
    return conftest.selected_arches(config)[0]


# ---- a small two-lab tree --------------------------------------------------

def block(lab, solution, stub):
    return f"#if SOLUTION({lab})\n{solution}\n#else\n{stub}\n#endif\n"


TWO_LABS = {
    "kern/one.c": block(1, "int one = 1;", "int one = 0;"),
    "kern/two.c": block(2, "int two = 2;", "int two = 0;"),
    "kern/both.c": block(1, "int b1 = 1;", "int b1 = 0;") + block(2, "int b2 = 2;", "int b2 = 0;"),
    "arch/mips/m.c": block(1, "int m = 1;", "int m = 0;"),
    "kern/plain.c": "int plain;\n",
    "grade/test_lab1.py": "",
    "grade/test_lab2.py": "",
    "Makefile": "all:\n",
}


@pytest.fixture
def two_labs(tmp_path):
    root = tmp_path / "instructor"
    for f, text in TWO_LABS.items():
        (root / f).parent.mkdir(parents=True, exist_ok=True)
        (root / f).write_text(text)
    return root


def student_tree(path, files):
    for f, text in files.items():
        (path / f).parent.mkdir(parents=True, exist_ok=True)
        (path / f).write_text(text)
    return path


def test_editable_files_are_derived_from_markers(two_labs):
    assert labs.editable_files(1, two_labs) == ["arch/mips/m.c", "kern/both.c", "kern/one.c"]
    assert labs.editable_files(1, two_labs, arch="x86") == ["kern/both.c", "kern/one.c"]
    assert labs.editable_files(2, two_labs) == ["kern/both.c", "kern/two.c"]
    assert labs.mixed_files(two_labs) == {"kern/both.c": [1, 2]}
    assert labs.graded_labs(two_labs) == [1, 2]


def test_editable_files_extras_and_overrides(two_labs, monkeypatch):
    monkeypatch.setitem(labs.LABS, 1, labs.Lab(1, "t", extra_editable=("kern/plain.c",),
                                               not_editable=("kern/one.c",)))
    assert labs.editable_files(1, two_labs, "x86") == ["kern/both.c", "kern/plain.c"]


def test_real_tree_lab1_files():
    """Lab 1's students edit the symbol lookup, the traps and their arch's files."""
    files = labs.editable_files(1, keel.ROOT, "x86")
    assert {"kern/ksym.c", "kern/trap.c", "arch/x86/backtrace.c"} <= set(files)
    assert not [f for f in files if f.startswith(("grade/", "arch/mips/", "Makefile"))]


def test_timeouts_come_from_the_lab_configuration(monkeypatch):
    assert keel.ktest_timeout("lab1_timer") == labs.LABS[1].timeout
    assert keel.ktest_timeout("kern_printf") == keel.BOOT_TIMEOUT
    assert keel.ktest_timeout("lab9_anything") == labs.DEFAULT_TIMEOUT
    monkeypatch.setitem(labs.LABS, 1, labs.Lab(1, "t", timeout=7, test_timeouts={"lab1_x": 3}))
    assert keel.ktest_timeout("lab1_x") == 3 and keel.ktest_timeout("lab1_y") == 7


def test_pristine_policies(two_labs, tmp_path):
    """Lab 2 of a cumulative tree whose lab-1 code is wrong: under
    "reference" the lab-1 file comes from the solution (no cascading
    failure), under "carry" from the student; a file holding both labs'
    blocks is the student's under both; nothing else is ever read."""
    sub = student_tree(tmp_path / "alice", {
        "kern/one.c": "int one = -1; /* a lab-1 bug */\n",
        "kern/two.c": "int two = 2; /* lab 2, solved */\n",
        "kern/both.c": "int b1 = -1; int b2 = 2;\n",
        "kern/plain.c": "int plain = 666; /* not editable */\n",
        "grade/test_lab2.py": "cheat\n", "Makefile": "cheat\n"})
    base = pristine.make_base(two_labs, 2, "x86", tmp_path / "base", build=False)
    assert base.files_to_take("reference") == ["kern/both.c", "kern/two.c"]
    assert base.files_to_take("carry") == ["kern/both.c", "kern/one.c", "kern/two.c"]

    ref = tmp_path / "ref"
    record = pristine.overlay(base, sub, ref, "reference")
    assert record["taken"] == ["kern/both.c", "kern/two.c"] and record["missing"] == []
    assert (ref / "kern/one.c").read_text() == "int one = 1;\n"      # the reference
    assert "a lab-1 bug" not in (ref / "kern/one.c").read_text()
    assert (ref / "kern/both.c").read_text() == "int b1 = -1; int b2 = 2;\n"
    assert (ref / "kern/plain.c").read_text() == "int plain;\n"
    assert (ref / "grade/test_lab2.py").read_text() == ""
    assert (ref / "Makefile").read_text() == "all:\n"
    assert json.loads((ref / pristine.RECORD).read_text())["policy"] == "reference"

    carry = tmp_path / "carry"
    pristine.overlay(base, sub, carry, "carry")
    assert "a lab-1 bug" in (carry / "kern/one.c").read_text()


def test_pristine_keeps_the_stub_of_a_missing_file(two_labs, tmp_path):
    base = pristine.make_base(two_labs, 1, "x86", tmp_path / "base", build=False)
    sub = student_tree(tmp_path / "bob", {"kern/one.c": "int one = 1;\n"})
    record = pristine.overlay(base, sub, tmp_path / "t", "reference")
    assert record["missing"] == ["kern/both.c"]
    assert (tmp_path / "t/kern/both.c").read_text() == "int b1 = 0;\nint b2 = 0;\n"


# ---- reading submissions -----------------------------------------------------

WANTED = ["kern/one.c", "kern/two.c"]


def as_tar(tree, path, top="keel"):
    with tarfile.open(path, "w:gz") as tar:
        tar.add(tree, arcname=top)
    return path


def as_zip(tree, path):
    with zipfile.ZipFile(path, "w") as z:
        for p in tree.rglob("*"):
            if p.is_file():
                z.write(p, p.relative_to(tree).as_posix())
    return path


def as_bundle(tree, path):
    git = ["git", "-C", str(tree), "-c", "user.name=s", "-c", "user.email=s@x"]
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "x"],
                 ["bundle", "create", "-q", str(path), "--all"]):
        subprocess.run(git + args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return path


@pytest.mark.parametrize("fmt", ["dir", "tar", "zip", "bundle"])
def test_every_format_reads_the_same(tmp_path, fmt):
    tree = student_tree(tmp_path / "carol", {"kern/one.c": "1\n", "kern/two.c": "2\n",
                                             "other/kern/one.c": "decoy\n"})
    path = {"dir": lambda: tree, "tar": lambda: as_tar(tree, tmp_path / "carol.tar.gz"),
            "zip": lambda: as_zip(tree, tmp_path / "carol.zip"),
            "bundle": lambda: as_bundle(tree, tmp_path / "carol.bundle")}[fmt]()
    with submission.open_submission(path) as sub:
        assert sub.student == "carol"
        sub.locate(WANTED)
        assert sub.read("kern/one.c") == b"1\n" and sub.read("kern/two.c") == b"2\n"
        assert sub.read("kern/none.c") is None


def test_hostile_archive_members_are_refused(tmp_path, monkeypatch):
    """Symlinks, paths out of the tree and huge files are never read."""
    path = tmp_path / "mallory.tar"
    with tarfile.open(path, "w") as tar:
        def add(name, data=b"x", **attrs):
            info = tarfile.TarInfo(name)
            info.size = 0 if attrs else len(data)
            for k, v in attrs.items():
                setattr(info, k, v)
            tar.addfile(info, None if attrs else io.BytesIO(data))
        add("keel/kern/one.c", type=tarfile.SYMTYPE, linkname="/etc/passwd")
        add("../kern/two.c", b"escaped")
        add("keel/kern/big.c", b"y" * 100)
    monkeypatch.setattr(submission, "MAX_FILE_BYTES", 10)
    with submission.open_submission(path) as sub:
        sub.locate(["kern/one.c", "kern/two.c", "kern/big.c"])
        assert sub.read("kern/one.c") is None
        assert sub.read("kern/two.c") is None
        assert sub.read("kern/big.c") is None
        assert [p for p, _ in sub.rejected] == ["kern/one.c", "kern/big.c"]


def test_symlinked_directory_is_refused(tmp_path):
    outside = student_tree(tmp_path / "secret", {"one.c": "secret\n"})
    tree = tmp_path / "eve"
    (tree).mkdir()
    (tree / "kern").symlink_to(outside)
    with submission.open_submission(tree) as sub:
        sub.locate(["kern/one.c"])
        assert sub.read("kern/one.c") is None and sub.rejected


def test_find_submissions(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b.tar.gz").write_bytes(b"")
    (tmp_path / "c.bundle").write_bytes(b"")
    (tmp_path / "notes.txt").write_text("")
    (tmp_path / ".hidden").mkdir()
    assert [submission.student_name(p) for p in submission.find_submissions(tmp_path)] == \
        ["a", "b", "c"]
    (tmp_path / "a.zip").write_bytes(b"")
    with pytest.raises(submission.SubmissionError, match="two submissions"):
        submission.find_submissions(tmp_path)


# ---- what happened -------------------------------------------------------------

PANIC_LOG = """\
ktest: begin count=1 filter=lab1_timer seed=42
ktest: start lab1_timer
panic: unexpected trap: memory fault at pc 0x1234 in kernel mode
backtrace:
  #0 0x0000000000102290 in panic_trap+0x10
  #1 0x0000000000102291 in walk_frames+0x10
  #2 0x0000000000102292 in lab1_timer+0x10
panic: powering off
"""


def run_with(log, how="poweroff", status=2, seconds=1.0):
    run = keel.Run(arch="x86", cmdline="ktest=lab1_timer", log=log, how=how, status=status,
                   seconds=seconds)
    keel.parse_ktests(run)
    return run


def ktest_failure(run, reason="started but never finished"):
    return CheckFailed("x", "ktest lab1_timer to pass", reason, run, kind="ktest")


def test_classify_every_outcome():
    panic = run_with(PANIC_LOG)
    assert panic.seed == 42
    out = keel.classify(ktest_failure(panic), panic)
    assert out.result == "panic" and out.label == "kernel panic or trap"
    assert out.reason == ("panic: unexpected trap: memory fault at pc 0x1234 in kernel mode; "
                          "backtrace: walk_frames <- lab1_timer")
    # A test reading the console may expect a panic: one is a wrong result,
    # a panic while panicking is a panic.
    output_check = CheckFailed("x", "a backtrace", "no such line", panic, kind="output")
    assert keel.classify(output_check, panic).result == "wrong"
    twice = run_with(PANIC_LOG + "panic: recursive panic, powering off\n")
    assert keel.classify(CheckFailed("x", "e", "g", twice), twice).result == "panic"
    for how, result in (("timeout", "timeout"), ("reset", "reset"), ("flood", "flood"),
                        ("crash", "crash")):
        run = run_with("ktest: start lab1_timer\n", how=how, status=None)
        assert keel.classify(ktest_failure(run), run).result == result
    wrong = run_with("ktest: start lab1_timer\nktest: fail lab1_timer: ticks 0\n", status=1)
    out = keel.classify(ktest_failure(wrong, "ticks 0"), wrong)
    assert out.result == "wrong" and out.reason == "expected ktest lab1_timer to pass; got ticks 0"
    assert keel.classify(keel.BuildError("x86", "kern/a.c:1:2: error: oops\n")).result == "build"
    assert keel.classify(RuntimeError("grader bug")).result == "error"
    assert keel.classify(None).result == "passed"
    assert set(keel.OUTCOMES) >= {"passed", "wrong", "panic", "timeout", "reset", "build"}


def test_first_error_names_the_cause():
    compile_out = ("gcc -c kern/ksym.c\nkern/ksym.c: In function 'f':\n"
                   "kern/ksym.c:3:9: error: expected ';' before '}'\n"
                   "kern/ksym.c:4:1: error: second\nmake: *** [Makefile:60: x] Error 1\n")
    assert keel.first_error(compile_out) == "kern/ksym.c:3:9: error: expected ';' before '}'"
    link_out = ("ld -o kernel.elf\nld: build/x86/kern/trap.o: in function `trap_timer':\n"
                "kern/trap.c:42: undefined reference to `nope'\nmake: *** [x] Error 1\n")
    assert keel.first_error(link_out) == "kern/trap.c:42: undefined reference to `nope'"


# ---- seeds, determinism, ports ---------------------------------------------

def test_seed_and_deterministic_switches(monkeypatch, pytestconfig):
    info = keel.run_info(first_arch(pytestconfig))
    monkeypatch.delenv("KEEL_SEED", raising=False)
    monkeypatch.delenv("KEEL_DETERMINISTIC", raising=False)
    assert keel.with_seed("ktest=x") == "ktest=x"
    assert "-icount" not in keel.qemu_args(info, "")
    monkeypatch.setenv("KEEL_SEED", "77")
    monkeypatch.setenv("KEEL_DETERMINISTIC", "1")
    assert keel.with_seed("ktest=x") == "ktest=x seed=77"
    assert keel.with_seed("ktest=x seed=3") == "ktest=x seed=3"
    args = keel.qemu_args(info, "")
    assert args[args.index("-icount") + 1] == keel.DETERMINISTIC_FLAGS[1]
    assert keel.qemu_args(info, "", extra=["-icount", "shift=0"]).count("-icount") == 1


def test_no_emulator_opens_a_port(arch, tree):
    """Parallel grading needs runs that share nothing on the host."""
    info = keel.run_info(arch, tree)
    args = keel.qemu_args(info, "ktest=all")
    assert keel.shared_resources(args) == [], args
    assert keel.shared_resources(["-gdb", "tcp::1234", "-chardev", "socket,id=x,path=/tmp/s"])


def test_deterministic_runs_repeat_exactly(arch, tree, monkeypatch):
    """Under -icount the timer still ticks (lab 1's timer test passes) and
    two runs print the same console, to the character, but for the per-run
    nonce and the proofs that depend on it (docs/grading-security.md)."""
    monkeypatch.setenv("KEEL_DETERMINISTIC", "1")
    monkeypatch.setenv("KEEL_SEED", "1234")
    logs = []
    for _ in range(2):
        run, res = keel.ktest(arch, "lab1_timer", tree)
        assert res.passed, res.reason
        assert run.seed == 1234 and "seed=1234" in run.cmdline
        logs.append(re.sub(r"(nonce|proof)=[0-9a-f]{16}", r"\1=N", run.log))
    assert run.nonce is not None and f"{run.nonce:016x}" in run.cmdline
    assert logs[0] == logs[1]


def test_calibration(arch, tree):
    cal = calibrate.calibrate(tree, arch, jobs=1, runs=1)
    assert len(cal.samples) == 1 and cal.scale >= 1
    assert cal.baseline == labs.CALIBRATION["baseline"][arch]
    assert "timeout scale" in cal.describe()


# ---- the report and its formats ------------------------------------------

def sample_report():
    return results.Report(lab=1, arch="x86", seed=5, tests=[
        results.TestResult("test_ksym_lookup", "n1", "x86", 10, 10, "passed", "", doc="ksym"),
        results.TestResult("test_timer", "n2", "x86", 20, 0, "timeout", "hang: 15 s",
                           output="expected...", seed=5, replay="KEEL_SEED=5 make grade")],
        submission={"taken": ["kern/ksym.c"], "missing": ["kern/trap.c"],
                    "rejected": [["arch/x86/timer.c", "a symbolic link"]]})


def test_report_round_trip(tmp_path):
    report = sample_report()
    report.save(tmp_path / "r.json")
    again = results.Report.load(tmp_path / "r.json")
    assert again == report and again.score == 10 and again.max_score == 30
    with pytest.raises(ValueError):
        results.Report.from_json({"format": "other"})


def test_gradescope_results_validate():
    obj = results.to_gradescope(sample_report(), visibility="after_published",
                                test_visibility={"test_timer": "hidden"})
    assert results.validate_gradescope(obj) == []
    assert obj["score"] == 10 and [t["max_score"] for t in obj["tests"]] == [10, 20]
    assert obj["tests"][1]["status"] == "failed" and obj["tests"][1]["visibility"] == "hidden"
    assert "hang or timeout: hang: 15 s" in obj["tests"][1]["output"]
    assert "replay: KEEL_SEED=5" in obj["tests"][1]["output"]
    assert "kern/trap.c" in obj["output"] and "symbolic link" in obj["output"]
    for bad, problem in ((dict(obj, bogus=1), "unknown field"),
                         (dict(obj, visibility="public"), "visibility"),
                         (dict(obj, score=99), "sum"),
                         (dict(obj, tests=[dict(obj["tests"][0], status="ok")]), "status"),
                         (dict(obj, tests=[dict(obj["tests"][0], score="10")]), "str")):
        assert any(problem in p for p in results.validate_gradescope(bad)), problem


def test_csv_and_summary():
    report = sample_report()
    header = results.csv_header(report.tests)
    assert header[:5] == ["student", "score", "max", "failure", "seed"]
    assert header[-2:] == ["timer", "timer result"]
    row = results.csv_row("alice", report, "alice.tar.gz")
    assert row[:3] == ["alice", "10", "30"] and row[-2:] == ["0", "timeout"]
    broken = results.Report(tests=[results.TestResult("test_a", "a", points=5, result="build")],
                            build_error="kern/a.c:1: error: x")
    assert broken.failure() == "build failure: kern/a.c:1: error: x"
    text = results.summary([("alice", report), ("bob", broken)], "title")
    assert "most-failed tests" in text and "timer" in text
    assert "bob: build failure: kern/a.c:1: error: x" in text


def test_junit_and_report_from_pytest(pytestconfig, tmp_path):
    """pytest's --junitxml carries each graded test's points and outcome;
    --keel-results writes the report, with the seed and a replay command."""
    arch = first_arch(pytestconfig)
    junit, report_path = tmp_path / "junit.xml", tmp_path / "report.json"
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "grade/test_lab1.py", "-p", "no:cacheprovider", "-q",
         f"--arch={arch}", "-k", "ksym_lookup", f"--junitxml={junit}",
         f"--keel-results={report_path}"], cwd=keel.ROOT, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, env=dict(os.environ, KEEL_SEED="99", KEEL_DETERMINISTIC="0"))
    assert proc.returncode == 0, proc.stdout.decode()[-3000:]
    case = ET.parse(junit).getroot().find(".//testcase")
    props = {p.get("name"): p.get("value") for p in case.iter("property")}
    assert props["points"] == "10" and props["earned"] == "10"
    assert props["result"] == "passed" and props["seed"] == "99"
    report = results.Report.load(report_path)
    assert report.lab == 1 and [t.name for t in report.tests] == ["test_ksym_lookup"]
    assert report.tests[0].replay == (f"KEEL_SEED=99 make grade LAB=1 ARCH={arch} "
                                      "TEST=test_ksym_lookup")
    assert report.score == 10 and report.seed == 99


def test_gradescope_validate_command(tmp_path):
    good = tmp_path / "results.json"
    good.write_text(json.dumps(results.to_gradescope(sample_report())))
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"score": 1, "tests": [{"status": "maybe"}]}))
    run = lambda f: subprocess.run([sys.executable, str(keel.ROOT / "grade/gradescope.py"),
                                    "validate", str(f)], stdout=subprocess.PIPE)
    assert run(good).returncode == 0
    out = run(bad)
    assert out.returncode == 1 and b"status" in out.stdout


def test_emulator_dies_with_the_grader(pytestconfig, tmp_path):
    """A grader killed with SIGKILL (a batch deadline, an instructor's ^C
    gone wrong) takes its spinning emulator with it."""
    import signal
    import time
    arch = first_arch(pytestconfig)
    script = (f"import sys; sys.path.insert(0, {str(keel.ROOT / 'grade')!r}); import keel; "
              f"keel.boot({arch!r}, 'harness=spin', timeout=120)")
    grader = subprocess.Popen([sys.executable, "-c", script])
    try:
        deadline = time.monotonic() + 60
        emulators = []
        while not emulators and time.monotonic() < deadline:
            time.sleep(0.2)
            for stat in Path("/proc").glob("[0-9]*/stat"):
                try:
                    fields = stat.read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                if int(fields[1]) == grader.pid:        # ppid
                    emulators.append(int(stat.parent.name))
        assert emulators, "the grader started no emulator"
    finally:
        grader.send_signal(signal.SIGKILL)
        grader.wait()
    deadline = time.monotonic() + 10
    alive = emulators
    while alive and time.monotonic() < deadline:
        time.sleep(0.1)
        alive = [pid for pid in alive if Path(f"/proc/{pid}").exists() and
                 Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"]
    assert not alive, f"emulator {alive} outlived its grader"
