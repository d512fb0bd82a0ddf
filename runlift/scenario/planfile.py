"""Read a plan to check: solve's JSON, or a YAML/JSON/CSV list of {day, slot, session}.

A CSV plan may come from a spreadsheet (see runlift.scenario.sheet); its cells, and a YAML
or JSON list's, may spell days, slots and dates as people do (runlift.scenario.spelling).
A row names its day by ``day`` or, when the scenario has week_start, by ``date``; with
both, they must agree.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from runlift.errors import InputError
from runlift.models.bulk import collector_paused
from runlift.models.errors import did_you_mean
from runlift.models.plan import Placement
from runlift.models.problem import Problem
from runlift.scenario.loading import SUFFIXES, read_document, shown, yaml_line
from runlift.scenario.sheet import Columns, Sheet, read_sheet
from runlift.scenario.spelling import DateReader, spelled_day, spelled_slot

CSV_FIELDS = ("day", "date", "slot", "session")  # what --columns may map
NEEDED = (("day", "date"), ("slot",), ("session",))
WHAT = "plan file"
EXPECTED_ROWS = "a list of {day, slot, session}, or the JSON of `runlift solve --format json`"


class PlanRows:
    """The rows of a plan file and how to point at one of them in an error. From the JSON
    that solve or check writes, also its horizon's length (``days``) and the history it
    was planned after (``history``, for chaining weeks)."""

    def __init__(self, file: str, rows: list[Any], prefix: tuple[str | int, ...] = (),
                 node: Any = None, csv_lines: Sequence[int] = (),
                 horizon_days: int | None = None, history: list[Any] | None = None,
                 sheet: Sheet | None = None) -> None:
        self.file, self.rows, self.prefix = file, rows, prefix
        self.node, self.csv_lines = node, csv_lines
        self.horizon_days = horizon_days
        self.history = history or []
        self.sheet = sheet  # a CSV's: its rows alike are one (runlift.scenario.sheet)

    def error(self, index: int, field: str | None, message: str) -> InputError:
        loc = (*self.prefix, index) if field is None else (*self.prefix, index, field)
        line = self.csv_lines[index] if self.csv_lines else yaml_line(self.node, loc)
        return InputError(message, file=self.file, loc=loc, line=line)


def read_plan_rows(path: str | Path, columns: Columns | None = None) -> PlanRows:
    """The rows of a plan file: solve's or check's JSON (or its CSV), or a YAML, JSON or
    CSV list of {day or date, slot, session}. ``columns`` maps fields to a CSV file's
    columns of other names (``{"session": "Workout"}``)."""
    path = Path(path)
    if path.suffix.lower() == ".csv" and path.exists() and not path.is_dir():
        # the sheet reader refuses a FIFO or a device
        sheet = read_sheet(path, CSV_FIELDS, NEEDED, columns)
        return PlanRows(str(path), sheet.rows, csv_lines=sheet.lines, sheet=sheet)
    if columns and path.suffix.lower() != ".csv":
        raise InputError(f"--columns names the columns of a CSV plan; expected a .csv file, "
                         f"got {path.suffix or 'a file without a suffix'}", file=str(path))
    return _document_rows(path)


def load_plan(path: str | Path, problem: Problem,
              columns: Columns | None = None) -> list[Placement]:
    """The placements of a plan file, each checked against the scenario's names."""
    with collector_paused():  # a plan may have a million rows (runlift.models.bulk)
        return _load_plan(path, problem, columns)


def _load_plan(path: str | Path, problem: Problem, columns: Columns | None
               ) -> list[Placement]:
    rows = read_plan_rows(path, columns)
    dates = _date_reader(rows, problem)
    # Rows alike (a plan may repeat one, a million times) are read once, and share
    # their Placement (frozen). A CSV's rows alike are one row of its sheet, read in the
    # order they first come (so the first bad row is the one an error names); then each
    # row takes its Placement by a list look-up, in C.
    sheet = rows.sheet
    if sheet is None:
        return _placements(rows.rows, range(len(rows.rows)), problem, rows, dates)
    distinct = _by_columns(sheet.distinct, problem)
    if distinct is None:  # a cell that does not read: row by row, to name the first bad one
        distinct = _placements(sheet.distinct, sheet.firsts, problem, rows, dates)
    return list(map(distinct.__getitem__, sheet.codes))


