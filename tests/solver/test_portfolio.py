"""The search portfolio (runlift.solver.solve): which step decides what, measured in
CP-SAT's deterministic seconds (the same on every machine), not in wall time."""

from __future__ import annotations

from pathlib import Path

import pytest

from runlift.models.problem import Problem
from runlift.models.status import Status
from runlift.scenario.model import Scenario
from runlift.scenario.resolve import resolve
from runlift.solver.params import PLANLESS_LIMIT, QUICK_LIMIT
from runlift.solver.solve import search

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
# Three weeks' worth of sessions a week, Fridays closed: one session more than fits.
EDGE_WEEK = {"easy_run": 4, "long_run": 1, "tempo": 1, "lower_strength": 1, "core": 2,
             "mobility": 2, "upper_body": 1, "posterior_chain": 1}


def edge_problem(weeks: int) -> Problem:
    sessions = {name: count * weeks for name, count in EDGE_WEEK.items()}
    return resolve(Scenario.model_validate({"name": "edge", "days": 7 * weeks,
                                            "sessions": sessions, "unavailable": ["fri"]}))


@pytest.mark.parametrize("weeks", [1, 2, 4])
def test_a_horizon_that_fails_by_counting_is_decided_at_once(weeks: int) -> None:
    """The bare search enumerates such a week for long (0.05 deterministic seconds and
    more before this step); the counting search sees it in a few thousandths."""
    for objective in (True, False):
        found = search(edge_problem(weeks), objective=objective)
        assert found.status == Status.infeasible
        assert found.deterministic_seconds < 0.03


def test_a_week_with_a_plan_stays_with_the_bare_search() -> None:
    """One easy week is proven by the quick search alone, within PLANLESS_LIMIT."""
    easy = resolve(Scenario.model_validate({"name": "easy", "sessions": {"easy_run": 3}}))
    found = search(easy)
    assert found.status == Status.optimal
    assert found.deterministic_seconds <= PLANLESS_LIMIT


def test_the_two_week_example_goes_on_from_its_first_plan() -> None:
    """It has a plan after PLANLESS_LIMIT but no proof: the bare search goes on from it
    and proves it before QUICK_LIMIT (the counting search would need twice as long)."""
    from runlift.api import load_scenario

    found = search(resolve(load_scenario(SCENARIOS / "two-week-block.yaml")))
    assert found.status == Status.optimal
    assert PLANLESS_LIMIT < found.deterministic_seconds < QUICK_LIMIT


def test_a_long_horizon_the_probe_cannot_decide_goes_on_without_the_objective() -> None:
    """bench/hard_weeks/late-slots-28: the probe cloned from the model with the
    objective cannot decide it within PROBE_LIMIT (and the search with the objective
    ended unknown at the default limit). A model built without the objective's rows is
    proven infeasible within about one deterministic second more."""
    from runlift.api import load_scenario
    from runlift.solver.params import PROBE_LIMIT

    hard = SCENARIOS.parent / "bench" / "hard_weeks" / "late-slots-28.yaml"
    found = search(resolve(load_scenario(hard)))
    assert found.status == Status.infeasible
    assert PROBE_LIMIT < found.deterministic_seconds < PROBE_LIMIT + 1.5


def test_a_lean_plan_found_at_the_limit_is_read_from_this_model(monkeypatch) -> None:
    """The lean probe's model numbers its variables its own way: a plan it finds with
    no time left for the objective search is set in a copy of this model and read
    there, so that the plan returned is the plan found (held to the checker)."""
    from runlift.api import load_scenario
    from runlift.checker import check_plan
    from runlift.solver import solve as portfolio

    real = portfolio._lean_probe

    def at_the_limit(built, problem, time_limit):
        found, _, hint = real(built, problem, time_limit)
        return found, time_limit, hint  # as if it had used all the time left

    monkeypatch.setattr(portfolio, "PROBE_LIMIT", 1e-6)  # the first probe: undecided
    monkeypatch.setattr(portfolio, "_lean_probe", at_the_limit)
    hard = SCENARIOS.parent / "bench" / "hard_weeks" / "edge-feasible-28.yaml"
    problem = resolve(load_scenario(hard))
    found = search(problem)
    assert found.status.has_plan
    assert check_plan(problem, found.placements).violations == []
