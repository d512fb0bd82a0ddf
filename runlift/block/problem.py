"""A block resolved for solving: its weeks as scenarios, the history before week 1, and
the guardrails' settings.

A week's scenario takes the block level's choices (counts and minutes) and, as its
history, what was done or planned in the 28 days before it: the block's own history,
then the weeks before it. So every rule sees across each week's edge.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from runlift.block.guardrails import GUARDRAILS
from runlift.block.model import BlockFile
from runlift.block.weeks import WEEK, WeekSpec, block_length, race_day, week_specs
from runlift.errors import InputError
from runlift.models.fitness import ATL_DAYS, CTL_DAYS, decay
from runlift.models.problem import Problem
from runlift.models.result import PlanEntry
from runlift.scenario.model import Scenario
from runlift.scenario.resolve import resolve

REACH_DAYS = 28  # the rules look back at most 28 days (hours up to 672, windows of 7)


@dataclass(frozen=True)
class Done:
    """A session before or inside the block, with its block day (week 1's day 0 is 0)."""

    day: int
    slot: str
    session: str
    minutes: int
    load: int
    is_race: bool = False

    def entry(self, start: dt.date) -> dict[str, Any]:
        return {"date": str(start + dt.timedelta(days=self.day)), "slot": self.slot,
                "session": self.session, "minutes": self.minutes, "load": self.load}


@dataclass
class GuardrailSetting:
    value: Any
    weight: int | None  # None: hard


@dataclass
class BlockProblem:
    block: BlockFile
    file: str
    specs: list[WeekSpec]
    problems: list[Problem]  # each week at its least (counts from ranges, least minutes)
    history: list[Done]
    guardrails: dict[str, GuardrailSetting] = field(default_factory=dict)

    @property
    def race_day(self) -> int | None:
        return race_day(self.block)

    @property
    def last_day(self) -> int:
        return self.specs[-1].first_day + self.specs[-1].days

    def history_weeks(self) -> list[int]:
        """The loads of the full 7-day weeks of history before week 1, oldest first."""
        if not self.history:
            return []
        span = -min(d.day for d in self.history)
        weeks = span // WEEK
        loads = [0] * weeks
        for done in self.history:
            index = weeks + (done.day // WEEK)
            if 0 <= index < weeks and not done.is_race:
                loads[index] += done.load
        return loads

    def least_loads(self) -> list[int]:
        """Each week's least training load (counts and minutes at their least)."""
        from runlift.block.level import least_load

        return [least_load(s, p) for s, p in zip(self.specs, self.problems, strict=True)]

    def week_data(self, k: int, counts: dict[str, int], minutes: dict[str, int],
                  earlier: list[Done]) -> dict[str, Any]:
        """Week k+1's scenario with the block level's choices and what came before."""
        spec = self.specs[k]
        data = copy.deepcopy(spec.data)
        data["sessions"] = {**data["sessions"], **counts}
        if minutes:
            catalog = dict(data.get("catalog") or {})
            for t, m in minutes.items():
                catalog[t] = {**catalog.get(t, {}), "minutes": m}
            data["catalog"] = catalog
        first = spec.first_day
        data["history"] = [d.entry(self.block.start) for d in earlier
                           if first - REACH_DAYS <= d.day < first]
        return data

    def week_problem(self, k: int, counts: dict[str, int], minutes: dict[str, int],
                     earlier: list[Done]) -> Problem:
        return resolve(Scenario.model_validate(self.week_data(k, counts, minutes, earlier)))


def build(block: BlockFile, file: str) -> BlockProblem:
    """The block's weeks, each a valid scenario (errors point at the block file)."""
    history = _history(block, file)
    pre = BlockProblem(block, file, [], [], history)
    specs = week_specs(block, history_weeks=len(pre.history_weeks()))
    problems = [_week_at_least(block, spec, file, history) for spec in specs]
    races = _race_days(specs, problems)
    for k, spec in enumerate(specs):
        dated = _with_next_race(block, spec, races)
        if dated is not spec:
            specs[k], problems[k] = dated, _week_at_least(block, dated, file, history)
    guardrails = {}
    for name, guardrail in GUARDRAILS.items():
        value = block.progression.get(name, guardrail.default)
        weight = block.soft.get(name)
        if not guardrail.is_active(value) or weight is False or weight == 0:
            continue
        guardrails[name] = GuardrailSetting(value, None if weight is None else int(weight))
    return BlockProblem(block, file, specs, problems, history, guardrails)


def _week_at_least(block: BlockFile, spec: WeekSpec, file: str, history: list[Done]
                   ) -> Problem:
    data = copy.deepcopy(spec.data)
    data["history"] = [d.entry(block.start) for d in history
                       if spec.first_day - REACH_DAYS <= d.day < spec.first_day]
    try:
        problem = resolve(Scenario.model_validate(data))
    except ValidationError as exc:
        from runlift.scenario.loading import validation_to_input_error

        error = validation_to_input_error(exc, Scenario, file, None)
        where = _source(spec, error.loc)
        raise InputError(f"{spec.label}: {error.message}", file=file, loc=where) from None
    if problem.choices:  # the block level counts each type's sessions on its own
        key = problem.choices[0].key
        raise InputError(f"{spec.label}: either/or demands are not planned in blocks yet; "
                         "name one type", file=file, loc=_source(spec, ("sessions", key)))
    return problem


def _race_days(specs: list[WeekSpec], problems: list[Problem]) -> list[int]:
    """The block days of every race pinned in a week: the race the block ends with, and
    any B race a phase or a week override pins."""
    return sorted({spec.first_day + f.day for spec, problem in zip(specs, problems, strict=True)
                   for f in problem.fixed if problem.catalog[f.session].kind == "race"})


def _with_next_race(block: BlockFile, spec: WeekSpec, races: list[int]) -> WeekSpec:
    """The week with the next race after it as its race_date (so taper_days reaches back
    across the edge from a B race, too); the same spec when that changes nothing."""
    after = [r for r in races if r >= spec.first_day + spec.days]
    date = str(block.start + dt.timedelta(days=after[0])) if after else None
    if spec.data.get("race_date") == date:
        return spec
    data = {k: v for k, v in spec.data.items() if k != "race_date"}
    if date is not None:
        data["race_date"] = date
    return dataclasses.replace(spec, data=data)


def _source(spec: WeekSpec, loc: tuple[str | int, ...]) -> tuple[str | int, ...]:
    """The block path a week's field came from (its sessions by their overlay)."""
    if len(loc) >= 2 and loc[0] == "sessions":
        return spec.sources.get(f"sessions.{loc[1]}", ("week", *loc))
    return ("week", *loc)


def _history(block: BlockFile, file: str) -> list[Done]:
    """The block's history as sessions on block days (negative: before week 1)."""
    if not block.history:
        return []
    probe = {"week_start": str(block.start), "slots": block.week.get("slots") or
             {"am": "07:00", "pm": "18:00"}, "catalog": block.week.get("catalog") or {},
             "history": block.history, "days": 1}
    try:
        problem = resolve(Scenario.model_validate(probe))
    except ValidationError as exc:
        from runlift.scenario.loading import validation_to_input_error

        error = validation_to_input_error(exc, Scenario, file, None)
        raise InputError(error.message, file=file, loc=error.loc) from None
    return [Done(k.day, problem.slots[k.slot].name, k.session, k.minutes, k.load,
                 problem.catalog[k.session].kind == "race") for k in problem.history]


def done_of(entries: list[PlanEntry], first_day: int, catalog_kinds: dict[str, str]
            ) -> list[Done]:
    """A week's plan as sessions on block days."""
    return [Done(first_day + e.day, e.slot, e.session, e.minutes, e.load,
                 catalog_kinds.get(e.session) == "race") for e in entries]


def weeks_of(block: BlockFile) -> int:
    return block_length(block)


def known_form(bp: BlockProblem) -> float:
    """What history and the pinned races add to the form on race morning (or after the
    last day): they are not the block level's to choose."""
    day = fitness_day(bp)
    known = [(d.day, d.load) for d in bp.history]
    for spec, problem in zip(bp.specs, bp.problems, strict=True):
        for f in problem.fixed:
            stype = problem.catalog[f.session]
            if stype.kind == "race" and spec.first_day + f.day < day:
                known.append((spec.first_day + f.day, stype.session_load))
    keep_ctl, keep_atl = decay(CTL_DAYS), decay(ATL_DAYS)
    return sum(load * ((1 - keep_ctl) * keep_ctl ** (day - 1 - d)
                       - (1 - keep_atl) * keep_atl ** (day - 1 - d)) for d, load in known)


def fitness_day(bp: BlockProblem) -> int:
    """Fitness is measured on race morning, or after the block's last day."""
    return bp.race_day if bp.race_day is not None else bp.last_day
