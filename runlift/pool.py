"""The cores this process may use, and the local pool of solver processes.

`runlift compare` and `runlift batch` solve in the same kind of pool: worker processes
forked by a fork server that has the solver preloaded. Forking from the server (not
from the parent) is safe even while the parent runs threads (batch writes its results
from a thread pool), and a worker starts in milliseconds with OR-Tools already loaded.

The fork server is one per process: the modules it preloads are those given when it is
first started (a later caller's extra modules are then imported by its workers on their
first task). Call :func:`start_server` early, so that it loads the solver while the
parent is still reading its input. This module imports nothing heavy, and neither
compare nor batch: both import it.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing.context import BaseContext

# What every worker needs to solve: runlift.api loads the solver lazily (on the first
# solve), and the solver loads OR-Tools' C++ core lazily too (runlift.solver.cpsat), so
# they are named here: preloaded once, a worker does not pay ~0.1 s for them itself.
SOLVER_MODULES = (
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


def _context(preload: Sequence[str]) -> BaseContext:
    import multiprocessing

    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([*SOLVER_MODULES, *preload])
    return context


def start_server(preload: Sequence[str] = ()) -> None:
    """Start the fork server now, with the solver and ``preload`` (the module of the task
    the workers will run) imported in it; a no-op when it is running already."""
    from multiprocessing import forkserver

    _context(preload)
    forkserver.ensure_running()


def ignore_interrupts() -> None:
    """Pool initializer: Ctrl-C is the parent's to handle; a worker finishes its task."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def process_pool(workers: int, preload: Sequence[str] = ()) -> ProcessPoolExecutor:
    """A pool of ``workers`` solver processes (see the module docstring). One dead worker
    breaks the whole pool: its futures then raise ``BrokenProcessPool``."""
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(max_workers=workers, mp_context=_context(preload),
                               initializer=ignore_interrupts)
