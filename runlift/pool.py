"""The cores this process may use, and the local pool of solver processes.

`runlift compare` and `runlift batch` solve in the same pool: worker processes that
start with the solver loaded and leave Ctrl-C to the parent. By default they are forked
by a fork server that has the solver preloaded: that is safe even while the parent runs
threads (batch writes its results from a thread pool) and keeps OR-Tools out of the
parent. The fork server is one per process, and preloads the modules given when it is
first started; :func:`start_server` starts it early, so that it loads the solver while
the parent still reads its input.

A caller whose process has already loaded most of what the workers need, and runs no
other thread, may have them forked from itself instead (``inherit=True``): compare does,
as the fork server would load again, on the way to the first solve, the scenario models
compare has just used (measured: 0.3 s more for 12 alternatives on two cores).

This module imports nothing heavy, and neither compare nor batch: both import it.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Sequence
from typing import TYPE_CHECKING

from runlift.interrupts import ignore_in_worker
from runlift.parent_watch import die_with_parent, mark_parent

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing.context import BaseContext

# What every worker needs to solve: runlift.api loads the solver lazily (on the first
# solve), and the solver loads OR-Tools' C++ core lazily too (runlift.solver.cpsat), so
# they are named here: loaded once before the workers start, a worker does not pay
# ~0.1 s for them itself.
SOLVER_MODULES = (
    "runlift.parent_watch",  # first: the fork server dies with the process that started it
    "runlift.api",
    "runlift.planning",
    "runlift.solver.solve",
    "runlift.solver.explain",
    "ortools.sat.python.cp_model_helper",
)


def usable_cores() -> int:
    """The cores this process may run on: its CPU affinity where the system has one
    (a container or `taskset` may allow fewer cores than the machine has)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def _server_context(preload: Sequence[str]) -> BaseContext:
    """The fork server's context, or spawn's where there is none (Windows): each worker
    then imports the solver itself."""
    import multiprocessing

    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([*SOLVER_MODULES, *preload])
    mark_parent()
    return context


def _inheriting_context(preload: Sequence[str]) -> BaseContext | None:
    """The fork context with the solver and ``preload`` loaded here, or None when this
    process runs other threads (a forked child could inherit a lock one of them held)
    or cannot fork."""
    import importlib
    import multiprocessing
    import threading

    if threading.active_count() > 1 or "fork" not in multiprocessing.get_all_start_methods():
        return None
    for module in (*SOLVER_MODULES, *preload):
        importlib.import_module(module)
    return multiprocessing.get_context("fork")


def start_server(preload: Sequence[str] = ()) -> None:
    """Start the fork server now, with the solver and ``preload`` (the module of the task
    the workers will run) imported in it; a no-op when it is running already."""
    from multiprocessing import forkserver

    if _server_context(preload).get_start_method() == "forkserver":
        forkserver.ensure_running()


def start_worker() -> None:
    """Pool initializer: Ctrl-C is the parent's to handle (runlift.interrupts), and the
    worker dies with its parent (runlift.parent_watch)."""
    ignore_in_worker()
    die_with_parent()


def process_pool(workers: int, preload: Sequence[str] = (), *,
                 inherit: bool = False) -> ProcessPoolExecutor:
    """A pool of ``workers`` solver processes (see the module docstring), forked by the
    fork server, or from this process when ``inherit`` and it runs no other thread. One
    dead worker breaks the whole pool: its futures then raise ``BrokenProcessPool``."""
    from concurrent.futures import ProcessPoolExecutor

    context = _inheriting_context(preload) if inherit else None
    return ProcessPoolExecutor(max_workers=workers,
                               mp_context=context or _server_context(preload),
                               initializer=start_worker)


def stop_helpers() -> None:
    """End the fork server (its workers die with it, runlift.parent_watch) and the
    resource tracker now, and wait for them: on an interrupt nobody needs them, and the
    command must not end while they still run. A no-op for what was never started."""
    import sys
    from contextlib import suppress

    forkserver = sys.modules.get("multiprocessing.forkserver")
    server = getattr(forkserver, "_forkserver", None)
    pid = getattr(server, "_forkserver_pid", None)
    if server is not None and pid:
        with suppress(OSError):
            os.kill(pid, signal.SIGKILL)  # it may be busy importing the solver
        with suppress(OSError, AttributeError, TypeError):
            server._stop_unlocked()  # reaps it and removes its socket
    tracker_module = sys.modules.get("multiprocessing.resource_tracker")
    tracker = getattr(tracker_module, "_resource_tracker", None)
    if tracker is not None and getattr(tracker, "_pid", None):
        with suppress(OSError, AttributeError, RuntimeError):
            tracker._stop()  # closes its pipe: it ends, and is reaped