def _by_columns(rows: list[dict[str, Any]], problem: Problem) -> list[Placement] | None:
    """The Placements of a sheet's rows when every row has a day (no date), a slot and a
    session, each distinct cell of a column read once (a plan may have a million rows);
    None when a cell does not read, or a row has a date (a day and a date must agree):
    then each row is read in turn. Rows with the same cells share their Placement, as
    ``_placements`` shares them."""
    columns = {field: {row.get(field) for row in rows} for field in CSV_FIELDS}
    if any(map(_given, columns["date"])):
        return None
    slot_names = [s.name for s in problem.slots]

    def day(cell: Any) -> int:
        return problem.timeline.days_named(spelled_day(cell), recurring=False)[0]

    def slot(cell: Any) -> int:
        return problem.slot_index[spelled_slot(cell, slot_names)]

    def session(cell: Any) -> str:
        if (name := str(cell).strip()) not in problem.catalog:
            raise ValueError(name)
        return name

    days, slots = _column(columns["day"], day), _column(columns["slot"], slot)
    sessions = _column(columns["session"], session)
    if days is None or slots is None or sessions is None:
        return None
    seen: dict[tuple[Any, ...], Placement] = {}
    out = []
    for row in rows:
        key = tuple(map(row.get, CSV_FIELDS))  # _cells_of, inline: a call a row saved
        placement = seen.get(key)
        if placement is None:
            placement = seen[key] = Placement(day=days[row["day"]], slot=slots[row["slot"]],
                                              session=sessions[row["session"]])
        out.append(placement)
    return out


T = TypeVar("T")


def _column(cells: set[Any], read: Callable[[Any], T]) -> dict[Any, T] | None:
    """What each distinct cell of a column reads as; None when one is not given or does
    not read."""
    out = {}
    for cell in cells:
        if not _given(cell):
            return None
        try:
            out[cell] = read(cell)
        except (ValueError, IndexError):
            return None
    return out


def _placements(rows: Sequence[Any], indices: Sequence[int], problem: Problem,
                plan: PlanRows, dates: DateReader | None) -> list[Placement]:
    """The Placement of each row (at ``indices`` of the file's rows, for errors); rows
    whose cells are alike share one, a dict look-up instead of their validation."""
    seen: dict[tuple[Any, ...], Placement] = {}
    reader = _RowReader(problem, plan, dates)
    # A sheet's cells are text (or None), a YAML or JSON list's of any type.
    key_of = _cells_of if plan.sheet is not None else _row_key
    out = []
    for index, row in zip(indices, rows, strict=True):
        key = key_of(row)
        placement = seen.get(key) if key is not None else None
        if placement is None:
            placement = reader.placement(index, row)
            if key is not None:
                seen[key] = placement
        out.append(placement)
    return out


