from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from runlift.rules.base import CostTerm, Rule, Violation, cost

if TYPE_CHECKING:
    from runlift.models.plan import Placed, PlacedPlan
    from runlift.rules.encoding import Encoding


class LegsPolicy(Rule):
    name = "legs_policy"
    sentence = (
        "stack: every heavy-legs session is on a day that holds a hard run (hard days hard); "
        "separate: never on such a day; any: no constraint."
    )
    default = "any"
    value_type = Literal["stack", "separate", "any"]
    unit = "heavy-legs session on the wrong kind of day"
    reason_rank = 30
    gives_reasons = True
    off = "any"
    samples = ("stack", "separate", "any")

    def describe(self, value: Any) -> str:
        where = "on" if value == "stack" else "away from"
        return f"{value} (heavy legs {where} hard-run days)"

    def encode(self, ctx: Encoding, value: Any, soft: bool) -> list[CostTerm]:
        terms: list[CostTerm] = []
        for d in range(ctx.problem.days):
            if soft:
                terms += self._soft_day(ctx, value, d)
                continue
            hard_runs = ctx.day_lits("hard_run", d)
            for heavy in ctx.day_lits("heavy", d):
                if value == "stack":  # each heavy-legs session needs a hard run on its day
                    ctx.any_if(heavy, hard_runs, self.key)
                else:
                    ctx.none_if(hard_runs, heavy, self.key)
        return terms

    def _soft_day(self, ctx: Encoding, value: Any, d: int) -> list[CostTerm]:
        terms = []
        hard_run = ctx.day_bool("hard_run", d)
        for cell in ctx.day_cells(d):
            heavy = ctx.cell_bool("heavy", cell)
            if ctx.is_false(heavy):
                continue
            if value == "stack":
                lonely = ctx.new_bool(f"stack{d}")
                ctx.clause([ctx.negated(heavy), lonely, hard_run])
                terms.append(cost(self.name, 1, lonely))
            elif not ctx.is_false(hard_run):
                terms.append(cost(self.name, 1, ctx.both(heavy, hard_run, f"sep{d}")))
        return terms

    def check(self, plan: PlacedPlan, value: Any) -> list[Violation]:
        out = []
        hard_run_days = {q.day for q in plan.sessions_where("is_hard_run")}
        for p in plan.sessions_where("heavy_legs"):
            if p.known:
                continue  # before day 0: not the plan's
            hard_run_day = p.day in hard_run_days
            if value == "stack" and not hard_run_day:
                message = f"{plan.where(p)} is not on a hard-run day; {self.name} is stack"
            elif value == "separate" and hard_run_day:
                message = f"{plan.where(p)} shares its day with a hard run; {self.name} is separate"
            else:
                continue
            out.append(Violation(self.name, message, days=(p.day,), sessions=(p.session,)))
        return out

    def relaxations(self, value: Any) -> list[Any]:
        return ["any"]

    def why(self, plan: PlacedPlan, p: Placed, value: Any) -> list[str]:
        if not p.type.heavy_legs:
            return []
        hard_runs = [q.session for q in plan.on_day(p.day) if q.type.is_hard_run]
        if value == "stack" and hard_runs:
            return [f"stacked on a hard-run day with {', '.join(hard_runs)} (legs_policy: stack)"]
        if value == "separate" and not hard_runs:
            return ["on a day without a hard run (legs_policy: separate)"]
        return []


MEMBER = LegsPolicy()
