from __future__ import annotations

import bisect
from itertools import combinations
from typing import TYPE_CHECKING, Any

from runlift.models.plan import hours, hours_short
from runlift.rules.base import CostTerm, Rule, Violation, cost
from runlift.rules.values import Hours, counting_down

if TYPE_CHECKING:
    from runlift.models.plan import Placed, PlacedPlan
    from runlift.models.problem import Cell
    from runlift.rules.encoding import Encoding


class SameMuscleHours(Rule):
    name = "same_muscle_hours"
    sentence = (
        "Two strength sessions of intensity moderate or hard that share a muscle group "
        "start at least N hours apart."
    )
    default = 48
    value_type = Hours
    unit = "hour short (rounded up), per pair of sessions"
    reason_rank = 20
    gives_reasons = True
    samples = (0, 6, 12, 24, 30, 36, 48, 72)

    def describe(self, value: Any) -> str:
        return f"at least {value} h between strength sessions for the same muscles"

    def encode(self, ctx: Encoding, value: Any, soft: bool) -> list[CostTerm]:
        catalog = ctx.problem.catalog
        muscles = sorted({m for t in ctx.types_where("any") if catalog[t].loads_muscles
                          for m in catalog[t].muscles})
        # Lifts this far back (history, or a template's previous copy) can still be too
        # close to one in the horizon.
        reach_days = -(-value // 24) + 1  # N hours, rounded up to days, and the day before
        cells = ctx.cells_from(-reach_days)
        if soft:
            return self._soft(ctx, value, muscles, cells)
        # Muscle groups loaded by the same types need one set of windows.
        groups: dict[tuple[str, ...], list[str]] = {}
        for m in muscles:
            groups.setdefault(tuple(ctx.types_where(f"muscle:{m}")), []).append(m)
        for group_muscles in groups.values():
            self._windows(ctx, value, cells, group_muscles)
        return []

    def _windows(self, ctx: Encoding, value: Any, cells: list[Cell], muscles: list[str]
                 ) -> None:
        """Slots that start less than N hours apart, as windows over the slots in time
        order: at most one session loading the muscles in each window. Only windows that
        reach further than the one before are needed (the others lie inside it). A
        history session is a fact, not a choice: it rules out the horizon's slots of its
        window, and two history sessions are the past, so nothing holds between them."""
        slots = []
        for c in cells:
            lits = list(dict.fromkeys(lit for m in muscles
                                      for lit in ctx.cell_lits(f"muscle:{m}", c)))
            if lits:
                slots.append((ctx.problem.start_minute(*c), lits, ctx.is_known(c)))
        reach = 0
        for i, (start, _, _) in enumerate(slots):
            end = i
            while end + 1 < len(slots) and slots[end + 1][0] - start < value * 60:
                end += 1
            if end <= max(reach, i):
                continue
            reach = end
            window = slots[i:end + 1]
            chosen = [lit for _, lits, known in window if not known for lit in lits]
            ctx.at_most_one(chosen, self.key)
            for known in (lit for _, lits, is_known in window if is_known for lit in lits):
                ctx.none_if(chosen, known, self.key)

    def _soft(self, ctx: Encoding, value: Any, muscles: list[str], cells: list[Cell]
              ) -> list[CostTerm]:
        problem, terms = ctx.problem, []
        for a, b in combinations(cells, 2):
            if b[0] < 0:
                continue  # both before day 0: the past, or a template's earlier copy of a
                # pair it already counts
            short = hours_short(problem.start_minute(*b) - problem.start_minute(*a), value)
            if not short:
                continue
            pairs = [(la, lb) for m in muscles
                     if not ctx.is_false(la := ctx.cell_bool(f"muscle:{m}", a))
                     and not ctx.is_false(lb := ctx.cell_bool(f"muscle:{m}", b))]
            if not pairs:
                continue
            clash = ctx.new_bool(f"smh{a}{b}")
            for la, lb in pairs:
                ctx.clause([ctx.negated(la), ctx.negated(lb), clash])
            terms.append(cost(self.name, short, clash))
        return terms

    def check(self, plan: PlacedPlan, value: Any) -> list[Violation]:
        lifts = plan.sessions_where("loads_muscles")  # in time order
        starts = [p.start for p in lifts]
        out = []
        for i, a in enumerate(lifts):
            # Only lifts that start less than N hours after this one can be too close;
            # pairs wholly before day 0 are the past.
            for b in lifts[i + 1:bisect.bisect_left(starts, a.start + value * 60)]:
                if b.known:
                    continue
                shared = sorted(set(a.type.muscles) & set(b.type.muscles))
                short = hours_short(b.start - a.start, value)
                if shared and short:
                    out.append(Violation(
                        self.name,
                        f"{plan.where(a)} and {plan.where(b)} both load {', '.join(shared)} "
                        f"{hours(b.start - a.start):g} h apart; {self.name} asks for {value} h "
                        f"({short} h short)",
                        amount=short,
                        days=(a.day, b.day),
                        sessions=(a.session, b.session),
                        hours_short=hours(value * 60 - (b.start - a.start)),
                    ))
        return out

    def relaxations(self, value: Any) -> list[Any]:
        return counting_down(value, step=12) if value % 12 == 0 else counting_down(value, step=6)

    def why(self, plan: PlacedPlan, p: Placed, value: Any) -> list[str]:
        if not p.type.loads_muscles:
            return []
        earlier = [q for q in plan.everything if q.type.loads_muscles and q.start < p.start
                   and set(q.type.muscles) & set(p.type.muscles)]
        if not earlier:
            return []
        last = max(earlier, key=lambda q: q.start)
        gap = p.start - last.start
        if gap < value * 60:
            return []
        shared = ", ".join(sorted(set(last.type.muscles) & set(p.type.muscles)))
        return [f"{hours(gap):g} h after {plan.whose(last)}, both load {shared} "
                f"(same_muscle_hours: {value})"]


MEMBER = SameMuscleHours()
