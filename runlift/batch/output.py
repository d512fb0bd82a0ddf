"""What a batch writes in --out: one result per athlete, a record of it, and the summary.

``<stem>.json`` is exactly what ``runlift solve --format json`` prints for the athlete's
merged scenario. Beside it, ``.runlift-batch/<stem>.json`` records the hash of the inputs
the result answers (merged scenario, runlift version, time limit) and of the result file
itself, plus the athlete's summary row: ``--resume`` trusts a result only when both hashes
still match, so a file from an older squad or a damaged file is solved again. The record
is written before its result, each atomically: a run killed between the two leaves a
record whose hash does not match the result (missing, or the earlier one), which --resume
solves again and which names the file, so that the next run moves it aside with its
record if the athlete has left the squad (runlift.batch.folder). The athlete's earlier
report and calendar are removed first: they describe the result being replaced, and
--html and --ics write them again from the new one.

In a squad of blocks, ``<stem>.json`` is what ``runlift block --format json`` prints for
the athlete's block, and summary.csv has a block's columns (BLOCK_SUMMARY).
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from runlift.batch.folder import RECORD_DIR, REPORT_SUFFIXES, check_folder
from runlift.models.block import BlockResult
from runlift.models.result import Result
from runlift.render.metrics import METRIC
from runlift.writing import write_atomic, write_atomic_parts

SUMMARY_FILE = "summary.csv"
SQUAD_REPORT_FILE = "summary.json"
INDEX_FILE = "index.html"  # the squad's HTML index (--html), rewritten at the end
# Metric columns are named by the field of Metrics they hold; a metric of days lists them.
SUMMARY_METRICS = tuple(METRIC[key] for key in ("weekly_load", "monotony", "strain",
                                                "hard_days", "rest_days"))
SUMMARY_COLUMNS = (
    "athlete", "file", "status", "objective", "best_bound",
    *(metric.key for metric in SUMMARY_METRICS),
    "conflicts", "error", "solve_seconds", "search_seconds",
)
# The metric columns of a row without a plan: no number, no days.
NO_METRICS = {metric.key: "" if metric.days else None for metric in SUMMARY_METRICS}
# Wall-clock columns: they vary from run to run, everything else is deterministic.
TIME_COLUMNS = ("solve_seconds", "search_seconds")
_INT_COLUMNS = ("objective", "best_bound", "weekly_load")
# A row's status is a solve's (runlift.models.status.Status), or one of these two.
INVALID = "invalid"  # the athlete's merged scenario is not a valid scenario
ERROR = "error"  # solving the athlete failed: an internal error, or the worker died


@dataclass(frozen=True)
class SummaryLayout:
    """The columns of summary.csv for one kind of athlete plan (a week, or a block)."""

    columns: tuple[str, ...]
    int_columns: tuple[str, ...]  # whole numbers, empty where there is none
    no_plan: dict[str, Any]  # the values of a row without a plan, beyond None
    time_columns: tuple[str, ...]  # wall-clock seconds: vary from run to run

    def row(self, athlete: str, **values: Any) -> dict[str, Any]:
        row: dict[str, Any] = dict.fromkeys(self.columns)
        row.update(self.no_plan, athlete=athlete, file="", conflicts="", error="")
        row.update(values)
        return row


WEEK_SUMMARY = SummaryLayout(SUMMARY_COLUMNS, _INT_COLUMNS, NO_METRICS, TIME_COLUMNS)
# A squad of blocks: per athlete, the block's status, its race and length, race-day
# fitness (CTL) and form (TSB), its heaviest week's load and the sum of the weeks' own
# objectives (runlift.models.block.BlockObjective), and the seconds the plan took.
BLOCK_SUMMARY = SummaryLayout(
    columns=("athlete", "file", "status", "race", "weeks", "race_ctl", "race_tsb",
             "peak_week_load", "weekly_objectives", "conflicts", "error", "solve_seconds"),
    int_columns=("weeks", "peak_week_load", "weekly_objectives"),
    no_plan={"race": ""},
    time_columns=("solve_seconds",),
)


def summary_fields(result: Result) -> dict[str, Any]:
    """The summary columns one solve result fills."""
    objective = result.objective
    return {
        "status": result.status,
        "objective": objective.total if objective else None,
        "best_bound": objective.best_bound if objective else None,
        **metric_fields(result),
        "conflicts": conflicts_text(result),
    }


def metric_fields(result: Result) -> dict[str, Any]:
    """The metric columns: a number, or the days by name ('tue thu')."""
    metrics = result.metrics
    if metrics is None:
        return dict(NO_METRICS)
    return {metric.key: " ".join(metric.day_names(metrics, result.days)) if metric.days
            else metric.value(metrics) for metric in SUMMARY_METRICS}


def block_summary_fields(result: BlockResult) -> dict[str, Any]:
    """The summary columns one planned (or explained) block fills."""
    objective = result.objective
    return {
        "status": result.status,
        "race": result.race or "",
        "weeks": result.length,
        "race_ctl": objective.race_ctl if objective else None,
        "race_tsb": objective.race_tsb if objective else None,
        "peak_week_load": objective.peak_week_load if objective else None,
        "weekly_objectives": objective.weekly_total if objective else None,
        "conflicts": conflicts_text(result),
    }


def conflicts_text(result: Result | BlockResult) -> str:
    """The clashing rules, then the first conflict's message: each member's message
    already names every other member, so one says it all."""
    if not result.conflicts:
        return ""
    rules = ", ".join(dict.fromkeys(c.rule for c in result.conflicts))
    return f"{rules}: {result.conflicts[0].message}"


def summary_row(athlete: str, **values: Any) -> dict[str, Any]:
    """A row of a week squad's summary."""
    return WEEK_SUMMARY.row(athlete, **values)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def record_path(out: Path, stem: str) -> Path:
    return out / RECORD_DIR / f"{stem}.json"