def _cells_of(row: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(map(row.get, CSV_FIELDS))


def _row_key(row: Any) -> tuple[Any, ...] | None:
    """A row's cells as a dictionary key, or None for a row that cannot be one (no
    mapping, or a cell that is a list or a mapping: an error its reading reports)."""
    if not isinstance(row, dict):
        return None
    key = tuple((type(row.get(f)), row.get(f)) for f in CSV_FIELDS)
    with contextlib.suppress(TypeError):
        hash(key)
        return key
    return None


def _document_rows(path: Path) -> PlanRows:
    data, node = read_document(path, WHAT, (*SUFFIXES, ".csv"))
    name = str(path)
    prefix: tuple[str | int, ...] = ()
    if isinstance(data, dict):
        if "plan" not in data:
            raise InputError(f"expected {EXPECTED_ROWS}; this mapping has no 'plan' key",
                             file=name, line=yaml_line(node, ()))
        rows, prefix = data["plan"], ("plan",)
        days, history = data.get("days"), data.get("history")
    else:
        rows, days, history = data, None, None
    if not isinstance(rows, list):
        raise InputError(f"expected {EXPECTED_ROWS}, got {shown(rows)}", file=name,
                         loc=prefix, line=yaml_line(node, prefix))
    horizon = len(days) if isinstance(days, list) and days else None
    return PlanRows(name, rows, prefix, node, horizon_days=horizon,
                    history=history if isinstance(history, list) else None)


def _date_reader(rows: PlanRows, problem: Problem) -> DateReader | None:
    start = problem.timeline.week_start
    if start is None:
        return None
    last = start + dt.timedelta(days=problem.days - 1)
    if rows.sheet is not None:  # each distinct row once, with how many rows it is
        uses = Counter(rows.sheet.codes)
        counts: Counter[str] = Counter()
        for code, row in enumerate(rows.sheet.distinct):
            if _given(cell := row.get("date")):
                counts[str(cell)] += uses[code]
        return DateReader(start, last, "horizon", counts)
    cells = [r.get("date") for r in rows.rows if isinstance(r, dict) and _given(r.get("date"))]
    return DateReader(start, last, "horizon", cells)


class _RowReader:
    """Reads a plan file's rows into Placements, each spelling of a day, a date or a slot
    once: a plan may have a million rows, and a scenario up to 1,440 slots to match each
    slot cell against. What it keeps is what read well; a bad cell is read again, and
    its row's error raised, each time."""

    def __init__(self, problem: Problem, rows: PlanRows, dates: DateReader | None) -> None:
        self.problem, self.rows, self.dates = problem, rows, dates
        self.slot_names = [s.name for s in problem.slots]
        self.slots: dict[str, int] = {}  # str(cell) -> slot index
        self.days: dict[tuple[bool, type, Any], list[int]] = {}  # -> the days it names
        self.on_date: dict[tuple[type, Any], int] = {}  # a date cell -> its day

    def placement(self, index: int, row: Any) -> Placement:
        rows, problem = self.rows, self.problem
        if not isinstance(row, dict):
            raise rows.error(index, None, f"expected a mapping with day, slot and session, "
                                          f"got {shown(row)}")
        has_day, has_date = _given(row.get("day")), _given(row.get("date"))
        if not has_day and not has_date:
            raise rows.error(index, "day", "this field is required (a day, or a date when "
                                           "the scenario has week_start)")
        for field in ("slot", "session"):
            if not _given(row.get(field)):
                raise rows.error(index, field, "this field is required")
        session = str(row["session"]).strip()
        if session not in problem.catalog:
            raise rows.error(index, "session", f"unknown session type {session!r}"
                             + did_you_mean(session, problem.catalog))
        day = self._day(index, row, has_day, has_date)
        return Placement(day=day, slot=self._slot(index, row["slot"]), session=session)

    def _slot(self, index: int, token: Any) -> int:
        text = str(token)
        if text not in self.slots:
            try:
                name = spelled_slot(token, self.slot_names)
            except ValueError as exc:
                raise self.rows.error(index, "slot", str(exc)) from None
            self.slots[text] = self.problem.slot_index[name]
        return self.slots[text]

    def _day(self, index: int, row: dict[str, Any], has_day: bool, has_date: bool) -> int:
        """The day a row names: by its day, or its date when the scenario has week_start."""
        rows, problem, dates = self.rows, self.problem, self.dates
        if has_date and dates is None and not has_day:
            raise rows.error(index, "date", "a date needs week_start in the scenario; "
                                            "expected a day (mon..sun or a 0-based index)")
        if dates is None or not has_date:
            return self._named_day(index, row["day"], recurring=False)[0]
        day = self._dated(index, dates, row["date"])
        if has_day and day not in self._named_day(index, row["day"], recurring=True):
            raise rows.error(index, "day", f"{shown(row['day'])} is not the day of the date "
                             f"{problem.timeline.date(day)} ({problem.timeline.label(day)}, "
                             f"day {day})")
        return day

    def _dated(self, index: int, dates: DateReader, token: Any) -> int:
        return self._remembered(self.on_date, (type(token), token), token, index, "date",
                                lambda: (dates.read(token) - dates.first).days)

    def _named_day(self, index: int, token: Any, *, recurring: bool) -> list[int]:
        return self._remembered(
            self.days, (recurring, type(token), token), token, index, "day",
            lambda: self.problem.timeline.days_named(spelled_day(token), recurring=recurring))

    def _remembered(self, cache: dict[Any, Any], key: Any, token: Any, index: int,
                    field: str, read: Callable[[], Any]) -> Any:
        """What ``read`` gives for a cell's token, read once per distinct text or number
        (other tokens every time); a ValueError is the row's error in ``field``."""
        known = isinstance(token, str | int)
        if not known or key not in cache:
            try:
                value = read()
            except ValueError as exc:
                raise self.rows.error(index, field, str(exc)) from None
            if not known:
                return value
            cache[key] = value
        return cache[key]


def _given(value: Any) -> bool:
    return value is not None and str(value).strip() != ""
