"""Search a problem's model: the plan CP-SAT finds, with its objective and bound.

The search is a portfolio of steps, each started from the best plan found before it. A
problem the size of a week or two is searched first as built, without presolve or the LP
relaxation, which is fastest when the plan is easy to prove (most weeks decide in
milliseconds). A search that has found a plan by PLANLESS_LIMIT goes on, up to
QUICK_LIMIT. One that has found none goes to the counting search, which adds the LP of
the linear constraints (still without presolve): that is what decides a horizon that
fails by counting, near the edge, in the time a plain feasibility model needs. What
neither decides (COUNTING_LIMIT) goes to CP-SAT with presolve and the full LP relaxation
for the rest of the time limit. A larger model (a long horizon) is first asked only
whether a plan exists (the counting search, then presolve, within PROBE_LIMIT), then
optimised from the plan found. Every step runs in deterministic time, so the answer is
the same on every machine.

With terms that come first (``weights: {preferences: first}``, the default), the
objective is lexicographic. The total is searched first, the preferences at 1 a miss, as
before: a plan that misses none is lexicographically best as it is (most weeks). A plan
that misses some is searched again from there, under the ranked objective, in which one
missed preference weighs more than every other term could ever vary together
(runlift.solver.build): its optimum misses the fewest preferences the hard rules allow
and then costs the least total. Its proven bound is given back in units of the total.

The plan is not trusted here: runlift.planning holds it to the independent checker.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from runlift.models.plan import Placement
from runlift.models.problem import Problem
from runlift.models.status import Status
from runlift.solver.build import BuiltModel, build_model
from runlift.solver.cpsat import CpModel, Lit, Parameters, Response, Search
from runlift.solver.params import (
    COUNTING_LIMIT,
    DEFAULT_TIME_LIMIT,
    PLANLESS_LIMIT,
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
    """The quick search, then (when it did not decide) the counting one, then the strong
    one, each from the best plan found before it. Returns the deciding response and the
    deterministic seconds all spent."""
    cells = len(built.ctx.x)
    quick = search_parameters(min(time_limit, PLANLESS_LIMIT), cells=cells,
                              days=problem.days, gap=gap)
    if quick.presolve:
        return _feasibility_first(built, problem, time_limit, gap)
    cells_lits = built.ctx.x.values()
    first, spent = _in_turn(built.model, cells_lits, time_limit, [quick])
    if first.status.proven or time_limit - spent <= 0.01:
        return first, spent
    strong = search_parameters(time_limit, gap=gap, strong=True)
    if first.status.has_plan:  # on its way: the bare search goes on, from that plan
        more = search_parameters(QUICK_LIMIT - spent, cells=cells, days=problem.days, gap=gap)
        steps = [more, strong]
    else:
        steps = [search_parameters(COUNTING_LIMIT, gap=gap, counting=True), strong]
    second, more_spent = _in_turn(built.model, cells_lits, time_limit - spent, steps)
    if second.status == Status.unknown and first.status.has_plan:
        return first, spent + more_spent
    return second, spent + more_spent


def _in_turn(model: CpModel, cells: Iterable[Lit], time_limit: float,
             steps: list[Parameters]) -> tuple[Response, float]:
    """Search with each step's parameters in turn (its time limit capped by what is
    left) until one proves its answer; each step starts from the best plan found so far.
    Returns the deciding response, or the last plan found, and the seconds spent."""
    cells = list(cells)
    spent, best = 0.0, None
    for i, step in enumerate(steps):
        rest = time_limit - spent
        if i and rest <= 0.01:
            break
        response = Search(dataclasses.replace(step, time_limit=min(step.time_limit, rest))
                          ).run(model)
        spent += response.deterministic_time
        if response.status.has_plan or best is None or response.status.proven:
            best = response
        if response.status.proven:
            break
        if response.status.has_plan:  # go on from the best plan found
            model.clear_hints()
            model.hint(response.values(cells))
    assert best is not None
    return best, spent


def _feasibility_first(built: BuiltModel, problem: Problem, time_limit: float, gap: float
                       ) -> tuple[Response, float]:
    """A large model (a long horizon) is first asked only whether a plan exists, without
    its objective, by the counting search: an infeasible horizon is decided in the time
    a plain feasibility model needs, and a feasible one starts its optimisation (with
    presolve and the LP) from the plan found. See _lean_probe for what this probe cannot
    decide within PROBE_LIMIT."""
    counting = search_parameters(min(time_limit, PROBE_LIMIT), counting=True)
    if not built.model.has_objective:
        return _in_turn(built.model, built.ctx.x.values(), time_limit,
                        [counting, search_parameters(time_limit)])
    probe = built.model.clone()
    probe.proto.clear_objective()
    first, spent = _in_turn(probe, built.ctx.x.values(), min(time_limit, PROBE_LIMIT),
                            [counting, search_parameters(PROBE_LIMIT)])
    hint = first.values(built.ctx.x.values()) if first.status.has_plan else []
    lean = first.status == Status.unknown and time_limit - spent > 0.01
    if lean:
        first, more, hint = _lean_probe(built, problem, time_limit - spent)
        spent += more
    rest = time_limit - spent
    if first.status == Status.infeasible or (rest <= 0.01 and not (lean and hint)):
        return first, spent
    if rest <= 0.01:
        # The lean model's plan, found at the very end: its response reads another
        # model's variables, so the plan is set in a copy of this one and read from it.
        fixed = built.model.clone()
        fixed.fix(hint)
        settled = Search(search_parameters(0.01)).run(fixed)
        return settled, spent + settled.deterministic_time
    if hint:
        built.model.clear_hints()
        built.model.hint(hint)
    second = Search(search_parameters(rest, gap=gap)).run(built.model)
    return second, spent + second.deterministic_time


def _lean_probe(built: BuiltModel, problem: Problem, time_limit: float
                ) -> tuple[Response, float, list[tuple[Lit, int]]]:
    """Whether a plan exists, asked of a model built without the objective, until it
    finds one or proves there is none: the response, the deterministic seconds, and the
    plan as a hint for ``built``. The objective's rows (the heaviest day, the spread
    windows) stay in a probe cloned from ``built`` though its objective is cleared; they
    cannot help to find a first plan and can keep the proof of infeasibility from coming
    (a 21-day week near the edge: proven in 1.0 deterministic seconds without them,
    undecided after 10 with them). Tried only after that probe, whose first plan is the
    better start where both find one."""
    lean = build_model(problem, objective=False)
    found, spent = _in_turn(lean.model, lean.ctx.x.values(), time_limit,
                            [search_parameters(min(time_limit, PROBE_LIMIT), counting=True),
                             search_parameters(time_limit)])
    # The two models have the same slot variables, by type and slot.
    hint = ([(built.ctx.x[key], found.value(lit)) for key, lit in lean.ctx.x.items()]
            if found.status.has_plan else [])
    return found, spent, hint


def _ranked(built: BuiltModel, problem: Problem, weighted: Response, time_limit: float,
            gap: float) -> tuple[Solution, float]:
    """The plan of the weighted sum misses a preference that comes first: search the
    ranked objective (lexicographic in one sum), from that plan. Returns the solution,
    its bound in units of the total, and the deterministic seconds spent."""
    built.model.minimize(built.ranked_objective)
    built.model.clear_hints()
    built.model.hint(weighted.values(built.ctx.x.values()))
    response, spent = (weighted, 0.0) if time_limit < 0.01 else _portfolio(
        built, problem, time_limit, gap)
    if response is weighted or not response.status.has_plan:
        # No time left, or nothing found in it: the weighted plan stands, not proven to
        # miss the fewest preferences (its bound is the total's over every plan).
        return dataclasses.replace(solution_of(built, weighted), status=Status.feasible), spent
    found = solution_of(built, response)
    assert found.best_bound is not None and found.first_objective is not None
    bound = built.total_bound(found.best_bound, found.first_objective)
    return dataclasses.replace(found, best_bound=bound), spent


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
    response, spent = _portfolio(built, problem, time_limit, gap)
    found = solution_of(built, response)
    if objective and found.first_objective:
        found, more = _ranked(built, problem, response, time_limit - spent, gap)
        spent += more
    return dataclasses.replace(found, build_seconds=built_at - clock,
                               search_seconds=time.perf_counter() - built_at,
                               deterministic_seconds=spent)
