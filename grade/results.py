"""results.py - the grading report and the formats made from it.

One pytest run of a lab's graded tests writes a Keel report
(`--keel-results=FILE`, grade/conftest.py): every graded test with its
points, what happened (keel.OUTCOMES), why, the seed and a command that
replays it.  Everything instructors read is made from that report here:

- Gradescope's results.json (to_gradescope; validate_gradescope checks a
  file against the fields docs/instructors.md documents);
- the batch CSV, one row per submission (csv_header, csv_row);
- the batch summary: score distribution and most-failed tests (summary).

JUnit XML is pytest's own (--junitxml); conftest.py adds each graded
test's points, result and seed to it as properties.
"""

import json
import statistics
from collections import Counter
from dataclasses import asdict, dataclass, field

FORMAT = "keel-results/1"
OUTPUT_LIMIT = 8000       # characters of failure text kept per test


@dataclass
class TestResult:
    name: str                 # test_timer
    nodeid: str
    arch: str = None
    points: float = 0
    earned: float = 0
    result: str = "error"     # a key of keel.OUTCOMES
    reason: str = "not run"
    output: str = ""          # the failure as the student sees it
    doc: str = ""             # the test's docstring, first line
    seed: int = None
    seconds: float = 0.0
    replay: str = ""

    @property
    def short_name(self):
        return self.name[len("test_"):] if self.name.startswith("test_") else self.name


@dataclass
class Report:
    lab: int = None
    arch: str = None
    tests: list = field(default_factory=list)
    build_error: str = ""     # the compiler's first error, when the build failed
    build_log: str = ""
    seed: int = None
    deterministic: bool = False
    timeout_scale: float = 1.0
    seconds: float = 0.0
    submission: dict = field(default_factory=dict)    # grade/pristine.py's record

    @property
    def score(self):
        return sum(t.earned for t in self.tests)

    @property
    def max_score(self):
        return sum(t.points for t in self.tests)

    def failure(self):
        """Why the whole submission failed, if it did: a build failure, or
        the same hang/reset/panic in every test (a kernel that never boots)."""
        if self.build_error:
            return f"build failure: {self.build_error}"
        results = {t.result for t in self.tests}
        if self.tests and len(results) == 1 and results <= {"timeout", "reset", "flood",
                                                            "panic", "crash", "error"}:
            return f"boot failure: {self.tests[0].reason}"
        return ""

    def to_json(self):
        d = asdict(self)
        d["format"] = FORMAT
        d["score"], d["max_score"] = self.score, self.max_score
        return d

    @classmethod
    def from_json(cls, d):
        if d.get("format") != FORMAT:
            raise ValueError(f"not a Keel report (format {d.get('format')!r})")
        names = set(cls.__dataclass_fields__)
        report = cls(**{k: v for k, v in d.items() if k in names and k != "tests"})
        report.tests = [TestResult(**t) for t in d.get("tests", [])]
        return report

    def save(self, path):
        with open(path, "w") as f:
            json.dump(self.to_json(), f, indent=1)

    @classmethod
    def load(cls, path):
        with open(path) as f:
            return cls.from_json(json.load(f))


# ---- Gradescope ----------------------------------------------------------

VISIBILITIES = ("hidden", "after_due_date", "after_published", "visible")
TOP_FIELDS = {"score": (int, float), "execution_time": (int, float), "output": str,
              "output_format": str, "test_output_format": str, "test_name_format": str,
              "visibility": str, "stdout_visibility": str, "extra_data": dict,
              "tests": list, "leaderboard": list}
TEST_FIELDS = {"score": (int, float), "max_score": (int, float), "status": str,
               "name": str, "name_format": str, "number": str, "output": str,
               "output_format": str, "tags": list, "visibility": str, "extra_data": dict}
FORMATS = ("text", "html", "simple_format", "md", "ansi")


def test_output(t):
    """What a student reads for one test."""
    if t.result == "passed":
        return "passed"
    from keel import OUTCOMES
    text = f"{OUTCOMES.get(t.result, t.result)}: {t.reason}\n"
    if t.output:
        text += "\n" + t.output.strip() + "\n"
    if t.replay:
        text += f"\nreplay: {t.replay}\n"
    return text[:OUTPUT_LIMIT]


def to_gradescope(report, visibility="visible", stdout_visibility="hidden",
                  test_visibility=None):
    """report as Gradescope's results.json (a dict)."""
    test_visibility = test_visibility or {}
    tests = []
    for i, t in enumerate(report.tests, 1):
        tests.append({
            "name": f"{t.short_name}" + (f": {t.doc}" if t.doc else ""),
            "number": str(i),
            "score": t.earned,
            "max_score": t.points,
            "status": "passed" if t.result == "passed" else "failed",
            "output": test_output(t),
            "output_format": "text",
            "tags": [t.result],
            "visibility": test_visibility.get(t.name, visibility),
            "extra_data": {"result": t.result, "seed": t.seed, "arch": t.arch},
        })
    overall = [f"Keel lab {report.lab} on {report.arch}: {report.score:g}/{report.max_score:g}"]
    if report.failure():
        overall.append(report.failure())
    sub = report.submission
    if sub.get("taken"):
        overall.append("graded from your submission: " + ", ".join(sub["taken"]))
    if sub.get("missing"):
        overall.append("not in your submission (the handout's version was used): "
                       + ", ".join(sub["missing"]))
    if sub.get("rejected"):
        overall.append("refused: " + "; ".join(f"{p} ({why})" for p, why in sub["rejected"]))
    if report.seed is not None:
        overall.append(f"seed {report.seed}" + (", deterministic (QEMU -icount)"
                                                 if report.deterministic else ""))
    return {
        "score": report.score,
        "execution_time": round(report.seconds),
        "output": "\n".join(overall),
        "output_format": "text",
        "visibility": visibility,
        "stdout_visibility": stdout_visibility,
        "extra_data": {"lab": report.lab, "arch": report.arch, "seed": report.seed,
                       "failure": report.failure()},
        "tests": tests,
    }


