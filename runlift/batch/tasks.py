"""Athletes on their way to the workers: the batch's options and report, and the dispatch
of payloads in chunks through a backend's ``concurrent.futures`` Executor.

At most two tasks per worker are in flight, so when a worker process dies the athletes
it may have taken with it are known. They are then solved again one at a time, which
pins the crash on one athlete and loses no other plan.
"""

from __future__ import annotations

import hashlib
import itertools
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from runlift.batch import JOINT_GAP_PERCENT
from runlift.batch.backends import CRASH_ENV, DEFAULT_WORKER_TIMEOUT, Backend, run_chunk
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
    worker_timeout: float = DEFAULT_WORKER_TIMEOUT  # dask: the most seconds with no worker


@dataclass
class BatchReport:
    """What a run did. For independent athletes, ``rows`` reads each row from its record
    in --out when asked (the parent keeps no result in memory): it holds until the next
    run on that folder."""

    squad: str
    rows: Sequence[dict[str, Any]]
    solved: list[str] = field(default_factory=list)  # athletes solved by this run
    resumed: list[str] = field(default_factory=list)  # athletes kept from an earlier run
    joint: dict[str, Any] | None = None  # the coupled squad's joint solve
    wall_seconds: float = 0.0
    notes: list[str] = field(default_factory=list)  # what the run tidied in --out
    planned_count: int | None = None  # counted as the run goes (rows read from records)

    @property
    def planned(self) -> int:
        if self.planned_count is not None:
            return self.planned_count
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
    return list(lazy_chunks(payloads, len(payloads), size, workers, max_chunk))


def lazy_chunks(payloads: Iterable[Payload], total: int, size: int | None, workers: int,
                max_chunk: int = MAX_CHUNK) -> Iterator[list[Payload]]:
    """chunks() of ``total`` payloads, taken from ``payloads`` as the tasks are made."""
    left = total
    source = iter(payloads)
    while left > 0:
        step = size or max(1, min(max_chunk, left // (4 * workers)))
        task = list(itertools.islice(source, step))
        if not task:
            return
        left -= len(task)
        yield task


def dispatch(backend: Backend, payloads: Iterable[Payload], options: dict[str, Any],
             chunk_size: int | None, collect: Callable[[Outcome], None],
             total: int | None = None) -> None:
    """Solve every payload once; ``collect`` receives each outcome as it arrives. The
    payloads are taken lazily, as tasks go out (``total``: how many there are).

    Chunks whose worker died are solved again athlete by athlete, one at a time: an
    athlete who crashes a worker on their own gets an error outcome, the rest their plans.
    """
    if total is None:
        total = len(payloads)  # type: ignore[arg-type]
    if not total:
        return
    window = IN_FLIGHT_PER_WORKER * backend.workers
    tasks = lazy_chunks(payloads, total, chunk_size, backend.workers, backend.max_chunk)
    suspects = _run_tasks(backend, tasks, options, collect, window)
    culprits = _run_tasks(backend, iter([[p] for p in suspects]), options, collect, 1)
    for payload in culprits:
        collect({"index": payload["index"], "status": ERROR, "error": CRASHED})


def _run_tasks(backend: Backend, tasks: Iterator[list[Payload]], options: dict[str, Any],
               collect: Callable[[Outcome], None], window: int) -> list[Payload]:
    """Run ``tasks`` with at most ``window`` in flight; the payloads of crashed tasks."""
    todo = _Peekable(tasks)
    in_flight: dict[Future[list[Outcome]], list[Payload]] = {}
    crashed: list[Payload] = []
    try:
        while todo or in_flight:
            broken = _submit(backend, todo, in_flight, options, window)
            if in_flight and not broken:
                done = backend.wait(in_flight)
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


class _Peekable:
    """The tasks still to send: the next one can be looked at before it is taken."""

    def __init__(self, tasks: Iterator[list[Payload]]) -> None:
        self._tasks = tasks
        self._next: list[Payload] | None = next(tasks, None)

    def __bool__(self) -> bool:
        return self._next is not None

    def peek(self) -> list[Payload]:
        assert self._next is not None
        return self._next

    def take(self) -> None:
        self._next = next(self._tasks, None)


def _submit(backend: Backend, todo: _Peekable,
            in_flight: dict[Future[list[Outcome]], list[Payload]], options: dict[str, Any],
            window: int) -> bool:
    """Top up the tasks in flight; True when the executor turned out to be broken."""
    try:
        executor = backend.executor()
        while todo and len(in_flight) < window:
            in_flight[executor.submit(run_chunk, todo.peek(), options)] = todo.peek()
            todo.take()
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
            # (runlift missing on a Dask worker, say): one line, not a traceback. A
            # cluster that is gone says so first.
            backend.check_cluster(exc)
            raise InputError(f"the workers cannot solve: {type(exc).__name__}: {exc}",
                             file=f"--backend {backend.name}") from exc
        crashed.extend(task)
        return False
    for outcome in outcomes:
        collect(outcome)
    return True


