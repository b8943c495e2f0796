"""gradescope.py - Keel on Gradescope: the autograder bundle and its run.

    python3 grade/gradescope.py bundle --lab N --arch A --dest ZIP
        [--policy reference|carry] [--visibility V] [--stdout-visibility V]
        [--no-deterministic] [--instructor TREE]
    python3 grade/gradescope.py run --config JSON --submission DIR --results JSON
    python3 grade/gradescope.py try --zip ZIP --submission PATH [--keep DIR]
    python3 grade/gradescope.py validate RESULTS.json...

`bundle` (make gradescope) writes the zip to upload as the assignment's
autograder.  At its root:

  setup.sh              run once by Gradescope, as root, to build the image:
                        installs Keel's Debian packages (tools/setup.sh,
                        apt-get) and builds the base kernel
  run_autograder        run for every submission: `gradescope.py run`
  keel-autograder.json  lab, arch, policy, visibility, deterministic
  keel/                 the base: the instructor's tree as the lab-N handout
                        (earlier labs solved, lab N stubbed) with the list
                        of files each lab lets students edit; it holds no
                        solution of lab N or later

`run` grades /autograder/submission exactly as the batch grader grades one
submission (grade/batch.py: pristine tree, calibration, a fresh seed,
deterministic boots) and always writes /autograder/results/results.json,
even when the grader itself fails.  `try` unpacks a bundle and runs it on
a submission here, with /autograder replaced by a scratch folder: check a
bundle with it before uploading.  `validate` checks results files against
the fields docs/instructors.md documents (results.validate_gradescope).
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
import zipfile
from pathlib import Path

GRADE = Path(__file__).resolve().parent
sys.path.insert(0, str(GRADE))
import batch  # noqa: E402
import calibrate  # noqa: E402
import keel  # noqa: E402
import labs  # noqa: E402
import pristine  # noqa: E402
import results  # noqa: E402

CONFIG = "keel-autograder.json"

SETUP_SH = """\
#!/usr/bin/env bash
# Gradescope runs this once, as root, while it builds the autograder image
# (docs/instructors.md).  Keel's Debian packages, then the base kernel, so
# that grading a submission compiles only the student's files.
set -euo pipefail
cd /autograder/source/keel
sh tools/setup.sh
make ARCH={arch} kernel
"""

RUN_AUTOGRADER = """\
#!/bin/sh
# Gradescope runs this for every submission.  AUTOGRADER_ROOT replaces
# /autograder when the bundle is tried locally (gradescope.py try).
root="${{AUTOGRADER_ROOT:-/autograder}}"
exec /usr/bin/python3 "$root/source/keel/grade/gradescope.py" run \\
	--config "$root/source/{config}" \\
	--submission "$root/submission" \\
	--results "$root/results/results.json"
