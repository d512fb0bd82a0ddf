from __future__ import annotations

import bisect
from typing import TYPE_CHECKING, Any

from runlift.models.plan import hours, hours_short
from runlift.rules.base import CostTerm, Rule, Violation, cost
from runlift.rules.values import Hours, counting_down

if TYPE_CHECKING:
    from runlift.models.plan import Placed, PlacedPlan
    from runlift.rules.encoding import Encoding


class LiftToKeyHours(Rule):
    name = "lift_to_key_hours"
    sentence = (
        "From the end of a heavy-legs session to the start of any later key run, "
        "at least N hours."
    )
    default = 48
    value_type = Hours
    unit = "hour short (rounded up), per heavy-legs/key-run pair"
    reason_rank = 10
    gives_reasons = True
    samples = (0, 6, 12, 24, 30, 36, 48, 72)

    def describe(self, value: Any) -> str:
        return f"at least {value} h from the end of heavy legs to the next key run"

    def encode(self, ctx: Encoding, value: Any, soft: bool) -> list[CostTerm]:
        problem, terms = ctx.problem, []
        key_cells = [(c, problem.start_minute(*c)) for c in ctx.cells()
                     if ctx.cell_lits("key", c)]
        # Heavy legs this far back can still be too close to a key run of the horizon.
        reach_days = -(-value // 24) + 1
        for cell in ctx.cells_from(-reach_days):
            start = problem.start_minute(*cell)
            for lift, minutes in ctx.occupants("heavy", cell):
                # Key runs that start after this session starts but too soon after it ends.
                close = [(c, short) for c, key_start in key_cells if key_start > start
                         and (short := hours_short(key_start - start - minutes, value)) > 0]
                if not soft:
                    ctx.none_if([k for c, _ in close for k in ctx.cell_lits("key", c)], lift,
                                self.key)
                    continue
                terms += [cost(self.name, short,
                               ctx.both(lift, ctx.cell_bool("key", c), f"l2k{cell}"))
                          for c, short in close]
        return terms

    def check(self, plan: PlacedPlan, value: Any) -> list[Violation]:
        out = []
        runs = sorted((p for p in plan.sessions_where("is_key_run") if not p.known),
                      key=lambda p: p.start)
        starts = [p.start for p in runs]
        # Lifts before day 0 (history, or a template's previous copy) count against the
        # key runs of the plan; pairs wholly before day 0 are the past and count nothing.
        for lift in plan.sessions_where("heavy_legs"):
            # Only key runs that start before the lift's end + N hours can be too close.
            first = bisect.bisect_right(starts, lift.start)
            last = bisect.bisect_left(starts, lift.end + value * 60)
            for run in runs[first:last]:
                gap = run.start - lift.end
                short = hours_short(gap, value)
                if short:
                    out.append(Violation(
                        self.name,
                        f"{plan.where(lift)} ends {hours(gap):g} h before {plan.where(run)}; "
                        f"{self.name} asks for {value} h ({short} h short)",
                        amount=short,
                        days=(lift.day, run.day),
                        sessions=(lift.session, run.session),
                        hours_short=hours(value * 60 - gap),
                    ))
        return out

    def relaxations(self, value: Any) -> list[Any]:
        return counting_down(value, step=12) if value % 12 == 0 else counting_down(value, step=6)

    def why(self, plan: PlacedPlan, p: Placed, value: Any) -> list[str]:
        tag = f"(lift_to_key_hours: {value})"
        if p.type.is_key_run:
            lifts = [q for q in plan.everything if q.type.heavy_legs and q.start < p.start]
            if not lifts:
                return []
            lift = max(lifts, key=lambda q: q.end)
            gap = p.start - lift.end
            return [f"{hours(gap):g} h after {plan.whose(lift)} {tag}"] if gap >= value * 60 else []
        if p.type.heavy_legs:
            runs = [q for q in plan.placed if q.type.is_key_run and q.start > p.start]
            if not runs:
                return []
            run = min(runs, key=lambda q: q.start)
            gap = run.start - p.end
            return [f"{hours(gap):g} h before {plan.whose(run)} {tag}"] if gap >= value * 60 else []
        return []


MEMBER = LiftToKeyHours()
