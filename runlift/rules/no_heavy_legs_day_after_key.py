from __future__ import annotations

from typing import TYPE_CHECKING, Any

from runlift.rules.base import CostTerm, Rule, Violation, cost
from runlift.rules.values import Switch

if TYPE_CHECKING:
    from runlift.models.plan import Placed, PlacedPlan
    from runlift.rules.encoding import Encoding


class NoHeavyLegsDayAfterKey(Rule):
    name = "no_heavy_legs_day_after_key"
    sentence = "No heavy-legs session on the day after a key run."
    default = True
    value_type = Switch
    unit = "heavy-legs session the day after a key run"
    reason_rank = 50
    gives_reasons = True
    samples = (True,)

    def describe(self, value: Any) -> str:
        return "no heavy legs the day after a key run"

    def encode(self, ctx: Encoding, value: Any, soft: bool) -> list[CostTerm]:
        terms = []
        for d in range(ctx.problem.days):  # the day before day 0 may be history
            if not ctx.day_lits("heavy", d) or not ctx.day_lits("key", d - 1):
                continue
            key_before = ctx.day_bool("key", d - 1)
            if not soft:
                ctx.none_if(ctx.day_lits("heavy", d), key_before, self.key)
                continue
            for cell in ctx.day_cells(d):
                heavy = ctx.cell_bool("heavy", cell)
                if not ctx.is_false(heavy):
                    terms.append(cost(self.name, 1, ctx.both(heavy, key_before, f"dak{d}")))
        return terms

    def check(self, plan: PlacedPlan, value: Any) -> list[Violation]:
        key_runs = {p.day: p for p in plan.sessions_where("is_key_run")}
        return [
            Violation(
                self.name,
                f"{plan.where(p)} is the day after a key run ({plan.where(key_runs[p.day - 1])})",
                days=(p.day - 1, p.day),
                sessions=(p.session,),
            )
            for p in plan.sessions_where("heavy_legs")
            if not p.known and p.day - 1 in key_runs
        ]

    def why(self, plan: PlacedPlan, p: Placed, value: Any) -> list[str]:
        timeline = plan.problem.timeline
        unknown = p.day - 1 < timeline.known_start and not timeline.repeat
        if not p.type.heavy_legs or unknown or p.day - 1 in plan.key_run_days:
            return []
        before = plan.problem.timeline.day_name(p.day - 1)
        return [f"not the day after a key run: {before} holds none "
                "(no_heavy_legs_day_after_key)"]


MEMBER = NoHeavyLegsDayAfterKey()
