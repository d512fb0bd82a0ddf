"""The independent checker: plain Python over placed sessions, no CP-SAT.

It is the test oracle of the solver and the engine of `runlift check`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from runlift.checker.objective import objective_terms
from runlift.checker.week import Placement, Week
from runlift.models.problem import Problem
from runlift.solver.rules import RULES, Violation

__all__ = ["CheckReport", "Placement", "Week", "check_week", "structural_violations"]

# The structural rules always hold; they carry names like the configurable ones.
STRUCTURAL = ("sessions", "fixed", "unavailable", "one_per_slot")


@dataclass
class CheckReport:
    week: Week
    violations: list[Violation] = field(default_factory=list)  # hard breaches
    soft_violations: list[Violation] = field(default_factory=list)
    costs: dict[str, int] = field(default_factory=dict)  # objective terms and soft rules

    @property
    def ok(self) -> bool:
        return not self.violations

    @property
    def total(self) -> int:
        return sum(self.costs.values())


def structural_violations(week: Week) -> list[Violation]:
    problem, out = week.problem, []
    placed = Counter(p.session for p in week.placements)
    for session in sorted(set(placed) | set(problem.session_types())):
        want, got = problem.total_count(session), placed.get(session, 0)
        if want != got:
            out.append(Violation(
                "sessions", f"the week asks for {want} {session}, the plan has {got}",
                amount=abs(want - got), sessions=(session,),
            ))
    have = set(week.placements)
    for f in problem.fixed:
        if Placement(f.day, f.slot, f.session) not in have:
            out.append(Violation(
                "fixed",
                f"{f.session} is pinned on {week.label(f.day)} {problem.slots[f.slot].name} "
                "but is not there",
                days=(f.day,), sessions=(f.session,),
            ))
    closed = problem.closed_cells
    for p in week.placed:
        if (p.day, p.slot) in closed:
            out.append(Violation(
                "unavailable", f"{week.where(p)} is in an unavailable slot",
                days=(p.day,), sessions=(p.session,),
            ))
    cells = Counter((p.day, p.slot) for p in week.placements)
    for (day, slot), n in sorted(cells.items()):
        if n > 1:
            out.append(Violation(
                "one_per_slot",
                f"{n} sessions in {week.label(day)} {problem.slots[slot].name}",
                amount=n - 1, days=(day,),
            ))
    return out


def check_week(problem: Problem, placements: list[Placement]) -> CheckReport:
    """Every broken rule of a placed week, and what its soft rules and terms cost."""
    week = Week(problem, placements)
    report = CheckReport(week=week, violations=structural_violations(week))
    report.costs.update(objective_terms(week))
    for name, setting in problem.rules.items():
        found = RULES[name].check(week, setting.value)
        if setting.soft:
            report.soft_violations.extend(found)
            cost = setting.weight * sum(v.amount for v in found)
            report.costs[name] = cost
        else:
            report.violations.extend(found)
    return report
