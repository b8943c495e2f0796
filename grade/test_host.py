"""Host unit tests of machine-independent kernel code (tools/hosttest),
under AddressSanitizer and UBSan."""

import re
import subprocess

import keel


def test_host_unit_tests():
    proc = subprocess.run(["make", "--no-print-directory", "-C", str(keel.ROOT / "tools/hosttest")],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=300)
    out = proc.stdout.decode(errors="replace")
    m = re.search(r"^(\d+) passed, (\d+) failed$", out, re.M)
    assert m, f"no summary line from the host tests:\n{out[-3000:]}"
    assert proc.returncode == 0 and m.group(2) == "0", out[-3000:]
    assert int(m.group(1)) >= 50, out[-3000:]