def validate_gradescope(obj):
    """Problems with obj as a Gradescope results.json; [] when it is valid.

    Checks the fields and values Gradescope's autograder specification
    documents (docs/instructors.md lists them), and that the score is the
    sum of the tests' scores.
    """
    problems = []

    def check(where, d, fields):
        if not isinstance(d, dict):
            problems.append(f"{where}: not an object")
            return
        for k, v in d.items():
            if k not in fields:
                problems.append(f"{where}: unknown field {k!r}")
            elif not isinstance(v, fields[k]) or isinstance(v, bool):
                problems.append(f"{where}.{k}: {type(v).__name__} is not allowed")
        for k in ("visibility", "stdout_visibility"):
            if k in d and d[k] not in VISIBILITIES:
                problems.append(f"{where}.{k}: {d[k]!r} is not one of {VISIBILITIES}")
        for k in ("output_format", "test_output_format", "test_name_format", "name_format"):
            if k in d and d[k] not in FORMATS:
                problems.append(f"{where}.{k}: {d[k]!r} is not one of {FORMATS}")

    check("results", obj, TOP_FIELDS)
    if problems:
        return problems
    tests = obj.get("tests", [])
    if "score" not in obj and not all("score" in t for t in tests if isinstance(t, dict)):
        problems.append("results: no score, neither overall nor on every test")
    for i, t in enumerate(tests):
        check(f"tests[{i}]", t, TEST_FIELDS)
        if isinstance(t, dict):
            if t.get("status") not in (None, "passed", "failed"):
                problems.append(f"tests[{i}].status: {t['status']!r} is not passed or failed")
            numbers = all(isinstance(t.get(k, 0), (int, float)) for k in ("score", "max_score"))
            if numbers and "max_score" in t and "score" in t and t["score"] > t["max_score"]:
                problems.append(f"tests[{i}]: score above max_score")
    if not problems and "score" in obj and tests:
        total = sum(t.get("score", 0) for t in tests)
        if abs(total - obj["score"]) > 1e-9:
            problems.append(f"results.score {obj['score']} is not the tests' sum {total}")
    return problems


# ---- the batch CSV and summary ---------------------------------------------

def csv_header(tests):
    """Columns: who, the total, why it failed as a whole, then per test the
    points earned and what happened."""
    cols = ["student", "score", "max", "failure", "seed", "seconds", "source"]
    for t in tests:
        cols += [t.short_name, f"{t.short_name} result"]
    return cols


def csv_row(student, report, source=""):
    row = [student, f"{report.score:g}", f"{report.max_score:g}", report.failure(),
           "" if report.seed is None else report.seed, f"{report.seconds:.1f}", source]
    for t in report.tests:
        row += [f"{t.earned:g}", t.result]
    return row


def distribution(scores, maximum):
    """Score buckets of a tenth of the maximum each, full marks apart:
    [(label, count)], best first."""
    if not maximum:
        return [("0", len(scores))]
    step = maximum / 10
    buckets = Counter(10 if s >= maximum else min(int(s // step), 9) for s in scores)
    rows = [(f"{maximum:g}", buckets[10])]
    for b in range(9, -1, -1):
        lo, hi = b * step, (b + 1) * step
        label = f"{lo:g}-{hi - 1:g}" if step == int(step) else f"{lo:g}-<{hi:g}"
        rows.append((label, buckets[b]))
    return rows


def summary(graded, title=""):
    """The batch summary as text: graded is [(student, Report)]."""
    lines = [title] if title else []
    if not graded:
        return "\n".join(lines + ["no submissions"])
    scores = [r.score for _, r in graded]
    maximum = max(r.max_score for _, r in graded)
    lines.append(f"score distribution ({len(graded)} submissions, max {maximum:g}):")
    width = max(len(label) for label, _ in distribution(scores, maximum))
    for label, n in distribution(scores, maximum):
        lines.append(f"  {label:>{width}} | {'#' * n}{' ' if n else ''}{n}")
    lines.append(f"  mean {statistics.mean(scores):.1f}  median {statistics.median(scores):g}  "
                 f"min {min(scores):g}  max {max(scores):g}")
    failed = Counter()
    how = {}
    for _, r in graded:
        for t in r.tests:
            if t.result != "passed":
                failed[t.short_name] += 1
                how.setdefault(t.short_name, Counter())[t.result] += 1
    if failed:
        lines.append("most-failed tests:")
        w = max(len(n) for n in failed)
        for name, n in failed.most_common(10):
            kinds = ", ".join(f"{k} {c}" for k, c in how[name].most_common())
            lines.append(f"  {name:<{w}}  {n:>4} failed  ({kinds})")
    whole = [(s, r.failure()) for s, r in graded if r.failure()]
    if whole:
        lines.append("submissions that failed as a whole:")
        for student, why in whole:
            lines.append(f"  {student}: {why}")
    return "\n".join(lines)
