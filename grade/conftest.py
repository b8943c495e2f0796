"""conftest.py - pytest glue for Keel's grader.

Options:
  --arch=x86,ppc64,mips   which arches to test (default: all three, or $ARCH)
  --tree=DIR              the Keel tree to grade (default: this one)

Tests that carry points are marked @pytest.mark.points(N).  At the end, a
score table lists each graded test with the points it earned, and a total.
"""

import os
from collections import OrderedDict
from pathlib import Path

import pytest

import keel
from checks import CheckFailed


def pytest_addoption(parser):
    parser.addoption("--arch", default=os.environ.get("KEEL_ARCHES", ",".join(keel.ARCHES)),
                     help="comma-separated arches to test")
    parser.addoption("--tree", default=str(keel.ROOT), help="the Keel tree to test")


def pytest_configure(config):
    config.addinivalue_line("markers", "points(n): the test is graded and worth n points")
    config.addinivalue_line("markers", "slow: takes more than a few seconds")
    config._keel_scores = OrderedDict()


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
        arch = getattr(item, "callspec", None) and item.callspec.params.get("arch")
        item.config._keel_scores[item.nodeid] = (item.name, earned, points, arch)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    scores = config._keel_scores
    if not scores:
        return
    tr = terminalreporter
    tr.section("Keel score")
    width = max(len(name) for name, _, _, _ in scores.values())
    by_arch = OrderedDict()
    for name, earned, points, arch in scores.values():
        by_arch.setdefault(arch, []).append((name, earned, points))
    for arch, rows in by_arch.items():
        for name, earned, points in rows:
            mark = "ok" if earned == points else "FAILED"
            tr.write_line(f"  {name:<{width}}  {earned:>3}/{points:<3} {mark}")
        total = sum(r[1] for r in rows)
        maximum = sum(r[2] for r in rows)
        label = f"Score {arch}" if arch and len(by_arch) > 1 else "Score"
        tr.write_line(f"  {label:<{width}}  {total:>3}/{maximum}")
