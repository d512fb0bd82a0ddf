from __future__ import annotations

from typing import TYPE_CHECKING, Any

from runlift.rules.base import CostTerm, DayLimits, Rule, Violation, cost
from runlift.rules.values import Switch

if TYPE_CHECKING:
    from runlift.models.plan import Placed, PlacedPlan
    from runlift.models.problem import Problem
    from runlift.rules.encoding import Encoding


class NoBackToBackHard(Rule):
    name = "no_back_to_back_hard"
    sentence = "No two consecutive hard days."
    default = True
    value_type = Switch
    unit = "pair of consecutive hard days"
    reason_rank = 70
    gives_reasons = True
    samples = (True,)

    def describe(self, value: Any) -> str:
        return "no two hard days in a row"

    def encode(self, ctx: Encoding, value: Any, soft: bool) -> list[CostTerm]:
        terms = []
        for d in range(ctx.problem.days):  # each day and the one before it (maybe history)
            a, b = ctx.day_bool("hard", d - 1), ctx.day_bool("hard", d)
            if ctx.is_false(a) or ctx.is_false(b):
                continue
            if soft:
                terms.append(cost(self.name, 1, ctx.both(a, b, f"b2b{d}")))
            else:
                ctx.at_most([a, b], 1, self.key)
        return terms

    def check(self, plan: PlacedPlan, value: Any) -> list[Violation]:
        hard = set(plan.all_hard_days)
        return [
            Violation(
                self.name,
                f"hard days back to back: {_day(plan, d - 1)} and {plan.label(d)}",
                days=(d - 1, d),
            )
            for d in plan.days
            if d in hard and d - 1 in hard
        ]

    def day_limits(self, problem: Problem, value: Any) -> DayLimits:
        return DayLimits(hard_apart=True)

    def why(self, plan: PlacedPlan, p: Placed, value: Any) -> list[str]:
        if not p.type.is_hard:
            return []
        neighbours = [d for d in (p.day - 1, p.day + 1) if 0 <= d < plan.problem.days]
        if not neighbours or any(d in plan.all_hard_days for d in neighbours):
            return []
        names = " and ".join(plan.problem.timeline.day_name(d) for d in neighbours)
        verb = "is" if len(neighbours) == 1 else "are"
        return [f"no hard day beside it: {names} {verb} not hard (no_back_to_back_hard)"]


def _day(plan: PlacedPlan, day: int) -> str:
    """A day's label; a day before day 0 says whether it is history or the template's."""
    if day >= 0:
        return plan.label(day)
    return f"{plan.label(day)} (the template's previous copy)" if (
        plan.problem.timeline.repeat) else f"{plan.label(day)} (history)"


MEMBER = NoBackToBackHard()
