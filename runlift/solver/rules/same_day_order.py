from __future__ import annotations

from itertools import combinations
from typing import TYPE_CHECKING, Any, Literal

from runlift.solver.rules.base import Rule, Violation

if TYPE_CHECKING:
    from runlift.checker.week import Placed, Week
    from runlift.solver.context import CostTerm, ModelContext


class SameDayOrder(Rule):
    name = "same_day_order"
    summary = (
        "run_first, lift_first or any: on a day that holds a run and a heavy-legs session, "
        "which comes first."
    )
    default = "run_first"
    value_type = Literal["run_first", "lift_first", "any"]
    unit = "heavy-legs/run pair in the wrong order"

    def is_active(self, value: Any) -> bool:
        return value in ("run_first", "lift_first")

    def describe(self, value: Any) -> str:
        first = "the run" if value == "run_first" else "the heavy-legs session"
        return f"{value} ({first} comes first on a shared day)"

    def _order(self, value: Any) -> tuple[str, str]:
        """The predicates of the session that must come first and of the one after."""
        return ("run", "heavy") if value == "run_first" else ("heavy", "run")

    def encode(self, ctx: ModelContext, value: Any, soft: bool) -> list[CostTerm]:
        from ortools.sat.python.cp_model import LinearExpr

        from runlift.solver.context import CostTerm

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
                    terms.append(CostTerm(self.name, 1, pair))
                else:
                    # Each side is one slot's sum, 0 or 1.
                    ctx.add(LinearExpr.sum(wrong) + LinearExpr.sum(right) <= 1,
                            f"rule:{self.name}")
        return terms

    def check(self, week: Week, value: Any) -> list[Violation]:
        out = []
        for d in week.days:
            sessions: list[Placed] = week.on_day(d)
            runs = [p for p in sessions if p.type.is_run]
            lifts = [p for p in sessions if p.type.heavy_legs]
            for run in runs:
                for lift in lifts:
                    if run is lift:
                        continue
                    before, after = (lift, run) if value == "run_first" else (run, lift)
                    if before.start < after.start:
                        out.append(Violation(
                            self.name,
                            f"{week.where(before)} comes before {week.where(after)}; "
                            f"{self.name} is {value}",
                            days=(d,),
                            sessions=(before.session, after.session),
                        ))
        return out

    def relaxations(self, value: Any) -> list[Any]:
        return ["any"]


RULE = SameDayOrder()
