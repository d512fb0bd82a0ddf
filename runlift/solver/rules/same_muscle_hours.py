from __future__ import annotations

from itertools import combinations
from typing import TYPE_CHECKING, Any

from runlift.solver.rules.base import Rule, Violation
from runlift.solver.rules.values import Hours, counting_down

if TYPE_CHECKING:
    from runlift.checker.week import Week
    from runlift.solver.context import CostTerm, ModelContext


class SameMuscleHours(Rule):
    name = "same_muscle_hours"
    summary = (
        "Two strength sessions of intensity moderate or hard that share a muscle group "
        "start at least N hours apart."
    )
    default = 48
    value_type = Hours
    unit = "hour short (rounded up), per pair of sessions"

    def describe(self, value: Any) -> str:
        return f"at least {value} h between strength sessions for the same muscles"

    def encode(self, ctx: ModelContext, value: Any, soft: bool) -> list[CostTerm]:
        problem = ctx.problem
        muscles = sorted({m for t in ctx.types_where("any")
                          for m in problem.catalog[t].muscles if problem.catalog[t].loads_muscles})
        cells = sorted(ctx.open_cells, key=lambda c: problem.start_minute(*c))
        if soft:
            return self._soft(ctx, value, muscles, cells)
        # Slots that start less than N hours apart, as windows over the slots in time
        # order: at most one session loading a muscle group in each window. Only windows
        # that reach further than the one before are needed (the others lie inside it).
        starts = [problem.start_minute(*c) for c in cells]
        groups = sorted({tuple(ctx.types_where(f"muscle:{m}")) for m in muscles})
        for group in groups:
            lits_at = [[ctx.x[t, c] for t in group if (t, c) in ctx.x] for c in cells]
            reach = 0
            for i, start in enumerate(starts):
                end = i
                while end + 1 < len(cells) and starts[end + 1] - start < value * 60:
                    end += 1
                if end <= max(reach, i):
                    continue
                reach = end
                ctx.at_most_one([lit for j in range(i, end + 1) for lit in lits_at[j]],
                                f"rule:{self.name}")
        return []

    def _soft(self, ctx: ModelContext, value: Any, muscles: list[str], cells: list
              ) -> list[CostTerm]:
        from runlift.checker.week import hours_short
        from runlift.solver.context import CostTerm

        problem, terms = ctx.problem, []
        for a, b in combinations(cells, 2):
            short = hours_short(problem.start_minute(*b) - problem.start_minute(*a), value)
            if not short:
                continue
            pairs = [
                (la, lb) for m in muscles
                if (la := ctx.cell_bool(f"muscle:{m}", a)) is not None
                and (lb := ctx.cell_bool(f"muscle:{m}", b)) is not None
            ]
            if not pairs:
                continue
            clash = ctx.model.new_bool_var(f"smh{a}{b}")
            for la, lb in pairs:
                ctx.model.add_bool_or([la.Not(), lb.Not(), clash])
            terms.append(CostTerm(self.name, short, clash))
        return terms

    def check(self, week: Week, value: Any) -> list[Violation]:
        from runlift.checker.week import hours, hours_short

        lifts = sorted((p for p in week.placed if p.type.loads_muscles), key=lambda p: p.start)
        out = []
        for a, b in combinations(lifts, 2):
            shared = sorted(set(a.type.muscles) & set(b.type.muscles))
            short = hours_short(b.start - a.start, value)
            if shared and short:
                out.append(Violation(
                    self.name,
                    f"{week.where(a)} and {week.where(b)} both load {', '.join(shared)} "
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


RULE = SameMuscleHours()
