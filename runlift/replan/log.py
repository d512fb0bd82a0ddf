"""What happened: the log of a lived week, as YAML (or JSON, TOML) or CSV rows.

Each row is `{date | day, slot, session, status}` with optional `minutes`, `rpe` and
`load` (what was actually done), and for `moved` the new day and slot (`to_date |
to_day`, `to_slot`). `id` may name the planned session a row is about, when the plan
holds two of the same type on one day.

- `done`: done as planned (with the actual minutes, rpe or load when given);
- `missed`: not done. Before today it goes back into the remaining days' demand; on a
  day from today on, it says the athlete will miss that slot (it is closed);
- `moved`: done, or to be done, on another day and slot: before today it is history
  there, from today on it is pinned there;
- `extra`: not in the plan: history before today, a pin from today on.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, StrictInt, ValidationError, model_validator

from runlift.errors import InputError
from runlift.models.errors import ScenarioValueError
from runlift.scenario.loading import read_document, shown, validation_to_input_error, yaml_line

LOG_FIELDS = ("date", "day", "slot", "session", "status", "minutes", "rpe", "load", "to_date",
              "to_day", "to_slot", "id")


class Status(StrEnum):
    done = "done"
    missed = "missed"
    moved = "moved"
    extra = "extra"


class LogEntry(BaseModel):
    """One row of the log."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    date: dt.date | None = None
    day: StrictInt | str | None = None
    slot: str = Field(min_length=1)
    session: str = Field(min_length=1)
    status: Status
    minutes: StrictInt | None = Field(default=None, ge=1, le=600)
    rpe: StrictInt | None = Field(default=None, ge=1, le=10)
    load: StrictInt | None = Field(default=None, ge=0, le=6000)
    to_date: dt.date | None = None
    to_day: StrictInt | str | None = None
    to_slot: str | None = None
    id: str | None = None

    @model_validator(mode="after")
    def _where(self) -> LogEntry:
        if (self.date is None) == (self.day is None):
            raise ScenarioValueError(("date",), "give the date or the day of the session "
                                     "(one of them)")
        moved_to = self.to_date is not None or self.to_day is not None
        if self.status is Status.moved and (not moved_to or self.to_slot is None):
            raise ScenarioValueError(("to_slot",) if moved_to else ("to_day",),
                                     "a moved session needs its new day (to_day or "
                                     "to_date) and slot (to_slot)")
        if self.status is not Status.moved and (moved_to or self.to_slot is not None):
            raise ScenarioValueError(("to_slot",), f"only a moved session has a new day and "
                                     f"slot; this one is {self.status.value}")
        return self


class Log:
    """The rows of a log file, and how to point at one in an error."""

    def __init__(self, file: str, entries: list[LogEntry], lines: list[int | None]) -> None:
        self.file, self.entries, self.lines = file, entries, lines

    def error(self, index: int, field: str, message: str) -> InputError:
        return InputError(message, file=self.file, loc=(index, field), line=self.lines[index])


def read_log(path: str | Path) -> Log:
    """The log at ``path``: YAML, JSON or TOML rows, or CSV with a header line."""
    path = Path(path)
    if path.suffix.lower() == ".csv":
        rows, lines, node = _csv_rows(path), [], None
        lines = [i + 2 for i in range(len(rows))]
    else:
        data, node = read_document(path, "log file")
        if isinstance(data, dict) and isinstance(data.get("log"), list):
            data = data["log"]
        if not isinstance(data, list):
            raise InputError(f"expected a list of {{date | day, slot, session, status}}, got "
                             f"{shown(data)}", file=str(path), line=yaml_line(node, ()))
        rows, lines = data, [yaml_line(node, (i,)) for i in range(len(data))]
    entries = [_entry(row, str(path), i, lines[i], node) for i, row in enumerate(rows)]
    return Log(str(path), entries, lines)


def _entry(row: Any, file: str, index: int, line: int | None, node: Any) -> LogEntry:
    if not isinstance(row, dict):
        raise InputError(f"expected a mapping with date or day, slot, session and status, "
                         f"got {shown(row)}", file=file, loc=(index,), line=line)
    try:
        return LogEntry.model_validate(row)
    except ValidationError as exc:
        error = validation_to_input_error(exc, LogEntry, file, None, prefix=(index,))
        raise InputError(error.message, file=file, loc=error.loc, line=line) from None


def _csv_rows(path: Path) -> list[dict[str, Any]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the file: {exc}", file=str(path)) from None
    reader = csv.DictReader(io.StringIO(text))
    columns = [(c or "").strip().lower() for c in reader.fieldnames or []]
    missing = [c for c in ("slot", "session", "status") if c not in columns]
    if missing or not ({"date", "day"} & set(columns)):
        raise InputError("expected CSV columns date or day, slot, session and status "
                         "(minutes, rpe, load, to_date, to_day, to_slot, id optional)",
                         file=str(path), line=1)
    rows = []
    for raw in reader:
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items()}
        if not any(row.values()):
            continue  # a blank row
        rows.append({k: _cell(k, v) for k, v in row.items() if v != ""})
    return rows


def _cell(key: str, value: str) -> Any:
    """CSV cells are text: numbers become numbers where the field is one."""
    if key in ("minutes", "rpe", "load") or (key in ("day", "to_day") and value.lstrip(
            "-").isdigit()):
        try:
            return int(value)
        except ValueError:
            return value
    return value
