from __future__ import annotations

from itertools import combinations
from typing import TYPE_CHECKING, Any, Literal

from runlift.rules.base import CostTerm, Rule, Violation, cost

if TYPE_CHECKING:
    from runlift.models.plan import Placed, PlacedPlan
    from runlift.rules.encoding import Encoding


class SameDayOrder(Rule):
    name = "same_day_order"
    sentence = (
        "run_first, lift_first or any: on a day that holds a run and a heavy-legs session, "
        "which comes first."
    )
    default = "run_first"
    value_type = Literal["run_first", "lift_first", "any"]
    unit = "heavy-legs/run pair in the wrong order"
    reason_rank = 40
    gives_reasons = True
    off = "any"
    samples = ("run_first", "lift_first", "any")

    def describe(self, value: Any) -> str:
        first = "the run" if value == "run_first" else "the heavy-legs session"
        return f"{value} ({first} comes first on a shared day)"

    def _order(self, value: Any) -> tuple[str, str]:
        """The predicates of the session that must come first and of the one after."""
        return ("run", "heavy") if value == "run_first" else ("heavy", "run")

    def encode(self, ctx: Encoding, value: Any, soft: bool) -> list[CostTerm]:
        if not self.is_active(value):
            return []
        first, then = self._order(value)
        terms = []
        for d in range(ctx.problem.days):
            # A `then` session in an earlier slot than a `first` one is out of order.
            for early, late in combinations(ctx.day_cells(d), 2):
                wrong, right = ctx.cell_lits(then, early), ctx.cell_lits(first, late)
                if not wrong or not right:
                    continue
                if soft:
                    pair = ctx.both(ctx.cell_bool(then, early), ctx.cell_bool(first, late),
                                    f"ord{early}")
                    terms.append(cost(self.name, 1, pair))
                else:
                    # Each side is one slot's sum, 0 or 1.
                    ctx.at_most([*wrong, *right], 1, self.key)
        return terms

    def check(self, plan: PlacedPlan, value: Any) -> list[Violation]:
        if not self.is_active(value):
            return []  # 'any': no order asked
        out = []
        for d in plan.days:
            runs = plan.on_day_where("is_run", d)
            lifts = plan.on_day_where("heavy_legs", d)
            for run in runs:
                for lift in lifts:
                    if run is lift:
                        continue
                    before, after = (lift, run) if value == "run_first" else (run, lift)
                    if before.start < after.start:
                        out.append(Violation(
                            self.name,
                            f"{plan.where(before)} comes before {plan.where(after)}; "
                            f"{self.name} is {value}",
                            days=(d,),
                            sessions=(before.session, after.session),
                        ))
        return out

    def relaxations(self, value: Any) -> list[Any]:
        return ["any"]

    def why(self, plan: PlacedPlan, p: Placed, value: Any) -> list[str]:
        day = plan.on_day(p.day)
        if p.type.heavy_legs:
            pairs = [(q, p) for q in day if q.type.is_run and q is not p]
        elif p.type.is_run:
            pairs = [(p, q) for q in day if q.type.heavy_legs and q is not p]
        else:
            return []
        if not pairs:
            return []
        if value == "run_first" and all(run.start < lift.start for run, lift in pairs):
            return ["run before lift (same_day_order: run_first)"]
        if value == "lift_first" and all(lift.start < run.start for run, lift in pairs):
            return ["lift before run (same_day_order: lift_first)"]
        return []


MEMBER = SameDayOrder()
