"""The grader against kernels that misbehave (kern/harness_check.c): each
run must end within its timeout, be classified correctly (keel.classify:
the outcome and reason a student reads), and fail the graded check it was
booted for."""

import time

import pytest

import keel
from checks import CheckFailed, ktest_passed

SHORT = 4   # seconds: the hostile runs' timeout
SMALL_CAP = 64 << 10    # floods are cut here, so the tests never race the clock


def graded_run(arch, tree, behaviour, reboot=False, cap=keel.OUTPUT_CAP):
    """Boot the lab-1 timer test with harness=behaviour; the check must fail.
    The run's .outcome is what the grader reports for it."""
    start = time.monotonic()
    run = keel.boot(arch, f"ktest=lab1_timer harness={behaviour}", tree,
                    timeout=SHORT, reboot=reboot, output_cap=cap)
    elapsed = time.monotonic() - start
    assert elapsed < SHORT * keel.timeout_scale() + 5, f"the grader took {elapsed:.1f} s"
    res = run.ktests.get("lab1_timer") or keel.KtestResult(
        "lab1_timer", False, "never started: " + run.describe())
    with pytest.raises(CheckFailed) as failed:
        ktest_passed(run, res)
    run.outcome = keel.classify(failed.value, failed.value.run)
    return run


@pytest.mark.parametrize("behaviour", ["spin", "spin-on"])
def test_spinning_kernel_times_out(arch, tree, behaviour):
    run = graded_run(arch, tree, behaviour)
    assert run.how == "timeout", run.describe()
    assert "was still running" in run.describe()
    assert run.outcome.result == "timeout" and "hang" in run.outcome.reason, run.outcome


def test_flooding_kernel_is_cut_off(arch, tree):
    run = graded_run(arch, tree, "flood", cap=SMALL_CAP)
    assert run.how == "flood", run.describe()
    assert len(run.log) <= SMALL_CAP
    assert run.outcome.result == "flood", run.outcome


def test_100mb_of_output_is_cut_at_the_cap(arch, tree):
    """A kernel that prints 100 MiB and then carries on is stopped at the
    output cap, long before it could finish printing."""
    run = graded_run(arch, tree, "flood-100m", cap=SMALL_CAP)
    assert run.how == "flood", run.describe()
    assert len(run.log) <= SMALL_CAP and run.seconds < SHORT * keel.timeout_scale()
    assert run.outcome.result == "flood" and "printed more than" in run.outcome.reason


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
    if run.how == "reset":
        assert run.outcome.result == "reset", run.outcome


def test_triple_fault_is_a_reset(arch, tree):
    """x86's triple fault resets the CPU without a word; the other arches
    reset the machine (they have no triple fault)."""
    run = graded_run(arch, tree, "triple-fault")
    assert run.how == "reset", run.describe()
    assert run.seconds < SHORT, run.describe()
    assert run.outcome.result == "reset" and "triple fault" in run.outcome.reason
    if arch == "x86":
        assert "kernel: resetting the machine" not in run.log, "x86 must triple-fault, not reset"


def test_success_exit_without_tests_fails(arch, tree):
    """Powering off with status 0 before any test ran earns nothing."""
    run = graded_run(arch, tree, "exit-ok")
    assert run.how == "poweroff" and run.status == 0, run.describe()
    assert "lab1_timer" not in run.ktests and run.summary is None
    assert run.outcome.result == "wrong", run.outcome
    assert "never started" in run.outcome.reason and "status 0" in run.outcome.reason


def test_panicking_kernel(arch, tree):
    run = graded_run(arch, tree, "panic")
    assert run.panicked and run.how == "poweroff" and run.status != 0, run.describe()
    assert run.outcome.result == "panic", run.outcome
    assert run.outcome.reason.startswith("panic: harness check")
    assert "harness_check_boot" in run.outcome.reason, "the backtrace is part of the reason"


def test_forged_transcript_gets_nothing(arch, tree):
    """A kernel that prints a made-up "lab1_timer passed" transcript, on the
    console and on the result channel, then powers off with success: the
    console line is not read at all, and the result line's proof is not
    this run's (grade/proofs.py)."""
    run = graded_run(arch, tree, "forge")
    assert run.how == "poweroff" and run.status == 0, run.describe()
    assert "ktest: pass lab1_timer" in run.log and "ktest: pass lab1_timer" in run.results
    res = run.ktests["lab1_timer"]
    assert not res.passed and "no valid proof" in res.reason, res
    assert run.outcome.result == "wrong", run.outcome


def test_console_lines_are_not_verdicts(arch, tree):
    """Pass lines on the console alone (the kernel's, or a user program's
    later) count for nothing: verdicts come from the result channel."""
    run = keel.boot(arch, "ktest=kern_printf", tree)
    assert run.ktests["kern_printf"].passed, run.results
    forged = keel.Run(arch=arch, cmdline=run.cmdline, log=run.log, results="",
                      nonce=run.nonce, symbols=run.symbols)
    keel.parse_ktests(forged)
    assert "kern_printf" not in forged.ktests
