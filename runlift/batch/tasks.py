"""Athletes on their way to the workers: the batch's options and report, and the dispatch
of payloads in chunks through a backend's ``concurrent.futures`` Executor.

At most two tasks per worker are in flight, so when a worker process dies the athletes
it may have taken with it are known. They are then solved again one at a time, which
pins the crash on one athlete and loses no other plan.
"""

from __future__ import annotations

import hashlib
import os
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from runlift.batch import JOINT_GAP_PERCENT
from runlift.batch.backends import CRASH_ENV, Backend, run_chunk
from runlift.batch.output import ERROR, INVALID
from runlift.batch.squad import AthleteJob, Squad
from runlift.errors import InputError
from runlift.models.status import has_plan
from runlift.solver.params import DEFAULT_TIME_LIMIT

Outcome = dict[str, Any]
Payload = dict[str, Any]
MAX_CHUNK = Backend.max_chunk
IN_FLIGHT_PER_WORKER = 2
CRASHED = "the worker process died while solving this athlete"


class Advance(Protocol):
    """Moves the progress bar ``n`` athletes on; ``note`` replaces its label."""

    def __call__(self, n: int, note: str | None = None) -> None: ...


@dataclass
class BatchOptions:
    out: Path
    workers: int | None = None  # local backend; default: the number of cores
    backend: str = "local"  # local | dask
    address: str | None = None  # dask scheduler; default: $DASK_SCHEDULER_ADDRESS
    resume: bool = False
    time_limit: float = DEFAULT_TIME_LIMIT
    chunk_size: int | None = None  # athletes per task; default: from squad and worker count
    gap: float = JOINT_GAP_PERCENT  # gym squads: stop the joint search within this % of
    # the proven bound
    progress: bool = False  # a progress bar on stderr


@dataclass
class BatchReport:
    squad: str
    rows: list[dict[str, Any]]
    solved: list[str] = field(default_factory=list)  # athletes solved by this run
    resumed: list[str] = field(default_factory=list)  # athletes kept from an earlier run
    joint: dict[str, Any] | None = None  # the coupled squad's joint solve
    wall_seconds: float = 0.0

    @property
    def planned(self) -> int:
        return sum(1 for row in self.rows if has_plan(row["status"]))

    @property
    def exit_code(self) -> int:
        """0 when every athlete has a plan, 1 when some have none."""
        return 0 if self.planned == len(self.rows) else 1


def result_key(digest: str, time_limit: float, mode: str) -> str:
    """What a result answers: the merged scenario(s) with the runlift version, the time
    limit, and whether the athlete was solved alone or with the squad (or as a block)."""
    return hashlib.sha256(f"{digest}\n{time_limit!r}\n{mode}".encode()).hexdigest()


def worker_options(options: BatchOptions) -> dict[str, Any]:
    return {"time_limit": options.time_limit, "crash_on": os.environ.get(CRASH_ENV)}


def outcome_row(squad: Squad, job: AthleteJob, outcome: Outcome) -> dict[str, Any]:
    """The summary row of one worker outcome."""
    layout = squad.summary
    if outcome["status"] == INVALID:
        error = squad.locate(job, outcome["error_loc"], outcome["error"])
        return layout.row(job.name, status=INVALID, error=str(error))
    if "json" not in outcome:
        return layout.row(job.name, status=ERROR, error=outcome["error"])
    return layout.row(job.name, file=f"{job.stem}.json", **outcome["fields"],
                      **{column: outcome[column] for column in layout.time_columns})


def chunks(payloads: Sequence[Payload], size: int | None, workers: int,
           max_chunk: int = MAX_CHUNK) -> list[list[Payload]]:
    """Tasks of ``size`` athletes; by default, guided: up to ``max_chunk`` (few tasks,
    little per-task cost against ~5-30 ms per solve) and shrinking towards the end of the
    squad, so that no worker waits long for the last one to finish."""
    out, start = [], 0
    while start < len(payloads):
        step = size or max(1, min(max_chunk, (len(payloads) - start) // (4 * workers)))
        out.append(list(payloads[start:start + step]))
        start += step
    return out


def dispatch(backend: Backend, payloads: Sequence[Payload], options: dict[str, Any],
             chunk_size: int | None, collect: Callable[[Outcome], None]) -> None:
    """Solve every payload once; ``collect`` receives each outcome as it arrives.

    Chunks whose worker died are solved again athlete by athlete, one at a time: an
    athlete who crashes a worker on their own gets an error outcome, the rest their plans.
    """
    if not payloads:
        return
    window = IN_FLIGHT_PER_WORKER * backend.workers
    tasks = chunks(payloads, chunk_size, backend.workers, backend.max_chunk)
    suspects = _run_tasks(backend, tasks, options, collect, window)
    culprits = _run_tasks(backend, [[p] for p in suspects], options, collect, 1)
    for payload in culprits:
        collect({"index": payload["index"], "status": ERROR, "error": CRASHED})


def _run_tasks(backend: Backend, tasks: list[list[Payload]], options: dict[str, Any],
               collect: Callable[[Outcome], None], window: int) -> list[Payload]:
    """Run ``tasks`` with at most ``window`` in flight; the payloads of crashed tasks."""
    todo = deque(tasks)
    in_flight: dict[Future[list[Outcome]], list[Payload]] = {}
    crashed: list[Payload] = []
    try:
        while todo or in_flight:
            broken = _submit(backend, todo, in_flight, options, window)
            if in_flight and not broken:
                done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
                for future in sorted(done, key=lambda f: in_flight[f][0]["index"]):
                    task = in_flight.pop(future)
                    if not _settle(backend, future, task, collect, crashed):
                        broken = broken or backend.crash_breaks_all
            if broken:
                for future, task in list(in_flight.items()):
                    del in_flight[future]
                    _settle(backend, future, task, collect, crashed)
                backend.renew()
    except BaseException:
        for future in in_flight:
            future.cancel()
        raise
    return crashed


def _submit(backend: Backend, todo: deque[list[Payload]],
            in_flight: dict[Future[list[Outcome]], list[Payload]], options: dict[str, Any],
            window: int) -> bool:
    """Top up the tasks in flight; True when the executor turned out to be broken."""
    try:
        executor = backend.executor()
        while todo and len(in_flight) < window:
            in_flight[executor.submit(run_chunk, todo[0], options)] = todo[0]
            todo.popleft()
    except Exception as exc:
        if not backend.is_crash(exc):
            raise
        return True
    return False


def _settle(backend: Backend, future: Future[list[Outcome]], task: list[Payload],
            collect: Callable[[Outcome], None], crashed: list[Payload]) -> bool:
    """Collect a finished task's outcomes; False (and its payloads noted) if it crashed."""
    try:
        outcomes = future.result()
    except Exception as exc:
        if not backend.is_crash(exc):
            # A worker catches every athlete's failure, so this is the workers' setup
            # (runlift missing on a Dask worker, say): one line, not a traceback.
            raise InputError(f"the workers cannot solve: {type(exc).__name__}: {exc}",
                             file=f"--backend {backend.name}") from exc
        crashed.extend(task)
        return False
    for outcome in outcomes:
        collect(outcome)
    return True


