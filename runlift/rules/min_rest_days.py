from __future__ import annotations

from typing import TYPE_CHECKING, Any

from runlift.models.timeline import WEEK_DAYS
from runlift.rules.base import CostTerm, DayLimits, Rule, Violation, cost
from runlift.rules.values import Count, counting_down
from runlift.rules.windows import window_text

if TYPE_CHECKING:
    from runlift.models.plan import PlacedPlan
    from runlift.models.problem import Problem
    from runlift.rules.encoding import Encoding


class MinRestDays(Rule):
    name = "min_rest_days"
    sentence = "At least N rest days (a rest day holds no session, or only mobility)."
    default = 1
    value_type = Count
    unit = "missing rest day"
    samples = (0, 1, 2, 3)

    def describe(self, value: Any) -> str:
        return f"at least {value} rest day{'s' if value != 1 else ''}"

    def encode(self, ctx: Encoding, value: Any, soft: bool) -> list[CostTerm]:
        terms = []
        for window in ctx.problem.timeline.windows():
            busy = [ctx.day_bool("nonrest", d) for d in window]
            busy = [lit for lit in busy if not ctx.is_false(lit)]
            most_busy = len(window) - value
            if len(busy) <= most_busy:
                continue  # enough days of the window can never break a rest day
            if not soft:
                ctx.at_most(busy, most_busy, self.key)
            elif (short := ctx.excess(busy, most_busy, f"rest_short{window.start}")) is not None:
                terms.append(cost(self.name, 1, short))
        return terms

    def check(self, plan: PlacedPlan, value: Any) -> list[Violation]:
        out = []
        for window in plan.problem.timeline.windows():
            rest = sum(1 for d in window if d not in plan.busy_days)
            if rest < value:
                where = window_text(plan, window)
                out.append(Violation(
                    self.name,
                    f"{rest} rest day{'s' if rest != 1 else ''}{where}, "
                    f"{self.name} asks for {value}",
                    amount=value - rest,
                    days=tuple(window) if where else (),
                ))
        return out

    def day_limits(self, problem: Problem, value: Any) -> DayLimits:
        """At least ``value`` rest days in each whole week of the horizon; a horizon
        shorter than a week with nothing before it is its own window."""
        timeline = problem.timeline
        if problem.days >= WEEK_DAYS:
            rest = value * (problem.days // WEEK_DAYS)
        elif not timeline.history_days and not timeline.repeat:
            rest = value
        else:
            rest = 0  # the window reaches before day 0, whose rest days may count
        return DayLimits(busy_days=problem.days - rest) if rest else DayLimits()

    def relaxations(self, value: Any) -> list[Any]:
        return counting_down(value)


MEMBER = MinRestDays()
