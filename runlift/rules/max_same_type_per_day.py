"""max_same_type_per_day: at most N sessions of one type on one day (not two easy runs)."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from runlift.rules.base import CostTerm, Rule, Violation, cost
from runlift.rules.values import Count

if TYPE_CHECKING:
    from runlift.models.plan import PlacedPlan
    from runlift.rules.encoding import Encoding

RELAX_LIMIT = 4


class MaxSameTypePerDay(Rule):
    name = "max_same_type_per_day"
    sentence = ("At most N sessions of one type on one day (1: no two easy runs, or two "
                "core sessions, on the same day; raise it to allow doubles).")
    default = 1
    value_type = Count
    unit = "extra session of a type on a day"
    samples = (0, 1, 2)

    def describe(self, value: Any) -> str:
        return f"at most {value} session{'s' if value != 1 else ''} of one type on one day"

    def encode(self, ctx: Encoding, value: Any, soft: bool) -> list[CostTerm]:
        terms = []
        types = ctx.problem.session_types()
        for d in range(ctx.problem.days):
            cells = ctx.day_cells(d)
            for t in types:
                lits = [lit for c in cells if not ctx.is_false(lit := ctx.var(t, c))]
                if len(lits) <= value:
                    continue  # too few slots can hold the type that day
                if not soft:
                    ctx.at_most(lits, value, self.key)
                elif (extra := ctx.excess(lits, value, f"same_type{t}{d}")) is not None:
                    terms.append(cost(self.name, 1, extra))
        return terms

    def check(self, plan: PlacedPlan, value: Any) -> list[Violation]:
        out = []
        for d in plan.days:
            counts: Counter[str] = Counter()
            for p, n in plan.counted_on_day(d):
                counts[p.type.name] += n
            for session, n in sorted(counts.items()):
                if n > value:
                    out.append(Violation(
                        self.name,
                        f"{n} {session} on {plan.label(d)}, {self.name} allows {value}",
                        amount=n - value, days=(d,), sessions=(session,),
                    ))
        return out

    def relaxations(self, value: Any) -> list[Any]:
        return [*range(value + 1, RELAX_LIMIT + 1), False]


MEMBER = MaxSameTypePerDay()
