"""submission.py - read the files a grader needs from a student submission.

A submission is a directory, a tarball (.tar, .tar.gz, .tgz, .tar.bz2,
.tar.xz), a zip file, or a git bundle (.bundle, graded at its HEAD).  The
grader never unpacks or checks it out: it asks for the few files a lab lets
students edit (grade/labs.py) and reads each one as bytes, so nothing in a
submission (a symlink to the instructor's tests, an absolute path, a
100 GB file, a git hook) can reach outside it.  A file that is a symlink, a
device, or larger than MAX_FILE_BYTES is refused and reported, and treated
as missing.

Students may hand in their tree under a top folder (keel/kern/ksym.c) or
not (kern/ksym.c): the prefix that finds the most of the wanted files wins.
"""

import os
import re
import shutil
import subprocess
import tarfile
import tempfile
import zipfile
from pathlib import Path, PurePosixPath

MAX_FILE_BYTES = 2 << 20
TAR_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz")
SUFFIXES = TAR_SUFFIXES + (".zip", ".bundle")


class SubmissionError(Exception):
    """The submission cannot be read at all (not an archive, a broken bundle)."""


def student_name(path):
    """The student a submission belongs to: its name without the archive suffix."""
    name = Path(path).name
    for suffix in sorted(SUFFIXES, key=len, reverse=True):
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[:-len(suffix)]
    return name


def is_submission(path):
    p = Path(path)
    if p.name.startswith("."):
        return False
    return p.is_dir() or (p.is_file() and p.name.endswith(SUFFIXES))


def find_submissions(folder):
    """The submissions in folder, sorted by student name."""
    subs = [p for p in Path(folder).iterdir() if is_submission(p)]
    names = {}
    for p in subs:
        names.setdefault(student_name(p), []).append(p)
    clash = {n: ps for n, ps in names.items() if len(ps) > 1}
    if clash:
        raise SubmissionError("two submissions for one student: " + "; ".join(
            ", ".join(p.name for p in ps) for ps in clash.values()))
    return sorted(subs, key=student_name)


def _clean(name):
    """A member name as a relative POSIX path, or None if it is not one."""
    p = PurePosixPath(name.replace("\\", "/"))
    if p.is_absolute() or ".." in p.parts:
        return None
    parts = [x for x in p.parts if x not in ("", ".")]
    return "/".join(parts) if parts else None


class Submission:
    """Files of one submission, by path relative to the student's tree."""

    def __init__(self, path):
        self.path = Path(path)
        self.student = student_name(path)
        self.rejected = []          # [(path, why)]
        self._prefix = None

    # Subclasses give the names of everything in the submission, and the
    # bytes of one member (None when it is not a regular file).
    def _names(self):
        raise NotImplementedError

    def _kind(self, name):
        """'file', 'link' or 'other' for a member name."""
        raise NotImplementedError

    def _size(self, name):
        raise NotImplementedError

    def _read(self, name):
        raise NotImplementedError

    def close(self):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def locate(self, wanted):
        """Choose the folder of the submission that holds its tree: the
        prefix under which the most of `wanted` exist (shortest on a tie)."""
        names = set(self._names())
        votes = {}
        for name in names:
            for w in wanted:
                if name == w or name.endswith("/" + w):
                    prefix = name[:len(name) - len(w)]
                    votes[prefix] = votes.get(prefix, 0) + 1
        if votes:
            self._prefix = min(votes, key=lambda p: (-votes[p], len(p)))
        else:
            self._prefix = ""
        return self._prefix

    def read(self, relpath):
        """The bytes of relpath in the student's tree, or None (missing or refused)."""
        if self._prefix is None:
            self.locate([relpath])
        name = self._prefix + relpath
        names = set(self._names())
        if name not in names:
            parts = name.split("/")
            for i in range(1, len(parts)):
                folder = "/".join(parts[:i])
                if folder in names and self._kind(folder) == "link":
                    self.rejected.append((relpath, f"{folder} is a symbolic link"))
                    break
            return None
        kind = self._kind(name)
        if kind != "file":
            self.rejected.append((relpath, "a symbolic link" if kind == "link"
                                  else "not a regular file"))
            return None
        if self._size(name) > MAX_FILE_BYTES:
            self.rejected.append((relpath, f"larger than {MAX_FILE_BYTES >> 20} MiB"))
            return None
        return self._read(name)


class DirSubmission(Submission):
    def __init__(self, path):
        super().__init__(path)
        self._all = None

    def _names(self):
        if self._all is None:
            root = self.path
            self._all = []
            for dirpath, dirnames, filenames in os.walk(root):   # never follows links
                dirnames[:] = [d for d in dirnames if d not in (".git", "build")]
                rel = Path(dirpath).relative_to(root)
                for f in filenames + [d for d in dirnames if (Path(dirpath) / d).is_symlink()]:
                    self._all.append((rel / f).as_posix())
        return self._all

    def _kind(self, name):
        p = self.path / name
        # A link anywhere on the way would lead outside the submission.
        cur = self.path
        for part in PurePosixPath(name).parts:
            cur = cur / part
            if cur.is_symlink():
                return "link"
        return "file" if p.is_file() else "other"

    def _size(self, name):
        return (self.path / name).stat().st_size

    def _read(self, name):
        return (self.path / name).read_bytes()


