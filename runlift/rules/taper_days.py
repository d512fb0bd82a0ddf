from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from runlift.rules.base import CostTerm, Rule, Violation, cost
from runlift.rules.values import Count, counting_down

if TYPE_CHECKING:
    from runlift.models.plan import Placed, PlacedPlan
    from runlift.models.problem import Problem
    from runlift.rules.encoding import Encoding


class TaperDays(Rule):
    name = "taper_days"
    sentence = (
        "No heavy-legs session on a race day or in the N days before it "
        "(a race in the horizon, or race_date)."
    )
    default = 10
    value_type = Count
    unit = "heavy-legs session in a taper"
    reason_rank = 60
    gives_reasons = True
    samples = tuple(range(11))

    def describe(self, value: Any) -> str:
        return f"no heavy legs on a race day or in the {value} days before it"

    def phrase(self, problem: Problem, key: str) -> str:
        text = super().phrase(problem, key)
        if not problem.race_days:
            return text
        timeline, labels = problem.timeline, []
        for day in problem.race_days:
            labels.append(timeline.label(day) if day < problem.days else str(timeline.date(day)))
        return f"{text} (race on {', '.join(labels)})"

    def never(self, problem: Problem, value: Any) -> Iterable[tuple[str, int]]:
        """No heavy legs in the taper of race_date or of a pinned race."""
        races = {f.day for f in problem.fixed if problem.catalog[f.session].kind == "race"}
        if problem.race_date_day is not None:
            races.add(problem.race_date_day)
        heavy = [t for t in problem.session_types() if problem.catalog[t].heavy_legs]
        return {(t, d) for r in races
                for d in range(max(r - value, 0), min(r, problem.days - 1) + 1) for t in heavy}

    def encode(self, ctx: Encoding, value: Any, soft: bool) -> list[CostTerm]:
        problem, terms = ctx.problem, []
        race_date = problem.race_date_day
        for d in range(problem.days):
            heavies = ctx.day_lits("heavy", d)
            if not heavies:
                continue
            # Races later in the horizon whose taper covers day d.
            race_days = [e for e in range(d, min(d + value, problem.days - 1) + 1)
                         if ctx.day_lits("race", e)]
            in_race_date_taper = race_date is not None and race_date - value <= d <= race_date
            if not soft:
                if in_race_date_taper:
                    ctx.none_if(heavies, ctx.true, self.key)
                for e in race_days:
                    for race in ctx.day_lits("race", e):
                        ctx.none_if(heavies, race, self.key)
                continue
            terms += self._soft_day(ctx, d, race_days, in_race_date_taper)
        return terms

    def _soft_day(self, ctx: Encoding, d: int, race_days: list[int], in_race_date_taper: bool
                  ) -> list[CostTerm]:
        terms = []
        races = [ctx.day_bool("race", e) for e in race_days]
        for cell in ctx.day_cells(d):
            heavy = ctx.cell_bool("heavy", cell)
            if ctx.is_false(heavy):
                continue
            if in_race_date_taper:
                terms.append(cost(self.name, 1, heavy))
            elif races:
                tapering = ctx.new_bool(f"taper{d}")
                for race in races:
                    ctx.clause([ctx.negated(heavy), ctx.negated(race), tapering])
                terms.append(cost(self.name, 1, tapering))
        return terms

    def check(self, plan: PlacedPlan, value: Any) -> list[Violation]:
        out = []
        for p in plan.placed:
            if not p.type.heavy_legs:
                continue
            races = [r for r in plan.race_days if r - value <= p.day <= r]
            if races:
                out.append(Violation(
                    self.name,
                    f"{plan.where(p)} is {races[0] - p.day} day(s) before the race on "
                    f"{plan.race_label(races[0])}; {self.name} is {value}",
                    days=(p.day,),
                    sessions=(p.session,),
                ))
        return out

    def relaxations(self, value: Any) -> list[Any]:
        return counting_down(value)

    def why(self, plan: PlacedPlan, p: Placed, value: Any) -> list[str]:
        if not p.type.heavy_legs:
            return []
        later = [r for r in plan.race_days if r >= p.day]
        if not later or later[0] - p.day <= value:
            return []
        days = later[0] - p.day
        return [f"{days} days before the race on {plan.race_label(later[0])}, outside the "
                f"{value}-day taper (taper_days: {value})"]


MEMBER = TaperDays()
