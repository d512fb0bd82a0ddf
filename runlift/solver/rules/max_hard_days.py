from __future__ import annotations

from typing import TYPE_CHECKING, Any

from runlift.solver.rules.base import Rule, Violation
from runlift.solver.rules.values import Count, counting_up

if TYPE_CHECKING:
    from runlift.checker.week import Week
    from runlift.solver.context import CostTerm, ModelContext


class MaxHardDays(Rule):
    name = "max_hard_days"
    summary = "At most N hard days (a hard day holds a session of intensity hard)."
    default = 3
    value_type = Count
    unit = "extra hard day"

    def describe(self, value: Any) -> str:
        return f"at most {value} hard day{'s' if value != 1 else ''}"

    def encode(self, ctx: ModelContext, value: Any, soft: bool) -> list[CostTerm]:
        from runlift.solver.context import CostTerm, literals

        days = range(ctx.problem.days)
        if not ctx.explain and sum(1 for d in days if ctx.day_lits("hard", d)) <= value:
            return []  # too few days can ever be hard
        hard = literals(ctx.day_bool("hard", d) for d in days)
        if not soft:
            ctx.add(sum(hard) <= value, f"rule:{self.name}")
            return []
        extra = ctx.excess(sum(hard), value, len(hard), "extra_hard_days")
        return [CostTerm(self.name, 1, extra)] if extra is not None else []

    def check(self, week: Week, value: Any) -> list[Violation]:
        hard = week.hard_days
        if len(hard) <= value:
            return []
        names = ", ".join(week.label(d) for d in hard)
        return [Violation(
            self.name,
            f"{len(hard)} hard days ({names}), {self.name} allows {value}",
            amount=len(hard) - value,
            days=tuple(hard),
        )]

    def relaxations(self, value: Any) -> list[Any]:
        return counting_up(value, 28)


RULE = MaxHardDays()
