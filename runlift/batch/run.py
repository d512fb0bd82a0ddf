"""Run a squad: keep what is already done, solve the rest, write results and the summary.

Independent athletes go through runlift.batch.tasks to the workers; a squad that shares
a gym is solved jointly by runlift.batch.gym. A squad of blocks is independent athletes
too: each worker plans a whole block.

The run holds --out's lock and tidies the folder first (runlift.batch.folder). Each result
goes to disk as it arrives, and summary.csv is written from the records at the end, so the
parent holds no result in memory. SIGINT or SIGTERM ends the workers at once and leaves
no summary.csv: the one line says how many athletes --resume will keep.
"""

from __future__ import annotations

import time
from array import array
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, overload

from runlift import interrupts
from runlift.batch.backends import Backend, make_backend
from runlift.batch.folder import clean, holding
from runlift.batch.output import (
    INDEX_FILE,
    INVALID,
    SQUAD_REPORT_FILE,
    SUMMARY_FILE,
    Writer,
    prepare,
    read_record,
    write_summary,
)
from runlift.batch.squad import AthleteJob, Squad
from runlift.batch.tasks import (
    Advance,
    BatchOptions,
    BatchReport,
    Outcome,
    dispatch,
    outcome_row,
    result_key,
    worker_options,
)
from runlift.documents import BLOCK, WEEK, Kind
from runlift.models.status import has_plan

# What a result answers beside its inputs: a week planned alone, or a block.
SOLVE_MODE: dict[Kind, str] = {WEEK: "alone", BLOCK: "block"}


class BatchInterrupted(interrupts.Interrupted):
    """SIGINT or SIGTERM stopped the batch: what is written stays, for --resume."""

    def __init__(self, kept: int) -> None:
        super().__init__(f"{kept} athlete{'s' * (kept != 1)} kept for --resume")
        self.kept = kept


def run_batch(squad: Squad, options: BatchOptions) -> BatchReport:
    """Plan every athlete of ``squad`` into ``options.out``; see the module docstring.

    Raises BatchInterrupted on SIGINT or SIGTERM (runlift.interrupts): the workers are
    ended at once, the results already handed to the writer are written, and summary.csv
    is not (the run removed the old one when it started)."""
    started = time.perf_counter()
    prepare(options.out)
    with holding(options.out) as lock:
        report = BatchReport(squad=squad.name, rows=[])
        if lock.taken_over:
            report.notes.append(f"took over the lock of a batch that has ended "
                                f"({lock.taken_over})")
        # summary.json is a gym's joint solve, kept for --resume; of no other squad. An
        # earlier run's HTML index would list athletes this run may not have: --html
        # writes it again at the end.
        stale = ((SUMMARY_FILE, INDEX_FILE) if squad.coupled
                 else (SUMMARY_FILE, SQUAD_REPORT_FILE, INDEX_FILE))
        report.notes.extend(clean(options.out, (job.stem for job in squad.jobs),
                                  stale).notes())
        _import_in_background("pandas")  # for summary.csv at the end, while workers solve
        backend: Backend | None = None
        try:
            backend = make_backend(options.backend, workers=options.workers,
                                   address=options.address,
                                   worker_timeout=options.worker_timeout, out=options.out)
            with progress_bar(options.progress, len(squad.jobs), squad.name) as advance:
                if squad.coupled:
                    from runlift.batch.gym import run_coupled

                    report = _with_notes(run_coupled(squad, options, backend, advance),
                                         report.notes)
                else:
                    run_independent(squad, options, backend, advance, report)
            backend.close()
            backend = None
            write_summary(options.out, report.rows, squad.summary)
        except KeyboardInterrupt as exc:
            if backend is not None:
                backend.abort()
            raise BatchInterrupted(_kept(squad, options, report)) from exc
        finally:
            if backend is not None:  # an error: end the workers, keep what is written
                backend.abort()
    report.wall_seconds = time.perf_counter() - started
    return report


def _with_notes(report: BatchReport, notes: list[str]) -> BatchReport:
    report.notes[:0] = notes
    return report


def _kept(squad: Squad, options: BatchOptions, report: BatchReport) -> int:
    """The athletes whose results --resume will keep."""
    if not squad.coupled:
        return len(report.resumed) + len(report.solved)
    from runlift.batch.gym import squad_digest

    key = result_key(squad_digest(squad), options.time_limit, f"gym, gap {options.gap!r}")
    jobs = [job for job in squad.jobs if job.error is None]
    # A squad with a gym is kept or solved as a whole.
    if jobs and all(read_record(options.out, job.stem, key) for job in jobs):
        return len(jobs)
    return 0


