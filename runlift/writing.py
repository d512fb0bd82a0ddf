"""Writing output: to stdout, or atomically to a file (never a half-written file)."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from runlift.errors import InputError


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# Read once, at import, in the main thread: os.umask can only be read by setting it, which
# is not safe while the batch writer threads create files.
_UMASK = _current_umask()
# What open() would give a new file: mkstemp's private 0600 is for its name, not for us.
FILE_MODE = 0o666 & ~_UMASK


def write_atomic(path: str | Path, data: str | bytes) -> None:
    """Write to a temporary file beside ``path``, then rename it into place."""
    path = Path(path)
    if path.is_dir():
        raise InputError("is a directory; expected a file to write", file=str(path))
    if not path.parent.exists():
        raise InputError("the folder does not exist", file=str(path.parent))
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise InputError(f"cannot write here: {exc.strerror}", file=str(path)) from None
    try:
        os.fchmod(fd, FILE_MODE)
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise InputError(f"cannot write the file: {exc.strerror}", file=str(path)) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def emit(text: str, out: str | None) -> None:
    """Write ``text`` to the file ``out`` (atomically), or to stdout."""
    if out:
        write_atomic(out, text)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()
