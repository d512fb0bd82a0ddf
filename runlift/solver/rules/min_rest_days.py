from __future__ import annotations

from typing import TYPE_CHECKING, Any

from runlift.solver.rules.base import Rule, Violation
from runlift.solver.rules.values import Count, counting_down

if TYPE_CHECKING:
    from runlift.checker.week import Week
    from runlift.solver.context import CostTerm, ModelContext


class MinRestDays(Rule):
    name = "min_rest_days"
    summary = "At least N rest days (a rest day holds no session, or only mobility)."
    default = 1
    value_type = Count
    unit = "missing rest day"

    def describe(self, value: Any) -> str:
        return f"at least {value} rest day{'s' if value != 1 else ''}"

    def encode(self, ctx: ModelContext, value: Any, soft: bool) -> list[CostTerm]:
        from runlift.solver.context import CostTerm, literals

        days = ctx.problem.days
        if not ctx.explain and sum(1 for d in range(days) if ctx.day_lits("nonrest", d)) <= (
                days - value):
            return []  # enough days can never hold a session that breaks a rest day
        busy = literals(ctx.day_bool("nonrest", d) for d in range(days))
        if not soft:
            ctx.add(sum(busy) <= days - value, f"rule:{self.name}")
            return []
        short = ctx.excess(sum(busy), days - value, len(busy), "rest_short")
        return [CostTerm(self.name, 1, short)] if short is not None else []

    def check(self, week: Week, value: Any) -> list[Violation]:
        rest = len(week.rest_days)
        if rest >= value:
            return []
        return [Violation(
            self.name,
            f"{rest} rest day{'s' if rest != 1 else ''}, {self.name} asks for {value}",
            amount=value - rest,
        )]

    def relaxations(self, value: Any) -> list[Any]:
        return counting_down(value)


RULE = MinRestDays()
