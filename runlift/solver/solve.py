"""Search a problem's model: the plan CP-SAT finds, with its objective and bound.

The search is a two-step portfolio. A problem the size of a week or two is searched
first as built, without presolve or the LP relaxation, which is fastest when the plan is
easy to prove (most weeks decide in milliseconds). When that quick search does not decide
within QUICK_LIMIT, the rest of the time limit goes to CP-SAT with presolve and the full
LP relaxation, started from the best plan found so far: that is what proves the tight
and the infeasible horizons that the bare search keeps enumerating. A larger model (a
long horizon) is first asked only whether a plan exists (PROBE_LIMIT), then optimised
from the plan found. Every step runs in deterministic time, so the answer is the same on
every machine.

With terms that come first (``weights: {preferences: first}``, the default), the
objective is lexicographic: the first terms are minimised alone and held at their least,
then the total is minimised, each level by the portfolio above, the second started from
the first's plan. The plan is optimal only when both levels are proven.

The plan is not trusted here: runlift.planning holds it to the independent checker.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from runlift.models.plan import Placement
from runlift.models.problem import Problem
from runlift.models.status import Status
from runlift.solver.build import BuiltModel, build_model
from runlift.solver.cpsat import INF, Response, Search
from runlift.solver.params import (
    DEFAULT_TIME_LIMIT,
    PROBE_LIMIT,
    QUICK_LIMIT,
    search_parameters,
)


@dataclass(frozen=True)
class Solution:
    """What a search found: a plan (when the status has one), the solver's own price of
    it, the proven bound, and the seconds spent building and searching."""

    status: Status
    placements: list[Placement] = field(default_factory=list)
    objective: int | None = None
    best_bound: int | None = None
    build_seconds: float = 0.0
    search_seconds: float = 0.0
    deterministic_seconds: float = 0.0
    # With terms that come first (a lexicographic objective): their value, minimised
    # before the total. None for a plain weighted sum.
    first_objective: int | None = None


def solution_of(built: BuiltModel, response: Response) -> Solution:
    """The plan and price of one problem in a response (its model may be shared)."""
    if not response.status.has_plan:
        return Solution(response.status, deterministic_seconds=response.deterministic_time)
    first = built.first_objective
    return Solution(
        status=response.status,
        placements=built.placements(response),
        objective=response.total(built.objective),
        best_bound=response.best_bound if built.terms else 0,
        deterministic_seconds=response.deterministic_time,
        first_objective=response.total(first) if first else None,
    )


def _portfolio(built: BuiltModel, problem: Problem, time_limit: float, gap: float
               ) -> tuple[Response, float]:
    """The quick search, then (when it did not decide) the strong one. Returns the
    deciding response and the deterministic seconds both spent."""
    cells = len(built.ctx.x)
    quick = search_parameters(min(time_limit, QUICK_LIMIT), cells=cells, days=problem.days,
                              gap=gap)
    if quick.presolve:
        return _feasibility_first(built, time_limit, gap)
    first = Search(quick).run(built.model)
    spent = first.deterministic_time
    rest = time_limit - spent
    if first.status.proven or rest <= 0.01:
        return first, spent
    if first.status.has_plan:  # go on from the best plan found
        built.model.clear_hints()
        built.model.hint(first.values(built.ctx.x.values()))
    second = Search(search_parameters(rest, gap=gap, strong=True)).run(built.model)
    spent += second.deterministic_time
    if second.status == Status.unknown and first.status.has_plan:
        return first, spent
    return second, spent


def _feasibility_first(built: BuiltModel, time_limit: float, gap: float
                       ) -> tuple[Response, float]:
    """A large model (a long horizon) is first asked only whether a plan exists, without
    its objective: an infeasible horizon is decided in the time a plain feasibility
    model needs, and a feasible one starts its optimisation from the plan found."""
    if not built.model.has_objective:
        response = Search(search_parameters(time_limit, gap=gap)).run(built.model)
        return response, response.deterministic_time
    probe = built.model.clone()
    probe.proto.clear_objective()
    first = Search(search_parameters(min(time_limit, PROBE_LIMIT))).run(probe)
    spent = first.deterministic_time
    rest = time_limit - spent
    if first.status == Status.infeasible or rest <= 0.01:
        return first, spent
    if first.status.has_plan:
        built.model.clear_hints()
        built.model.hint(first.values(built.ctx.x.values()))
    second = Search(search_parameters(rest, gap=gap)).run(built.model)
    return second, spent + second.deterministic_time


@dataclass(frozen=True)
class FirstLevel:
    """What minimising the first terms alone found: the least value (None without a
    plan), the deterministic seconds it took, and whether it is proven."""

    response: Response
    least: int | None
    spent: float

    @property
    def proven(self) -> bool:
        return self.response.status == Status.optimal


def first_level(built: BuiltModel, problem: Problem, time_limit: float) -> FirstLevel:
    """Minimise the first terms alone, then hold them at their least: every plan the
    model allows from now on misses no more than the best one found."""
    first = built.first_objective
    built.model.minimize(first)
    response, spent = _portfolio(built, problem, time_limit, 0.0)
    if not response.status.has_plan:
        return FirstLevel(response, None, spent)
    least = response.total(first)
    built.model.linear(first, -INF, least)
    built.model.clear_hints()
    built.model.hint(response.values(built.ctx.x.values()))
    built.model.minimize(built.objective)
    return FirstLevel(response, least, spent)


def _lexicographic(built: BuiltModel, problem: Problem, time_limit: float, gap: float
                   ) -> tuple[Response, float]:
    """The first terms minimised, then the total among the plans that keep them at their
    least. Optimal only when both levels are proven. Returns the deciding response and
    the deterministic seconds both spent."""
    level = first_level(built, problem, time_limit)
    spent = level.spent
    if level.least is None:
        return level.response, spent
    rest = max(time_limit - spent, 0.01)
    response, more = _portfolio(built, problem, rest, gap)
    spent += more
    if not response.status.has_plan:  # the time ran out: the first level's plan stands
        response = level.response
        response.status = Status.feasible
    elif not level.proven:
        response.status = Status.feasible
    return response, spent


def search(problem: Problem, *, time_limit: float = DEFAULT_TIME_LIMIT,
           hint: Sequence[Placement] | None = None, gap: float = 0.0,
           objective: bool = True) -> Solution:
    """The best plan of ``problem`` within ``time_limit`` (deterministic seconds).
    ``hint``: a plan to start from (a warm start). ``objective``: False asks only
    whether a plan exists."""
    clock = time.perf_counter()
    built = build_model(problem, objective=objective)
    if hint:
        built.hint(list(hint))
    built_at = time.perf_counter()
    if objective and built.first_objective:
        response, spent = _lexicographic(built, problem, time_limit, gap)
    else:
        response, spent = _portfolio(built, problem, time_limit, gap)
    found = solution_of(built, response)
    return dataclasses.replace(found, build_seconds=built_at - clock,
                               search_seconds=time.perf_counter() - built_at,
                               deterministic_seconds=spent)
