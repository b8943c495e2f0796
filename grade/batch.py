"""batch.py - grade a folder of submissions for one lab and one arch.

    python3 grade/batch.py SUBMISSIONS --lab N --arch A [--out DIR]
        [--jobs N] [--policy reference|carry] [--seed N|random]
        [--timeout-scale F] [--no-deterministic] [--keep] [--instructor TREE]

SUBMISSIONS holds one entry per student: a directory, a tarball, a zip or
a git bundle, named after the student (alice.tar.gz, bob/, carol.bundle).
Each is graded in its own scratch tree (grade/pristine.py: the instructor's
tests, Makefile and lab configuration, only the lab's editable files taken
from the submission), N at a time (default: one per core).  Emulators open
no port (-serial stdio, no monitor, no gdb), so runs cannot collide.

Before grading, the batch builds the base once, measures this machine
(grade/calibrate.py) unless --timeout-scale is given, and picks one seed
for the whole class (recorded; --seed N replays).  Graded runs are
deterministic (QEMU -icount, keel.DETERMINISTIC_FLAGS) unless
--no-deterministic.

It writes into OUT (default build/grades/labN-ARCH):
  grades.csv                 one row per student (results.csv_header)
  summary.txt                score distribution, most-failed tests
  students/NAME/keel-results.json, results.json (Gradescope), junit.xml,
               pytest.log     per student
and prints the summary.  A progress bar with an ETA goes to stderr.
"""

import argparse
import csv
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

GRADE = Path(__file__).resolve().parent
sys.path.insert(0, str(GRADE))
import calibrate  # noqa: E402
import keel  # noqa: E402
import labs  # noqa: E402
import pristine  # noqa: E402
import results  # noqa: E402
from submission import SubmissionError, find_submissions, student_name  # noqa: E402

PYTHON = sys.executable or "/usr/bin/python3"
SLACK = 60                # seconds a submission may take beyond its timeouts


@dataclass
class Options:
    lab: int
    arch: str
    policy: str = "reference"
    seed: int = None              # None: the kernel's default
    timeout_scale: float = None   # None: calibrate on this machine first
    deterministic: bool = True
    keep: bool = False


def grading_env(opts):
    """The environment a graded run gets: its scale, seed and mode."""
    env = dict(os.environ)
    if opts.timeout_scale is not None:
        env["KEEL_TIMEOUT_SCALE"] = f"{opts.timeout_scale:g}"
    env["KEEL_DETERMINISTIC"] = "1" if opts.deterministic else "0"
    if opts.seed is not None:
        env["KEEL_SEED"] = str(opts.seed)
    else:
        env.pop("KEEL_SEED", None)
    return env


@contextmanager
def environment(env):
    """Run the body with os.environ set to env (this process's own boots,
    the calibration, see the same switches as the graded runs)."""
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def pytest_command(lab, arch, tree, report_path, junit_path=None, collect_only=False):
    cmd = [PYTHON, "-m", "pytest", f"grade/test_lab{lab}.py", "-p", "no:cacheprovider",
           "-q", f"--arch={arch}", f"--tree={tree}", f"--keel-results={report_path}"]
    if junit_path:
        cmd.append(f"--junitxml={junit_path}")
    if collect_only:
        cmd.append("--collect-only")
    return cmd


def lab_template(base, opts, scratch):
    """The lab's graded tests as a report in which none has run yet."""
    path = Path(scratch) / "template.json"
    proc = subprocess.run(pytest_command(opts.lab, opts.arch, base.root, path, collect_only=True),
                          cwd=base.root, env=grading_env(opts), stdin=subprocess.DEVNULL,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=300)
    if not path.exists():
        raise pristine.BaseError("cannot list the lab's tests:\n" +
                                 proc.stdout.decode(errors="replace")[-2000:])
    template = results.Report.load(path)
    if not template.tests:
        raise pristine.BaseError(f"grade/test_lab{opts.lab}.py has no graded test for {opts.arch}")
    return template


def failed_report(template, result, reason, opts):
    """Every test of the lab failed the same way (the grader could not run them)."""
    report = results.Report.from_json(template.to_json())
    report.seed, report.deterministic = opts.seed, opts.deterministic
    report.timeout_scale = opts.timeout_scale
    for t in report.tests:
        t.result, t.reason, t.earned = result, reason, 0
    return report


