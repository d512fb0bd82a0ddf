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
from runlift.scenario.loading import SUFFIXES, read_document, shown, yaml_line

FIELDS = ("day", "slot", "session")
WHAT = "plan file"
EXPECTED_ROWS = "a list of {day, slot, session}, or the JSON of `runlift solve --format json`"


class _Rows:
    """The rows of a plan and how to point at one of them in an error."""

    def __init__(self, file: str, rows: list[Any], prefix: tuple[str | int, ...] = (),
                 node: Any = None, csv_lines: Sequence[int] = ()) -> None:
        self.file, self.rows, self.prefix = file, rows, prefix
        self.node, self.csv_lines = node, csv_lines

    def error(self, index: int, field: str | None, message: str) -> InputError:
        loc = (*self.prefix, index) if field is None else (*self.prefix, index, field)
        line = self.csv_lines[index] if self.csv_lines else yaml_line(self.node, loc)
        return InputError(message, file=self.file, loc=loc, line=line)


def load_plan(path: str | Path, problem: Problem) -> list[Placement]:
    """The placements of a plan file, each checked against the scenario's names."""
    path = Path(path)
    if path.suffix.lower() == ".csv" and path.is_file():
        rows = _csv_rows(path)
    else:
        rows = _document_rows(path)
    return [_placement(i, row, problem, rows) for i, row in enumerate(rows.rows)]


def _document_rows(path: Path) -> _Rows:
    data, node = read_document(path, WHAT, (*SUFFIXES, ".csv"))
    name = str(path)
    if isinstance(data, dict):
        if "plan" not in data:
            raise InputError(f"expected {EXPECTED_ROWS}; this mapping has no 'plan' key",
                             file=name, line=yaml_line(node, ()))
        rows, prefix = data["plan"], ("plan",)
    else:
        rows, prefix = data, ()
    if not isinstance(rows, list):
        raise InputError(f"expected {EXPECTED_ROWS}, got {shown(rows)}", file=name,
                         loc=prefix, line=yaml_line(node, prefix))
    return _Rows(name, rows, prefix, node)


def _csv_rows(path: Path) -> _Rows:
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the file: {exc}", file=name) from None
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
    return _Rows(name, rows, csv_lines=lines)


def _placement(index: int, row: Any, problem: Problem, rows: _Rows) -> Placement:
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
