from __future__ import annotations

from typing import TYPE_CHECKING, Any

from runlift.solver.rules.base import Rule, Violation
from runlift.solver.rules.values import Switch

if TYPE_CHECKING:
    from runlift.checker.week import Week
    from runlift.solver.context import CostTerm, ModelContext


class NoBackToBackHard(Rule):
    name = "no_back_to_back_hard"
    summary = "No two consecutive hard days."
    default = True
    value_type = Switch
    unit = "pair of consecutive hard days"

    def describe(self, value: Any) -> str:
        return "no two hard days in a row"

    def encode(self, ctx: ModelContext, value: Any, soft: bool) -> list[CostTerm]:
        from runlift.solver.context import CostTerm

        terms = []
        for d in range(ctx.problem.days - 1):
            a, b = ctx.day_bool("hard", d), ctx.day_bool("hard", d + 1)
            if a is None or b is None:
                continue
            if soft:
                terms.append(CostTerm(self.name, 1, ctx.both(a, b, f"b2b{d}")))
            else:
                ctx.add(a + b <= 1, f"rule:{self.name}")
        return terms

    def check(self, week: Week, value: Any) -> list[Violation]:
        hard = set(week.hard_days)
        return [
            Violation(
                self.name,
                f"hard days back to back: {week.label(d)} and {week.label(d + 1)}",
                days=(d, d + 1),
            )
            for d in sorted(hard)
            if d + 1 in hard
        ]


RULE = NoBackToBackHard()
