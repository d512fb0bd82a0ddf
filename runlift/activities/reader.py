"""Finding and reading activity files: paths in, activities out."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from runlift.activities.fit import decode_fit
from runlift.activities.model import Activity
from runlift.errors import InputError

# Far above any one activity (a 24-hour race recorded every second is about 5 MB), and
# small enough that a wrong or endless input fails at once: decoding takes 2 to 3 s a MB.
MAX_FILE_BYTES = 32 * 1024 * 1024


def read_activities(paths: Sequence[str | Path], *, strict: bool = False,
                    max_bytes: int = MAX_FILE_BYTES) -> list[Activity]:
    """Every activity of the FIT files at ``paths``, in order of start time.

    A path is a file or a directory (see ``find_fit_files``). Ties in start time are broken
    by file name and session index, so the order never depends on the order of ``paths``.
    ``strict`` refuses files that are damaged after their activity summary, which are
    otherwise read with a note (see ``runlift.activities.fit``). Raises ``InputError``,
    naming the file, at the first path or file that cannot be read.
    """
    activities = [activity
                  for path in find_fit_files(paths)
                  for activity in read_fit_file(path, strict=strict, max_bytes=max_bytes)]
    return sorted(activities, key=lambda a: (a.start, str(a.source), a.index))


def read_fit_file(path: str | Path, *, strict: bool = False,
                  max_bytes: int = MAX_FILE_BYTES) -> list[Activity]:
    """The activities of one FIT file, in the file's order (transitions left out)."""
    path = Path(path)
    return decode_fit(_read_capped(path, max_bytes), path, strict=strict)


def find_fit_files(paths: Sequence[str | Path]) -> list[Path]:
    """The FIT files that ``paths`` name, each once, in the order given.

    A file is taken whatever its name. A directory gives its ``*.fit`` files (any case),
    sorted by name, without its subdirectories (a device's or an export's folder is flat;
    name subfolders to read them) and without hidden files (the ``._*.fit`` that macOS
    leaves on a watch's drive are no FIT files). A missing path, or a directory without
    FIT files, raises ``InputError``.
    """
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(_fit_files_in(path))
        elif path.exists():
            found.append(path)
        else:
            raise InputError("no such file or directory", file=str(path))
    return _first_of_each(found)


def _fit_files_in(directory: Path) -> list[Path]:
    try:
        entries = sorted(directory.iterdir(), key=lambda entry: entry.name)
    except OSError as error:
        raise InputError(f"cannot be read ({error.strerror or error})",
                         file=str(directory)) from None
    files = [entry for entry in entries
             if entry.suffix.lower() == ".fit" and not entry.name.startswith(".")
             and entry.is_file()]
    if not files:
        raise InputError("no .fit files in this directory (subdirectories are not searched)",
                         file=str(directory))
    return files


def _first_of_each(paths: list[Path]) -> list[Path]:
    """A file named twice (in a directory and by itself) is read once."""
    seen: set[Path] = set()
    unique = []
    for path in paths:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique


def _read_capped(path: Path, max_bytes: int) -> bytes:
    """The file's bytes; reads at most one byte past the cap, so an endless input stops."""
    try:
        with path.open("rb") as stream:
            data = stream.read(max_bytes + 1)
    except OSError as error:
        raise InputError(f"cannot be read ({error.strerror or error})",
                         file=str(path)) from None
    if len(data) > max_bytes:
        raise InputError(f"larger than {_size(max_bytes)}, the limit for one activity file",
                         file=str(path))
    return data


def _size(size: int) -> str:
    return f"{size // (1024 * 1024)} MB" if size >= 1024 * 1024 else f"{size} bytes"
