"""The grader against kernels that misbehave (kern/harness_check.c): each
run must end within its timeout, be classified correctly, and fail the
graded check it was booted for."""

import time

import pytest

import keel
from checks import CheckFailed, ktest_passed

SHORT = 4   # seconds: the hostile runs' timeout


def graded_run(arch, tree, behaviour, reboot=False):
    start = time.monotonic()
    run = keel.boot(arch, f"ktest=lab1_timer harness={behaviour}", tree,
                    timeout=SHORT, reboot=reboot)
    elapsed = time.monotonic() - start
    assert elapsed < SHORT * keel.timeout_scale() + 5, f"the grader took {elapsed:.1f} s"
    res = run.ktests.get("lab1_timer", keel.KtestResult("lab1_timer", False, "never started"))
    with pytest.raises(CheckFailed):
        ktest_passed(run, res)
    return run


@pytest.mark.parametrize("behaviour", ["spin", "spin-on"])
def test_spinning_kernel_times_out(arch, tree, behaviour):
    run = graded_run(arch, tree, behaviour)
    assert run.how == "timeout", run.describe()
    assert "was still running" in run.describe()


def test_flooding_kernel_is_cut_off(arch, tree):
    run = graded_run(arch, tree, "flood")
    assert run.how == "flood", run.describe()
    assert len(run.log) <= keel.OUTPUT_CAP


def test_reboot_loop_times_out(arch, tree):
    """Without -no-reboot, a kernel that resets boots again and again."""
    run = graded_run(arch, tree, "reset-loop", reboot=True)
    assert run.how == "timeout", run.describe()
    assert run.log.count("harness check: misbehaving") >= 2, run.tail()


def test_reset_ends_run(arch, tree):
    """With -no-reboot (the default) a reset ends the run at once."""
    run = graded_run(arch, tree, "reset-loop")
    assert run.how in ("reset", "poweroff"), run.describe()
    assert run.seconds < SHORT, run.describe()


def test_panicking_kernel(arch, tree):
    run = graded_run(arch, tree, "panic")
    assert run.panicked and run.how == "poweroff" and run.status != 0, run.describe()
