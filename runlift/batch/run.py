"""Run a squad: keep what is already done, solve the rest, write results and the summary.

Independent athletes go through runlift.batch.tasks to the workers; a squad that shares
a gym is solved jointly by runlift.batch.gym. A squad of blocks is independent athletes
too: each worker plans a whole block.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from runlift.batch.backends import Backend, make_backend
from runlift.batch.output import (
    INVALID,
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

# What a result answers beside its inputs: a week planned alone, or a block.
SOLVE_MODE: dict[Kind, str] = {WEEK: "alone", BLOCK: "block"}


def run_batch(squad: Squad, options: BatchOptions) -> BatchReport:
    """Plan every athlete of ``squad`` into ``options.out``; see the module docstring."""
    started = time.perf_counter()
    _import_in_background("pandas")  # for summary.csv at the end, while the workers solve
    backend = make_backend(options.backend, workers=options.workers, address=options.address)
    try:
        prepare(options.out)
        with progress_bar(options.progress, len(squad.jobs), squad.name) as advance:
            if squad.coupled:
                from runlift.batch.gym import run_coupled

                report = run_coupled(squad, options, backend, advance)
            else:
                report = run_independent(squad, options, backend, advance)
    finally:
        backend.close()
    write_summary(options.out, report.rows, squad.summary)
    report.wall_seconds = time.perf_counter() - started
    return report


def _import_in_background(module: str) -> None:
    import importlib
    import threading

    threading.Thread(target=importlib.import_module, args=(module,), daemon=True).start()


def run_independent(squad: Squad, options: BatchOptions, backend: Backend,
                    advance: Advance) -> BatchReport:
    out = options.out
    rows: dict[int, dict[str, Any]] = {}
    report = BatchReport(squad=squad.name, rows=[])
    mode = SOLVE_MODE[squad.kind]
    keys = {job.index: result_key(job.digest, options.time_limit, mode) for job in squad.jobs}
    pending: list[AthleteJob] = []
    for job in squad.jobs:
        record = read_record(out, job.stem, keys[job.index]) if options.resume else None
        if job.scenario is None:
            rows[job.index] = squad.summary.row(job.name, status=INVALID, error=job.error)
        elif record is not None:
            rows[job.index] = record["row"]
            report.resumed.append(job.name)
        else:
            pending.append(job)
    advance(len(rows))
    by_index = {job.index: job for job in pending}

    with Writer() as writer:

        def collect(outcome: Outcome) -> None:
            job = by_index[outcome["index"]]
            row = outcome_row(squad, job, outcome)
            if "json" in outcome:
                writer.write_result(out, job.stem, outcome["json"], key=keys[job.index],
                                    row=row)
                report.solved.append(job.name)
            rows[job.index] = row
            advance(1)

        payloads = [job.payload() for job in pending]
        dispatch(backend, payloads, worker_options(options), options.chunk_size, collect)
    report.rows = [rows[job.index] for job in squad.jobs]
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