def _import_in_background(module: str) -> None:
    import importlib
    import threading

    threading.Thread(target=importlib.import_module, args=(module,), daemon=True).start()


class RecordRows(Sequence[dict[str, Any]]):
    """The summary rows of a squad, read from the records as they are needed: the parent
    keeps in memory only the rows of athletes without a result (invalid, or an error),
    so its memory does not grow with the squad's results."""

    def __init__(self, out: Path, jobs: list[AthleteJob], key: Callable[[AthleteJob], str],
                 loose: dict[int, dict[str, Any]]) -> None:
        self._out, self._jobs, self._key, self._loose = out, jobs, key, loose

    def __len__(self) -> int:
        return len(self._jobs)

    @overload
    def __getitem__(self, index: int) -> dict[str, Any]: ...

    @overload
    def __getitem__(self, index: slice) -> list[dict[str, Any]]: ...

    def __getitem__(self, index: int | slice) -> dict[str, Any] | list[dict[str, Any]]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        job = self._jobs[index]
        if job.index in self._loose:
            return self._loose[job.index]
        record = read_record(self._out, job.stem, self._key(job))
        if record is None:  # changed under the lock: nobody may, so say so
            raise RuntimeError(f"the record of {job.name} in {self._out} is gone")
        row: dict[str, Any] = record["row"]
        return row


def run_independent(squad: Squad, options: BatchOptions, backend: Backend,
                    advance: Advance, report: BatchReport | None = None) -> BatchReport:
    """Solve the athletes one by one on the backend's workers; each result goes to disk
    as it arrives (its record holds its summary row), and ``report.solved`` names an
    athlete once their files are in place.

    Per athlete the parent holds only its job (the merged scenario is made as the
    athlete goes out to a worker) and, until it is back, its index: the results and
    their keys are made and written as they come."""
    out = options.out
    report = report or BatchReport(squad=squad.name, rows=[])
    loose: dict[int, dict[str, Any]] = {}  # rows without a result file: invalid, error
    mode = SOLVE_MODE[squad.kind]

    def key(job: AthleteJob) -> str:
        return result_key(job.digest, options.time_limit, mode)

    jobs = squad.jobs  # jobs[i].index == i: the squad's order
    pending = array("l")  # indices of the athletes to solve
    solved = array("l")  # ... and of those whose files are in place
    planned = done = 0
    for job in jobs:
        record = read_record(out, job.stem, key(job)) if options.resume else None
        if job.error is not None:
            loose[job.index] = squad.summary.row(job.name, status=INVALID, error=job.error)
        elif record is not None:
            planned += has_plan(record["row"]["status"])
            report.resumed.append(job.name)
        else:
            pending.append(job.index)
            continue
        done += 1
    advance(done)

    with Writer() as writer:

        def collect(outcome: Outcome) -> None:
            nonlocal planned
            job = jobs[outcome["index"]]
            row = outcome_row(squad, job, outcome)
            if "json" in outcome:

                def written(index: int = job.index, name: str = job.name) -> None:
                    solved.append(index)
                    report.solved.append(name)  # counted if the run is interrupted

                writer.write_result(out, job.stem, outcome["json"], key=key(job), row=row,
                                    done=written)
                planned += has_plan(row["status"])
            else:
                loose[job.index] = row
            advance(1)

        payloads = (jobs[i].payload() for i in pending)
        dispatch(backend, payloads, worker_options(options), options.chunk_size, collect,
                 total=len(pending))
    report.rows = RecordRows(out, jobs, key, loose)
    report.planned_count = planned
    report.solved[:] = [jobs[i].name for i in sorted(solved)]  # squad order, not the disk's
    return report


@contextmanager
def progress_bar(enabled: bool, total: int, label: str) -> Iterator[Advance]:
    """A rich progress bar on stderr; yields ``advance(n, note=None)``."""
    if not enabled:
        yield lambda n, note=None: None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=False) as progress:
        task = progress.add_task(label, total=total)

        def advance(n: int, note: str | None = None) -> None:
            progress.update(task, advance=n, description=note or label)

        yield advance
