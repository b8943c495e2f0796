"""The lab meta-test: a lab-N handout builds and boots but scores nothing
on lab N, with failures that name what is missing; the solution tree's full
marks are test_labN.py itself in the same `make check`.

Instructors only: tools/handout.py leaves this file out of handouts.
"""

import re
import subprocess

import pytest

import keel

LABS = [1, 2, 3, 4]

# Fewer LAB_TODO stubs than this in a handout means some were lost: about
# the number of functions the lab's students write (lab 4 has four).
MIN_STUBS = {4: 4}


@pytest.fixture(scope="session", params=LABS)
def handout_tree(request, tmp_path_factory):
    lab = request.param
    dest = tmp_path_factory.mktemp(f"handout-lab{lab}") / "keel"
    proc = subprocess.run(["/usr/bin/python3", str(keel.ROOT / "tools/handout.py"),
                           "--lab", str(lab), "--dest", str(dest)],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert proc.returncode == 0, proc.stdout.decode()
    return lab, dest


def test_handout_has_no_solutions(handout_tree):
    lab, dest = handout_tree
    marker = re.compile(r"^\s*#\s*if\s+SOLUTION\(", re.M)
    for f in dest.rglob("*.[chS]"):
        assert not marker.search(f.read_text()), f"{f} still has a SOLUTION block"
    todo = sum(f.read_text().count(f"LAB_TODO({lab},") for f in dest.rglob("*.c"))
    want = MIN_STUBS.get(lab, 6)
    assert todo >= want, f"only {todo} LAB_TODO({lab}, ...) stubs in the handout, expected {want}"


def test_handout_scores_zero(handout_tree, arch):
    lab, dest = handout_tree
    proc = subprocess.run(["make", "--no-print-directory", "-C", str(dest), "grade",
                           f"LAB={lab}", f"ARCH={arch}"],
                          stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, timeout=900 * keel.timeout_scale())
    out = proc.stdout.decode(errors="replace")
    m = re.search(r"^\s+Score\s+(\d+)/(\d+)\s*$", out, re.M)
    assert m, f"no score line from the handout's make grade:\n{out[-4000:]}"
    assert proc.returncode != 0, "make grade must fail when tests fail"
    assert m.group(1) == "0" and int(m.group(2)) == 100, \
        f"the lab-{lab} handout scored {m.group(1)}/{m.group(2)}, expected 0:\n{out[-6000:]}"
    assert f"LAB {lab} TODO" in out, "failures must name the missing lab code"
