from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from runlift.rules.base import CostTerm, Rule, Violation, cost
from runlift.rules.predicates import predicate
from runlift.rules.values import Count, counting_down

if TYPE_CHECKING:
    from runlift.models.plan import Placed, PlacedPlan
    from runlift.models.problem import Problem
    from runlift.rules.encoding import Encoding, Lit


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
        """No heavy legs in the taper of race_date or of a pinned race (in a repeating
        template, the taper reaches into its previous copy: the same days, wrapped)."""
        races = {f.day for f in problem.fixed if problem.catalog[f.session].kind == "race"}
        if problem.race_date_day is not None:
            races.add(problem.race_date_day)
        heavy = [t for t in problem.session_types() if problem.catalog[t].heavy_legs]
        timeline = problem.timeline
        days = {day for r in races for d in range(r - value, r + 1)
                if (day := timeline.horizon_day(d)) is not None}
        return {(t, d) for d in days for t in heavy}

    def encode(self, ctx: Encoding, value: Any, soft: bool) -> list[CostTerm]:
        terms = []
        for d, races in sorted(self._tapers(ctx, value).items()):
            if not soft:
                for race in races:
                    ctx.none_if(ctx.day_lits("heavy", d), race, self.key)
                continue
            for cell in ctx.day_cells(d):
                heavy = ctx.cell_bool("heavy", cell)
                if ctx.is_false(heavy):
                    continue
                # One unit per heavy-legs session in a taper, however many races it is
                # before: a literal above "heavy and this race" for each race.
                tapering = ctx.new_bool(f"taper{cell}")
                for race in races:
                    ctx.clause([ctx.negated(heavy), ctx.negated(race), tapering])
                terms.append(cost(self.name, 1, tapering))
        return terms

    def _tapers(self, ctx: Encoding, value: Any) -> dict[int, list[Lit]]:
        """Each day that heavy legs may use and that lies in a taper, with the literals
        of the races whose taper it is: races in the horizon (their taper may reach into
        history, or a template's previous copy) and race_date (the horizon's days)."""
        problem = ctx.problem
        tapers: dict[int, list[Lit]] = {}
        for e in range(problem.days):
            for race in ctx.day_lits("race", e):
                for d in range(e - value, e + 1):
                    if ctx.day_lits("heavy", d):
                        tapers.setdefault(d, []).append(race)
        race_date = problem.race_date_day
        if race_date is not None:
            for d in range(max(race_date - value, 0), min(race_date, problem.days - 1) + 1):
                if ctx.day_lits("heavy", d):
                    tapers.setdefault(d, []).append(ctx.true)
        return tapers

    def check(self, plan: PlacedPlan, value: Any) -> list[Violation]:
        out = []
        # A race of the plan counts against heavy legs before it, history (or a template's
        # previous copy) included; race_date only against the plan's own days.
        races_held = sorted({p.day for p in plan.sessions_where(predicate("race"))
                             if not p.known})
        race_date = plan.problem.race_date_day
        for p in plan.sessions_where("heavy_legs"):
            races = [r for r in races_held if r - value <= p.day <= r]
            if not p.known and race_date is not None and race_date - value <= p.day <= race_date:
                races = sorted({*races, race_date})
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
