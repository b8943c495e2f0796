"""conftest.py - pytest glue for Keel's grader.

Options:
  --arch=x86,ppc64,mips   which arches to test (default: all three, or $ARCH)
  --tree=DIR              the Keel tree to grade (default: this one)
  --keel-results=FILE     write the grading report (grade/results.py) to FILE

Tests that carry points are marked @pytest.mark.points(N).  Each graded
test ends as one outcome (keel.classify: passed, wrong result, panic, hang,
reset, flood, build failure...); at the end a score table lists each graded
test with the points it earned and, when it failed, what happened, then a
total.  With pytest's --junitxml, each graded test's points, earned points,
outcome and seed are properties of its testcase.
"""

import os
import re
import time
from collections import OrderedDict
from pathlib import Path

import pytest

import keel
import results
from checks import CheckFailed


def pytest_addoption(parser):
    parser.addoption("--arch", default=os.environ.get("KEEL_ARCHES", ",".join(keel.ARCHES)),
                     help="comma-separated arches to test")
    parser.addoption("--tree", default=str(keel.ROOT), help="the Keel tree to test")
    parser.addoption("--keel-results", default=None, metavar="FILE",
                     help="write the grading report (grade/results.py) as JSON to FILE")


def pytest_configure(config):
    config.addinivalue_line("markers", "points(n): the test is graded and worth n points")
    config.addinivalue_line("markers", "slow: takes more than a few seconds")
    config._keel_scores = OrderedDict()
    config._keel_results = OrderedDict()      # nodeid -> results.TestResult
    config._keel_build_error = None
    config._keel_start = time.monotonic()


def selected_arches(config):
    arches = [a.strip() for a in config.getoption("--arch").split(",") if a.strip()]
    for a in arches:
        if a not in keel.ARCHES:
            raise pytest.UsageError(f"--arch: unknown arch {a!r} (one of {', '.join(keel.ARCHES)})")
    return arches


def pytest_generate_tests(metafunc):
    if "arch" in metafunc.fixturenames:
        metafunc.parametrize("arch", selected_arches(metafunc.config), scope="session")


@pytest.fixture(scope="session")
def tree(pytestconfig):
    return Path(pytestconfig.getoption("--tree")).resolve()


def _arch(item):
    callspec = getattr(item, "callspec", None)
    return callspec.params.get("arch") if callspec else None


def _lab(item):
    m = re.match(r"test_lab(\d+)\.py$", Path(str(item.fspath)).name)
    return int(m.group(1)) if m else None


def replay_command(item, seed):
    """One command that reruns this test as it ran (docs/instructors.md)."""
    env = []
    if seed is not None:
        env.append(f"KEEL_SEED={seed}")
    if keel.deterministic():
        env.append("KEEL_DETERMINISTIC=1")
    lab = _lab(item)
    target = (f"make grade LAB={lab}" if lab is not None
              else f"make check PYTEST_ARGS='-k {item.originalname}'")
    arch = f" ARCH={_arch(item)}" if _arch(item) else ""
    test = f" TEST={item.originalname}" if lab is not None else ""
    return " ".join(env + [target]) + arch + test


def pytest_collection_finish(session):
    """Every graded test selected is in the report, even one that never runs."""
    config = session.config
    for item in session.items:
        marker = item.get_closest_marker("points")
        if marker is not None:
            doc = (item.function.__doc__ or "").strip().splitlines()
            config._keel_results[item.nodeid] = results.TestResult(
                name=item.originalname, nodeid=item.nodeid, arch=_arch(item),
                points=marker.args[0], doc=doc[0] if doc else "")


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    keel.forget_runs()      # so that the runs of this test are the ones classified


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    # A failed check already says what was expected and what happened:
    # show that, not pytest's traceback through the grader.
    if call.excinfo is not None and call.excinfo.errisinstance(CheckFailed):
        report.longrepr = f"{item.name}: {call.excinfo.value}"
    marker = item.get_closest_marker("points")
    if marker is None:
        return
    if report.when == "call" or (report.when == "setup" and report.outcome != "passed"):
        points = marker.args[0]
        earned = points if report.outcome == "passed" else 0
        item.config._keel_scores[item.nodeid] = (item.name, earned, points, _arch(item))
        _record(item, call, report, earned)


def _record(item, call, report, earned):
    """Classify a graded test's end into the report (and its JUnit properties)."""
    error = call.excinfo.value if call.excinfo is not None else None
    run = getattr(error, "run", None) or (keel.runs[-1] if keel.runs else None)
    if report.outcome == "skipped":
        verdict = keel.Outcome("error", "skipped: " + str(error or ""))
    else:
        verdict = keel.classify(error, run)
    if isinstance(error, keel.BuildError):
        item.config._keel_build_error = error
    res = item.config._keel_results.get(item.nodeid)
    if res is None:
        return
    res.earned = earned
    res.result, res.reason = verdict.result, verdict.reason
    res.output = "" if error is None else report.longreprtext[-results.OUTPUT_LIMIT:]
    res.seed = run.seed if run is not None else keel.seed_override()
    res.seconds = round(sum(r.seconds for r in keel.runs), 2)
    res.replay = replay_command(item, res.seed)
    for name, value in (("points", res.points), ("earned", earned), ("result", res.result),
                        ("reason", res.reason), ("seed", res.seed)):
        item.user_properties.append((name, value))


def pytest_sessionfinish(session, exitstatus):
    path = session.config.getoption("--keel-results")
    if not path:
        return
    config = session.config
    tests = list(config._keel_results.values())
    labs = {_lab(i) for i in session.items if i.nodeid in config._keel_results}
    arches = sorted({t.arch for t in tests if t.arch})
    report = results.Report(
        lab=labs.pop() if len(labs) == 1 else None,
        arch=",".join(arches) or None, tests=tests,
        seed=next((t.seed for t in tests if t.seed is not None), keel.seed_override()),
        deterministic=keel.deterministic(), timeout_scale=keel.timeout_scale(),
        seconds=round(time.monotonic() - config._keel_start, 1))
    err = config._keel_build_error
    if err is not None:
        report.build_error, report.build_log = err.first_error, err.output[-results.OUTPUT_LIMIT:]
    report.save(path)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    scores = config._keel_scores
    if not scores:
        return
    tr = terminalreporter
    tr.section("Keel score")
    width = max(len(name) for name, _, _, _ in scores.values())
    by_arch = OrderedDict()
    for nodeid, (name, earned, points, arch) in scores.items():
        by_arch.setdefault(arch, []).append((nodeid, name, earned, points))
    for arch, rows in by_arch.items():
        for nodeid, name, earned, points in rows:
            res = config._keel_results.get(nodeid)
            if earned == points:
                mark = "ok"
            else:
                mark = f"FAILED ({keel.OUTCOMES.get(res.result, res.result)})" if res else "FAILED"
            tr.write_line(f"  {name:<{width}}  {earned:>3}/{points:<3} {mark}")
            if res and earned != points and res.reason:
                tr.write_line(f"  {'':<{width}}      {res.reason[:160]}")
        total = sum(r[2] for r in rows)
        maximum = sum(r[3] for r in rows)
        label = f"Score {arch}" if arch and len(by_arch) > 1 else "Score"
        tr.write_line(f"  {label:<{width}}  {total:>3}/{maximum}")
