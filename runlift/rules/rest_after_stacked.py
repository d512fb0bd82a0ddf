"""rest_after_stacked: the day after a stacked day (a hard run and heavy legs) is rest."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from runlift.rules.base import CostTerm, Rule, Violation, cost
from runlift.rules.values import Switch

if TYPE_CHECKING:
    from runlift.models.plan import Placed, PlacedPlan
    from runlift.rules.encoding import Encoding


def is_stacked(sessions: list[Placed]) -> bool:
    """A day that holds a hard run and a heavy-legs session (as for legs_policy: stack,
    one session that is both counts)."""
    return (any(p.type.is_hard_run for p in sessions)
            and any(p.type.heavy_legs for p in sessions))


class RestAfterStacked(Rule):
    name = "rest_after_stacked"
    sentence = ("The day after a day that holds a hard run and a heavy-legs session is a "
                "rest day (no session, or only mobility).")
    default = False
    value_type = Switch
    unit = "session on the day after a stacked day"
    reason_rank = 35
    gives_reasons = True
    samples = (True,)

    def describe(self, value: Any) -> str:
        return "a rest day after a day with a hard run and heavy legs"

    def encode(self, ctx: Encoding, value: Any, soft: bool) -> list[CostTerm]:
        terms = []
        for d in range(ctx.problem.days):  # the day before day 0 may be history
            busy = ctx.day_lits("nonrest", d)
            if not busy or not ctx.day_lits("hard_run", d - 1) or not ctx.day_lits(
                    "heavy", d - 1):
                continue
            hard_run, heavy = ctx.day_bool("hard_run", d - 1), ctx.day_bool("heavy", d - 1)
            for session in busy:  # not all three: a hard run, heavy legs, then a session
                if not soft:
                    ctx.at_most([hard_run, heavy, session], 2, self.key)
                    continue
                after = ctx.new_bool(f"after_stacked{d}")
                ctx.clause([ctx.negated(hard_run), ctx.negated(heavy),
                            ctx.negated(session), after])
                terms.append(cost(self.name, 1, after))
        return terms

    def check(self, plan: PlacedPlan, value: Any) -> list[Violation]:
        out = []
        for d in plan.days:
            before = plan.on_day(d - 1)
            busy = plan.on_day_where("counts_for_rest", d)
            if busy and is_stacked(before):
                names = ", ".join(p.session for p in busy)
                out.append(Violation(
                    self.name,
                    f"{plan.label(d)} holds {names}, but the day before is stacked "
                    f"({_stack(plan, before)}); {self.name} asks for a rest day",
                    amount=len(busy), days=(d - 1, d),
                    sessions=tuple(p.session for p in busy),
                ))
        return out

    def why(self, plan: PlacedPlan, p: Placed, value: Any) -> list[str]:
        day = plan.on_day(p.day)
        if not (p.type.heavy_legs or p.type.is_hard_run) or not is_stacked(day):
            return []
        if p.day + 1 >= plan.problem.days and not plan.problem.timeline.repeat:
            return []
        after = plan.problem.timeline.day_name(p.day + 1)
        return [f"stacked, so {after} is kept for rest (rest_after_stacked)"]


def _stack(plan: PlacedPlan, sessions: list[Placed]) -> str:
    stacked = [p for p in sessions if p.type.is_hard_run or p.type.heavy_legs]
    return " and ".join(plan.where(p) for p in stacked)


MEMBER = RestAfterStacked()
