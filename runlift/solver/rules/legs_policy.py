from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from runlift.solver.rules.base import Rule, Violation

if TYPE_CHECKING:
    from runlift.checker.week import Week
    from runlift.solver.context import CostTerm, ModelContext


class LegsPolicy(Rule):
    name = "legs_policy"
    summary = (
        "stack: every heavy-legs session is on a day that holds a hard run (hard days hard); "
        "separate: never on such a day; any: no constraint."
    )
    default = "any"
    value_type = Literal["stack", "separate", "any"]
    unit = "heavy-legs session on the wrong kind of day"

    def is_active(self, value: Any) -> bool:
        return value in ("stack", "separate")

    def describe(self, value: Any) -> str:
        where = "on" if value == "stack" else "away from"
        return f"{value} (heavy legs {where} hard-run days)"

    def encode(self, ctx: ModelContext, value: Any, soft: bool) -> list[CostTerm]:
        terms: list[CostTerm] = []
        for d in range(ctx.problem.days):
            heavies = ctx.day_lits("heavy", d)
            if not heavies:
                continue
            hard_runs = ctx.day_lits("hard_run", d)
            if soft:
                terms += self._soft_day(ctx, value, d)
            elif value == "stack":
                # Each heavy-legs session needs a hard run on its day.
                for heavy in heavies:
                    if hard_runs:
                        ctx.model.add_bool_or(hard_runs).only_enforce_if(
                            [heavy, *ctx.enforce(f"rule:{self.name}")])
                    else:
                        ctx.none_if([heavy], None, f"rule:{self.name}")
            else:
                for heavy in heavies:
                    ctx.none_if(hard_runs, heavy, f"rule:{self.name}")
        return terms

    def _soft_day(self, ctx: ModelContext, value: Any, d: int) -> list[CostTerm]:
        from runlift.solver.context import CostTerm

        terms = []
        hard_run = ctx.day_bool("hard_run", d)
        for cell in ctx.day_cells(d):
            heavy = ctx.cell_bool("heavy", cell)
            if heavy is None:
                continue
            if value == "stack":
                lonely = ctx.model.new_bool_var(f"stack{d}")
                ors = [heavy.Not(), lonely] + ([hard_run] if hard_run is not None else [])
                ctx.model.add_bool_or(ors)
                terms.append(CostTerm(self.name, 1, lonely))
            elif hard_run is not None:
                terms.append(CostTerm(self.name, 1, ctx.both(heavy, hard_run, f"sep{d}")))
        return terms

    def check(self, week: Week, value: Any) -> list[Violation]:
        out = []
        for p in week.placed:
            if not p.type.heavy_legs:
                continue
            hard_run_day = any(q.type.is_hard_run for q in week.on_day(p.day))
            if value == "stack" and not hard_run_day:
                message = f"{week.where(p)} is not on a hard-run day; {self.name} is stack"
            elif value == "separate" and hard_run_day:
                message = f"{week.where(p)} shares its day with a hard run; {self.name} is separate"
            else:
                continue
            out.append(Violation(self.name, message, days=(p.day,), sessions=(p.session,)))
        return out

    def relaxations(self, value: Any) -> list[Any]:
        return ["any"]


RULE = LegsPolicy()
