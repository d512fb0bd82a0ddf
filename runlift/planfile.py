"""Read a plan to check: solve's JSON, or a YAML/JSON/CSV list of {day, slot, session}."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from runlift.checker import Placement
from runlift.errors import InputError
from runlift.loading import read_document, yaml_line
from runlift.models.errors import did_you_mean
from runlift.models.problem import Problem

FIELDS = ("day", "slot", "session")


def load_plan(path: str | Path, problem: Problem) -> list[Placement]:
    path = Path(path)
    name = str(path)
    if path.suffix.lower() == ".csv" and path.is_file():
        rows = _csv_rows(path)
        node = None
    else:
        data, node = read_document(path)
        rows = data.get("plan") if isinstance(data, dict) else data
        if not isinstance(rows, list):
            raise InputError(
                "expected a list of {day, slot, session}, or solve's JSON with a 'plan' list",
                file=name,
            )
    prefix: tuple[str, ...] = ("plan",) if node is None and isinstance(rows, list) else ()
    return [_placement(i, row, problem, name, node, prefix) for i, row in enumerate(rows)]


def _csv_rows(path: Path) -> list[dict[str, Any]]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the file: {exc}", file=str(path)) from None
    reader = csv.DictReader(io.StringIO(text))
    missing = [f for f in FIELDS if f not in (reader.fieldnames or [])]
    if missing:
        raise InputError(f"expected CSV columns day, slot, session; missing {', '.join(missing)}",
                         file=str(path), line=1)
    return [dict(row) for row in reader]


def _placement(
    index: int, row: Any, problem: Problem, file: str, node: Any, prefix: tuple[str, ...]
) -> Placement:
    def fail(field: str | None, message: str) -> InputError:
        loc = (index,) if field is None else (index, field)
        return InputError(message, file=file, loc=(*prefix, *loc), line=yaml_line(node, loc))

    if not isinstance(row, dict):
        raise fail(None, "expected a mapping with day, slot and session")
    for field in FIELDS:
        if row.get(field) in (None, ""):
            raise fail(field, "this field is required")
    session = str(row["session"])
    if session not in problem.catalog:
        raise fail("session", f"unknown session type {session!r}"
                   + did_you_mean(session, problem.catalog))
    day_token = row["day"]
    if isinstance(day_token, str) and day_token.strip().lstrip("-").isdigit():
        day_token = int(day_token)
    try:
        (day,) = problem.calendar.days_named(day_token, recurring=False)
    except ValueError as exc:
        raise fail("day", str(exc)) from None
    slots = {s.name: i for i, s in enumerate(problem.slots)}
    slot = str(row["slot"])
    if slot not in slots:
        raise fail("slot", f"unknown slot {slot!r}: expected one of {', '.join(slots)}"
                   + did_you_mean(slot, slots))
    return Placement(day=day, slot=slots[slot], session=session)
