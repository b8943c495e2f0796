"""proofs.py - check the proof= on the kernel's result lines (kern/ktest.h).

Each graded run boots with a fresh random nonce=.  For every test the
kernel folds the nonce, the test's name, values the test computed and its
outcome into a 64-bit proof.  This module recomputes the proof on the
grader's side: for most tests from the nonce and the name alone, and for
the tests listed in COMPUTED from values the grader derives itself from the
nonce and the kernel's own symbol table.  A line whose proof does not match
was not produced by the kernel doing the work for this run.

docs/grading-security.md says what this protects against and what not.
"""

import bisect
import re
from pathlib import Path

MASK = (1 << 64) - 1


def mix64(x):
    """splitmix64's finalizer, as kern/ktest.c computes it."""
    x &= MASK
    x ^= x >> 30
    x = (x * 0xbf58476d1ce4e5b9) & MASK
    x ^= x >> 27
    x = (x * 0x94d049bb133111eb) & MASK
    x ^= x >> 31
    return x


def hash_str(s):
    """FNV-1a, as ktest_hash_str."""
    h = 0xcbf29ce484222325
    for c in s.encode():
        h = ((h ^ c) * 0x100000001b3) & MASK
    return h


def random(nonce, i):
    """ktest_random(i)."""
    return mix64(nonce + 0x9e3779b97f4a7c15 * (i + 1))


def proof(nonce, name, values, passed):
    p = mix64(nonce ^ hash_str(name))
    for v in values:
        p = mix64(p ^ (v & MASK))
    return mix64(p ^ (1 if passed else 2))


class SymbolTable:
    """The kernel's own table (build/<arch>/ksyms.S, tools/mksyms.sh)."""

    def __init__(self, ksyms_s, pointer_bits):
        text = Path(ksyms_s).read_text()
        mask = (1 << pointer_bits) - 1
        self.addrs = [int(a, 16) & mask for a in re.findall(r"\.dc\.a 0x([0-9a-fA-F]+)", text)]
        self.names = re.findall(r'\.asciz "([^"]*)"', text)
        self.mask = mask
        if len(self.addrs) != len(self.names):
            raise ValueError(f"{ksyms_s}: {len(self.addrs)} addresses, {len(self.names)} names")

    def lookup(self, addr):
        """The reference ksym_lookup: the last symbol at or below addr."""
        i = bisect.bisect_right(self.addrs, addr) - 1
        return self.names[i], addr - self.addrs[i]


def ksym_values(nonce, syms):
    """What lab1_ksym's prove_lookups folds in."""
    values = []
    count = len(syms.addrs)
    for j in range(8):
        if count <= 1:
            break
        r = random(nonce, j)
        i = r % (count - 1)
        span = (syms.addrs[i + 1] - syms.addrs[i]) & MASK
        addr = (syms.addrs[i] + ((r >> 32) % span if span else 0)) & syms.mask
        name, off = syms.lookup(addr)
        values += [hash_str(name), off & syms.mask]
    return values


def backtrace_values(nonce, syms):
    """What lab1_backtrace's prove_depth folds in: the recursion's frames."""
    return [2 + random(nonce, 100) % 5 + 1]


# Tests whose proofs include values the grader computes itself.
COMPUTED = {
    "lab1_ksym": ksym_values,
    "lab1_backtrace": backtrace_values,
}


def symbol_table(tree, build_dir, kernel):
    """The symbol table of a built kernel (pointer width from its ELF)."""
    elf_class = Path(tree, kernel).read_bytes()[4]
    return SymbolTable(Path(tree, build_dir, "ksyms.S"), 64 if elf_class == 2 else 32)


def expected(nonce, name, passed, syms):
    values = COMPUTED[name](nonce, syms) if name in COMPUTED else []
    return proof(nonce, name, values, passed)
