"""Lab 3, address spaces: graded tests (labs/lab3.md).

Each test boots the kernel of the tree under test with one ktest of
mm/vm_ktest.c.  They touch "user" memory from the kernel with
hat_probe_read/hat_probe_write, whose faults take the whole K42 path
(Process -> Region -> FCM -> HAT), and end with a leak check.

    make grade LAB=3 [ARCH=x86|ppc64|mips] [TEST=name]
"""

from checks import ktest_graded_tests

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


ktest_graded_tests(LAB3, globals())
