"""taper_days: no heavy-legs session on a race day or in the N days before it (a race in
the horizon, or race_date)."""

from __future__ import annotations

import pytest
from rule_kit import bare, verify
from scenario_kit import assert_plan, check, make, rule_violations, solve

from runlift.scenario.resolve import resolve

# mon 2027-03-01 .. wed; race_date is fri 2027-03-05 (day 4, beyond the horizon).
# lower_strength is preferred on wed, 3 off it; a 2-day taper covers wed, thu and fri.
RACE_ON_FRIDAY = {
    "days": 3,
    "week_start": "2027-03-01",
    "race_date": "2027-03-05",
    "slots": {"am": "07:00"},
    "sessions": {"lower_strength": 1},
    "prefer": {"lower_strength": ["wed"]},
    "weights": {"preferences": 3},
}


def lift_days(result) -> list[str]:
    return [e.weekday for e in result.plan if e.heavy_legs]


def test_solver_keeps_heavy_legs_out_of_the_taper_before_race_date():
    result = solve(make(**RACE_ON_FRIDAY, rules={"taper_days": 2}))
    assert_plan(result)
    assert lift_days(result) in (["mon"], ["tue"])
    assert result.objective.total == 3


def test_a_shorter_taper_lets_the_lift_stay():
    assert lift_days(solve(make(**RACE_ON_FRIDAY, rules={"taper_days": 1}))) == ["wed"]


def test_without_the_rule_the_lift_takes_its_preferred_day():
    assert lift_days(solve(make(**RACE_ON_FRIDAY))) == ["wed"]


def test_a_race_pinned_in_the_horizon_starts_a_taper_and_zero_means_race_day_only():
    base = {"days": 4, "sessions": {"lower_strength": 1},
            "fixed": [{"session": "race", "day": "thu", "slot": "am"}],
            "prefer": {"lower_strength": ["wed", "thu"]}, "weights": {"preferences": 3}}
    assert lift_days(solve(make(**base, rules={"taper_days": 1}))) in (["mon"], ["tue"])
    assert lift_days(solve(make(**base, rules={"taper_days": 0}))) == ["wed"]


def test_a_race_the_solver_places_also_starts_a_taper():
    sc = make(days=3, slots={"am": "07:00"}, sessions={"race": 1, "lower_strength": 1},
              prefer={"race": ["wed"], "lower_strength": ["tue"]},
              weights={"preferences": 3}, rules={"taper_days": 1})
    result = solve(sc)
    assert_plan(result)
    assert result.objective.total == 3
    race_day = next(e.day for e in result.plan if e.session == "race")
    lift_day = next(e.day for e in result.plan if e.heavy_legs)
    assert not race_day - 1 <= lift_day <= race_day


def test_a_lift_that_cannot_leave_the_taper_is_infeasible():
    result = solve(make(**RACE_ON_FRIDAY, rules={"taper_days": 10}))
    assert result.status == "infeasible"
    assert {c.member for c in result.conflicts} == {"rule:taper_days",
                                                     "sessions:lower_strength"}


def test_checker_names_the_race_and_the_days_before_it():
    sc = make(**{**RACE_ON_FRIDAY, "sessions": {"lower_strength": 1, "plyometrics": 1,
                                                "tempo": 1}}, rules={"taper_days": 2})
    report = check(sc, "mon am plyometrics", "tue am tempo", "wed am lower_strength")
    (violation,) = rule_violations(report, "taper_days")
    assert violation.sessions == ("lower_strength",)
    assert violation.message == ("lower_strength on wed am is 2 day(s) before the race on "
                                 "fri 2027-03-05; taper_days is 2")


def test_checker_flags_heavy_legs_on_the_race_day_itself():
    sc = make(days=1, sessions={"race": 1, "lower_strength": 1}, rules={"taper_days": 0})
    (violation,) = rule_violations(check(sc, "mon am race", "mon pm lower_strength"),
                                   "taper_days")
    assert violation.message == ("lower_strength on mon pm is 0 day(s) before the race on "
                                 "mon; taper_days is 0")


def test_checker_ignores_lifts_after_the_race():
    sc = make(days=2, sessions={"race": 1, "lower_strength": 1}, rules={"taper_days": 10})
    assert check(sc, "mon am race", "tue am lower_strength").ok


@pytest.mark.parametrize(("weight", "breaks"), [(2, True), (4, False)])
def test_soft_rule_trades_against_preferences(weight, breaks):
    result = solve(make(**RACE_ON_FRIDAY, rules={"taper_days": 2}, soft={"taper_days": weight}))
    assert_plan(result)
    if breaks:
        assert lift_days(result) == ["wed"]
        assert result.objective.terms == {"preferences": 0, "taper_days": weight}
    else:
        assert lift_days(result) != ["wed"]
        assert result.objective.terms == {"preferences": 3, "taper_days": 0}


