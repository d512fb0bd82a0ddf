"""stack_with: the hard runs heavy legs may share a day with (legs_policy: stack's pairs)."""

from __future__ import annotations

from itertools import permutations
from typing import TYPE_CHECKING, Any, Literal

from runlift.rules.base import CostTerm, Rule, Violation, cost

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from runlift.models.catalog import SessionType
    from runlift.models.errors import Loc
    from runlift.models.plan import Placed, PlacedPlan
    from runlift.models.problem import Cell
    from runlift.rules.encoding import Encoding, Lit


class StackWith(Rule):
    name = "stack_with"
    sentence = ("The hard run types a heavy-legs session may share its day with (with "
                "legs_policy: stack, which hard runs may carry the lift); any other hard run "
                "keeps heavy legs off its day.")
    default = False
    value_type = list[str] | Literal[False]
    unit = "heavy-legs session on a day with a hard run stack_with does not list"
    reason_rank = 31
    gives_reasons = True
    samples = (["intervals", "tempo"], ["tempo"], [], ["long_run", "hills", "race"])

    def describe(self, value: Any) -> str:
        allowed = ", ".join(value) if value else "none"
        return f"heavy legs share a day only with these hard runs: {allowed}"

    def named_sessions(self, value: Any) -> Iterable[tuple[Loc, str]]:
        return [((i,), name) for i, name in enumerate(value)]

    def value_error(self, value: Any, catalog: Mapping[str, SessionType]
                    ) -> tuple[Loc, str] | None:
        for i, name in enumerate(value):
            if not catalog[name].is_hard_run:
                return (i,), f"{name} is not a hard run (a run or race of intensity hard)"
        return None

    def _banned(self, ctx: Encoding, cell: Cell, value: Any) -> list[Lit]:
        """The literals of hard runs of types stack_with does not list, in a slot."""
        catalog = ctx.problem.catalog
        return [lit for t, lit in ctx.vars_at(cell).items()
                if catalog[t].is_hard_run and t not in value]

    def _clashes(self, ctx: Encoding, d: int, value: Any
                 ) -> list[tuple[Cell, list[Lit], list[Lit]]]:
        """(a slot of day ``d``, its heavy-legs literals, the literals of hard runs the
        list leaves out in another slot of the day) for every such pair of slots."""
        out = []
        for lift_cell, run_cell in permutations(ctx.day_cells(d), 2):
            heavy = ctx.cell_lits("heavy", lift_cell)
            banned = self._banned(ctx, run_cell, value)
            if heavy and banned:
                out.append((lift_cell, heavy, banned))
        return out

    def encode(self, ctx: Encoding, value: Any, soft: bool) -> list[CostTerm]:
        terms = []
        for d in range(ctx.problem.days):
            clashes = self._clashes(ctx, d, value)
            if not soft:
                for _, heavy, banned in clashes:  # each side is one slot's sum, 0 or 1
                    ctx.at_most([*heavy, *banned], 1, self.key)
                continue
            wrong: dict[Cell, Lit] = {}  # per heavy-legs slot: it shares a day it should not
            for cell, heavy, banned in clashes:
                if cell not in wrong:
                    wrong[cell] = ctx.new_bool(f"stack_with{cell}")
                for lift in heavy:
                    for run in banned:
                        ctx.clause([ctx.negated(lift), ctx.negated(run), wrong[cell]])
            terms += [cost(self.name, 1, lit) for lit in wrong.values()]
        return terms

    def check(self, plan: PlacedPlan, value: Any) -> list[Violation]:
        out = []
        for p in plan.sessions_where("heavy_legs"):
            if p.known:
                continue  # before day 0: not the plan's
            others = [q for q in plan.on_day_where("is_hard_run", p.day)
                      if q is not p and q.session not in value]
            if others:
                names = ", ".join(plan.where(q) for q in others)
                out.append(Violation(
                    self.name, f"{plan.where(p)} shares its day with {names}; {self.name} "
                    f"allows {', '.join(value) or 'no hard run'}",
                    days=(p.day,), sessions=(p.session, *(q.session for q in others))))
        return out

    def relaxations(self, value: Any) -> list[Any]:
        return [False]

    def why(self, plan: PlacedPlan, p: Placed, value: Any) -> list[str]:
        if not p.type.heavy_legs:
            return []
        runs = [q.session for q in plan.on_day(p.day) if q is not p and q.type.is_hard_run]
        if not runs:
            return []
        return [f"shares its day with {', '.join(runs)}, which stack_with allows"]


MEMBER = StackWith()
