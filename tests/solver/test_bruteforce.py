"""A brute-force oracle on tiny horizons: enumerate every layout of the sessions, keep
those the independent checker passes, and rank them with the checker (the fewest missed
preferences first when they come first, then the least total). The solver's optimum must
rank as the best, and the solver must say infeasible exactly when no layout passes."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from scenario_strategies import scenarios
from timeline_strategies import joined_scenarios

from runlift.checker import Placement, check_plan
from runlift.models.problem import Problem
from runlift.models.result import Result
from runlift.planning import solve_problem
from runlift.scenario.model import Scenario
from runlift.scenario.resolve import resolve

Cell = tuple[int, int]


def layouts(problem: Problem) -> Iterator[list[Placement]]:
    """Every way to put the week's sessions (demand and pins) in distinct cells, closed
    cells included: the checker, not the enumeration, rules out pins and closed slots."""
    types = [(t, problem.total_count(t)) for t in problem.session_types()]

    def place(i: int, free: tuple[Cell, ...]) -> Iterator[list[Placement]]:
        if i == len(types):
            yield []
            return
        name, count = types[i]
        for chosen in combinations(free, count):
            rest = tuple(c for c in free if c not in chosen)
            for tail in place(i + 1, rest):
                yield [Placement(d, s, name) for d, s in chosen] + tail

    yield from place(0, tuple(problem.cells))


def exhaustive_optimum(problem: Problem) -> tuple[int, int] | None:
    """The best checker rank over every passing layout: the fewest missed preferences
    when they come first (0 otherwise), then the least total; None when none passes."""
    best = None
    for placements in layouts(problem):
        report = check_plan(problem, placements)
        if report.ok and (best is None or report.rank < best):
            best = report.rank
    return best


def solver_rank(problem: Problem, result: Result) -> tuple[int, int]:
    """The result's rank, as the checker ranks a plan: its first level, then its total."""
    terms = result.objective.terms
    return (sum(terms.get(name, 0) for name in problem.first_terms), result.objective.total)


tiny_scenarios = scenarios(max_sessions=5, max_days=3, max_slots=2)


@settings(max_examples=70, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(tiny_scenarios)
def test_solver_optimum_equals_the_exhaustive_optimum(doc):
    problem = resolve(Scenario.model_validate(doc))
    best = exhaustive_optimum(problem)
    result = solve_problem(problem, explain=False)
    if best is None:
        assert result.status == "infeasible"
    else:
        assert result.status == "optimal"
        assert solver_rank(problem, result) == best


@settings(max_examples=30, deadline=None, derandomize=True)
@given(st.integers(1, 3), st.integers(1, 2), st.integers(0, 3))
def test_enumeration_counts_every_layout(days, slots, count):
    """C(cells, count) layouts for one session type: the oracle misses nothing."""
    from math import comb

    assume(count <= days * slots)  # more is bad input: the horizon cannot hold it
    doc = {"days": days, "slots": {f"s{i}": f"0{i}:00" for i in range(slots)},
           "sessions": {"easy_run": count}}
    problem = resolve(Scenario.model_validate(doc))
    assert sum(1 for _ in layouts(problem)) == comb(days * slots, count)


@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(joined_scenarios(max_sessions=4, max_days=3, max_slots=2))
def test_with_history_or_repeat_the_optimum_is_the_exhaustive_one(doc):
    """The same oracle across the edge: the checker sees history (or the template's own
    copies) by itself, so its cheapest passing layout is the optimum the solver must
    find."""
    problem = resolve(Scenario.model_validate(doc))
    best = exhaustive_optimum(problem)
    result = solve_problem(problem, explain=False)
    if best is None:
        assert result.status == "infeasible"
    else:
        assert result.status == "optimal"
        assert solver_rank(problem, result) == best
