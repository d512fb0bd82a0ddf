"""The block level: each week's minutes (for the scaled types) and counts (where a phase
gives a range), chosen in one small CP-SAT model over the weekly loads.

A week's load is the sum of its training sessions' loads wherever they sit, so the
weekly loads, and every guardrail over them, are exact here, before any week is placed.
Races are not training load (the guardrails leave them out). The objective is fitness
on race morning (CTL, runlift.models.fitness), estimated with each week's load spread
evenly over its days; the daily placement of the weeks decides the actual figure, which
the block reports. Soft guardrails come first: their excess load is minimised, then the
fitness maximised with that excess fixed (a lexicographic objective, two solves).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from runlift.models.fitness import ATL_DAYS, CTL_DAYS, weights_on
from runlift.models.status import Status
from runlift.solver.cpsat import INF, CpModel, Lit, Search
from runlift.solver.params import search_parameters

if TYPE_CHECKING:
    from runlift.block.weeks import WeekSpec
    from runlift.models.problem import Problem

Terms = list[tuple[Lit, int]]
FITNESS_SCALE = 10_000  # the fitness weights in ten-thousandths
LEVEL_TIME_LIMIT = 5.0
FORM_KEY = "race_form"


@dataclass(frozen=True)
class LoadExpr:
    """A weekly load in the model: sum(coef * lit) + constant."""

    terms: tuple[tuple[Lit, int], ...]
    constant: int


@dataclass(frozen=True)
class WeeklyLoads:
    """The block's actual weekly training loads, for the plain checks of the guardrails:
    ``loads[k]`` is week k+1's; ``history`` the full weeks before week 1, oldest first."""

    specs: list[WeekSpec]
    loads: list[int]
    history: list[int] = field(default_factory=list)
    least: list[int] = field(default_factory=list)  # each week's least possible load

    def reference(self, k: int) -> int | None:
        """The load of week k+1's reference week (see WeekSpec.ref)."""
        ref = self.specs[k].ref
        if ref is None:
            return None
        return self.history[-1] if ref == 0 else self.loads[ref - 1]

    def before(self, k: int, weeks: int) -> list[int] | None:
        """The loads of the ``weeks`` weeks before week k+1 (history included), or None
        when the known span is shorter."""
        earlier = [*self.history, *self.loads[:k]]
        return earlier[-weeks:] if len(earlier) >= weeks else None


@dataclass
class LevelAnswer:
    status: Status
    choices: list[Choice] = field(default_factory=list)
    excess: int = 0  # load points beyond the soft guardrails
    fitness: float = 0.0  # estimated race-morning CTL of the training load
    form: float = 0.0  # estimated race-morning TSB, history and pinned races included


@dataclass
class Choice:
    """What the block level chose for one week: counts and minutes."""

    counts: dict[str, int]
    minutes: dict[str, int]
    load: int