def budget(template, opts):
    """Seconds the grading of one submission may take at most: the build,
    every test timing out twice over, and some slack.  Only a grader bug
    reaches it."""
    cfg = labs.lab(opts.lab)
    per_test = max([cfg.timeout, *cfg.test_timeouts.values()])
    return ((keel.BUILD_TIMEOUT + 2 * per_test * len(template.tests)) * opts.timeout_scale
            + SLACK)


def run_with_deadline(cmd, cwd, env, log_path, seconds):
    """Run cmd (its own process group) with output to log_path; kill the
    whole group at the deadline.  Returns (returncode or None, seconds)."""
    start = time.monotonic()
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                                stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            code = proc.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            code = None
    return code, time.monotonic() - start


def replay_command(source, opts):
    """The command that grades this submission again as the batch did
    (add TEST=name for one test), from the instructor's tree."""
    cmd = (f"make grade-submission SUB={source} LAB={opts.lab} ARCH={opts.arch} "
           f"POLICY={opts.policy}")
    if opts.seed is not None:
        cmd += f" SEED={opts.seed}"
    if opts.timeout_scale is not None and opts.timeout_scale != 1:
        cmd = f"KEEL_TIMEOUT_SCALE={opts.timeout_scale:g} {cmd}"
    return cmd


def safe_name(student):
    return re.sub(r"[^\w.-]", "_", student) or "_"


