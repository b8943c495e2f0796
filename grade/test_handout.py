"""tools/handout.py's marker rewriting, on small inputs."""

import sys

import pytest

import keel

sys.path.insert(0, str(keel.ROOT / "tools"))
import handout  # noqa: E402
import labs  # noqa: E402

SRC = """\
int f(void)
{
#if SOLUTION(1)
	return 1;
#else
	/* LAB 1: return one. */
	return 0;
#endif
}
#ifdef X
int g(void)
{
#if SOLUTION(2)
#if INNER
	inner();
#else
	other();
#endif
	return 2;
#else
	return -2;
#endif
}
#endif
"""


def test_lab1_handout_keeps_stubs_from_lab1_on():
    out = handout.strip(SRC, 1)
    assert "return 1;" not in out and "return 0;" in out and "LAB 1: return one" in out
    assert "return 2;" not in out and "return -2;" in out
    assert "#if SOLUTION" not in out and out.count("#endif") == 1   # only X's: INNER was in the dropped solution
    assert "#ifdef X" in out and "#if INNER" not in out


def test_lab2_handout_keeps_lab1_solution():
    out = handout.strip(SRC, 2)
    assert "return 1;" in out and "return 0;" not in out
    assert "return -2;" in out and "return 2;" not in out


def test_full_tree_when_lab_is_past_the_last():
    out = handout.strip(SRC, 99)
    assert "return 1;" in out and "return 2;" in out and "#if INNER" in out
    assert "return -2;" not in out


@pytest.mark.parametrize("bad", [
    "#if SOLUTION(1)\nx\n",                          # unterminated
    "#if SOLUTION(1)\nx\n#elif Y\ny\n#endif\n",       # elif
    "#if SOLUTION(1)\n#else\n#else\n#endif\n",        # two elses
    "#if SOLUTION(1) && Y\nx\n#endif\n",              # not the plain form
    "#endif\n",
])
def test_malformed_blocks_are_refused(bad):
    with pytest.raises(handout.MarkerError):
        handout.strip(bad, 1)


def test_every_tree_file_strips_cleanly():
    """The real tree's markers are all well formed, for every lab's handout
    and for the one after the last (every lab solved)."""
    files = [f for f in handout.tree_files(keel.ROOT) if f.endswith((".c", ".h", ".S", ".ld"))]
    last = max(labs.graded_labs() + [n for m in labs.solution_files().values() for n in m])
    for lab in range(1, last + 2):
        for f in files:
            handout.strip((keel.ROOT / f).read_text(), lab, f)
