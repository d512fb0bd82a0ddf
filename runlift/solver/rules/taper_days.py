from __future__ import annotations

from typing import TYPE_CHECKING, Any

from runlift.solver.rules.base import Rule, Violation
from runlift.solver.rules.values import Count, counting_down

if TYPE_CHECKING:
    from collections.abc import Iterable

    from runlift.checker.week import Week
    from runlift.models.problem import Problem
    from runlift.solver.context import CostTerm, ModelContext


class TaperDays(Rule):
    name = "taper_days"
    summary = (
        "No heavy-legs session on a race day or in the N days before it "
        "(a race in the horizon, or race_date)."
    )
    default = 10
    value_type = Count
    unit = "heavy-legs session in a taper"

    def describe(self, value: Any) -> str:
        return f"no heavy legs on a race day or in the {value} days before it"

    def never(self, problem: Problem, value: Any) -> Iterable[tuple[str, int]]:
        """No heavy legs in the taper of race_date or of a pinned race."""
        races = {f.day for f in problem.fixed if problem.catalog[f.session].kind == "race"}
        if problem.race_date_day is not None:
            races.add(problem.race_date_day)
        heavy = [t for t in problem.session_types() if problem.catalog[t].heavy_legs]
        return {(t, d) for r in races
                for d in range(max(r - value, 0), min(r, problem.days - 1) + 1) for t in heavy}

    def encode(self, ctx: ModelContext, value: Any, soft: bool) -> list[CostTerm]:
        from runlift.solver.context import CostTerm

        problem, terms = ctx.problem, []
        fixed_race = problem.race_date_day
        for d in range(problem.days):
            heavies = ctx.day_lits("heavy", d)
            if not heavies:
                continue
            # Races later in the horizon whose taper covers day d.
            race_days = [e for e in range(d, min(d + value, problem.days - 1) + 1)
                         if ctx.day_lits("race", e)]
            in_race_date_taper = fixed_race is not None and fixed_race - value <= d <= fixed_race
            if not soft:
                if in_race_date_taper:
                    ctx.none_if(heavies, None, f"rule:{self.name}")
                for e in race_days:
                    for race in ctx.day_lits("race", e):
                        ctx.none_if(heavies, race, f"rule:{self.name}")
                continue
            races = [ctx.day_bool("race", e) for e in race_days]
            for cell in ctx.day_cells(d):
                heavy = ctx.cell_bool("heavy", cell)
                if heavy is None:
                    continue
                if in_race_date_taper:
                    terms.append(CostTerm(self.name, 1, heavy))
                elif races:
                    tapering = ctx.model.new_bool_var(f"taper{d}")
                    for race in races:
                        ctx.model.add_bool_or([heavy.Not(), race.Not(), tapering])
                    terms.append(CostTerm(self.name, 1, tapering))
        return terms

    def check(self, week: Week, value: Any) -> list[Violation]:
        out = []
        for p in week.placed:
            if not p.type.heavy_legs:
                continue
            races = [r for r in week.race_days if r - value <= p.day <= r]
            if races:
                out.append(Violation(
                    self.name,
                    f"{week.where(p)} is {races[0] - p.day} day(s) before the race on "
                    f"{week.race_label(races[0])}; {self.name} is {value}",
                    days=(p.day,),
                    sessions=(p.session,),
                ))
        return out

    def relaxations(self, value: Any) -> list[Any]:
        return counting_down(value)


RULE = TaperDays()
