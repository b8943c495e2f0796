"""Lab 1, boot and traps: graded tests (labs/lab1.md).

Each test boots the kernel of the tree under test with one ktest
(kern/ktest_lab1.c) and checks what it reported or printed.

    make grade LAB=1 [ARCH=x86|ppc64|mips] [TEST=name]
"""

import pytest

import keel
from checks import backtrace_names, fail, in_order, ktest_passed, powered_off_with_failure


def boot_test(arch, tree, name):
    return keel.ktest(arch, name, tree)


@pytest.mark.points(10)
def test_ksym_lookup(arch, tree):
    """ksym_lookup finds the function containing an address (kern/ksym.c)."""
    ktest_passed(*boot_test(arch, tree, "lab1_ksym"))


@pytest.mark.points(15)
def test_backtrace(arch, tree):
    """arch_backtrace walks a known call chain down to kmain."""
    ktest_passed(*boot_test(arch, tree, "lab1_backtrace"))


@pytest.mark.points(5)
def test_backtrace_max(arch, tree):
    """arch_backtrace stores at most max frames."""
    ktest_passed(*boot_test(arch, tree, "lab1_backtrace_max"))


@pytest.mark.points(15)
def test_panic_backtrace(arch, tree):
    """panic() prints a symbolized backtrace of its caller, then powers off."""
    run, _ = boot_test(arch, tree, "lab1_panic")
    in_order(run, [r"^panic: lab1 panic test \("], "the panic message")
    backtrace_names(run, ["panic_inner", "panic_outer", "lab1_panic"],
                    "a symbolized backtrace panic_inner <- panic_outer <- lab1_panic")
    powered_off_with_failure(run)


@pytest.mark.points(15)
def test_unexpected_trap(arch, tree):
    """An illegal instruction ends in a register dump and the trapped code's backtrace."""
    run, _ = boot_test(arch, tree, "lab1_illegal")
    in_order(run, [r"^panic: unexpected trap: .*\(illegal instruction\)"],
             "an unexpected-trap panic naming the illegal instruction")
    backtrace_names(run, ["illegal_outer", "lab1_illegal"],
                    "a backtrace of the trapped code: ... illegal_outer <- lab1_illegal")
    if "illegal_inner+0x" not in run.log:
        fail("illegal_inner (the function that trapped, or the caller of "
             "arch_illegal_instruction) in the backtrace", "not there", run)
    powered_off_with_failure(run)


@pytest.mark.points(20)
def test_timer(arch, tree):
    """The timer interrupt is acknowledged, re-armed and counted."""
    ktest_passed(*boot_test(arch, tree, "lab1_timer"))


@pytest.mark.points(20)
def test_breakpoint(arch, tree):
    """A breakpoint trap is reported and execution resumes after it."""
    ktest_passed(*boot_test(arch, tree, "lab1_breakpoint"))