def test_soft_rule_with_placed_races_costs_once_per_session():
    # Three one-slot days, all filled: the lift on tue (preferred) sits 1 day before a race
    # on wed; on mon it would sit before both races and off its day.
    sc = make(days=3, slots={"am": "07:00"}, sessions={"race": 2, "lower_strength": 1},
              prefer={"lower_strength": ["tue"]}, weights={"preferences": 10},
              rules={"taper_days": 2}, soft={"taper_days": 3})
    result = solve(sc)
    assert_plan(result, {"mon am race", "tue am lower_strength", "wed am race"})
    assert result.objective.terms == {"preferences": 0, "taper_days": 3}
    report = check(sc, "mon am lower_strength", "tue am race", "wed am race")
    assert report.costs == {"preferences": 10, "taper_days": 3}  # two races, one session


def test_soft_cost_in_checker_is_weight_per_session():
    sc = make(**{**RACE_ON_FRIDAY, "sessions": {"lower_strength": 1, "plyometrics": 1}},
              rules={"taper_days": 4}, soft={"taper_days": 5})
    report = check(sc, "mon am plyometrics", "wed am lower_strength")
    assert report.ok
    assert report.costs["taper_days"] == 5 * 2


@pytest.mark.parametrize("off", [{"rules": {"taper_days": False}},
                                 {"soft": {"taper_days": 0}}])
def test_switched_off(off):
    sc = make(**RACE_ON_FRIDAY, **off)
    assert "taper_days" not in resolve(sc).rules
    assert lift_days(solve(sc)) == ["wed"]


# --- the encoding alone: the bare model with taper_days, placements forced ---------------

RACE_ON_THURSDAY = ("thu am race",)
PINNED_RACE = {"fixed": [{"session": "race", "day": "thu", "slot": "am"}]}
# A race on day 8, a Tuesday beyond a 7-day horizon that starts on Monday 1 March.
RACE_DATE = {"week_start": "2027-03-01", "race_date": "2027-03-09"}


def test_bare_heavy_legs_in_the_taper_is_infeasible():
    assert bare("taper_days", 2).force(*RACE_ON_THURSDAY, "tue pm lower_strength").infeasible


def test_bare_a_shorter_taper_or_off_allows_it():
    assert bare("taper_days", 1).force(*RACE_ON_THURSDAY, "tue pm lower_strength").feasible
    assert bare("taper_days", False).force(*RACE_ON_THURSDAY, "tue pm lower_strength").feasible


def test_bare_the_taper_ends_exactly_n_days_before_the_race():
    assert bare("taper_days", 2).force(*RACE_ON_THURSDAY, "mon pm lower_strength").feasible


def test_bare_zero_keeps_the_race_day_itself_free():
    assert bare("taper_days", 0).force(*RACE_ON_THURSDAY, "thu pm lower_strength").infeasible
    assert bare("taper_days", 0).force(*RACE_ON_THURSDAY, "wed pm lower_strength").feasible


def test_bare_lifts_after_the_race_are_free():
    assert bare("taper_days", 10).force("mon am race", "tue am lower_strength").feasible


@pytest.mark.parametrize("every_cell", [False, True], ids=["plain", "every_cell"])
def test_bare_a_pinned_race_or_race_date_starts_a_taper(every_cell):
    pinned = bare("taper_days", 2, every_cell=every_cell, **PINNED_RACE)
    assert pinned.force(*RACE_ON_THURSDAY, "tue pm lower_strength").infeasible
    assert pinned.force(*RACE_ON_THURSDAY, "mon pm lower_strength").feasible
    race_date = bare("taper_days", 2, every_cell=every_cell, **RACE_DATE)
    assert race_date.force("sun am lower_strength").infeasible
    assert race_date.force("sat am lower_strength").feasible


def test_bare_soft_costs_each_heavy_legs_session_in_the_taper():
    assert bare("taper_days", 2, soft=True).force(
        *RACE_ON_THURSDAY, "tue am lower_strength", "wed pm plyometrics").cost == 2


# --- the check alone ---------------------------------------------------------------------

def test_verify_reports_the_lift_and_the_race():
    verify("taper_days", 2).given(*RACE_ON_THURSDAY, "tue pm lower_strength").reports(
        count=1, amount=1, days=(1,), sessions=("lower_strength",),
        message="lower_strength on tue pm is 2 day(s) before the race on thu; taper_days is 2")


def test_verify_names_a_race_date_beyond_the_horizon_by_its_date():
    verify("taper_days", 2, **RACE_DATE).given("sun am lower_strength").reports(
        message="2 day(s) before the race on tue 2027-03-09")


def test_verify_outside_the_taper_reports_nothing():
    verify("taper_days", 2).given(*RACE_ON_THURSDAY, "mon pm lower_strength").reports_nothing()
