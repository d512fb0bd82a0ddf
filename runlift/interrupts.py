"""Ctrl-C and SIGTERM: stop at once, and never leave an unfinished result behind.

The `runlift` command calls :func:`install` before it imports anything else, so that
SIGINT and SIGTERM are handled from start-up on. The handler

- remembers the first signal: the command then exits with 128 + its number (130 for
  SIGINT, 143 for SIGTERM) and one line, from ``runlift.cli.errors``;
- asks CP-SAT to stop (``runlift.solver.cpsat.interrupt``, a flag: signal-safe);
- raises KeyboardInterrupt to unwind whatever runs, except while a CP-SAT search runs
  (the search stops itself within a poll and raises ``Interrupted`` once its helper thread
  has ended: a process must never exit with that thread inside C++) and inside
  :func:`held` sections, which look at :func:`pending` where they can stop cleanly.

Writing the output is the last step. Until it starts, nothing has been written; once it
has put the whole output in place (:func:`commit`), a signal changes nothing and the
command ends as it would have.

A process forked from this one (a pool worker) inherits the handler: there it ignores
SIGINT, which is the parent's to handle, and ends at once on SIGTERM.

Only the standard library is imported here: this module loads before anything else.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterator
from concurrent.futures import Executor
from contextlib import contextmanager
from typing import Any

SIGNALS = (signal.SIGINT, signal.SIGTERM)
NOTHING_WRITTEN = "nothing written"


class Interrupted(KeyboardInterrupt):
    """An interrupt that knows what reached the output (a stream cut short)."""

    def __init__(self, written: str = NOTHING_WRITTEN) -> None:
        super().__init__(written)
        self.written = written


class _State:
    owner: int | None = None  # the process that installed the handler
    signum: int | None = None  # the first signal received
    holding = 0  # > 0: inside held(); a signal is noted, not raised
    committed = False  # the output is in place: signals change nothing


def install() -> None:
    """Route SIGINT and SIGTERM to runlift's handler (from the main thread)."""
    _State.owner, _State.signum = os.getpid(), None
    _State.holding, _State.committed = 0, False
    for signum in SIGNALS:
        signal.signal(signum, _handle)


def _handle(signum: int, frame: Any) -> None:
    if os.getpid() != _State.owner:  # a forked worker that has not reset its handlers yet
        if signum == signal.SIGTERM:
            os._exit(128 + signum)
        return
    first = _State.signum is None
    if first:
        _State.signum = signum
    cpsat = sys.modules.get("runlift.solver.cpsat")
    if cpsat is not None:
        cpsat.interrupt()
        if cpsat.searching():
            return
    if first and not _State.holding and not _State.committed:
        raise KeyboardInterrupt


def pending() -> bool:
    """A signal has come, and the output is not in place."""
    return _State.signum is not None and not _State.committed


def exit_code() -> int:
    """128 + the signal's number; a KeyboardInterrupt without a signal counts as SIGINT."""
    return 128 + (_State.signum or signal.SIGINT)


@contextmanager
def held() -> Iterator[None]:
    """A section that must not be unwound at an arbitrary point: signals are noted, and
    the section looks at pending() where it can stop. Leaving it with a signal noted
    (and nothing committed) raises KeyboardInterrupt."""
    _State.holding += 1
    try:
        yield
    finally:
        _State.holding -= 1
    if pending() and not _State.holding:
        raise KeyboardInterrupt


def commit() -> None:
    """The output is in place: from now on a signal changes nothing."""
    _State.committed = True


def ignore_in_worker() -> None:
    """Pool initializer: Ctrl-C reaches the whole process group and is the parent's to
    handle; SIGTERM ends a worker at once (it holds nothing worth saving)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def kill_workers(pool: Executor) -> None:
    """End a process pool's workers now, rather than wait for their searches: on an
    interrupt nobody wants their answers, and they must not outlive the parent."""
    # ProcessPoolExecutor keeps its processes in _processes (pid -> Process), its only
    # handle on them; shutdown() would wait for the running tasks to finish.
    workers = list(dict(getattr(pool, "_processes", None) or {}).values())
    for worker in workers:
        if worker.is_alive():
            worker.kill()
    for worker in workers:
        worker.join(timeout=5)