def prepare(out: str | Path) -> None:
    """Create --out (and the records folder), or say in one line why it cannot be
    (runlift.batch.folder)."""
    check_folder(out)


def write_result(out: Path, stem: str, text: str, *, key: str, row: dict[str, Any]) -> None:
    """The athlete's result and the record that vouches for it (both atomic), once the
    reports of the result it replaces are gone (see the module docstring)."""
    for suffix in REPORT_SUFFIXES:
        _remove_regular(out / f"{stem}{suffix}")
    data = text.encode("utf-8")
    record = {"key": key, "sha256": _sha256(data), "row": row}
    write_atomic(record_path(out, stem), json.dumps(record, sort_keys=True) + "\n")
    write_atomic(out / f"{stem}.json", data)


def _remove_regular(path: Path) -> None:
    """Remove a file runlift wrote (a symlink or a special file there is left alone)."""
    try:
        if stat.S_ISREG(os.lstat(path).st_mode):
            path.unlink()
    except FileNotFoundError:
        pass


class Writer:
    """Writes results from background threads, so that waiting for the disk (each file is
    synced before its rename) overlaps the solving. At most BACKLOG results wait for the
    disk: beyond that, handing one over waits, so a disk slower than the workers bounds
    the parent's memory rather than filling it. Leaving the block waits for every write,
    even on Ctrl-C, and raises the first error. ``written`` counts the results in place."""

    THREADS = 4
    BACKLOG = 64

    def __init__(self) -> None:
        import threading
        from concurrent.futures import ThreadPoolExecutor

        self._pool = ThreadPoolExecutor(self.THREADS, thread_name_prefix="runlift-writer")
        self._room = threading.BoundedSemaphore(self.BACKLOG)
        self._lock = threading.Lock()
        self._errors: list[BaseException] = []
        self.written = 0

    def write_result(self, out: Path, stem: str, text: str, *, key: str,
                     row: dict[str, Any], done: Callable[[], None] | None = None) -> None:
        """Hand a result over; ``done()`` is called (in a writer thread) once its files
        are in place."""
        self._room.acquire()
        try:
            future = self._pool.submit(write_result, out, stem, text, key=key, row=row)
        except BaseException:
            self._room.release()
            raise
        future.add_done_callback(lambda f: self._done(f, done))

    def _done(self, future: Any, done: Callable[[], None] | None) -> None:
        error = future.exception()
        with self._lock:
            if error is None:
                self.written += 1
                if done is not None:
                    done()
            else:
                self._errors.append(error)
        self._room.release()

    def __enter__(self) -> Writer:
        return self

    def __exit__(self, *exc: object) -> None:
        self._pool.shutdown(wait=True)
        if self._errors:
            raise self._errors[0]


def read_record(out: Path, stem: str, key: str) -> dict[str, Any] | None:
    """The record of an up-to-date, intact result for ``key``, or None."""
    try:
        record = json.loads(_read_no_link(record_path(out, stem)))
        if not isinstance(record, dict) or record.get("key") != key:
            return None
        data = _read_no_link(out / f"{stem}.json")
    except (OSError, ValueError):
        return None
    if not isinstance(record.get("row"), dict) or record.get("sha256") != _sha256(data):
        return None
    return record


def _read_no_link(path: Path) -> bytes:
    """A file's bytes, never through a symlink (a link there is no record of ours)."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK)
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(f"{path} is not a regular file")
        return handle.read()


SUMMARY_CHUNK = 5000  # rows framed by pandas at a time: summary.csv in bounded memory


def summary_csv(rows: Iterable[dict[str, Any]], layout: SummaryLayout = WEEK_SUMMARY
                ) -> Iterator[str]:
    """summary.csv of ``rows`` (any iterable: the records are read as it goes), framed by
    pandas SUMMARY_CHUNK rows at a time: the text of each chunk in turn."""
    import pandas as pd

    chunk: list[dict[str, Any]] = []

    def framed(header: bool) -> str:
        frame = pd.DataFrame(chunk, columns=list(layout.columns))
        frame = frame.astype({c: "Int64" for c in layout.int_columns})
        chunk.clear()
        return str(frame.to_csv(index=False, header=header, lineterminator="\n"))

    header = True
    for row in rows:
        chunk.append(row)
        if len(chunk) == SUMMARY_CHUNK:
            yield framed(header)
            header = False
    if chunk or header:
        yield framed(header)


def write_summary(out: Path, rows: Iterable[dict[str, Any]],
                  layout: SummaryLayout = WEEK_SUMMARY) -> None:
    """summary.csv, written as it is made (runlift.writing.write_atomic_parts)."""
    write_atomic_parts(out / SUMMARY_FILE, summary_csv(rows, layout))


def write_squad_report(out: Path, report: dict[str, Any]) -> None:
    write_atomic(out / SQUAD_REPORT_FILE, json.dumps(report, indent=2, ensure_ascii=False) + "\n")
