"""What was done before day 0: `history:` as a list, or as the path of a plan file.

A plan file is the JSON, CSV or YAML that `runlift solve` or `runlift check` writes (or
a list of {date | day, slot, session}). Its entries keep their dates where they have
them. A plan without dates is taken as the horizon that ends the day before day 0, so
`history: last-week.json` chains weeks: day d of a 7-day plan is day d - 7 here. The
history the plan was itself planned after comes along, so a chain of weeks keeps what
came before it (for the chronic load).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from runlift.models.errors import ScenarioValueError
from runlift.models.timeline import WEEK_DAYS, WEEKDAYS
from runlift.scenario.planfile import PlanRows, read_plan_rows

HISTORY_FIELDS = ("date", "day", "slot", "session", "minutes", "rpe", "load", "id")
_INDEX = re.compile(r"^\s*-?\d+\s*$")


def expand_history(data: Mapping[str, Any], base_dir: Path) -> dict[str, Any]:
    """``data`` (a scenario mapping) with a `history:` path read into its entries; a path
    is relative to ``base_dir`` (the folder of the file that named it)."""
    history = data.get("history")
    if not isinstance(history, str):
        return dict(data)
    return {**data, "history": history_entries(base_dir / history, history)}


def history_entries(path: Path, shown_as: str) -> list[dict[str, Any]]:
    """The entries of a plan file, as `history:` list items (days before day 0)."""
    if not path.exists() or path.is_dir():  # a FIFO or a device: read_plan_rows refuses it
        raise ScenarioValueError(("history",), f"no such plan file {shown_as!r} (the path "
                                 "is relative to the file that names it)")
    rows = read_plan_rows(path)
    horizon = rows.horizon_days or _weeks_spanned(rows)
    entries = [_entry(rows, i, row, horizon, shown_as) for i, row in enumerate(rows.rows)]
    earlier = [_earlier_entry(rows, i, row, horizon, shown_as)
               for i, row in enumerate(rows.history)]
    return earlier + entries


def _weeks_spanned(rows: PlanRows) -> int:
    """An undated plan's horizon when the file does not say: the whole weeks its day
    indices reach (a week plan whose Sunday is empty is still a week)."""
    days = [int(row["day"]) for row in rows.rows
            if isinstance(row, dict) and _INDEX.match(str(row.get("day", "")))]
    last = max(days, default=0)
    return -(-(last + 1) // WEEK_DAYS) * WEEK_DAYS


def _entry(rows: PlanRows, index: int, row: Any, horizon: int, shown_as: str
           ) -> dict[str, Any]:
    if not isinstance(row, dict):
        raise rows.error(index, None, "expected a mapping with day (or date), slot and "
                                      "session")
    entry = {k: _cell(row[k]) for k in HISTORY_FIELDS if _present(row.get(k))}
    entry["source"] = f"{shown_as}, {_where(rows, index)}"
    if "date" in entry:
        entry.pop("day", None)
        return entry
    if "day" not in entry:
        raise rows.error(index, "day", "this field is required (a day or a date)")
    entry["day"] = _day_index(rows, index, entry["day"], horizon) - horizon
    return entry


def _earlier_entry(rows: PlanRows, index: int, row: Any, horizon: int, shown_as: str
                   ) -> dict[str, Any]:
    """An entry of the plan's own history: its day was counted from that plan's day 0."""
    entry = {k: row[k] for k in HISTORY_FIELDS if isinstance(row, dict) and _present(row.get(k))}
    entry["source"] = f"{shown_as}, history.{index}"
    if "date" in entry:
        entry.pop("day", None)
    elif isinstance(entry.get("day"), int):
        entry["day"] -= horizon
    return entry


def _present(value: Any) -> bool:
    return value is not None and str(value).strip() != ""


def _cell(value: Any) -> Any:
    """CSV cells are text: numbers become numbers, the rest is stripped."""
    if isinstance(value, str):
        text = value.strip()
        return int(text) if _INDEX.match(text) else text
    return value


def _day_index(rows: PlanRows, index: int, token: Any, horizon: int) -> int:
    if isinstance(token, int) and not isinstance(token, bool):
        if 0 <= token < horizon:
            return token
        raise rows.error(index, "day", f"day {token} is outside the plan's horizon "
                                       f"0..{horizon - 1}")
    name = str(token).strip().lower()
    if name in WEEKDAYS and horizon == WEEK_DAYS:
        return WEEKDAYS.index(name)
    raise rows.error(index, "day", f"expected a day index 0..{horizon - 1}, got {token!r}")


def _where(rows: PlanRows, index: int) -> str:
    if rows.csv_lines:
        return f"line {rows.csv_lines[index]}"
    return ".".join(str(p) for p in (*rows.prefix, index))