class TarSubmission(Submission):
    def __init__(self, path):
        super().__init__(path)
        try:
            self._tar = tarfile.open(self.path)
        except (tarfile.TarError, OSError) as e:
            raise SubmissionError(f"{self.path.name}: not a readable tarball ({e})")
        self._members = {}
        for m in self._tar.getmembers():
            name = _clean(m.name)
            if name is not None:
                self._members[name] = m

    def _names(self):
        return self._members.keys()

    def _kind(self, name):
        m = self._members[name]
        return "file" if m.isreg() else "link" if (m.issym() or m.islnk()) else "other"

    def _size(self, name):
        return self._members[name].size

    def _read(self, name):
        return self._tar.extractfile(self._members[name]).read()

    def close(self):
        self._tar.close()


class ZipSubmission(Submission):
    def __init__(self, path):
        super().__init__(path)
        try:
            self._zip = zipfile.ZipFile(self.path)
        except (zipfile.BadZipFile, OSError) as e:
            raise SubmissionError(f"{self.path.name}: not a readable zip file ({e})")
        self._members = {}
        for info in self._zip.infolist():
            name = _clean(info.filename)
            if name is not None and not info.is_dir():
                self._members[name] = info

    def _names(self):
        return self._members.keys()

    def _kind(self, name):
        mode = self._members[name].external_attr >> 16
        return "link" if (mode & 0o170000) == 0o120000 else "file"

    def _size(self, name):
        return self._members[name].file_size

    def _read(self, name):
        return self._zip.read(self._members[name])

    def close(self):
        self._zip.close()


class BundleSubmission(Submission):
    """A git bundle, read at HEAD (or its only branch) with git itself:
    cloned bare into a scratch directory, nothing checked out."""

    def __init__(self, path):
        super().__init__(path)
        self._tmp = tempfile.mkdtemp(prefix="keel-bundle-")
        self._git_dir = Path(self._tmp) / "repo.git"
        try:
            self._git("clone", "--quiet", "--bare", str(self.path.resolve()),
                      str(self._git_dir), git_dir=False)
            self._rev = self._head()
            listing = self._git("ls-tree", "-r", "-z", "--long", self._rev).decode(errors="replace")
        except SubmissionError:
            self.close()
            raise
        self._members = {}
        for entry in listing.split("\0"):
            m = re.match(r"(\d+) (\w+) ([0-9a-f]+)\s+(-|\d+)\t(.*)", entry)
            if m:
                mode, kind, obj, size, name = m.groups()
                self._members[name] = (mode, obj, 0 if size == "-" else int(size))

    def _git(self, *args, git_dir=True):
        cmd = ["git", "-c", "core.hooksPath=/dev/null", "-c", "protocol.file.allow=always"]
        if git_dir:
            cmd += ["--git-dir", str(self._git_dir)]
        proc = subprocess.run(cmd + list(args), stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120,
                              env=dict(os.environ, GIT_TERMINAL_PROMPT="0"))
        if proc.returncode != 0:
            raise SubmissionError(f"{self.path.name}: git {args[0]} failed: "
                                  f"{proc.stderr.decode(errors='replace').strip()[:300]}")
        return proc.stdout

    def _head(self):
        try:
            return self._git("rev-parse", "--verify", "HEAD^{commit}").decode().strip()
        except SubmissionError:
            heads = self._git("for-each-ref", "--format=%(objectname)", "refs/heads").split()
            if len(heads) != 1:
                raise SubmissionError(f"{self.path.name}: no HEAD, and {len(heads)} branches")
            return heads[0].decode()

    def _names(self):
        return self._members.keys()

    def _kind(self, name):
        mode = self._members[name][0]
        return "file" if mode in ("100644", "100755") else "link" if mode == "120000" else "other"

    def _size(self, name):
        return self._members[name][2]

    def _read(self, name):
        return self._git("cat-file", "blob", self._members[name][1])

    def close(self):
        shutil.rmtree(self._tmp, ignore_errors=True)


def open_submission(path):
    """A Submission for path, of the right kind for what it is."""
    p = Path(path)
    if p.is_dir():
        return DirSubmission(p)
    if p.name.endswith(TAR_SUFFIXES):
        return TarSubmission(p)
    if p.name.endswith(".zip"):
        return ZipSubmission(p)
    if p.name.endswith(".bundle"):
        return BundleSubmission(p)
    raise SubmissionError(f"{p.name}: not a directory, tarball, zip or git bundle")
