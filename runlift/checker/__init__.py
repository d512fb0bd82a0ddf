"""The independent checker: plain Python over placed sessions, no CP-SAT.

It is the test oracle of the solver and the engine of `runlift check`: every member of
the registry checks the placed plan with its own plain-Python check.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from runlift.models.plan import PlacedPlan, Placement
from runlift.models.problem import Problem
from runlift.rules import RULES, STRUCTURAL, TERMS, Violation

__all__ = ["CheckReport", "check_plan"]


@dataclass
class CheckReport:
    plan: PlacedPlan
    violations: list[Violation] = field(default_factory=list)  # hard breaches
    soft_violations: list[Violation] = field(default_factory=list)
    costs: dict[str, int] = field(default_factory=dict)  # objective terms and soft rules

    @property
    def ok(self) -> bool:
        return not self.violations

    @property
    def total(self) -> int:
        return sum(self.costs.values())

    @property
    def first_total(self) -> int:
        """What the terms that come first cost (the missed preferences, by default):
        the first level of a lexicographic objective; 0 when no term comes first."""
        return sum(self.costs.get(name, 0) for name in self.plan.problem.first_terms)

    @property
    def rank(self) -> tuple[int, int]:
        """How good the plan is, smaller better: the first level, then the total."""
        return (self.first_total, self.total)


def check_plan(problem: Problem, placements: Iterable[Placement]) -> CheckReport:
    """Every broken member of a placed plan, and what its terms and soft rules cost."""
    plan = PlacedPlan(problem, placements)
    report = CheckReport(plan=plan)
    for member in STRUCTURAL.values():
        report.violations.extend(member.check(plan))
    for name, term in TERMS.items():
        if weight := problem.weight(name):
            report.costs[name] = weight * term.cost(plan)
    for name, setting in problem.rules.items():
        found = RULES[name].check(plan, setting.value)
        if setting.soft:
            report.soft_violations.extend(found)
            report.costs[name] = (setting.weight or 0) * sum(v.amount for v in found)
        else:
            report.violations.extend(found)
    return report
