"""Read a plan to check: solve's JSON, or a YAML/JSON/CSV list of {day, slot, session}."""

from __future__ import annotations

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
    return [_placement(i, row, problem, rows) for i, row in enumerate(rows.rows)]


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
    reader = csv.DictReader(io.StringIO(text))
    columns = [c.strip() for c in reader.fieldnames or []]
    missing = [f for f in FIELDS if f not in columns]
    if missing:
        raise InputError(f"expected CSV columns day, slot and session; missing "
                         f"{', '.join(missing)}", file=name, line=1)
    rows, lines = [], []
    for row in reader:
        rows.append({(k or "").strip(): v for k, v in row.items()})
        lines.append(reader.line_num)
    return PlanRows(name, rows, csv_lines=lines)


def _placement(index: int, row: Any, problem: Problem, rows: PlanRows) -> Placement:
    if not isinstance(row, dict):
        raise rows.error(index, None, f"expected a mapping with day, slot and session, "
                                      f"got {shown(row)}")
    for field in FIELDS:
        if row.get(field) is None or str(row[field]).strip() == "":
            raise rows.error(index, field, "this field is required")
    session = str(row["session"]).strip()
    if session not in problem.catalog:
        raise rows.error(index, "session", f"unknown session type {session!r}"
                         + did_you_mean(session, problem.catalog))
    day_token = row["day"]
    if isinstance(day_token, str) and re.fullmatch(r"\s*-?\d+\s*", day_token):
        day_token = int(day_token)  # CSV cells are text; "3" is the index 3
    try:
        (day,) = problem.timeline.days_named(day_token, recurring=False)
    except ValueError as exc:
        raise rows.error(index, "day", str(exc)) from None
    slots = {s.name: i for i, s in enumerate(problem.slots)}
    slot = str(row["slot"]).strip()
    if slot not in slots:
        raise rows.error(index, "slot", f"unknown slot {slot!r}: expected one of "
                         f"{', '.join(slots)}" + did_you_mean(slot, slots))
    return Placement(day=day, slot=slots[slot], session=session)
