"""Writing output: to stdout, or to the file of `--out`, never half-written.

What `--out PATH` does depends on what PATH is:

- a regular file, or nothing yet: written to a temporary file beside it, then renamed
  into place (atomic: PATH holds its old content or the whole new one);
- ``-``: stdout;
- a device, a FIFO (a named pipe) or a terminal: written to as a stream, never replaced;
- a symlink: followed, and its target written as above (a regular target is replaced
  atomically, the link kept);
- a directory, a socket, or a path whose folder does not exist: an input error.
"""

from __future__ import annotations

import os
import select
import stat
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from runlift import interrupts
from runlift.errors import InputError

STDOUT = "-"
# A stream is written a chunk at a time, waiting at most POLL_SECONDS for room, so that a
# signal is seen between chunks even when the reader is slow (or reads nothing).
CHUNK_BYTES = 4096  # PIPE_BUF on Linux: a pipe with room takes this much without blocking
POLL_SECONDS = 0.05


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
    write_atomic_parts(path, [data])


def write_atomic_parts(path: str | Path, parts: Iterable[str | bytes]) -> None:
    """write_atomic of ``parts`` joined, each written as it comes (a generator's parts are
    made as they are written): the whole is never held in memory."""
    path = Path(path)
    _check_folder(path)
    tmp = _write_temporary(path, (_encoded(part) for part in parts))
    _rename_into_place(tmp, path)


def _encoded(data: str | bytes) -> bytes:
    return data.encode("utf-8") if isinstance(data, str) else data


def _check_folder(path: Path) -> None:
    if path.is_dir():
        raise InputError("is a directory; expected a file to write", file=str(path))
    if not path.parent.exists():
        raise InputError("the folder does not exist", file=str(path.parent))


def _write_temporary(path: Path, parts: Iterable[bytes]) -> Path:
    """A temporary file beside ``path`` that holds ``parts``, flushed to disk."""
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise InputError(f"cannot write here: {exc.strerror}", file=str(path)) from None
    try:
        os.fchmod(fd, FILE_MODE)
        with os.fdopen(fd, "wb") as handle:
            for part in parts:
                handle.write(part)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise InputError(f"cannot write the file: {exc.strerror}", file=str(path)) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def _rename_into_place(tmp: Path, path: Path) -> None:
    try:
        _refuse_special(path)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise InputError(f"cannot write the file: {exc.strerror}", file=str(path)) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _refuse_special(path: Path) -> None:
    """A rename would replace a device or a FIFO that appeared at ``path`` meanwhile."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    if not (stat.S_ISREG(mode) or stat.S_ISLNK(mode)):
        raise InputError("is not a regular file (a device, a FIFO…); not replaced", file=str(path))


def write_output(out: str | Path, data: str | bytes) -> None:
    """The final output of a command, to ``out`` (see the module's docstring). The output
    is committed once in place: a signal that comes later changes nothing."""
    raw = _encoded(data)
    if str(out) == STDOUT:
        _write_stdout(raw)
        return
    target, is_stream = destination(out)
    if is_stream:
        _write_stream_path(target, raw)
    else:
        _check_folder(target)
        tmp = _write_temporary(target, [raw])
        with interrupts.held():
            if interrupts.pending():  # the last moment at which nothing is written yet
                tmp.unlink(missing_ok=True)
                raise interrupts.Interrupted
            _rename_into_place(tmp, target)
            interrupts.commit()


def destination(out: str | Path) -> tuple[Path, bool]:
    """Where ``out`` is written, and whether as a stream (a device, FIFO or terminal)
    rather than replaced atomically. Raises InputError for what cannot be written."""
    name = str(out)
    if not name:
        raise InputError("an empty path; expected a file to write, or - for stdout",
                         file="''")
    path = Path(out)
    try:
        link = stat.S_ISLNK(os.lstat(path).st_mode)
    except FileNotFoundError:
        return path, False
    except OSError as exc:
        raise InputError(f"cannot write here: {exc.strerror}", file=name) from None
    target = Path(os.path.realpath(path)) if link else path
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:  # a link to a file yet to be made
        return target, False
    except OSError as exc:
        raise InputError(f"cannot write here: {exc.strerror}", file=name) from None
    return target, _is_stream(mode, name)


def _is_stream(mode: int, name: str) -> bool:
    if stat.S_ISREG(mode):
        return False
    if stat.S_ISDIR(mode):
        raise InputError("is a directory; expected a file to write", file=name)
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) or stat.S_ISFIFO(mode):
        return True
    raise InputError("is a socket; expected a file, a device or a FIFO to write", file=name)


def _write_stream_path(path: Path, raw: bytes) -> None:
    # Opening a FIFO waits for a reader: a signal meanwhile unwinds with nothing written.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_NOCTTY | os.O_CLOEXEC)
    except OSError as exc:
        raise InputError(f"cannot write the file: {exc.strerror}", file=str(path)) from None
    try:
        if stat.S_ISREG(os.fstat(fd).st_mode):  # replaced by a file since we looked
            os.close(fd)
            fd = -1
            write_output(path, raw)
            return
        write_stream(fd, raw, str(path))
    except OSError as exc:
        raise InputError(f"cannot write the file: {exc.strerror}", file=str(path)) from None
    finally:
        if fd >= 0:
            os.close(fd)


def _write_stdout(raw: bytes) -> None:
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # a captured stdout (tests): no descriptor
        _write_captured_stdout(raw)
        return
    sys.stdout.flush()
    write_stream(fd, raw, "stdout")


def _write_captured_stdout(raw: bytes) -> None:
    buffer = getattr(sys.stdout, "buffer", None)
    sys.stdout.flush()
    if buffer is None:
        sys.stdout.write(raw.decode("utf-8"))
    else:
        buffer.write(raw)
        buffer.flush()
    sys.stdout.flush()


def write_stream(fd: int, raw: bytes, name: str) -> None:
    """Write all of ``raw`` to a stream, a chunk at a time. A signal is seen between chunks:
    it ends the write with nothing written, or with the output cut short."""
    done = 0
    waiting = select.poll()
    waiting.register(fd, select.POLLOUT)
    with interrupts.held():
        while done < len(raw):
            if interrupts.pending():
                raise interrupts.Interrupted(
                    interrupts.NOTHING_WRITTEN if not done
                    else f"the output to {name} is cut short after {done} bytes")
            if waiting.poll(POLL_SECONDS * 1000):
                try:
                    done += os.write(fd, raw[done:done + CHUNK_BYTES])
                except BlockingIOError:  # a non-blocking descriptor that filled up again
                    continue
        interrupts.commit()


def emit(text: str, out: str | None) -> None:
    """Write ``text`` to ``out`` (see write_output), or to stdout when no --out is given."""
    write_output(STDOUT if out is None else out, text)


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()
