"""`runlift block check`: hold a hand-made or published block to the block file, without
the solver.

The plan is the JSON that `runlift block` writes, or a YAML, JSON or CSV list of
{date, slot, session} with optional minutes. Each week is checked as its own scenario
(the block's counts, with a range's count and a scaled type's minutes taken from the
plan) after the weeks before it, so every rule sees across each edge; every guardrail is
measured on the plan's weekly loads, and the fitness chart drawn from its days.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any

from runlift.block.problem import BlockProblem, Done
from runlift.block.solve import daily_chart, readings
from runlift.checker import check_plan
from runlift.checker.report import plan_report, violation_out
from runlift.errors import InputError
from runlift.models.block import BlockCheck, BlockCheckWeek
from runlift.models.errors import did_you_mean
from runlift.models.plan import Placement
from runlift.models.result import CheckResult
from runlift.scenario.loading import read_document, shown, yaml_line
from runlift.scenario.sheet import Columns, read_sheet
from runlift.scenario.spelling import DateReader, spelled_slot

EXPECTED = ("the JSON of `runlift block --format json`, or a list of {date, slot, session} "
            "with optional minutes")
CSV_FIELDS = ("date", "slot", "session", "minutes")  # what --columns may map


@dataclasses.dataclass(frozen=True)
class BlockRow:
    """A session of the plan on a block day."""

    day: int
    slot: str
    session: str
    minutes: int | None
    where: tuple[str, tuple[str | int, ...], int | None]  # file, field path, line

    def error(self, field: str, message: str) -> InputError:
        file, loc, line = self.where
        return InputError(message, file=file, loc=(*loc, field), line=line)


def read_block_plan(path: str | Path, bp: BlockProblem,
                    columns: Columns | None = None) -> list[BlockRow]:
    """The sessions of a block plan file, on block days (week 1's first day is 0).
    ``columns`` maps fields to a CSV file's columns of other names."""
    path = Path(path)
    if path.suffix.lower() == ".csv" and path.is_file():
        return _csv_rows(path, bp, columns)
    if columns and path.suffix.lower() != ".csv":
        raise InputError(f"--columns names the columns of a CSV plan; expected a .csv file, "
                         f"got {path.suffix or 'a file without a suffix'}", file=str(path))
    data, node = read_document(path, "plan file", (".yaml", ".yml", ".json", ".toml"))
    name = str(path)
    if isinstance(data, dict) and isinstance(data.get("weeks"), list):
        return _weeks_rows(data["weeks"], name, node, bp)
    if isinstance(data, dict) and isinstance(data.get("plan"), list):
        return _rows(data["plan"], name, ("plan",), node, bp)
    if not isinstance(data, list):
        raise InputError(f"expected {EXPECTED}, got {shown(data)}", file=name,
                         line=yaml_line(node, ()))
    return _rows(data, name, (), node, bp)


def _rows(rows: list[Any], name: str, prefix: tuple[str | int, ...], node: Any,
          bp: BlockProblem) -> list[BlockRow]:
    dates = _date_reader(rows, bp)
    return [_row(r, name, (*prefix, i), yaml_line(node, (*prefix, i)), bp, dates)
            for i, r in enumerate(rows)]


def _weeks_rows(weeks: list[Any], name: str, node: Any, bp: BlockProblem) -> list[BlockRow]:
    out = []
    for w, week in enumerate(weeks):
        plan = (week.get("result") or {}).get("plan") if isinstance(week, dict) else None
        if not isinstance(plan, list):
            raise InputError("expected a week with result.plan, as `runlift block` writes it",
                             file=name, loc=("weeks", w), line=yaml_line(node, ("weeks", w)))
        out += _rows(plan, name, ("weeks", w, "result", "plan"), node, bp)
    return out


def _csv_rows(path: Path, bp: BlockProblem, columns: Columns | None) -> list[BlockRow]:
    sheet = read_sheet(path, CSV_FIELDS, (("date",), ("slot",), ("session",)), columns)
    dates = _date_reader(sheet.rows, bp)
    return [_row(cells, str(path), (i,), line, bp, dates)
            for i, (cells, line) in enumerate(zip(sheet.rows, sheet.lines, strict=True))]


def _date_reader(rows: list[Any], bp: BlockProblem) -> DateReader:
    cells = [r.get("date") for r in rows if isinstance(r, dict) and r.get("date") is not None]
    last = bp.block.start + dt.timedelta(days=bp.last_day - 1)
    return DateReader(bp.block.start, last, "block", cells)


def _row(row: Any, file: str, loc: tuple[str | int, ...], line: int | None,
         bp: BlockProblem, dates: DateReader) -> BlockRow:
    if not isinstance(row, dict):
        raise InputError(f"expected a mapping with date, slot and session, got {shown(row)}",
                         file=file, loc=loc, line=line)
    where = (file, loc, line)
    probe = BlockRow(0, "", "", None, where)
    for field in ("date", "slot", "session"):
        if row.get(field) is None or str(row[field]).strip() == "":
            raise probe.error(field, "this field is required")
    try:
        day = (dates.read(row["date"]) - bp.block.start).days
    except ValueError as exc:
        raise probe.error("date", str(exc)) from None
    return BlockRow(day, str(row["slot"]).strip(), str(row["session"]).strip(),
                    _minutes(row.get("minutes"), probe), where)


def _minutes(value: Any, probe: BlockRow) -> int | None:
    if value is None or str(value).strip() == "":
        return None
    try:
        minutes = int(str(value).strip())
    except ValueError:
        raise probe.error("minutes", f"expected whole minutes, got {shown(value)}") from None
    if not 1 <= minutes <= 600:
        raise probe.error("minutes", f"expected 1 to 600 minutes, got {minutes}")
    return minutes


def check_block(bp: BlockProblem, rows: list[BlockRow]) -> BlockCheck:
    """Every week rule and guardrail the plan breaks, week by week, and its metrics."""
    done = list(bp.history)
    weeks: list[BlockCheckWeek] = []
    loads: list[int] = []
    for k, spec in enumerate(bp.specs):
        mine = [r for r in rows if spec.first_day <= r.day < spec.first_day + spec.days]
        result, week_done = _check_week(bp, k, mine, done)
        done += week_done
        load = sum(d.load for d in week_done if not d.is_race)
        loads.append(load)
        ref = spec.ref
        ref_load = None if ref is None else (
            bp.history_weeks()[-1] if ref == 0 else loads[ref - 1])
        weeks.append(BlockCheckWeek(week=spec.number, phase=spec.phase, deload=spec.deload,
                                    taper=spec.taper, start=str(spec.date(bp.block.start)),
                                    days=spec.days, load=load, reference=ref,
                                    reference_load=ref_load, result=result))
    measured = readings(bp, loads)
    found = [(w.week, f"week {w.week}: {v.rule}: {v.message}")
             for w in weeks for v in w.result.violations]
    found += [(r.week, r.message) for r in measured if not r.ok and not r.soft]
    violations = [message for _, message in sorted(found, key=lambda f: f[0])]
    return BlockCheck(block=bp.block.name, ok=not violations, weeks=weeks,
                      guardrails=measured, daily=daily_chart(bp, done),
                      violations=violations)


def _check_week(bp: BlockProblem, k: int, rows: list[BlockRow], earlier: list[Done]
                ) -> tuple[CheckResult, list[Done]]:
    """Week k+1 checked as its scenario after ``earlier``; its sessions as Done."""
    spec = bp.specs[k]
    base = bp.problems[k]
    for row in rows:
        if row.session not in base.catalog:
            raise row.error("session", f"unknown session type {row.session!r}"
                            + did_you_mean(row.session, base.catalog))
    pinned = Counter(f.session for f in base.fixed)
    placed = Counter(r.session for r in rows)
    # A range's count is the plan's, kept inside the range, so that a count outside it
    # is a broken demand; a scaled type lasts what the plan says (the longest, if its
    # sessions differ: the hour rules then measure from the latest end).
    counts = {t: min(max(placed[t] - pinned[t], low), high)
              for t, (low, high) in spec.ranges.items()}
    minutes = {}
    for t in sorted({r.session for r in rows if r.minutes is not None}):
        minutes[t] = max(r.minutes or 0 for r in rows if r.session == t)
    problem = bp.week_problem(k, counts, minutes, earlier)
    index = problem.slot_index
    rows = [_in_slot(row, index) for row in rows]
    placements = [Placement(r.day - spec.first_day, index[r.slot], r.session) for r in rows]
    report = check_plan(problem, placements)
    result = CheckResult.checked(plan_report(report),
                                 [violation_out(v) for v in report.violations])
    week_done = [Done(r.day, r.slot, r.session, _minutes_of(r, problem),
                      problem.catalog[r.session].rpe * _minutes_of(r, problem),
                      problem.catalog[r.session].kind == "race") for r in rows]
    return result, week_done


def _in_slot(row: BlockRow, index: dict[str, int]) -> BlockRow:
    """The row with its slot spelled as the block's (``AM`` -> ``am``)."""
    try:
        return dataclasses.replace(row, slot=spelled_slot(row.slot, list(index)))
    except ValueError as exc:
        raise row.error("slot", str(exc)) from None


def _minutes_of(row: BlockRow, problem: Any) -> int:
    return row.minutes if row.minutes is not None else problem.catalog[row.session].minutes
