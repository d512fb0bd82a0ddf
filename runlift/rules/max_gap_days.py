"""max_gap_days: per session type, never more than N days in a row without it.

The days counted are the known span: from the start of history (or day 0 without one) to
the horizon's last day. Every N + 1 consecutive days of it that end inside the horizon
must hold the type, so a history session of the type counts across the edge, the days
before the history are not taken to be empty, and the days after the horizon (the
future) are not either: a horizon shorter than N + 1 days, with no history, asks nothing.
In a repeating template the span wraps around: one window ends on each day.

The rule spaces the sessions the horizon asks for: a type it never asks for (no count, no
pin, no either/or demand) is not asked for by the rule either. In an explanation the
windows hold while a member that asks for the type does, so that dropping the demand
drops what the rule asks of it, as a plain model without the demand does.
"""

from __future__ import annotations

from itertools import groupby
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import Field, Strict

from runlift.rules.base import CostTerm, Rule, Violation, cost
from runlift.rules.predicates import predicate

if TYPE_CHECKING:
    from collections.abc import Iterable

    from runlift.models.errors import Loc
    from runlift.models.plan import Placed, PlacedPlan
    from runlift.models.timeline import Timeline
    from runlift.rules.encoding import Encoding, Lit

MOST_DAYS = 28  # the longest horizon; a longer gap than this never binds inside one
GapDays = dict[str, Annotated[int, Field(ge=0, le=MOST_DAYS), Strict()]] | Literal[False]


def gap_windows(timeline: Timeline, gap: int) -> list[range]:
    """The spans of ``gap + 1`` consecutive days that must each hold the type: those that
    end inside the horizon and start no earlier than the known span."""
    starts = (e - gap for e in range(timeline.days))
    return [range(s, s + gap + 1) for s in starts
            if timeline.repeat or s >= timeline.known_start]


class MaxGapDays(Rule):
    name = "max_gap_days"
    sentence = ("Per session type, never more than N days in a row without it "
                "({posterior_chain: 9}: one at least every 10 days); history before day 0 "
                "counts, the days after the horizon do not.")
    default = False
    value_type = GapDays
    unit = "day more than N in a row without the type"
    reason_rank = 75
    gives_reasons = True
    samples = ({"lower_strength": 3}, {"posterior_chain": 1, "easy_run": 2}, {"tempo": 0},
               {"lower_strength": 1, "plyometrics": 2})

    def is_active(self, value: Any) -> bool:
        return bool(value)

    def describe(self, value: Any) -> str:
        return "; ".join(f"never more than {n} day{'s' if n != 1 else ''} in a row without {t}"
                         for t, n in sorted(value.items()))

    def shown(self, value: Any) -> str:
        return "{" + ", ".join(f"{t}: {n}" for t, n in sorted(value.items())) + "}"

    def named_sessions(self, value: Any) -> Iterable[tuple[Loc, str]]:
        return [((t,), t) for t in sorted(value)]

    def encode(self, ctx: Encoding, value: Any, soft: bool) -> list[CostTerm]:
        terms = []
        for session, gap in sorted(value.items()):
            if not ctx.problem.most_count(session):
                continue  # the horizon never holds it: nothing to space
            asked = self._asked(ctx, session)
            for window in gap_windows(ctx.problem.timeline, gap):
                held = [lit for d in window for lit in ctx.day_lits(f"type:{session}", d)]
                if ctx.true in held:
                    continue  # history holds it
                if not soft:
                    ctx.any_if(asked, held, self.key)
                    continue
                empty = ctx.new_bool(f"gap[{session},{window.start}]")
                ctx.clause([*held, empty])
                terms.append(cost(self.name, 1, empty))
        return terms

    @staticmethod
    def _asked(ctx: Encoding, session: str) -> Lit:
        """True while a member that asks for the type holds: its count, its either/or
        demand or one of its pins (always, in a plain solve)."""
        problem = ctx.problem
        keys = [f"fixed:{f.index}" for f in problem.fixed if f.session == session]
        if problem.demand.get(session):
            keys.append(f"sessions:{session}")
        if (choice := problem.choice_of(session)) is not None:
            keys.append(f"sessions:{choice.key}")
        lits = [ctx.member_literal(k) for k in keys]
        if ctx.true in lits:
            return ctx.true
        asked = ctx.new_bool(f"asked[{session}]")  # = some member holds
        ctx.clause([ctx.negated(asked), *lits])
        for lit in lits:
            ctx.clause([ctx.negated(lit), asked])
        return asked

    def check(self, plan: PlacedPlan, value: Any) -> list[Violation]:
        out = []
        for session, gap in sorted(value.items()):
            if not plan.problem.most_count(session):
                continue
            held = {p.day for p in plan.sessions_where(predicate(f"type:{session}"))}
            empty = [w for w in gap_windows(plan.problem.timeline, gap)
                     if not any(d in held for d in w)]
            # Windows one day apart belong to one run of days without the type.
            runs = groupby(enumerate(empty), key=lambda item: item[1].start - item[0])
            for _, group in runs:
                windows = [w for _, w in group]
                first, last = windows[0].start, windows[-1][-1]
                out.append(Violation(
                    self.name,
                    f"no {session} from {plan.label(first)} to {plan.label(last)} "
                    f"({last - first + 1} days in a row); {self.name} allows {gap}",
                    amount=len(windows), days=tuple(range(max(first, 0), last + 1)),
                    sessions=(session,),
                ))
        return out

    def relaxations(self, value: Any) -> list[Any]:
        most = max(MOST_DAYS - n for n in value.values())
        looser = [{t: min(n + k, MOST_DAYS) for t, n in value.items()}
                  for k in range(1, most + 1)]
        return [*looser, False]

    def why(self, plan: PlacedPlan, p: Placed, value: Any) -> list[str]:
        gap = value.get(p.session) if isinstance(value, dict) else None
        earlier = [q for q in plan.everything if q.session == p.session and q.day < p.day]
        if gap is None or not earlier:
            return []
        without = p.day - earlier[-1].day - 1
        if without > gap:
            return []
        return [f"{without} day{'s' if without != 1 else ''} without {p.session} since "
                f"{plan.whose(earlier[-1])} (max_gap_days: {p.session} {gap})"]


MEMBER = MaxGapDays()
