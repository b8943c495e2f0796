"""Lab 2, physical memory and the HAT: graded tests (labs/lab2.md).

Each test boots the kernel of the tree under test with one ktest: the
frame allocator's (mm/frame_ktest.c), the HAT conformance suite's
(mm/hat_ktest.c, the same on every arch) and the arch's own stress test
(lab2_hat_arch_stress in arch/<arch>/).

    make grade LAB=2 [ARCH=x86|ppc64|mips] [TEST=name]
"""

from checks import ktest_graded_tests

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


ktest_graded_tests(LAB2, globals())
