from __future__ import annotations

from typing import TYPE_CHECKING, Any

from runlift.models.timeline import WEEK_DAYS
from runlift.rules.base import CostTerm, DayLimits, Rule, Violation, cost
from runlift.rules.values import Count, counting_up
from runlift.rules.windows import window_text

if TYPE_CHECKING:
    from runlift.models.plan import PlacedPlan
    from runlift.models.problem import Problem
    from runlift.rules.encoding import Encoding


class MaxHardDays(Rule):
    name = "max_hard_days"
    sentence = "At most N hard days (a hard day holds a session of intensity hard)."
    default = 3
    value_type = Count
    unit = "extra hard day"
    samples = (0, 1, 2, 3, 4, 5)

    def describe(self, value: Any) -> str:
        return f"at most {value} hard day{'s' if value != 1 else ''}"

    def encode(self, ctx: Encoding, value: Any, soft: bool) -> list[CostTerm]:
        terms = []
        for window in ctx.problem.timeline.windows():
            hard = [ctx.day_bool("hard", d) for d in window]
            hard = [lit for lit in hard if not ctx.is_false(lit)]
            if len(hard) <= value:
                continue  # too few days of the window can ever be hard
            if not soft:
                ctx.at_most(hard, value, self.key)
            elif (extra := ctx.excess(hard, value, f"extra_hard_days{window.start}")) is not None:
                terms.append(cost(self.name, 1, extra))
        return terms

    def check(self, plan: PlacedPlan, value: Any) -> list[Violation]:
        out = []
        for window in plan.problem.timeline.windows():
            hard = [d for d in window if d in plan.all_hard_days]
            if len(hard) > value:
                names = ", ".join(plan.label(d) for d in hard)
                out.append(Violation(
                    self.name,
                    f"{len(hard)} hard days{window_text(plan, window)} ({names}), "
                    f"{self.name} allows {value}",
                    amount=len(hard) - value,
                    days=tuple(hard),
                ))
        return out

    def day_limits(self, problem: Problem, value: Any) -> DayLimits:
        """The horizon splits into 7-day chunks (the last may be shorter), each inside
        some window: at most ``value`` hard days in each."""
        return DayLimits(hard_days=value * -(-problem.days // WEEK_DAYS))

    def relaxations(self, value: Any) -> list[Any]:
        return counting_up(value, 28)


MEMBER = MaxHardDays()
