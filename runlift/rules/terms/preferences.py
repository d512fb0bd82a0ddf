"""preferences: sessions placed off their type's preferred days."""

from __future__ import annotations

from typing import TYPE_CHECKING

from runlift.rules.base import CostTerm, Term, cost

if TYPE_CHECKING:
    from runlift.models.plan import Placed, PlacedPlan
    from runlift.models.problem import Problem
    from runlift.rules.encoding import Encoding


class Preferences(Term):
    name = "preferences"
    sentence = "The number of sessions of a type with preferred days that sit on another day."
    weight_sentence = "Per session placed off its preferred days."
    rank = 2
    reason_rank = 1

    def encode(self, ctx: Encoding) -> list[CostTerm]:
        prefer = ctx.problem.prefer
        off_days = [lit for t in sorted(prefer) for (day, _), lit in ctx.vars_of(t)
                    if day not in prefer[t]] if prefer else []
        return [cost(self.name, 1, *off_days)] if off_days else []

    def cost(self, plan: PlacedPlan) -> int:
        prefer = plan.problem.prefer
        return sum(1 for p in plan.placed if p.session in prefer
                   and p.day not in prefer[p.session])

    def reasons(self, plan: PlacedPlan, p: Placed, problem: Problem) -> list[str]:
        pinned = any((f.day, f.slot, f.session) == (p.day, p.slot, p.session)
                     for f in problem.fixed)
        if pinned or p.session not in problem.prefer or not problem.weight(self.name):
            return []
        preferred = sorted(problem.prefer[p.session])
        if p.day not in preferred:
            return []
        return [f"on a preferred day (prefer: {', '.join(plan.label(d) for d in preferred)})"]


MEMBER = Preferences()
