from __future__ import annotations

from typing import TYPE_CHECKING, Any

from runlift.solver.rules.base import Rule, Violation
from runlift.solver.rules.values import Count, counting_down

if TYPE_CHECKING:
    from runlift.checker.week import Week
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

    def encode(self, ctx: ModelContext, value: Any, soft: bool) -> list[CostTerm]:
        from runlift.solver.context import CostTerm

        problem, terms = ctx.problem, []
        fixed_race = problem.race_date_day
        for d in range(problem.days):
            # Races later in the horizon whose taper covers day d.
            races = [r for e in range(d, min(d + value, problem.days - 1) + 1)
                     if (r := ctx.day_bool("race", e)) is not None]
            in_race_date_taper = fixed_race is not None and fixed_race - value <= d <= fixed_race
            for heavy in ctx.day_slot_bools("heavy", d):
                if in_race_date_taper:
                    if soft:
                        terms.append(CostTerm(self.name, 1, heavy))
                    else:
                        ctx.add(heavy == 0, f"rule:{self.name}")
                elif soft and races:
                    tapering = ctx.model.new_bool_var(f"taper{d}")
                    for race in races:
                        ctx.model.add_bool_or([heavy.Not(), race.Not(), tapering])
                    terms.append(CostTerm(self.name, 1, tapering))
                elif races:
                    for race in races:
                        ctx.add(heavy + race <= 1, f"rule:{self.name}")
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
