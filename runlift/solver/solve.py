"""Search a problem's model: the plan CP-SAT finds, with its objective and bound.

The plan is not trusted here: runlift.planning holds it to the independent checker.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from runlift.models.plan import Placement
from runlift.models.problem import Problem
from runlift.models.status import Status
from runlift.solver.build import BuiltModel, build_model
from runlift.solver.cpsat import Response, Search
from runlift.solver.params import DEFAULT_TIME_LIMIT, search_parameters


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


def solution_of(built: BuiltModel, response: Response) -> Solution:
    """The plan and price of one problem in a response (its model may be shared)."""
    if not response.status.has_plan:
        return Solution(response.status)
    return Solution(
        status=response.status,
        placements=built.placements(response),
        objective=response.total(built.objective),
        best_bound=response.best_bound if built.terms else 0,
    )


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
    params = search_parameters(time_limit, cells=len(built.ctx.x), days=problem.days, gap=gap)
    response = Search(params).run(built.model)
    found = solution_of(built, response)
    return Solution(found.status, found.placements, found.objective, found.best_bound,
                    build_seconds=built_at - clock,
                    search_seconds=time.perf_counter() - built_at)
