"""solve_problem's own guard: the independent checker re-prices every plan."""

from __future__ import annotations

import pytest

from runlift import load_scenario
from runlift.models.result import Result
from runlift.solver.model import build_model
from runlift.solver.params import make_solver
from runlift.solver.solve import SolverCheckError, fill_plan


class _SlackSolver:
    """A solved CpSolver whose objective carries slack, as a time-limited search may."""

    def __init__(self, solver, slack: int) -> None:
        self._solver = solver
        self._slack = slack

    def boolean_value(self, var):
        return self._solver.boolean_value(var)

    def value(self, expr):
        return self._solver.value(expr) + self._slack


def _solved(main_example):
    problem = load_scenario(main_example).problem
    built = build_model(problem)
    solver = make_solver()
    solver.solve(built.model)
    return problem, built, solver


def _empty_result(problem) -> Result:
    return Result(scenario=problem.name, status="feasible", days=[], slots={})


def test_unproven_plan_with_slack_is_priced_by_the_checker(main_example):
    problem, built, solver = _solved(main_example)
    result = _empty_result(problem)
    fill_plan(result, problem, built, _SlackSolver(solver, 7), best_bound=0, proven=False)
    assert result.objective.total == round(solver.objective_value)


def test_proven_plan_must_match_the_checker_exactly(main_example):
    problem, built, solver = _solved(main_example)
    with pytest.raises(SolverCheckError, match="prices the plan"):
        fill_plan(_empty_result(problem), problem, built, _SlackSolver(solver, 7),
                  best_bound=0, proven=True)


def test_a_plan_cheaper_for_the_solver_than_the_checker_is_a_bug(main_example):
    problem, built, solver = _solved(main_example)
    with pytest.raises(SolverCheckError):
        fill_plan(_empty_result(problem), problem, built, _SlackSolver(solver, -1),
                  best_bound=0, proven=False)
