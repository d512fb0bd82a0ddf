"""The plan being followed: the JSON that `runlift solve`, `runlift block` or an earlier
`runlift replan` wrote, as planned sessions with their ids."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from runlift.errors import InputError
from runlift.models.problem import Problem
from runlift.replan.problem import Planned
from runlift.scenario.loading import read_document, shown, yaml_line

EXPECTED = "the JSON that `runlift solve`, `runlift block` or `runlift replan` writes"


def read_reference(path: str | Path, problem: Problem, first_day: int = 0) -> list[Planned]:
    """The sessions of the plan at ``path`` on ``problem``'s days; ``first_day``: the
    block day of the problem's day 0 (a week of a block plan). Sessions before today that
    an earlier replan recorded (done, moved, extra) are planned sessions too: the log says
    nothing new about them, so they stay as they happened."""
    data, node = read_document(path, "plan file", (".json", ".yaml", ".yml"))
    name = str(path)
    if isinstance(data, dict) and isinstance(data.get("weeks"), list):
        rows = [(("weeks", w, "result", "plan", i), e)
                for w, week in enumerate(data["weeks"]) if isinstance(week, dict)
                for i, e in enumerate((week.get("result") or {}).get("plan") or [])]
    elif isinstance(data, dict) and isinstance(data.get("plan"), list):
        rows = [(("plan", i), e) for i, e in enumerate(data["plan"])]
    else:
        raise InputError(f"expected {EXPECTED}, got {shown(data)}", file=name,
                         line=yaml_line(node, ()))
    out = []
    for loc, entry in rows:
        planned = _planned(entry, problem, first_day, name, loc, yaml_line(node, loc))
        if planned is not None:
            out.append(planned)
    return _with_ids(out)


def _planned(entry: Any, problem: Problem, first_day: int, name: str,
             loc: tuple[str | int, ...], line: int | None) -> Planned | None:
    if not isinstance(entry, dict) or not {"slot", "session"} <= set(entry):
        raise InputError(f"expected a plan entry with day, slot and session, got "
                         f"{shown(entry)}", file=name, loc=loc, line=line)
    day = _day_of(entry, problem, first_day)
    if day is None:
        return None  # another week of a block
    for key, known in (("session", problem.catalog), ("slot", problem.slot_index)):
        if entry[key] not in known:
            raise InputError(f"the plan's {key} {entry[key]!r} is not in the scenario: is "
                             "this the plan of another scenario?", file=name,
                             loc=(*loc, key), line=line)
    return Planned(str(entry.get("id") or ""), day, str(entry["slot"]), str(entry["session"]),
                   int(entry.get("sequence") or 0))


def _day_of(entry: dict[str, Any], problem: Problem, first_day: int) -> int | None:
    timeline = problem.timeline
    if entry.get("date") and timeline.week_start is not None:
        import datetime as dt

        day = (dt.date.fromisoformat(str(entry["date"])) - timeline.week_start).days
    else:
        day = int(entry.get("day", -1)) - first_day
    return day if 0 <= day < problem.days else None


def _with_ids(planned: list[Planned]) -> list[Planned]:
    """Sessions of a plan written before ids get them as solve assigns them."""
    seen: dict[str, int] = {}
    out = []
    for p in sorted(planned, key=lambda p: (p.day, p.slot, p.session)):
        seen[p.session] = seen.get(p.session, 0) + 1
        out.append(p if p.id else Planned(f"{p.session}-{seen[p.session]}", p.day, p.slot,
                                          p.session, p.sequence))
    return out
