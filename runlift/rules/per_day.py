"""Rules of the form "at most N sessions of a kind on one day"."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from runlift.models.plan import session_names
from runlift.rules.base import CostTerm, DayLimits, Rule, Violation, cost
from runlift.rules.predicates import predicate

if TYPE_CHECKING:
    from runlift.models.plan import PlacedPlan
    from runlift.models.problem import Problem
    from runlift.rules.encoding import Encoding


class PerDayLimit(Rule):
    """At most N sessions matching ``predicate`` on any one day; soft cost per extra one."""

    predicate: ClassVar[str]
    what: ClassVar[str]  # "key runs", "sessions"
    relax_limit: ClassVar[int] = 4

    def describe(self, value: Any) -> str:
        what = self.what if value != 1 else self.what.removesuffix("s")
        return f"at most {value} {what} on one day"

    def encode(self, ctx: Encoding, value: Any, soft: bool) -> list[CostTerm]:
        terms = []
        for d in range(ctx.problem.days):
            if ctx.day_slots(self.predicate, d) <= value:
                continue  # the day has too few slots to break the limit
            lits = ctx.day_lits(self.predicate, d)
            if not soft:
                ctx.at_most(lits, value, self.key)
            elif (extra := ctx.excess(lits, value, f"{self.name}{d}")) is not None:
                terms.append(cost(self.name, 1, extra))
        return terms

    def check(self, plan: PlacedPlan, value: Any) -> list[Violation]:
        test = predicate(self.predicate)
        out = []
        for d in plan.days:
            matching = plan.on_day_where(test, d)
            if len(matching) > value:
                names = session_names(matching)
                out.append(Violation(
                    self.name,
                    f"{len(matching)} {self.what} on {plan.label(d)} "
                    f"({', '.join(names)}), {self.name} allows {value}",
                    amount=len(matching) - value,
                    days=(d,),
                    sessions=tuple(names),
                ))
        return out

    def day_limits(self, problem: Problem, value: Any) -> DayLimits:
        return DayLimits(per_day=value) if self.predicate == "any" else DayLimits()

    def relaxations(self, value: Any) -> list[Any]:
        return [*range(value + 1, self.relax_limit + 1), False]
