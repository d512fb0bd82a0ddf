"""Property tests over random scenarios: the solver, the independent checker and the
explanation hold each other to account.

- every plan returned passes the checker, and the solver's proven optimum equals the
  checker's price of the plan;
- the explanation model (every member guarded by an assumption) is feasible exactly when
  the plain model is;
- every conflict set is infeasible on its own and minimal;
- every relaxation offered, applied to the scenario document, makes the week solvable.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from property_kit import PROPERTY_SETTINGS, check_scenario, record
from scenario_kit import document
from scenario_strategies import scenarios

from runlift.models.result import Relaxation
from runlift.planning import SolverCheckError
from runlift.rules import RULES, Candidate
from runlift.solver.explain import GuardedModel


@PROPERTY_SETTINGS
@given(scenarios())
def test_random_scenarios(doc):
    record(check_scenario(doc))


@settings(PROPERTY_SETTINGS, max_examples=60)
@given(scenarios(max_sessions=10, max_days=4))
def test_random_crowded_scenarios(doc):
    """Short horizons packed with sessions: often infeasible, to exercise explanations."""
    record(check_scenario(doc))


BINDING = {
    "days": 3,
    "slots": {"am": "07:00"},
    "sessions": {"tempo": 2},
    "prefer": {"tempo": [0, 1]},
    "weights": {"balance": 0, "preferences": 1, "spread": 0},
}


def test_a_rule_dropped_from_the_encoding_is_caught(monkeypatch):
    """The property would fail if an encoding let a breach through."""
    rule = RULES["no_back_to_back_hard"]
    monkeypatch.setattr(type(rule), "encode", lambda self, ctx, value, soft: [])
    with pytest.raises(SolverCheckError, match="hard days back to back"):
        check_scenario(BINDING)


def test_a_soft_cost_priced_differently_is_caught(monkeypatch):
    """The property would fail if the solver priced a soft rule unlike the checker."""
    rule = RULES["no_back_to_back_hard"]
    encode = type(rule).encode

    def doubled(self, ctx, value, soft):
        return [t.scaled(2) for t in encode(self, ctx, value, soft)]

    monkeypatch.setattr(type(rule), "encode", doubled)
    # Breaking the rule (1, doubled to 2) is cheaper than a session off its day (3).
    doc = {**BINDING, "weights": {**BINDING["weights"], "preferences": 3},
           "soft": {"no_back_to_back_hard": 1}}
    with pytest.raises(SolverCheckError, match="prices the plan"):
        check_scenario(doc)


# Three tempos in three one-slot days clash with no_back_to_back_hard, and on their own
# with max_hard_days 2: the three members together are not a minimal conflict. Every
# other rule is off.
CLASH = document(days=3, slots={"am": "07:00"}, sessions={"tempo": 3},
                 rules={"no_back_to_back_hard": True, "max_hard_days": 2})


def test_a_conflict_with_a_needless_member_is_caught(monkeypatch):
    from runlift.solver import explain

    def everything(problem, keys=None, budget=None, proven=False):
        return explain.ConflictFound(GuardedModel(problem).keys, minimal=True)

    monkeypatch.setattr(explain, "minimal_conflict", everything)
    with pytest.raises(AssertionError, match="is not needed"):
        check_scenario(CLASH)


def test_a_relaxation_that_does_not_solve_the_week_is_caught(monkeypatch):
    from runlift.solver import explain

    def useless(problem, member, core, budget):
        relaxation = Relaxation(rule="max_sessions_per_day",
                                change="rules.max_sessions_per_day", value=5,
                                message="set max_sessions_per_day to 5")
        return Candidate(problem, relaxation)

    monkeypatch.setattr(explain, "_relax", useless)
    with pytest.raises(AssertionError, match="does not make the week solvable"):
        check_scenario(CLASH)
