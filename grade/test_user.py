"""User mode on every arch (not graded): the user_* ktests, which run the
programs of user/tests and check their exit statuses and the kernel's
kill messages (kern/user_ktest.c), and the shell booted as `make qemu`
boots it, driven through the serial console.

One boot per arch runs every user_* ktest; each pytest test below reports
one of them, so a failure names the program and the check.
"""

import re

import pytest

import keel
from checks import fail, in_order

USER_KTESTS = [
    "user_args", "user_zero_fill", "user_isolation", "user_mmap", "user_file",
    "user_many_regions", "user_many_processes", "user_fork", "user_cow",
    "user_fork_deep", "user_fork_bomb", "user_exec", "user_bad_pointers",
    "user_spawn_errors", "user_fault_unmapped_edges", "user_fault_protect_edges",
    "user_fault_kernel_address", "user_fault_text_and_stack", "user_fault_noexec",
    "user_no_leaks",
]

_runs = {}


def user_run(arch, tree):
    """The one boot with ktest=user_* for this arch (and tree)."""
    key = (arch, str(tree))
    if key not in _runs:
        _runs[key] = keel.boot(arch, "ktest=user_*", tree, timeout=120)
    return _runs[key]


@pytest.mark.parametrize("name", USER_KTESTS)
def test_user_program(arch, tree, name):
    run = user_run(arch, tree)
    res = run.ktests.get(name)
    if res is None:
        fail(f"ktest {name} to run", "it never started: " + run.describe(), run)
    if not res.passed:
        fail(f"ktest {name} to pass", res.reason, run, kind="ktest")


def test_every_user_ktest_listed(arch, tree):
    """USER_KTESTS names every user_* ktest the kernel has."""
    run = user_run(arch, tree)
    assert sorted(run.ktests) == sorted(USER_KTESTS), sorted(run.ktests)


def test_shell(arch, tree):
    """Boot to the shell and use it: programs by name with arguments, exit
    statuses, a fault that kills only its program, the regions tool,
    poweroff."""
    script = [(4.0, b"echo hello from the shell\n"), (0.7, b"t_args 3 x\n"),
              (0.7, b"t_fault 20000000 map:1 w:5\n"), (0.7, b"regions\n"),
              (0.7, b"nosuchprog\n"), (0.7, b"poweroff 0\n")]
    run = keel.boot(arch, "", tree, input_script=script, timeout=40)
    in_order(run, [r"init: .*pid 1", r"^\$ "], "init starting the shell")
    in_order(run, [r"^hello from the shell"], "echo's output")
    in_order(run, [r'argv\[2\] = "x"', r"\[t_args: exit 3\]"], "t_args and its exit status")
    in_order(run, [r"t_fault\[\d+\]: killed: write at 0x0*20005010 .*no Region maps it",
                   r"\[t_fault: killed\]"], "the fault killing only t_fault")
    in_order(run, [r"process regions .* region\(s\)", r"fcm "], "the regions tool")
    in_order(run, [r"sh: nosuchprog: ENOENT"], "an unknown program reported")
    if run.how != "poweroff" or run.status != 0:
        fail("poweroff 0 to end the emulator with status 0", run.describe(), run)