class LoadModel:
    """The block level's CP-SAT model: one load expression per week."""

    def __init__(self, specs: list[WeekSpec], problems: list[Problem], history: list[int],
                 least: list[int] | None = None):
        self.model = CpModel()
        self.specs = specs
        self.problems = problems
        self.history = history
        self.count_vars: list[dict[str, Lit]] = []
        self.minute_vars: list[dict[str, Lit]] = []
        self.loads = [self._week_load(k) for k in range(len(specs))]
        # Each week's least load as the block asks it (where ramp_pct starts without
        # history); an explanation's widened model keeps the block's own figures.
        self.least = least if least is not None else [
            load_bounds(self, k)[0] for k in range(len(specs))]
        self.guards: dict[str, Lit] = {}  # member key -> assumption literal (explaining)
        self.explaining = False

    # --- the weekly loads -------------------------------------------------------------
    def _week_load(self, k: int) -> LoadExpr:
        spec, problem = self.specs[k], self.problems[k]
        terms: list[tuple[Lit, int]] = []
        constant = 0
        counts: dict[str, Lit] = {}
        minutes: dict[str, Lit] = {}
        for t in problem.session_types():
            stype = problem.catalog[t]
            if stype.kind == "race":
                continue
            pins = sum(1 for f in problem.fixed if f.session == t)
            low, high = spec.ranges.get(t, (problem.demand.get(t, 0),) * 2)
            if t in spec.scaled:
                choices = spec.scaled[t].choices()
                m = self.model.new_int(choices[0], choices[-1], f"w{k}:{t}:minutes")
                step = self.model.new_int(0, len(choices) - 1, f"w{k}:{t}:step")
                self.model.linear([(m, 1), (step, -spec.scaled[t].step)], choices[0],
                                  choices[0])
                minutes[t] = m
                if low == high:
                    terms.append((m, stype.rpe * (low + pins)))
                else:
                    c = self.model.new_int(low, high, f"w{k}:{t}:count")
                    counts[t] = c
                    product = self.model.new_int(low * choices[0], high * choices[-1],
                                                 f"w{k}:{t}:minutes_total")
                    self.model.product(product, c, m)
                    terms += [(product, stype.rpe), (m, stype.rpe * pins)]
            elif low == high:
                constant += stype.session_load * (low + pins)
            else:
                c = self.model.new_int(low, high, f"w{k}:{t}:count")
                counts[t] = c
                terms.append((c, stype.session_load))
                constant += stype.session_load * pins
        self.count_vars.append(counts)
        self.minute_vars.append(minutes)
        return LoadExpr(tuple(terms), constant)

    def reference(self, k: int) -> LoadExpr | None:
        ref = self.specs[k].ref
        if ref is None:
            return None
        return LoadExpr((), self.history[-1]) if ref == 0 else self.loads[ref - 1]

    def before(self, k: int, weeks: int) -> list[LoadExpr] | None:
        earlier = [LoadExpr((), h) for h in self.history] + self.loads[:k]
        return earlier[-weeks:] if len(earlier) >= weeks else None

    # --- constraints, guarded by member key when explaining -----------------------------
    def bound(self, parts: list[tuple[int, LoadExpr]], low: int, high: int, key: str) -> None:
        """low <= sum(factor * load) <= high, owned by member ``key``."""
        terms, constant = self._combine(parts)
        enforce = [self._guard(key)] if self.explaining else []
        self.model.linear(terms, low - constant if low > -INF else -INF,
                          high - constant if high < INF else INF, enforce)

    def excess(self, parts: list[tuple[int, LoadExpr]], divisor: int, label: str) -> Lit:
        """A variable at least sum(factor * load) / divisor, and 0: the excess load."""
        terms, constant = self._combine(parts)
        top = max(1, sum(abs(c) for _, c in terms) * 600 + abs(constant)) // divisor + 1
        var = self.model.new_int(0, top, label)
        self.model.linear([(var, divisor), *((lit, -c) for lit, c in terms)], constant, INF)
        return var

    def _combine(self, parts: list[tuple[int, LoadExpr]]) -> tuple[Terms, int]:
        terms: Terms = []
        constant = 0
        for factor, load in parts:
            terms += [(lit, coef * factor) for lit, coef in load.terms]
            constant += load.constant * factor
        return terms, constant

    def _guard(self, key: str) -> Lit:
        if key not in self.guards:
            self.guards[key] = self.model.new_bool(key)
        return self.guards[key]

    # --- the objective and the search ---------------------------------------------------
    def _week_weights(self, race_day: int, time_constant: int = CTL_DAYS) -> list[int]:
        """How much one load point of each week adds to the race-morning value (CTL, or
        ATL with its time constant), in FITNESS_SCALE units, with the week's load spread evenly
        over its days before race day (the race week trains before the race)."""
        day_weights = weights_on(race_day, race_day + 1, time_constant)
        out = []
        for spec in self.specs:
            days = [d for d in range(spec.first_day, spec.first_day + spec.days)
                    if d < race_day]
            share = sum(day_weights[d] for d in days) / len(days) if days else 0.0
            out.append(round(FITNESS_SCALE * share))
        return out

    def form_band(self, race_day: int, band: tuple[float, float], known: float) -> None:
        """race_form: the estimated form on race morning (TSB = CTL - ATL, each week's
        training load spread over its days, plus ``known``: what history and the pinned
        races add) within ``band``."""
        ctl, atl = self._week_weights(race_day), self._week_weights(race_day, ATL_DAYS)
        terms: Terms = []
        constant = round(known * FITNESS_SCALE)
        for c, a, load in zip(ctl, atl, self.loads, strict=True):
            terms += [(lit, coef * (c - a)) for lit, coef in load.terms]
            constant += (c - a) * load.constant
        low, high = (round(b * FITNESS_SCALE) - constant for b in band)
        enforce = [self._guard(FORM_KEY)] if self.explaining else []
        self.model.linear(terms, low, high, enforce)

    def form_estimate(self, race_day: int, choices: list[Choice], known: float) -> float:
        ctl, atl = self._week_weights(race_day), self._week_weights(race_day, ATL_DAYS)
        total = sum((c - a) * choice.load for c, a, choice in zip(ctl, atl, choices,
                                                                   strict=True))
        return total / FITNESS_SCALE + known

    def fitness_terms(self, race_day: int) -> Terms:
        """Race-morning CTL (its part that the choices decide), in FITNESS_SCALE units."""
        terms: Terms = []
        for weight, load in zip(self._week_weights(race_day), self.loads, strict=True):
            terms += [(lit, coef * weight) for lit, coef in load.terms]
        return terms

    def fitness_constant(self, race_day: int) -> int:
        return sum(weight * load.constant
                   for weight, load in zip(self._week_weights(race_day), self.loads,
                                           strict=True))

    def solve(self, race_day: int, soft_terms: Terms, time_limit: float = LEVEL_TIME_LIMIT
              ) -> LevelAnswer:
        """Soft guardrails' excess first, then fitness."""
        excess = 0
        status = Status.optimal
        if soft_terms:
            self.model.minimize(soft_terms)
            first = Search(search_parameters(time_limit, strong=True)).run(self.model)
            if not first.status.has_plan:
                return LevelAnswer(first.status)
            excess = first.objective
            status = first.status
            self.model.linear(soft_terms, -INF, excess)
        fitness = self.fitness_terms(race_day)
        self.model.minimize([(lit, -coef) for lit, coef in fitness])
        response = Search(search_parameters(time_limit, strong=True)).run(self.model)
        if not response.status.has_plan:
            return LevelAnswer(response.status)
        if response.status != Status.optimal:
            status = response.status
        choices = []
        for k, load in enumerate(self.loads):
            counts = {t: response.value(v) for t, v in self.count_vars[k].items()}
            minutes = {t: response.value(v) for t, v in self.minute_vars[k].items()}
            total = load.constant + sum(coef * response.value(lit) for lit, coef in load.terms)
            choices.append(Choice(counts, minutes, total))
        constant = self.fitness_constant(race_day)
        return LevelAnswer(status, choices, excess,
                           (response.total(fitness) + constant) / FITNESS_SCALE)


def least_load(spec: WeekSpec, problem: Problem) -> int:
    """The least training load week ``spec`` can take: every count at its least and every
    scaled type at its least minutes (plain arithmetic, for the checks)."""
    total = 0
    for t in problem.session_types():
        stype = problem.catalog[t]
        if stype.kind == "race":
            continue
        count = spec.ranges.get(t, (problem.demand.get(t, 0),))[0]
        count += sum(1 for f in problem.fixed if f.session == t)
        minutes = spec.scaled[t].minutes[0] if t in spec.scaled else stype.minutes
        total += count * stype.rpe * minutes
    return total


def load_bounds(model: LoadModel, k: int) -> tuple[int, int]:
    """The least and most load week k+1 can take, from its counts and minutes alone."""
    low = high = model.loads[k].constant
    proto = model.model.proto
    for lit, coef in model.loads[k].terms:
        domain = list(proto.variables[lit].domain)
        a, b = domain[0] * coef, domain[-1] * coef
        low, high = low + min(a, b), high + max(a, b)
    return low, high


def setting_of(progression: dict[str, Any], name: str, default: Any) -> Any:
    return progression.get(name, default)
