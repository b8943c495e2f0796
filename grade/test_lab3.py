"""Lab 3, address spaces: graded tests (labs/lab3.md).

Each test boots the kernel of the tree under test with one ktest of
mm/vm_ktest.c.  They touch "user" memory from the kernel with
hat_probe_read/hat_probe_write, whose faults take the whole K42 path
(Process -> Region -> FCM -> HAT), and end with a leak check.

    make grade LAB=3 [ARCH=x86|ppc64|mips] [TEST=name]
"""

import pytest

import keel
from checks import ktest_passed

LAB3 = [
    ("lab3_zero_fill", 10),
    ("lab3_regionmap_lookup", 15),
    ("lab3_free_range", 15),
    ("lab3_unmap_partial", 15),
    ("lab3_protect_split_merge", 15),
    ("lab3_fault_errors", 10),
    ("lab3_stopped_region", 5),
    ("lab3_no_leaks", 15),
]


def make_test(name, points):
    @pytest.mark.points(points)
    def test(arch, tree):
        ktest_passed(*keel.ktest(arch, name, tree))
    test.__name__ = "test_" + name[len("lab3_"):]
    test.__doc__ = f"ktest {name}"
    return test


for _name, _points in LAB3:
    globals()["test_" + _name[len("lab3_"):]] = make_test(_name, _points)
