"""Turn a checked week into the result models shared by solve, check, compare and batch."""

from __future__ import annotations

from runlift.checker import CheckReport
from runlift.checker.week import Week
from runlift.models.days import format_time
from runlift.models.problem import Problem
from runlift.models.result import PlanEntry, RuleViolation
from runlift.solver.rules import Violation


def day_labels(problem: Problem) -> list[str]:
    return [problem.calendar.label(d) for d in range(problem.days)]


def day_dates(problem: Problem) -> list[str] | None:
    if problem.calendar.week_start is None:
        return None
    return [str(problem.calendar.date(d)) for d in range(problem.days)]


def slot_times(problem: Problem) -> dict[str, str]:
    return {s.name: format_time(s.start) for s in problem.slots}


def plan_entries(week: Week) -> list[PlanEntry]:
    problem = week.problem
    entries = []
    for p in week.placed:
        date = problem.calendar.date(p.day)
        entries.append(PlanEntry(
            day=p.day,
            weekday=problem.calendar.weekday(p.day),
            date=str(date) if date else None,
            slot=problem.slots[p.slot].name,
            start=format_time(problem.slots[p.slot].start),
            session=p.session,
            kind=p.type.kind.value,
            intensity=p.type.intensity.value,
            minutes=p.type.minutes,
            load=p.type.session_load,
            key=p.type.is_key_run,
            heavy_legs=p.type.heavy_legs,
            muscles=list(p.type.muscles),
        ))
    return entries


def violation_out(v: Violation, weight: int | None = None) -> RuleViolation:
    return RuleViolation(
        rule=v.rule,
        message=v.message,
        amount=v.amount,
        cost=weight * v.amount if weight is not None else None,
        days=list(v.days),
        sessions=list(v.sessions),
        hours_short=v.hours_short,
    )


def soft_violations_out(report: CheckReport) -> list[RuleViolation]:
    rules = report.week.problem.rules
    return [violation_out(v, rules[v.rule].weight) for v in report.soft_violations]
