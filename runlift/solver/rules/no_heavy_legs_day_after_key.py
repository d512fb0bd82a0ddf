from __future__ import annotations

from typing import TYPE_CHECKING, Any

from runlift.solver.rules.base import Rule, Violation
from runlift.solver.rules.values import Switch

if TYPE_CHECKING:
    from runlift.checker.week import Week
    from runlift.solver.context import CostTerm, ModelContext


class NoHeavyLegsDayAfterKey(Rule):
    name = "no_heavy_legs_day_after_key"
    summary = "No heavy-legs session on the day after a key run."
    default = True
    value_type = Switch
    unit = "heavy-legs session the day after a key run"

    def describe(self, value: Any) -> str:
        return "no heavy legs the day after a key run"

    def encode(self, ctx: ModelContext, value: Any, soft: bool) -> list[CostTerm]:
        from runlift.solver.context import CostTerm

        terms = []
        for d in range(1, ctx.problem.days):
            if not ctx.day_lits("heavy", d) or not ctx.day_lits("key", d - 1):
                continue
            key_before = ctx.day_bool("key", d - 1)
            if not soft:
                ctx.none_if(ctx.day_lits("heavy", d), key_before, f"rule:{self.name}")
                continue
            for cell in ctx.day_cells(d):
                heavy = ctx.cell_bool("heavy", cell)
                if heavy is not None:
                    terms.append(CostTerm(self.name, 1, ctx.both(heavy, key_before, f"dak{d}")))
        return terms

    def check(self, week: Week, value: Any) -> list[Violation]:
        key_days = set(week.key_run_days)
        return [
            Violation(
                self.name,
                f"{week.where(p)} is the day after a key run on {week.label(p.day - 1)}",
                days=(p.day - 1, p.day),
                sessions=(p.session,),
            )
            for p in week.placed
            if p.type.heavy_legs and p.day - 1 in key_days
        ]


RULE = NoHeavyLegsDayAfterKey()
