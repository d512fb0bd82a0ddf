"""Why each session of a placed week sits where it does, in a coach's words.

Plain Python over a :class:`~runlift.checker.week.Week` and the scenario's active rules:
for every placed session, the rules it satisfies that tie it to its neighbours (the lift
48 h before a key run, the lift stacked on a hard-run day, the run before the lift…).
Rules that only count over the whole week (max_hard_days, min_rest_days, the per-day
limits) do not explain one session's place and are left out. The soft rules a session
bends are not re-derived here: renderers take them from ``Result.soft_violations``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from runlift.checker.week import Placed, Placement, Week, hours
from runlift.models.days import WEEKDAYS
from runlift.models.problem import Problem
from runlift.models.result import PlanEntry, RuleViolation

FULL_DAY_NAMES = dict(zip(WEEKDAYS, ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                                     "Saturday", "Sunday"), strict=True))

Cell = tuple[int, int]
Reasoner = Callable[[Week, Placed, Any], list[str]]


def week_of(plan: list[PlanEntry], problem: Problem) -> Week:
    """The checker's week for a result's plan (the result keeps slot names, not indices)."""
    slot_index = {slot.name: i for i, slot in enumerate(problem.slots)}
    return Week(problem, [Placement(e.day, slot_index[e.slot], e.session) for e in plan])


def day_name(week: Week, day: int) -> str:
    """'Tuesday' in a one-week horizon, 'Tuesday, day 8' in longer ones."""
    name = FULL_DAY_NAMES[week.problem.calendar.weekday(day)]
    return name if week.problem.days <= 7 else f"{name}, day {day}"


def whose(week: Week, q: Placed) -> str:
    """"Tuesday's lower_strength"; "the lower_strength on Tuesday, day 8" in longer horizons."""
    if week.problem.days <= 7:
        return f"{day_name(week, q.day)}'s {q.session}"
    return f"the {q.session} on {day_name(week, q.day)}"


def _tag(rule: str, value: Any) -> str:
    return f"({rule}: {_value_text(value)})"


def _value_text(value: Any) -> str:
    if value is True:
        return "on"
    return str(value)


def _lift_to_key(week: Week, p: Placed, value: Any) -> list[str]:
    if p.type.is_key_run:
        lifts = [q for q in week.placed if q.type.heavy_legs and q.start < p.start]
        if not lifts:
            return []
        lift = max(lifts, key=lambda q: q.end)
        gap = p.start - lift.end
        if gap < value * 60:
            return []
        return [f"{hours(gap):g} h after {whose(week, lift)} "
                + _tag("lift_to_key_hours", value)]
    if p.type.heavy_legs:
        runs = [q for q in week.placed if q.type.is_key_run and q.start > p.start]
        if not runs:
            return []
        run = min(runs, key=lambda q: q.start)
        gap = run.start - p.end
        if gap < value * 60:
            return []
        return [f"{hours(gap):g} h before {whose(week, run)} "
                + _tag("lift_to_key_hours", value)]
    return []


def _same_muscle(week: Week, p: Placed, value: Any) -> list[str]:
    if not p.type.loads_muscles:
        return []
    earlier = [q for q in week.placed if q.type.loads_muscles and q.start < p.start
               and set(q.type.muscles) & set(p.type.muscles)]
    if not earlier:
        return []
    last = max(earlier, key=lambda q: q.start)
    gap = p.start - last.start
    if gap < value * 60:
        return []
    shared = ", ".join(sorted(set(last.type.muscles) & set(p.type.muscles)))
    return [f"{hours(gap):g} h after {whose(week, last)}, "
            f"both load {shared} " + _tag("same_muscle_hours", value)]


def _legs_policy(week: Week, p: Placed, value: Any) -> list[str]:
    if not p.type.heavy_legs:
        return []
    hard_runs = [q.session for q in week.on_day(p.day) if q.type.is_hard_run]
    if value == "stack" and hard_runs:
        return [f"stacked on a hard-run day with {', '.join(hard_runs)} (legs_policy: stack)"]
    if value == "separate" and not hard_runs:
        return ["on a day without a hard run (legs_policy: separate)"]
    return []


def _same_day_order(week: Week, p: Placed, value: Any) -> list[str]:
    day = week.on_day(p.day)
    if p.type.heavy_legs:
        pairs = [(q, p) for q in day if q.type.is_run and q is not p]
    elif p.type.is_run:
        pairs = [(p, q) for q in day if q.type.heavy_legs and q is not p]
    else:
        return []
    if not pairs:
        return []
    if value == "run_first" and all(run.start < lift.start for run, lift in pairs):
        return ["run before lift (same_day_order: run_first)"]
    if value == "lift_first" and all(lift.start < run.start for run, lift in pairs):
        return ["lift before run (same_day_order: lift_first)"]
    return []


def _day_after_key(week: Week, p: Placed, value: Any) -> list[str]:
    if not p.type.heavy_legs or p.day == 0 or p.day - 1 in week.key_run_days:
        return []
    return [f"not the day after a key run: {day_name(week, p.day - 1)} holds none "
            "(no_heavy_legs_day_after_key)"]


def _taper(week: Week, p: Placed, value: Any) -> list[str]:
    if not p.type.heavy_legs:
        return []
    later = [r for r in week.race_days if r >= p.day]
    if not later or later[0] - p.day <= value:
        return []
    days = later[0] - p.day
    return [f"{days} days before the race on {week.race_label(later[0])}, outside the "
            f"{value}-day taper (taper_days: {value})"]


def _back_to_back(week: Week, p: Placed, value: Any) -> list[str]:
    if not p.type.is_hard:
        return []
    neighbours = [d for d in (p.day - 1, p.day + 1) if 0 <= d < week.problem.days]
    if not neighbours or any(d in week.hard_days for d in neighbours):
        return []
    names = " and ".join(day_name(week, d) for d in neighbours)
    return [f"no hard day beside it: {names} {'is' if len(neighbours) == 1 else 'are'} "
            "not hard (no_back_to_back_hard)"]


REASONERS: dict[str, Reasoner] = {
    "lift_to_key_hours": _lift_to_key,
    "same_muscle_hours": _same_muscle,
    "legs_policy": _legs_policy,
    "same_day_order": _same_day_order,
    "no_heavy_legs_day_after_key": _day_after_key,
    "taper_days": _taper,
    "no_back_to_back_hard": _back_to_back,
}


def _pinned_and_preferred(week: Week, p: Placed) -> list[str]:
    problem, out = week.problem, []
    if any(f.day == p.day and f.slot == p.slot and f.session == p.session for f in problem.fixed):
        out.append("pinned here by the scenario (fixed)")
    elif p.session in problem.prefer and problem.weights.preferences:
        preferred = sorted(problem.prefer[p.session])
        if p.day in preferred:
            names = ", ".join(week.label(d) for d in preferred)
            out.append(f"on a preferred day (prefer: {names})")
    return out


def placement_reasons(week: Week) -> dict[Cell, list[str]]:
    """For each placed session, keyed by (day, slot index), the reasons for its place."""
    rules = week.problem.rules
    out: dict[Cell, list[str]] = {}
    for p in week.placed:
        found = _pinned_and_preferred(week, p)
        for name, reasoner in REASONERS.items():
            if name in rules:
                found += reasoner(week, p, rules[name].value)
        out[p.day, p.slot] = found
    return out


def bent_rules(entry: PlanEntry, soft_violations: list[RuleViolation]) -> list[str]:
    """The soft rules a planned session bends, from the result's own soft violations."""
    return [
        f"bends {v.rule} (soft): {v.message}"
        for v in soft_violations
        if entry.day in v.days and entry.session in v.sessions
    ]