def grade_submission(base, source, work, out, template, opts):
    """Grade one submission in scratch tree `work`; write its files to `out`.

    Returns its results.Report, with .submission saying what was taken from it.
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    report_path = out / "keel-results.json"
    report_path.unlink(missing_ok=True)
    start = time.monotonic()
    try:
        record = pristine.overlay(base, source, work, opts.policy)
    except (SubmissionError, OSError) as e:
        report = failed_report(template, "error", f"unreadable submission: {e}", opts)
        record = {"student": student_name(source), "source": str(source), "taken": [],
                  "missing": [], "rejected": [], "policy": opts.policy}
    else:
        cmd = pytest_command(opts.lab, opts.arch, work, report_path, out / "junit.xml")
        code, _ = run_with_deadline(cmd, work, grading_env(opts), out / "pytest.log",
                                    budget(template, opts))
        if report_path.exists():
            report = results.Report.load(report_path)
        else:
            tail = (out / "pytest.log").read_text(errors="replace").strip().splitlines()[-3:]
            why = ("the grader ran out of time" if code is None
                   else f"the grader stopped (exit {code}): " + " / ".join(tail))
            report = failed_report(template, "error", why, opts)
        if not opts.keep:
            shutil.rmtree(work, ignore_errors=True)
    record["replay"] = replay_command(source, opts)
    report.submission = record
    report.seconds = round(time.monotonic() - start, 1)
    report.save(report_path)
    visibility = labs.lab(opts.lab).visibility
    with open(out / "results.json", "w") as f:
        json.dump(results.to_gradescope(report, test_visibility=visibility), f, indent=1)
    return report


class Progress:
    """A progress bar with an ETA on a terminal; one line per submission
    otherwise (logs, CI)."""

    def __init__(self, total, stream=sys.stderr):
        self.total, self.stream, self.done = total, stream, 0
        self.start = time.monotonic()
        self.tty = stream.isatty()
        self.lock = threading.Lock()

    @staticmethod
    def clock(seconds):
        seconds = int(seconds)
        return f"{seconds // 60}:{seconds % 60:02d}"

    def eta(self):
        if not self.done:
            return "?"
        elapsed = time.monotonic() - self.start
        return self.clock(elapsed / self.done * (self.total - self.done))

    def finished(self, student, report):
        with self.lock:
            self.done += 1
            elapsed = self.clock(time.monotonic() - self.start)
            if self.tty:
                width = 30
                filled = width * self.done // self.total
                self.stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] "
                                  f"{self.done}/{self.total}  elapsed {elapsed}  "
                                  f"ETA {self.eta()}  last: {student[:20]:<20}")
                if self.done == self.total:
                    self.stream.write("\n")
            else:
                self.stream.write(f"[{self.done:>{len(str(self.total))}}/{self.total}] "
                                  f"{student}: {report.score:g}/{report.max_score:g}"
                                  f"{'  (' + report.failure() + ')' if report.failure() else ''}"
                                  f"  elapsed {elapsed}, ETA {self.eta()}\n")
            self.stream.flush()


def write_csv(path, graded, template):
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(results.csv_header(template.tests))
        for student, report in graded:
            w.writerow(results.csv_row(student, report, report.submission.get("source", "")))


def grade_folder(folder, out, opts, jobs, instructor=keel.ROOT, calibrate_runs=3,
                 stream=sys.stderr, log=print):
    """Grade every submission in folder; return [(student, Report)] by student."""
    out = Path(out).resolve()
    subs = find_submissions(folder)
    if not subs:
        raise SubmissionError(f"no submissions in {folder}")
    base_dir, work_root = out / "base", out / "work"
    for d in (base_dir, work_root):
        shutil.rmtree(d, ignore_errors=True)
    log(f"base: lab {opts.lab} handout of {instructor} for {opts.arch}, building...")
    base = pristine.make_base(instructor, opts.lab, opts.arch, base_dir)
    template = lab_template(base, opts, out)
    if opts.timeout_scale is None:
        with environment(grading_env(opts)):
            cal = calibrate.calibrate(base.root, opts.arch, jobs, calibrate_runs)
        opts.timeout_scale = cal.scale
        log(cal.describe())
        (out / "calibration.json").write_text(json.dumps(cal.__dict__, indent=1) + "\n")
    log(f"grading {len(subs)} submissions, {jobs} at a time: policy {opts.policy}, "
        f"seed {opts.seed}, timeout scale {opts.timeout_scale:g}, "
        f"{'deterministic (QEMU -icount)' if opts.deterministic else 'not deterministic'}")
    progress = Progress(len(subs), stream)
    graded = []
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = {}
        for src in subs:
            name = safe_name(student_name(src))
            futures[pool.submit(grade_submission, base, src, work_root / name,
                                out / "students" / name, template, opts)] = student_name(src)
        for fut in as_completed(futures):
            report = fut.result()
            progress.finished(futures[fut], report)
            graded.append((futures[fut], report))
    graded.sort()
    write_csv(out / "grades.csv", graded, template)
    elapsed = time.monotonic() - progress.start
    title = (f"Lab {opts.lab} on {opts.arch}: {len(graded)} submissions in "
             f"{Progress.clock(elapsed)} ({jobs} at a time, "
             f"{len(graded) / max(elapsed, 1e-9) * 60 / jobs:.1f} per minute per job), seed {opts.seed}")
    text = results.summary(graded, title)
    (out / "summary.txt").write_text(text + "\n")
    if not opts.keep:
        shutil.rmtree(work_root, ignore_errors=True)
        shutil.rmtree(base_dir, ignore_errors=True)
    return graded, text


def parse_seed(value):
    if value == "random":
        return random.SystemRandom().randrange(1, 1 << 31)
    return int(value)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("submissions", help="folder of submissions")
    ap.add_argument("--lab", type=int, required=True)
    ap.add_argument("--arch", default="x86", choices=keel.ARCHES)
    ap.add_argument("--out", help="output folder (default build/grades/labN-ARCH)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--policy", default="reference", choices=pristine.POLICIES)
    ap.add_argument("--seed", default="random", help="a number, or 'random' (default)")
    ap.add_argument("--timeout-scale", type=float, default=None,
                    help="skip calibration and scale timeouts by this")
    ap.add_argument("--no-deterministic", action="store_true", help="boot without QEMU -icount")
    ap.add_argument("--keep", action="store_true", help="keep the scratch trees (OUT/work)")
    ap.add_argument("--instructor", default=str(keel.ROOT), help="the solution tree")
    args = ap.parse_args(argv)
    if args.timeout_scale is None and os.environ.get("KEEL_TIMEOUT_SCALE"):
        args.timeout_scale = keel.timeout_scale()
    opts = Options(lab=args.lab, arch=args.arch, policy=args.policy, seed=parse_seed(args.seed),
                   timeout_scale=args.timeout_scale, deterministic=not args.no_deterministic,
                   keep=args.keep)
    out = Path(args.out or keel.ROOT / "build" / "grades" / f"lab{args.lab}-{args.arch}")
    try:
        graded, text = grade_folder(args.submissions, out, opts, max(1, args.jobs),
                                    instructor=Path(args.instructor).resolve())
    except (SubmissionError, pristine.BaseError, keel.BuildError, RuntimeError) as e:
        print(f"batch: {e}", file=sys.stderr)
        return 1
    print(text)
    print(f"\nwrote {out / 'grades.csv'} and {out / 'students'}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
