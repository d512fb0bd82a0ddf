"""The explanation never counts "undecided" as an answer: with its searches' limits
lowered until they run out, every relaxation it still offers solves, every conflict it
calls minimal is minimal, and what it could not prove is said in plain words. Plus the
weeks that once fooled it, with their proven answers."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from property_kit import PROPERTY_SETTINGS
from scenario_kit import apply_relaxation
from scenario_strategies import scenarios

from runlift.api import solve
from runlift.planning import solve_problem
from runlift.scenario.model import Scenario
from runlift.scenario.resolve import resolve
from runlift.solver import explain


def strong_answer(doc: dict[str, Any]) -> bool:
    """Whether the scenario has a plan, by a search given all the time it needs."""
    result = solve_problem(resolve(Scenario.model_validate(doc)), time_limit=60,
                           explain=False)
    assert result.status in ("optimal", "feasible", "infeasible"), "undecided at 60 s"
    return result.has_plan


@pytest.fixture
def starved(monkeypatch):
    """Searches so short that many trials of an explanation stay undecided."""
    monkeypatch.setattr(explain, "QUICK_SEARCH", 0.002)
    monkeypatch.setattr(explain, "STRONG_SEARCH", 0.004)
    monkeypatch.setattr(explain, "RELAXATION_SEARCH", 0.003)


@settings(PROPERTY_SETTINGS, max_examples=40)
@given(scenarios(max_sessions=10, max_days=6))
def test_with_starved_searches_nothing_unproven_is_claimed(doc):
    # (hypothesis and a function-scoped fixture do not mix: patch by hand)
    saved = explain.QUICK_SEARCH, explain.STRONG_SEARCH, explain.RELAXATION_SEARCH
    explain.QUICK_SEARCH, explain.STRONG_SEARCH, explain.RELAXATION_SEARCH = 0.002, 0.004, 0.003
    try:
        result = solve(Scenario.model_validate(doc))
    finally:
        explain.QUICK_SEARCH, explain.STRONG_SEARCH, explain.RELAXATION_SEARCH = saved
    if result.status != "infeasible":
        return
    for relaxation in result.relaxations:
        assert strong_answer(apply_relaxation(doc, relaxation)), relaxation.message
    members = [c.member for c in result.conflicts]
    if not members:
        assert result.notes, "an empty conflict must say why"
        return
    problem = resolve(Scenario.model_validate(doc))
    assert not strong_answer_only(problem, members)
    if result.conflicts_minimal:
        for member in members:
            assert strong_answer_only(problem, [m for m in members if m != member]), member
    else:
        assert any("could not prove" in note for note in result.notes)


def strong_answer_only(problem, keys) -> bool:
    found = solve_problem(explain.only(problem, keys), time_limit=60, explain=False)
    assert found.status != "unknown"
    return found.has_plan


def test_undecided_trials_are_said_in_plain_words(starved):
    # A 14-day horizon whose clash needs real search: with starved searches the
    # explanation cannot prove everything, and says so instead of claiming it.
    doc = {"days": 14, "sessions": {"lower_strength": 5, "intervals": 5, "tempo": 3},
           "unavailable": ["fri"]}
    result = solve(Scenario.model_validate(doc))
    assert result.status == "infeasible"
    assert result.notes or result.conflicts_minimal
    for note in result.notes:
        assert note.startswith(("could not", "found no change", "a relaxation did not"))


# --- the weeks that once went wrong -------------------------------------------------------
SLED_PUSH_WEEK = {
    "days": 12, "slots": {"pm": "18:00", "s1": "23:30", "s2": "09:05"},
    "sessions": {"intervals": 2, "plyometrics": 1, "long_run": 2, "lower_strength": 1,
                 "hills": 1, "sled_push": 1},
    "catalog": {"sled_push": {"kind": "strength", "intensity": "hard", "minutes": 30,
                              "rpe": 10, "heavy_legs": True, "load": 300}},
    "rules": {"same_day_order": "lift_first"},
}
LATE_SLOTS_WEEK = {
    "slots": {"late": "17:30", "dawn": "17:50", "lunch": "21:45"},
    "sessions": {"core": 2, "tempo": 1, "upper_body": 2, "lower_strength": 1, "easy_run": 2,
                 "long_run": 1},
    "rules": {"lift_to_key_hours": 0, "min_rest_days": 3, "no_heavy_legs_day_after_key": False,
              "same_day_order": "lift_first", "same_muscle_hours": 72, "taper_days": False},
}


@pytest.mark.parametrize("doc", [SLED_PUSH_WEEK, LATE_SLOTS_WEEK], ids=["sled-push", "late"])
def test_a_week_that_once_fooled_the_explanation_is_explained_with_proof(doc):
    result = solve(Scenario.model_validate(doc))
    assert result.status == "infeasible"  # proven: a 60 s search agrees
    assert not strong_answer(doc)
    assert result.conflicts and result.relaxations
    for relaxation in result.relaxations:
        assert strong_answer(apply_relaxation(doc, relaxation)), relaxation.message


def test_a_combined_relaxation_gives_each_change_once():
    from scenario_kit import document

    doc = document(sessions={"tempo": 1, "long_run": 1, "upper_body": 5},
                   rules={"max_hard_days": 1, "max_key_runs_per_day": 1,
                          "same_muscle_hours": 48})
    (relaxation,) = solve(Scenario.model_validate(doc)).relaxations
    changes = [relaxation.change, *(c.change for c in relaxation.also)]
    assert len(changes) == len(set(changes))
    assert relaxation.message.count(" and ") == len(relaxation.also)
