"""The independent checker on hand-made weeks: structural rules and objective terms."""

from __future__ import annotations

import pytest
from scenario_kit import check, make

from runlift.checker import Placement, check_plan
from runlift.scenario.resolve import resolve


def structural(report, rule: str) -> list:
    return [v for v in report.violations if v.rule == rule]


# --- structure -------------------------------------------------------------------------

def test_a_plan_that_matches_the_counts_passes():
    sc = make(days=2, sessions={"easy_run": 2, "core": 1})
    report = check(sc, "mon am easy_run", "tue am easy_run", "tue pm core")
    assert report.ok
    assert report.violations == [] and report.total == 0


def test_missing_and_extra_sessions_are_counted():
    sc = make(days=2, sessions={"easy_run": 2, "core": 1})
    report = check(sc, "mon am easy_run", "tue am tempo", "tue pm core", "mon pm core")
    found = {v.sessions: (v.amount, v.message) for v in structural(report, "sessions")}
    assert found == {
        ("core",): (1, "the week asks for 1 core, the plan has 2"),
        ("easy_run",): (1, "the week asks for 2 easy_run, the plan has 1"),
        ("tempo",): (1, "the week asks for 0 tempo, the plan has 1"),
    }
    assert not report.ok


def test_pins_count_towards_their_type_on_top_of_the_demand():
    sc = make(days=2, sessions={"tempo": 1}, fixed=[{"session": "tempo", "day": "tue",
                                                      "slot": "am"}])
    assert check(sc, "mon am tempo", "tue am tempo").ok
    (violation,) = structural(check(sc, "tue am tempo"), "sessions")
    assert violation.message == "the week asks for 2 tempo, the plan has 1"


def test_a_moved_pin_is_flagged():
    sc = make(days=2, fixed=[{"session": "intervals", "day": "tue", "slot": "am"}])
    report = check(sc, "tue pm intervals")
    (violation,) = structural(report, "fixed")
    assert violation.message == "intervals is pinned on tue am but is not there"
    assert violation.days == (1,)
    assert structural(report, "sessions") == []


def test_sessions_in_unavailable_slots_are_flagged():
    sc = make(days=3, sessions={"easy_run": 3}, unavailable=["mon", "wed pm"])
    report = check(sc, "mon am easy_run", "wed pm easy_run", "wed am easy_run")
    found = structural(report, "unavailable")
    assert [v.message for v in found] == ["easy_run on mon am is in an unavailable slot",
                                          "easy_run on wed pm is in an unavailable slot"]
    assert check(sc, "tue am easy_run", "tue pm easy_run", "wed am easy_run").ok


def test_two_sessions_in_one_slot_are_flagged():
    sc = make(days=2, sessions={"easy_run": 1, "core": 1, "mobility": 1})
    report = check(sc, "mon am easy_run", "mon am core", "mon am mobility")
    (violation,) = structural(report, "one_per_slot")
    assert violation.amount == 2
    assert violation.message == "3 sessions in mon am"


def test_the_same_placement_twice_is_two_sessions_in_one_slot():
    sc = make(days=1, sessions={"easy_run": 2})
    report = check_plan(resolve(sc), [Placement(0, 0, "easy_run")] * 2)
    assert [v.rule for v in report.violations] == ["one_per_slot"]


def test_hard_rules_are_violations_and_soft_rules_are_costs():
    sc = make(days=2, slots={"am": "07:00"}, sessions={"tempo": 2},
              rules={"no_back_to_back_hard": True, "max_hard_days": 1},
              soft={"max_hard_days": 3})
    report = check(sc, "mon am tempo", "tue am tempo")
    assert [v.rule for v in report.violations] == ["no_back_to_back_hard"]
    assert [v.rule for v in report.soft_violations] == ["max_hard_days"]
    assert report.costs == {"max_hard_days": 3}


# --- objective terms ----------------------------------------------------------------------

def test_balance_is_the_peak_day_in_tens_rounded_up():
    sc = make(days=2, sessions={"tempo": 1, "easy_run": 1, "core": 1},
              weights={"balance": 2})
    # tempo 7 x 50 = 350, easy_run 3 x 45 = 135, core 4 x 20 = 80.
    report = check(sc, "mon am tempo", "mon pm easy_run", "tue am core")
    assert report.plan.daily_load() == [485, 80]
    assert report.costs == {"balance": 2 * 49}


def test_balance_uses_an_explicit_load_override():
    sc = make(days=1, sessions={"core": 1}, catalog={"core": {"load": 101}},
              weights={"balance": 1})
    assert check(sc, "mon am core").costs == {"balance": 11}


def test_preferences_cost_each_session_off_its_days():
    sc = make(days=7, sessions={"lower_strength": 2, "long_run": 1},
              prefer={"lower_strength": ["tue", "fri"], "long_run": ["sat"]},
              weights={"preferences": 3})
    report = check(sc, "tue pm lower_strength", "thu pm lower_strength", "sun am long_run")
    assert report.costs == {"preferences": 3 * 2}
    report = check(sc, "tue pm lower_strength", "fri pm lower_strength", "sat am long_run")
    assert report.costs == {"preferences": 0}


@pytest.mark.parametrize(("second", "cost"), [("wed", 2), ("thu", 1), ("fri", 0), ("sun", 0)])
def test_spread_costs_days_short_of_the_ideal_gap(second, cost):
    # Two sessions in seven days: the ideal gap is 7 // 2 = 3 days (tue/fri).
    sc = make(days=7, sessions={"upper_body": 2}, weights={"spread": 5})
    report = check(sc, "tue am upper_body", f"{second} am upper_body")
    assert report.costs == {"spread": 5 * cost}


def test_spread_counts_every_pair_and_same_day_pairs():
    # Three in six days: ideal gap 2. mon/mon -> 2, mon/tue -> 1 (twice).
    sc = make(days=6, sessions={"easy_run": 3}, weights={"spread": 1})
    report = check(sc, "mon am easy_run", "mon pm easy_run", "tue am easy_run")
    assert report.costs == {"spread": 2 + 1 + 1}


def test_a_single_session_has_no_spread_cost():
    sc = make(days=7, sessions={"tempo": 1}, weights={"spread": 1})
    assert check(sc, "mon am tempo").costs == {"spread": 0}


def test_zero_weights_leave_terms_out_and_total_adds_the_rest():
    sc = make(days=4, sessions={"tempo": 2}, prefer={"tempo": ["mon"]},
              weights={"balance": 1, "preferences": 0, "spread": 4},
              rules={"max_hard_days": 1}, soft={"max_hard_days": 7})
    report = check(sc, "mon am tempo", "tue am tempo")
    assert report.costs == {"balance": 35, "spread": 4 * 1, "max_hard_days": 7}  # gap 4 // 2
    assert report.total == 35 + 4 + 7
