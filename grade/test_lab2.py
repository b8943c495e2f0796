"""Lab 2, physical memory and the HAT: graded tests (labs/lab2.md).

Each test boots the kernel of the tree under test with one ktest: the
frame allocator's (mm/frame_ktest.c), the HAT conformance suite's
(mm/hat_ktest.c, the same on every arch) and the arch's own stress test
(lab2_hat_arch_stress in arch/<arch>/).

    make grade LAB=2 [ARCH=x86|ppc64|mips] [TEST=name]
"""

import pytest

import keel
from checks import ktest_passed

LAB2 = [
    ("lab2_frame_cache", 10),
    ("lab2_frame_batching", 15),
    ("lab2_hat_enter_extract", 10),
    ("lab2_hat_replace", 5),
    ("lab2_hat_protect", 10),
    ("lab2_hat_ranges", 10),
    ("lab2_hat_two_spaces", 10),
    ("lab2_hat_wired", 5),
    ("lab2_hat_modified", 5),
    ("lab2_hat_segments", 5),
    ("lab2_hat_remove_all", 5),
    ("lab2_hat_no_leaks", 5),
    ("lab2_hat_arch_stress", 5),
]


def make_test(name, points):
    @pytest.mark.points(points)
    def test(arch, tree):
        ktest_passed(*keel.ktest(arch, name, tree))
    test.__name__ = "test_" + name[len("lab2_"):]
    test.__doc__ = f"ktest {name}"
    return test


for _name, _points in LAB2:
    globals()["test_" + _name[len("lab2_"):]] = make_test(_name, _points)
