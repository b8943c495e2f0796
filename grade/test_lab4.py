"""Lab 4, fork and copy-on-write: graded tests (labs/lab4.md).

Each test boots the kernel of the tree under test with one ktest of
mm/fork_ktest.c.  They fork address spaces with vm_fork, touch their
memory from the kernel with hat_probe_read/hat_probe_write, look at the
frames the HAT maps to tell a shared page from a copied or taken one, and
end with a leak check that counts fork-tree nodes too.

    make grade LAB=4 [ARCH=x86|ppc64|mips] [TEST=name]
"""

from checks import ktest_graded_tests

LAB4 = [
    ("lab4_fork_read_shares", 15),
    ("lab4_fork_isolation", 15),
    ("lab4_fork_take", 15),
    ("lab4_fork_deep", 10),
    ("lab4_collapse", 15),
    ("lab4_no_leaks", 10),
    ("lab4_crw_read_shares", 10),
    ("lab4_crw_write_copies", 10),
]


ktest_graded_tests(LAB4, globals())
