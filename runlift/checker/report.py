"""One report of a checked plan, shared by solve and check: the plan's entries, metrics,
objective, bent soft rules and missed preferences, with the horizon's names and dates."""

from __future__ import annotations

from runlift.checker import CheckReport
from runlift.checker.missed import missed_preferences
from runlift.models.metrics import compute_metrics
from runlift.models.result import Objective, PlanReport, RuleViolation
from runlift.rules import Violation

# Validated from a dict: a plan of a million rows may break a rule in 40,000 places, and
# the model's keyword __init__ takes twice as long.
_VIOLATION = RuleViolation.__pydantic_validator__.validate_python


def violation_out(v: Violation, weight: int | None = None) -> RuleViolation:
    violation: RuleViolation = _VIOLATION({
        "rule": v.rule,
        "message": v.message,
        "amount": v.amount,
        "cost": weight * v.amount if weight is not None else None,
        "days": list(v.days),
        "sessions": list(v.sessions),
        "hours_short": v.hours_short,
    })
    return violation


def plan_report(report: CheckReport, best_bound: int | None = None) -> PlanReport:
    plan = report.plan
    problem = plan.problem
    rules = problem.rules
    return PlanReport(
        scenario=problem.name,
        days=problem.timeline.labels(),
        dates=problem.timeline.dates(),
        slots=problem.slot_times(),
        plan=plan.entries(),
        history=plan.history_entries(),
        metrics=compute_metrics(plan),
        objective=Objective(total=report.total, terms=report.costs, best_bound=best_bound),
        soft_violations=[violation_out(v, rules[v.rule].weight) for v in report.soft_violations],
        missed_preferences=missed_preferences(plan),
    )
