"""The kernel's own services on every arch (not graded): the whole ktest
suite, the ktest protocol, boot information, the monitor, and the x86 GRUB
ISO under QEMU and Bochs."""

import re
import shlex

import pytest

import keel
from checks import fail, in_order


def test_ktest_all(arch, tree):
    run = keel.boot(arch, "ktest=all", tree)
    if run.summary is None:
        fail("a 'ktest: end' line", "none", run)
    failed = [r for r in run.ktests.values() if not r.passed]
    if failed or run.summary[1] != 0:
        fail("every ktest to pass", "; ".join(f"{r.name}: {r.reason}" for r in failed), run)
    if run.how != "poweroff" or run.status != 0:
        fail("poweroff with status 0 after all tests passed", run.describe(), run)
    assert run.summary[0] >= 8, run.summary


def test_failing_ktest_is_reported(arch, tree):
    """A failing assertion fails its test, with its message, and the boot's status."""
    run, res = keel.ktest(arch, "kern_ktest_must_fail", tree)
    if res.passed or "helper_fails(): expected 8, got 7" not in res.reason:
        fail("kern_ktest_must_fail to fail with 'helper_fails(): expected 8, got 7'",
             res.reason or "it passed", run)
    if run.how != "poweroff" or run.status == 0:
        fail("poweroff with a failure status", run.describe(), run)


def test_unknown_ktest(arch, tree):
    run = keel.boot(arch, "ktest=no_such_test", tree)
    in_order(run, [r"ktest: no test matches 'no_such_test'"], "a clear message")
    if run.how != "poweroff" or run.status == 0:
        fail("poweroff with a failure status", run.describe(), run)


def test_memory_size_and_cmdline(arch, tree):
    """The kernel reads the memory size and the boot command line."""
    info = keel.build(arch, tree)
    flags = shlex.split(info["QEMU_FLAGS"])
    mib = int(re.match(r"(\d+)", flags[flags.index("-m") + 1]).group(1))
    run = keel.boot(arch, "ktest=kern_bootinfo marker=k33l", tree)
    m = re.search(r"booted by \S+: (\d+) MiB of memory", run.log)
    if not m:
        fail("a boot banner with the memory size", "none", run)
    # Firmware and holes may take a little; most must be there.
    if not (mib * 0.9 <= int(m.group(1)) <= mib):
        fail(f"about {mib} MiB of memory (QEMU -m)", f"{m.group(1)} MiB", run)
    in_order(run, [r"^command line: ktest=kern_bootinfo marker=k33l( |$)"], "the command line echoed")
    if not run.ktests.get("kern_bootinfo", keel.KtestResult("")).passed:
        fail("kern_bootinfo to pass", run.ktests.get("kern_bootinfo"), run)


def test_monitor(arch, tree):
    """The monitor answers commands typed on the serial console."""
    script = [(1.5, b"help\n"), (0.3, b"ticks\n"), (1.0, b"ticks\n"), (0.3, b"mem\n"),
              (0.3, b"backtrace\n"), (0.3, b"breakpoint\n"), (0.3, b"bogus\n"),
              (0.3, b"poweroff 0\n")]
    run = keel.boot(arch, "monitor", tree, input_script=script, timeout=30)
    in_order(run, [r"K> ", r"backtrace +print", r"poweroff"], "help listing the commands")
    counts = [int(x) for x in re.findall(r"^(?:K> )?ticks (\d+) \(", run.log, re.M)]
    if len(counts) < 2 or counts[1] <= counts[0]:
        fail("two 'ticks' answers, the second larger", counts, run)
    in_order(run, [r"memory: \d+ KiB usable"], "mem output")
    in_order(run, [r"^backtrace:", r"in monitor_exec\+0x"], "the monitor's backtrace")
    in_order(run, [r"resumed after the breakpoint \(1 handled\)"], "breakpoint resumed")
    in_order(run, [r"unknown command 'bogus'"], "unknown commands reported")
    if run.how != "poweroff" or run.status != 0:
        fail("'poweroff 0' to end the emulator with status 0", run.describe(), run)


@pytest.fixture
def x86_only(pytestconfig):
    import conftest
    if "x86" not in conftest.selected_arches(pytestconfig):
        pytest.skip("x86 is not among the arches under test")


def test_grub_iso_qemu(x86_only, tree):
    """The GRUB ISO (multiboot2) boots in QEMU and passes the ktests."""
    rc, out = keel.make(tree, "ARCH=x86", "CMDLINE=ktest=all", "iso")
    assert rc == 0, out
    info = keel.build("x86", tree)
    args = [info["QEMU"], *shlex.split(info["QEMU_FLAGS"]), "-cdrom",
            str(tree / "build/x86/keel.iso"), "-display", "none", "-serial", "stdio",
            "-monitor", "none", "-no-reboot"]
    code, log, how, secs = keel.collect(args, 60)
    run = keel.Run(arch="x86", cmdline="ktest=all (GRUB)", log=log, exit_code=code,
                   seconds=secs, how=how)
    keel.parse_ktests(run)
    in_order(run, [r"booted by multiboot2"], "a multiboot2 boot")
    if not run.summary or run.summary[1] != 0:
        fail("all ktests to pass under GRUB", run.summary, run)


def test_bochs(x86_only, tree):
    """The GRUB ISO boots in Bochs (headless) and passes the ktests."""
    run = keel.bochs("ktest=all", tree, timeout=120)
    in_order(run, [r"booted by multiboot2"], "a multiboot2 boot in Bochs")
    if not run.summary or run.summary[1] != 0:
        fail("all ktests to pass in Bochs", run.summary, run)
    if run.how != "poweroff":
        fail("Bochs to end by itself (ACPI soft-off)", run.describe(), run)
