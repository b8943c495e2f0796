#!/usr/bin/env python3
"""handout.py - write the student tree for one lab (docs/labs.md).

    python3 tools/handout.py --lab N --dest DIR [--src TREE]

Copies the tree (the files git tracks, or every file outside build/ and
.git/ when there is no git) and rewrites each C, header, assembly and linker
file: in every

    #if SOLUTION(k)
        solution
    #else
        stub
    #endif

block, a lab k >= N keeps only the stub and an earlier lab only the
solution; the three marker lines go.  Files only instructors need are left
out (INSTRUCTOR_ONLY).  Fails, writing nothing, on a malformed block.
"""

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

REWRITTEN = {".c", ".h", ".S", ".ld"}
INSTRUCTOR_ONLY = {"grade/test_meta.py", "grade/test_batch.py", "grade/test_instructor.py"}

LOOKS_LIKE_MARKER = re.compile(r"^\s*#\s*(el)?if\b.*\bSOLUTION\s*\(")
IF_SOLUTION = re.compile(r"^\s*#\s*if\s+SOLUTION\((\d+)\)\s*(/\*.*\*/)?\s*$")
IF_ANY = re.compile(r"^\s*#\s*if(n?def)?\b")
ELSE = re.compile(r"^\s*#\s*else\b")
ELIF = re.compile(r"^\s*#\s*elif\b")
ENDIF = re.compile(r"^\s*#\s*endif\b")


class MarkerError(Exception):
    pass


def strip(text, lab, name="<text>"):
    """Return text with the SOLUTION blocks resolved for a lab-`lab` handout."""
    out = []
    stack = []      # per open #if: None, or [solution_lab, in_else]

    def visible():
        for frame in stack:
            if frame is None:
                continue
            keep_solution = frame[0] < lab
            if frame[1] == keep_solution:   # in the branch we drop
                return False
        return True

    for no, line in enumerate(text.splitlines(keepends=True), 1):
        m = IF_SOLUTION.match(line)
        if not m and LOOKS_LIKE_MARKER.match(line):
            raise MarkerError(f"{name}:{no}: a SOLUTION marker must be exactly '#if SOLUTION(n)'")
        if m:
            stack.append([int(m.group(1)), False])
            continue
        if IF_ANY.match(line):
            stack.append(None)
        elif stack and stack[-1] is not None:
            if ELIF.match(line):
                raise MarkerError(f"{name}:{no}: #elif inside a SOLUTION block")
            if ELSE.match(line):
                if stack[-1][1]:
                    raise MarkerError(f"{name}:{no}: second #else in a SOLUTION block")
                stack[-1][1] = True
                continue
            if ENDIF.match(line):
                stack.pop()
                continue
        elif ENDIF.match(line):
            if not stack:
                raise MarkerError(f"{name}:{no}: #endif without #if")
            stack.pop()
        if visible():
            out.append(line)
    if stack:
        raise MarkerError(f"{name}: {len(stack)} unterminated #if block(s)")
    return "".join(out)


def tree_files(src):
    try:
        out = subprocess.run(["git", "-C", str(src), "ls-files", "-co", "--exclude-standard"],
                             check=True, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        files = out.stdout.decode().splitlines()
    except (subprocess.CalledProcessError, FileNotFoundError):
        files = [str(p.relative_to(src)) for p in src.rglob("*")
                 if p.is_file() and p.relative_to(src).parts[0] not in ("build", ".git")]
    return sorted(f for f in files if (src / f).is_file() and f not in INSTRUCTOR_ONLY)


def make_handout(src, dest, lab):
    rewritten = {}
    for f in tree_files(src):
        if Path(f).suffix in REWRITTEN:
            rewritten[f] = strip((src / f).read_text(), lab, f)
    if dest.exists() and any(dest.iterdir()):
        raise MarkerError(f"{dest} exists and is not empty")
    for f in tree_files(src):
        target = dest / f
        target.parent.mkdir(parents=True, exist_ok=True)
        if f in rewritten:
            target.write_text(rewritten[f])
            shutil.copymode(src / f, target)
        else:
            shutil.copy2(src / f, target)
    (dest / ".keel-handout").write_text(f"lab {lab}\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lab", type=int, required=True)
    ap.add_argument("--dest", required=True)
    ap.add_argument("--src", default=str(Path(__file__).resolve().parent.parent))
    args = ap.parse_args()
    src, dest = Path(args.src).resolve(), Path(args.dest).resolve()
    try:
        make_handout(src, dest, args.lab)
    except MarkerError as e:
        print(f"handout: {e}", file=sys.stderr)
        return 1
    print(f"handout for lab {args.lab} written to {dest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
