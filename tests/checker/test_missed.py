"""Every missed preference is listed, with what pushed the session off each preferred
place: a hard rule (named), another preference, a pin, availability, or (weighted) cost."""

from __future__ import annotations

from scenario_kit import make, placements

from runlift.checker import check_plan
from runlift.checker.missed import missed_preferences
from runlift.models.plan import PlacedPlan
from runlift.scenario.resolve import resolve

WEEK = dict(week_start="2027-03-01", weights={"preferences": "first"})


def missed(sc, *cells: str):
    return missed_preferences(PlacedPlan(resolve(sc), placements(sc, *cells)))


def test_a_preference_a_hard_rule_blocks_names_that_rule():
    """Legs preferred on Friday, the long run on Saturday morning: 48 h between a lift and
    a key run leave no room on Friday, and the check says so by the rule's name."""
    sc = make(**WEEK, sessions={"lower_strength": 1, "long_run": 1},
              prefer={"lower_strength": ["fri"]}, rules={"lift_to_key_hours": 48})
    (m,) = missed(sc, "tue pm lower_strength", "sat am long_run")
    assert (m.session, m.wanted, m.got, m.day, m.slot) == ("lower_strength", "fri", "tue pm",
                                                           1, "pm")
    assert m.because == "fri: breaks lift_to_key_hours"
    assert m.by == ["lift_to_key_hours"]


def test_a_closed_day_is_availability():
    sc = make(**WEEK, sessions={"tempo": 1}, prefer={"tempo": ["thu"]}, unavailable=["thu"])
    (m,) = missed(sc, "wed am tempo")
    assert m.because == "thu: closed (unavailable)" and m.by == ["unavailable"]


def test_a_place_another_preferred_session_holds_is_another_preference():
    sc = make(**WEEK, slots={"am": "07:00"}, sessions={"tempo": 1, "long_run": 1},
              prefer={"tempo": ["sat"], "long_run": ["sat"]})
    (m,) = missed(sc, "thu am tempo", "sat am long_run")
    assert m.session == "tempo"
    assert m.because == "sat: long_run keeps its own preferred place"
    assert m.by == ["preferences"]


def test_a_pin_elsewhere_or_in_the_place_is_named():
    pinned_elsewhere = make(**WEEK, fixed=[{"session": "tempo", "day": "wed", "slot": "am"}],
                            prefer={"tempo": ["thu"]})
    (m,) = missed(pinned_elsewhere, "wed am tempo")
    assert m.because == "pinned on wed am (fixed)" and m.by == ["fixed"]
    pin_there = make(**WEEK, slots={"am": "07:00"}, sessions={"tempo": 1},
                     fixed=[{"session": "intervals", "day": "thu", "slot": "am"}],
                     prefer={"tempo": ["thu"]})
    (m,) = missed(pin_there, "wed am tempo", "thu am intervals")
    assert m.because == "thu: intervals is pinned there (fixed)"


def test_an_avoided_place_is_named():
    sc = make(**WEEK, sessions={"tempo": 1}, prefer={"tempo": ["thu am"]},
              avoid={"tempo": ["thu am"]})
    (m,) = missed(sc, "wed am tempo")
    assert m.because == "thu am: tempo avoids it (avoid)" and m.by == ["avoid"]


def test_places_with_the_same_reason_are_written_together_whole_days_by_name():
    sc = make(**WEEK, sessions={"tempo": 1}, prefer={"tempo": ["thu", "fri"]},
              unavailable=["thu", "fri am"], rules={"max_sessions_per_day": 1},
              fixed=[{"session": "easy_run", "day": "fri", "slot": "pm"}])
    (m,) = missed(sc, "wed am tempo", "fri pm easy_run")
    assert m.wanted == "thu, fri"
    assert m.because == ("thu, fri am: closed (unavailable); fri pm: easy_run is pinned "
                         "there (fixed)")


def test_weighted_a_move_that_keeps_the_rules_says_what_it_costs():
    """Weight 1 a miss: the long run stays off Tuesday morning, where the easy run of the
    evening would make the peak day heavier, and the check says what the move costs."""
    sc = make(days=3, slots={"am": "07:00", "pm": "18:00"}, sessions={"long_run": 1,
              "easy_run": 1}, prefer={"long_run": ["1 am"]},
              weights={"preferences": 1, "balance": 1})
    (m,) = missed(sc, "0 am long_run", "1 pm easy_run")
    assert m.because == "tue am: costs more there (balance +14)"
    assert m.by == ["balance"]


def test_nothing_is_listed_when_every_preference_is_honoured_or_they_are_off():
    sc = make(**WEEK, sessions={"tempo": 1}, prefer={"tempo": ["thu"]})
    assert missed(sc, "thu pm tempo") == []
    off = make(sessions={"tempo": 1}, prefer={"tempo": ["thu"]}, weights={"preferences": 0})
    assert missed(off, "wed am tempo") == []


def test_the_check_report_carries_them():
    sc = make(**WEEK, sessions={"tempo": 1}, prefer={"tempo": ["thu"]})
    from runlift.checker.report import plan_report

    report = plan_report(check_plan(resolve(sc), placements(sc, "wed am tempo")))
    assert [m.session for m in report.missed_preferences] == ["tempo"]
