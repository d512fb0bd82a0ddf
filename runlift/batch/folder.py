"""The --out folder of a batch: a real directory, one batch at a time, cleaned up for the
run that starts.

- **A real folder.** ``--out`` is a directory, or a name to create one at. An empty name,
  a regular file, a device, a FIFO or a socket is one line of bad input. A symlink is
  followed only to a folder beside it (``plans -> plans-2027``); a symlink that leads out
  of the folder it sits in is refused. The records folder (``.runlift-batch``) inside it
  is never a symlink: one there is refused, never followed.
- **One batch per folder.** The run holds ``.runlift-batch/lock``: an OS lock on the
  file (released by the kernel however the process ends, ``kill -9`` included), and in
  it the PID and host of the holder, to say who holds it. A second batch on the same
  folder is refused; a lock left by a process that has ended is taken over.
- **Stale temporary files.** Every file is written to a hidden ``.NAME.*.tmp`` beside it
  and renamed into place; a run killed by SIGKILL can leave one behind. The next run
  removes them, in --out and in the records folder.
- **Removed athletes.** Results recorded in an earlier run for athletes no longer in the
  squad (removed, or renamed) are moved with their reports, calendars and records into
  ``removed-YYYY-MM-DDTHHMMSS/``, so that --out holds only the squad's own athletes.
- **summary.csv** is written last, once every athlete is done: the run removes the old
  one first, so a run that stops early (an interrupt, a crash) leaves none behind that
  would speak for results it did not make.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import socket
import stat
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from runlift.errors import InputError

RECORD_DIR = ".runlift-batch"
LOCK_FILE = "lock"
REMOVED_PREFIX = "removed-"
REMOVED_FORMAT = "%Y-%m-%dT%H%M%S"
# What an athlete's stem may have in --out beside its result: the --html and --ics files.
REPORT_SUFFIXES = (".html", ".ics")  # made from the result by --html and --ics
ATHLETE_SUFFIXES = (".json", *REPORT_SUFFIXES)
TEMP_PREFIX, TEMP_SUFFIX = ".", ".tmp"  # runlift.writing's temporary names: .NAME.*.tmp


def check_folder(folder: str | Path) -> None:
    """Create --out and its records folder, or say in one line why they cannot be."""
    name = str(folder)
    if not name.strip():
        raise InputError("an empty path; --out needs a folder", file="--out ''")
    out = Path(folder)
    mode = _lstat_mode(out)
    if mode is None:
        _make(out, parents=True)
    elif stat.S_ISLNK(mode):
        _check_link(out)
    elif not stat.S_ISDIR(mode):
        raise InputError(f"is {_kind(mode)}; --out needs a folder", file=name)
    records = out / RECORD_DIR
    mode = _lstat_mode(records)
    if mode is None:
        _make(records, parents=False)
        mode = _lstat_mode(records)
    if mode is None or stat.S_ISLNK(mode):
        raise InputError("is a symlink; runlift keeps its records in a real folder there "
                         "and never follows a link (remove it)", file=str(records))
    if not stat.S_ISDIR(mode):
        raise InputError(f"is {_kind(mode)}; runlift keeps its records in a folder there",
                         file=str(records))


def _lstat_mode(path: Path) -> int | None:
    try:
        return os.lstat(path).st_mode
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise InputError(f"cannot use it: {exc.strerror}", file=str(path)) from None


def _make(path: Path, *, parents: bool) -> None:
    try:
        path.mkdir(parents=parents, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot create the folder: {exc.strerror}", file=str(path)) from None


def _check_link(out: Path) -> None:
    """A symlink as --out: only to a folder beside it, in the folder it sits in."""
    home = Path(os.path.realpath(out.parent))
    target = Path(os.path.realpath(out))
    if target == home or home not in target.parents:
        raise InputError(f"is a symlink to {target}, outside the folder it is in; give "
                         "that folder itself as --out", file=str(out))
    mode = _lstat_mode(target)
    if mode is None:
        _make(target, parents=False)
    elif not stat.S_ISDIR(mode):
        raise InputError(f"is a symlink to {_kind(mode)}; --out needs a folder",
                         file=str(out))


def _kind(mode: int) -> str:
    if stat.S_ISREG(mode):
        return "a file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a folder"


# --- one batch per folder -----------------------------------------------------------------

@dataclass
class FolderLock:
    """The lock of one --out folder, held by this process."""

    path: Path
    fd: int
    taken_over: str | None = None  # "PID 123 on HOST": a stale lock this run took over
    depth: int = 1


_HELD: dict[str, FolderLock] = {}  # real path of --out -> this process's lock on it


def _host() -> str:
    return socket.gethostname()


@contextmanager
def holding(out: Path) -> Iterator[FolderLock]:
    """Hold --out's lock for the block (re-entrant within this process: the command line
    holds it across the run and the reports that follow it)."""
    key = os.path.realpath(out)
    held = _HELD.get(key)
    if held is not None:
        held.depth += 1
        try:
            yield held
        finally:
            held.depth -= 1
        return
    lock = _acquire(out / RECORD_DIR / LOCK_FILE)
    _HELD[key] = lock
    try:
        yield lock
    finally:
        del _HELD[key]
        _release(lock)


def _acquire(path: Path) -> FolderLock:
    import fcntl

    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError("is a symlink; runlift never follows one there (remove it)",
                             file=str(path)) from None
        raise InputError(f"cannot create the lock: {exc.strerror}", file=str(path)) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise InputError("is not a regular file; runlift keeps its lock there",
                             file=str(path))
        before = _holder(fd)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            who = _describe(before) or "another process"
            raise InputError(f"another runlift batch ({who}) is writing to this folder; "
                             "wait for it to end, or give another --out",
                             file=str(path.parent.parent)) from None
        stale = _describe(before) if before and not _is_me(before) else None
        os.ftruncate(fd, 0)
        os.pwrite(fd, (json.dumps({"pid": os.getpid(), "host": _host()}) + "\n").encode(), 0)
    except BaseException:
        os.close(fd)
        raise
    return FolderLock(path, fd, taken_over=stale)


def _holder(fd: int) -> dict[str, object] | None:
    try:
        data = json.loads(os.pread(fd, 4096, 0) or b"null")
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _describe(holder: dict[str, object] | None) -> str | None:
    if not holder or "pid" not in holder:
        return None
    return f"PID {holder.get('pid')} on {holder.get('host', 'an unknown host')}"


def _is_me(holder: dict[str, object]) -> bool:
    return holder.get("pid") == os.getpid() and holder.get("host") == _host()


def _release(lock: FolderLock) -> None:
    with contextlib.suppress(OSError):  # the file stays: unlinking would race a new holder
        os.ftruncate(lock.fd, 0)
    os.close(lock.fd)  # closing releases the OS lock


# --- the clean-up at the start of a run -----------------------------------------------------

@dataclass
class Cleanup:
    """What the start of a run found and tidied in --out."""

    swept: int = 0  # stale temporary files removed
    removed: list[str] = field(default_factory=list)  # stems moved out of the way
    removed_to: Path | None = None

    def notes(self) -> list[str]:
        lines = []
        if self.swept:
            lines.append(f"removed {self.swept} temporary file{'s' * (self.swept != 1)} "
                         "left by a run that was killed")
        if self.removed and self.removed_to is not None:
            count = len(self.removed)
            lines.append(f"moved the files of {count} athlete{'s' * (count != 1)} no longer "
                         f"in the squad to {self.removed_to}")
        return lines


def sweep_temporary(out: Path) -> int:
    """Remove the hidden .NAME.*.tmp files of killed runs; how many there were."""
    count = 0
    for folder in (out, out / RECORD_DIR):
        for entry in _entries(folder):
            if entry.name.startswith(TEMP_PREFIX) and entry.name.endswith(TEMP_SUFFIX) \
                    and entry.is_file(follow_symlinks=False):
                try:
                    os.unlink(entry.path)
                    count += 1
                except FileNotFoundError:
                    pass
    return count


def _entries(folder: Path) -> Iterator[os.DirEntry[str]]:
    """The folder's entries as they are read (a squad's folder may hold 100,000 results:
    never all in a list); none for a folder that cannot be read."""
    try:
        with os.scandir(folder) as entries:
            yield from entries
    except OSError:
        return


def move_removed(out: Path, stems: Iterable[str], now: float | None = None
                 ) -> tuple[list[str], Path | None]:
    """Move the recorded results of athletes whose stems are not in ``stems`` (and their
    reports, calendars and records) into a dated folder; the stems moved and the folder."""
    keep = set(stems)
    gone = sorted(entry.name[:-len(".json")] for entry in _entries(out / RECORD_DIR)
                  if entry.name.endswith(".json") and not entry.name.startswith(TEMP_PREFIX)
                  and entry.is_file(follow_symlinks=False)
                  and entry.name[:-len(".json")] not in keep)
    if not gone:
        return [], None
    target = _dated_folder(out, now)
    (target / RECORD_DIR).mkdir(parents=True)
    for stem in gone:
        for suffix in ATHLETE_SUFFIXES:
            _move(out / f"{stem}{suffix}", target / f"{stem}{suffix}")
        _move(out / RECORD_DIR / f"{stem}.json", target / RECORD_DIR / f"{stem}.json")
    return gone, target


def _dated_folder(out: Path, now: float | None) -> Path:
    stamp = time.strftime(REMOVED_FORMAT, time.localtime(time.time() if now is None else now))
    target, n = out / f"{REMOVED_PREFIX}{stamp}", 1
    while target.exists():
        n += 1
        target = out / f"{REMOVED_PREFIX}{stamp}-{n}"
    return target


def _move(source: Path, target: Path) -> None:
    try:
        if stat.S_ISREG(os.lstat(source).st_mode):
            os.replace(source, target)
    except FileNotFoundError:
        pass


def clean(out: Path, stems: Iterable[str], summary_files: Iterable[str]) -> Cleanup:
    """The start of a run, with the lock held: sweep, move removed athletes' files out of
    the way, and remove the old summary files (rewritten once the run is done)."""
    cleanup = Cleanup(swept=sweep_temporary(out))
    cleanup.removed, cleanup.removed_to = move_removed(out, stems)
    for name in summary_files:
        path = out / name
        try:
            if not stat.S_ISDIR(os.lstat(path).st_mode):
                path.unlink()
        except FileNotFoundError:
            pass
    return cleanup
