"""checks.py - assertions that explain themselves to students.

A failed check says what was expected, what happened, and shows the tail of
the console, so that a student can act on it without reading the grader.
"""

import re

import keel


class CheckFailed(AssertionError):
    """A check that failed, with what the grader needs to classify it
    (keel.classify): the run it looked at, what it expected and got, and
    its kind: "ktest" when it wanted a ktest's verdict, "output" when it
    read the console."""

    def __init__(self, msg, expected=None, got=None, run=None, kind="output"):
        super().__init__(msg)
        self.expected, self.got, self.run, self.kind = expected, got, run, kind


def fail(expected, got, run=None, kind="output"):
    msg = f"\n  expected: {expected}\n       got: {got}\n"
    if run is not None:
        msg += (f"  how the boot ended: {run.describe()}\n"
                f"  boot options: {run.cmdline}\n"
                f"--- console, last {keel.TAIL_LINES} lines ---\n{run.tail()}\n---")
    raise CheckFailed(msg, expected, got, run, kind)


def ktest_passed(run, res):
    """The named ktest reported pass."""
    if not res.passed:
        fail(f"ktest {res.name} to pass", res.reason, run, kind="ktest")


def in_order(run, patterns, what):
    """Each regex in patterns matches a line, in this order."""
    lines = run.log.splitlines()
    i = 0
    for pat in patterns:
        while i < len(lines) and not re.search(pat, lines[i]):
            i += 1
        if i == len(lines):
            fail(f"{what} (a line matching /{pat}/ after the previous ones)",
                 "no such line", run)
        i += 1


def powered_off_with_failure(run):
    if run.how != "poweroff" or run.status == 0:
        fail("the kernel to power off with a failure status after the panic",
             run.describe(), run)


def backtrace_names(run, names, what):
    """A backtrace lists names in this order, each as 'in NAME+0x...'."""
    in_order(run, [r"^backtrace:"] + [rf"#\d+ .* in {n}\+0x" for n in names], what)


def ktest_graded_tests(table, namespace):
    """Define one graded pytest test per (ktest name, points) in table, in
    namespace (a test module's globals()): test_<name without its labN_
    prefix> boots the tree with that ktest and passes if it passed.  The
    test modules of labs whose tests are plain ktests use this."""
    import pytest   # here: checks is also imported outside pytest runs

    def make(name, points):
        @pytest.mark.points(points)
        def test(arch, tree):
            ktest_passed(*keel.ktest(arch, name, tree))
        test.__name__ = "test_" + name.split("_", 1)[1]
        test.__doc__ = f"ktest {name}"
        return test

    for name, points in table:
        test = make(name, points)
        namespace[test.__name__] = test
