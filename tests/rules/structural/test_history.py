"""history: what was done before day 0. A structural member whose slots the model's
context answers itself (a constant, or the member's literal in an explanation)."""

from __future__ import annotations

from rule_kit import bare, verify
from scenario_kit import make

from runlift.rules import STRUCTURAL
from runlift.scenario.resolve import resolve

HISTORY = STRUCTURAL["history"]
DONE = [{"day": -1, "slot": "am", "session": "lower_strength"},
        {"day": -3, "slot": "pm", "session": "tempo", "minutes": 30}]


def test_each_entry_is_a_key_with_a_sentence_and_no_relaxation():
    problem = resolve(make(history=DONE))
    assert sorted(HISTORY.keys(problem)) == ["history:0", "history:1"]
    assert HISTORY.phrase(problem, "history:0") == (
        "history: lower_strength on sun -1 am was done")
    assert HISTORY.candidates(problem, "history:0") == []  # the past cannot change


def test_dropping_an_entry_leaves_the_others():
    problem = resolve(make(history=DONE))
    assert [k.index for k in HISTORY.drop(problem, {"history:0"}).history] == [1]


def test_history_adds_nothing_and_checks_nothing():
    verify("history", None, history=DONE).given("mon am tempo").reports_nothing()


def test_a_history_session_binds_the_bare_model_of_a_pair_rule():
    # Heavy legs on the day before day 0: a key run on day 0 is too close for 24 h.
    done = [{"day": -1, "slot": "am", "session": "lower_strength"}]
    assert bare("lift_to_key_hours", 24, days=2, history=done).force("mon am tempo").infeasible
    assert bare("lift_to_key_hours", 24, days=2, history=done).force("tue am tempo").feasible
    assert bare("lift_to_key_hours", 24, days=2).force("mon am tempo").feasible


def test_what_history_actually_lasted_counts():
    # The lift, cut to 10 minutes, ends at 07:10: the next day's 07:00 slot is 23 h 50 min
    # after it, enough for 23 h and not for 24 h.
    short = [{"day": -1, "slot": "am", "session": "lower_strength", "minutes": 10}]
    assert bare("lift_to_key_hours", 23, days=1, history=short).force("mon am tempo").feasible
    assert bare("lift_to_key_hours", 24, days=1, history=short).force("mon am tempo").infeasible
