"""Read a plan to check: solve's JSON, or a YAML/JSON/CSV list of {day, slot, session}."""

from __future__ import annotations

import contextlib
import csv
import io
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from runlift.errors import InputError
from runlift.models.errors import did_you_mean
from runlift.models.plan import Placement
from runlift.models.problem import Problem
from runlift.scenario.limits import read_input
from runlift.scenario.loading import SUFFIXES, read_document, shown, yaml_line

FIELDS = ("day", "slot", "session")
WHAT = "plan file"
EXPECTED_ROWS = "a list of {day, slot, session}, or the JSON of `runlift solve --format json`"


class PlanRows:
    """The rows of a plan file and how to point at one of them in an error. From the JSON
    that solve or check writes, also its horizon's length (``days``) and the history it
    was planned after (``history``, for chaining weeks)."""

    def __init__(self, file: str, rows: list[Any], prefix: tuple[str | int, ...] = (),
                 node: Any = None, csv_lines: Sequence[int] = (),
                 horizon_days: int | None = None, history: list[Any] | None = None) -> None:
        self.file, self.rows, self.prefix = file, rows, prefix
        self.node, self.csv_lines = node, csv_lines
        self.horizon_days = horizon_days
        self.history = history or []

    def error(self, index: int, field: str | None, message: str) -> InputError:
        loc = (*self.prefix, index) if field is None else (*self.prefix, index, field)
        line = self.csv_lines[index] if self.csv_lines else yaml_line(self.node, loc)
        return InputError(message, file=self.file, loc=loc, line=line)


def read_plan_rows(path: str | Path) -> PlanRows:
    """The rows of a plan file: solve's or check's JSON (or its CSV), or a YAML, JSON or
    CSV list of {day, slot, session}."""
    path = Path(path)
    if path.suffix.lower() == ".csv" and path.exists() and not path.is_dir():
        return _csv_rows(path)  # its reader refuses a FIFO or a device
    return _document_rows(path)


def load_plan(path: str | Path, problem: Problem) -> list[Placement]:
    """The placements of a plan file, each checked against the scenario's names."""
    rows = read_plan_rows(path)
    names = _Names(problem, rows)
    # Rows alike (a plan may repeat one, a million times) are read once, and share
    # their Placement (frozen): a dict look-up a row instead of its validation.
    seen: dict[tuple[Any, Any, Any], Placement] = {}
    out = []
    for i, row in enumerate(rows.rows):
        try:
            out.append(seen[row["day"], row["slot"], row["session"]])
        except (KeyError, TypeError):  # a new row, or one that is no mapping of names
            placement = names.placement(i, row)
            with contextlib.suppress(TypeError):  # a cell that is a list or a mapping
                seen[row["day"], row["slot"], row["session"]] = placement
            out.append(placement)
    return out


def _document_rows(path: Path) -> PlanRows:
    data, node = read_document(path, WHAT, (*SUFFIXES, ".csv"))
    name = str(path)
    if isinstance(data, dict):
        if "plan" not in data:
            raise InputError(f"expected {EXPECTED_ROWS}; this mapping has no 'plan' key",
                             file=name, line=yaml_line(node, ()))
        rows, prefix = data["plan"], ("plan",)
        days, history = data.get("days"), data.get("history")
    else:
        rows, prefix, days, history = data, (), None, None
    if not isinstance(rows, list):
        raise InputError(f"expected {EXPECTED_ROWS}, got {shown(rows)}", file=name,
                         loc=prefix, line=yaml_line(node, prefix))
    horizon = len(days) if isinstance(days, list) and days else None
    return PlanRows(name, rows, prefix, node, horizon_days=horizon,
                    history=history if isinstance(history, list) else None)


def _csv_rows(path: Path) -> PlanRows:
    name = str(path)
    text = read_input(path, WHAT)
    if not text.strip():
        raise InputError("the file is empty; expected a header line day,slot,session and "
                         "one row per session", file=name)
    reader = csv.reader(io.StringIO(text))
    columns = [c.strip() for c in next(reader, [])]
    missing = [f for f in FIELDS if f not in columns]
    if missing:
        raise InputError(f"expected CSV columns day, slot and session; missing "
                         f"{', '.join(missing)}", file=name, line=1)
    rows, lines = [], []
    for cells in reader:
        if not cells:
            continue  # a blank line, as csv.DictReader skips it
        rows.append(_csv_row(columns, cells))
        lines.append(reader.line_num)
    return PlanRows(name, rows, csv_lines=lines)


def _csv_row(columns: list[str], cells: list[str]) -> dict[str, Any]:
    """As csv.DictReader makes it: a short row's missing cells are None, a long row's
    extra cells are kept under "" (their column has no name)."""
    row: dict[str, Any] = dict(zip(columns, cells, strict=False))
    if len(cells) < len(columns):
        row.update(dict.fromkeys(columns[len(cells):]))
    elif len(cells) > len(columns):
        row[""] = cells[len(columns):]
    return row


class _Names:
    """Reads a row's day, slot and session against the scenario, each spelling once."""

    def __init__(self, problem: Problem, rows: PlanRows) -> None:
        self.problem, self.rows = problem, rows
        self.days: dict[Any, int] = {}
        self.slots: dict[Any, int] = {}
        self.sessions: dict[Any, str] = {}

    def placement(self, index: int, row: Any) -> Placement:
        if not isinstance(row, dict):
            raise self.rows.error(index, None, f"expected a mapping with day, slot and "
                                               f"session, got {shown(row)}")
        for field in FIELDS:
            if row.get(field) is None or str(row[field]).strip() == "":
                raise self.rows.error(index, field, "this field is required")
        return Placement(day=self._day(index, row["day"]), slot=self._slot(index, row["slot"]),
                         session=self._session(index, row["session"]))

    def _session(self, index: int, token: Any) -> str:
        if _cached(token, self.sessions):
            return self.sessions[token]
        session, catalog = str(token).strip(), self.problem.catalog
        if session not in catalog:
            raise self.rows.error(index, "session", f"unknown session type {session!r}"
                                  + did_you_mean(session, catalog))
        return _remember(self.sessions, token, session)

    def _day(self, index: int, token: Any) -> int:
        if _cached(token, self.days):
            return self.days[token]
        day_token = token
        if isinstance(token, str) and re.fullmatch(r"\s*-?\d+\s*", token):
            day_token = int(token)  # CSV cells are text; "3" is the index 3
        try:
            (day,) = self.problem.timeline.days_named(day_token, recurring=False)
        except ValueError as exc:
            raise self.rows.error(index, "day", str(exc)) from None
        return _remember(self.days, token, day)

    def _slot(self, index: int, token: Any) -> int:
        if _cached(token, self.slots):
            return self.slots[token]
        slots, slot = self.problem.slot_index, str(token).strip()
        if slot not in slots:
            raise self.rows.error(index, "slot", f"unknown slot {slot!r}: expected one of "
                                  f"{', '.join(slots)}" + did_you_mean(slot, slots))
        return _remember(self.slots, token, slots[slot])


def _cached(token: Any, cache: dict[Any, Any]) -> bool:
    """A token read before (a list or a mapping is never cached: it is an error)."""
    try:
        return token in cache and type(token) is not bool
    except TypeError:
        return False


def _remember(cache: dict[Any, Any], token: Any, value: Any) -> Any:
    with contextlib.suppress(TypeError):
        cache[token] = value
    return value
