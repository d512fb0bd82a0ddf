from __future__ import annotations

from typing import TYPE_CHECKING, Any

from runlift.solver.rules.base import Rule, Violation
from runlift.solver.rules.values import Hours, counting_down

if TYPE_CHECKING:
    from runlift.checker.week import Week
    from runlift.solver.context import CostTerm, ModelContext


class LiftToKeyHours(Rule):
    name = "lift_to_key_hours"
    summary = (
        "From the end of a heavy-legs session to the start of any later key run, "
        "at least N hours."
    )
    default = 48
    value_type = Hours
    unit = "hour short (rounded up), per heavy-legs/key-run pair"

    def describe(self, value: Any) -> str:
        return f"at least {value} h from the end of heavy legs to the next key run"

    def encode(self, ctx: ModelContext, value: Any, soft: bool) -> list[CostTerm]:
        from runlift.checker.week import hours_short
        from runlift.solver.context import CostTerm

        problem, terms = ctx.problem, []
        key_cells = [(c, problem.start_minute(*c)) for c in ctx.open_cells
                     if ctx.cell_lits("key", c)]
        for heavy in ctx.types_where("heavy"):
            minutes = problem.catalog[heavy].minutes
            for cell in ctx.open_cells:
                x = ctx.x.get((heavy, cell))
                if x is None:
                    continue
                start = problem.start_minute(*cell)
                # Key runs that start after this session starts but too soon after it ends.
                close = [(c, short) for c, key_start in key_cells if key_start > start
                         and (short := hours_short(key_start - start - minutes, value)) > 0]
                if not close:
                    continue
                if soft:
                    terms.extend(
                        CostTerm(self.name, short,
                                 ctx.both(x, ctx.cell_bool("key", c), f"l2k{heavy}{cell}"))
                        for c, short in close
                    )
                else:
                    ctx.none_if([k for c, _ in close for k in ctx.cell_lits("key", c)], x,
                                f"rule:{self.name}")
        return terms

    def check(self, week: Week, value: Any) -> list[Violation]:
        from runlift.checker.week import hours, hours_short

        out = []
        for lift in (p for p in week.placed if p.type.heavy_legs):
            for run in (p for p in week.placed if p.type.is_key_run and p.start > lift.start):
                gap = run.start - lift.end
                short = hours_short(gap, value)
                if short:
                    out.append(Violation(
                        self.name,
                        f"{week.where(lift)} ends {hours(gap):g} h before {week.where(run)}; "
                        f"{self.name} asks for {value} h ({short} h short)",
                        amount=short,
                        days=(lift.day, run.day),
                        sessions=(lift.session, run.session),
                        hours_short=hours(value * 60 - gap),
                    ))
        return out

    def relaxations(self, value: Any) -> list[Any]:
        return counting_down(value, step=12) if value % 12 == 0 else counting_down(value, step=6)


RULE = LiftToKeyHours()