"""


def make_bundle(instructor, lab, arch, dest, policy="reference", visibility="visible",
                stdout_visibility="hidden", deterministic=True):
    """Write the autograder zip for lab/arch to dest; return its path."""
    dest = Path(dest).resolve()
    with tempfile.TemporaryDirectory(prefix="keel-gradescope-") as tmp:
        stage = Path(tmp)
        pristine.make_base(instructor, lab, arch, stage / "keel", build=False)
        config = {"lab": lab, "arch": arch, "policy": policy, "visibility": visibility,
                  "stdout_visibility": stdout_visibility, "deterministic": deterministic}
        (stage / CONFIG).write_text(json.dumps(config, indent=1) + "\n")
        (stage / "setup.sh").write_text(SETUP_SH.format(arch=arch))
        (stage / "run_autograder").write_text(RUN_AUTOGRADER.format(config=CONFIG))
        dest.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as z:
            for p in sorted(stage.rglob("*")):
                if p.is_file():
                    info = zipfile.ZipInfo.from_file(p, p.relative_to(stage).as_posix())
                    if p.name in ("setup.sh", "run_autograder") or os.access(p, os.X_OK):
                        info.external_attr = (0o100755 << 16)
                    with open(p, "rb") as f:
                        z.writestr(info, f.read(), zipfile.ZIP_DEFLATED)
    return dest


def grader_failed(results_path, why, started):
    """A results.json that says the autograder (not the student) failed."""
    obj = {"score": 0, "execution_time": round(time.monotonic() - started),
           "output": f"The autograder failed; this is not your fault. Tell your "
                     f"instructor.\n\n{why}", "output_format": "text",
           "visibility": "visible", "stdout_visibility": "visible", "tests": []}
    Path(results_path).write_text(json.dumps(obj, indent=1) + "\n")


def run(config_path, submission, results_path, work_root=None):
    """Grade one submission as Gradescope asks; write results_path."""
    started = time.monotonic()
    Path(results_path).parent.mkdir(parents=True, exist_ok=True)
    try:
        config = json.loads(Path(config_path).read_text())
        base = pristine.Base(Path(config_path).parent / "keel")
        work_root = Path(work_root or tempfile.mkdtemp(prefix="keel-grade-"))
        opts = batch.Options(lab=config["lab"], arch=config["arch"],
                             policy=config.get("policy", "reference"),
                             seed=config.get("seed") or batch.parse_seed("random"),
                             timeout_scale=config.get("timeout_scale"),
                             deterministic=config.get("deterministic", True))
        rc, out = keel.make(base.root, f"ARCH={opts.arch}", "kernel")
        if rc != 0:
            raise pristine.BaseError(f"the base does not build: {keel.first_error(out)}")
        template = batch.lab_template(base, opts, work_root)
        if opts.timeout_scale is None:
            with batch.environment(batch.grading_env(opts)):
                cal = calibrate.calibrate(base.root, opts.arch, jobs=1)
            opts.timeout_scale = cal.scale
            print(cal.describe())
        report = batch.grade_submission(base, submission, work_root / "tree",
                                        work_root / "out", template, opts)
        obj = results.to_gradescope(report, config.get("visibility", "visible"),
                                    config.get("stdout_visibility", "hidden"),
                                    labs.lab(opts.lab).visibility)
        Path(results_path).write_text(json.dumps(obj, indent=1) + "\n")
        print(f"{report.score:g}/{report.max_score:g}" +
              (f" ({report.failure()})" if report.failure() else ""))
        for t in report.tests:
            print(f"  {t.short_name:<24} {t.earned:>4g}/{t.points:<4g} {t.result}  {t.reason[:100]}")
        return 0
    except Exception:                     # noqa: BLE001 - the student must get a result
        why = traceback.format_exc()
        print(why, file=sys.stderr)
        grader_failed(results_path, why, started)
        return 1


def try_bundle(zip_path, submission, keep=None):
    """Run a bundle's run_autograder here on submission; return results.json's content."""
    root = Path(keep) if keep else Path(tempfile.mkdtemp(prefix="keel-autograder-"))
    try:
        if root.exists():
            shutil.rmtree(root)
        (root / "source").mkdir(parents=True)
        with zipfile.ZipFile(zip_path) as z:
            for info in z.infolist():
                z.extract(info, root / "source")
                mode = info.external_attr >> 16
                if mode & 0o111:
                    os.chmod(root / "source" / info.filename, mode & 0o777)
        src = Path(submission)
        if src.is_dir():
            shutil.copytree(src, root / "submission", symlinks=True)
        else:
            (root / "submission").mkdir()
            shutil.copy2(src, root / "submission" / src.name)
        (root / "results").mkdir()
        proc = subprocess.run([str(root / "source" / "run_autograder")], cwd=root,
                              env=dict(os.environ, AUTOGRADER_ROOT=str(root)),
                              stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, timeout=3600)
        (root / "results" / "stdout").write_bytes(proc.stdout)
        return json.loads((root / "results" / "results.json").read_text())
    finally:
        if not keep:
            shutil.rmtree(root, ignore_errors=True)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("bundle", help="write the autograder zip")
    b.add_argument("--lab", type=int, required=True)
    b.add_argument("--arch", default="x86", choices=keel.ARCHES)
    b.add_argument("--dest", required=True)
    b.add_argument("--policy", default="reference", choices=pristine.POLICIES)
    b.add_argument("--visibility", default="visible", choices=results.VISIBILITIES)
    b.add_argument("--stdout-visibility", default="hidden", choices=results.VISIBILITIES)
    b.add_argument("--no-deterministic", action="store_true")
    b.add_argument("--instructor", default=str(keel.ROOT))
    r = sub.add_parser("run", help="grade /autograder/submission (run_autograder)")
    r.add_argument("--config", required=True)
    r.add_argument("--submission", required=True)
    r.add_argument("--results", required=True)
    t = sub.add_parser("try", help="run a bundle here on one submission")
    t.add_argument("--zip", required=True)
    t.add_argument("--submission", required=True)
    t.add_argument("--keep", help="keep the scratch /autograder here")
    v = sub.add_parser("validate", help="check results.json files")
    v.add_argument("files", nargs="+")
    args = ap.parse_args(argv)

    if args.cmd == "bundle":
        try:
            out = make_bundle(Path(args.instructor).resolve(), args.lab, args.arch, args.dest,
                              args.policy, args.visibility, args.stdout_visibility,
                              not args.no_deterministic)
        except Exception as e:            # noqa: BLE001
            print(f"gradescope: {e}", file=sys.stderr)
            return 1
        print(f"wrote {out}: upload it as the autograder of lab {args.lab} ({args.arch})")
        return 0
    if args.cmd == "run":
        return run(args.config, args.submission, args.results)
    if args.cmd == "try":
        obj = try_bundle(args.zip, args.submission, args.keep)
        print(json.dumps(obj, indent=1))
        return 0 if not results.validate_gradescope(obj) else 1
    bad = 0
    for f in args.files:
        problems = results.validate_gradescope(json.loads(Path(f).read_text()))
        for p in problems:
            print(f"{f}: {p}")
        bad += bool(problems)
    if not bad:
        print(f"{len(args.files)} file(s) valid")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
