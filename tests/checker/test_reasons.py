"""The reasons given for each session's place come from the placed week and the active rules."""

from __future__ import annotations

from scenario_kit import make, placements

from runlift.checker.reasons import bent_rules, placement_reasons
from runlift.models.plan import PlacedPlan
from runlift.planning import solve_problem
from runlift.scenario.resolve import resolve

WEEK = dict(week_start="2027-03-01", sessions={"intervals": 1, "lower_strength": 1, "tempo": 1})
PLAN = ("tue am intervals", "tue pm lower_strength", "thu pm tempo")


def reasons_of(sc, *cells: str) -> dict[str, list[str]]:
    week = PlacedPlan(resolve(sc), placements(sc, *cells))
    found = placement_reasons(week)
    return {p.session: found[p.day, p.slot] for p in week.placed}


def test_stacked_lift_and_key_run_gap_are_named():
    sc = make(**WEEK, rules={"legs_policy": "stack", "lift_to_key_hours": 36})
    reasons = reasons_of(sc, *PLAN)
    assert "stacked on a hard-run day with intervals (legs_policy: stack)" in \
        reasons["lower_strength"]
    # Tue pm lift ends 18:40; Thu pm tempo starts 18:00 two days later: 47.33 h.
    assert "47.33 h after Tuesday's lower_strength (lift_to_key_hours: 36)" in reasons["tempo"]
    assert "47.33 h before Thursday's tempo (lift_to_key_hours: 36)" in \
        reasons["lower_strength"]


def test_same_day_order_is_named_on_both_sessions():
    sc = make(**WEEK, rules={"same_day_order": "run_first"})
    reasons = reasons_of(sc, *PLAN)
    assert "run before lift (same_day_order: run_first)" in reasons["intervals"]
    assert "run before lift (same_day_order: run_first)" in reasons["lower_strength"]
    assert not any("same_day_order" in r for r in reasons["tempo"])


def test_rules_that_are_off_are_not_mentioned():
    sc = make(**WEEK)  # every rule off
    reasons = reasons_of(sc, *PLAN)
    assert all(r == [] for r in reasons.values()), reasons


def test_a_rule_the_session_breaks_gives_no_reason():
    # 36 h asked, but the lift ends 12.33 h before the tempo: no "after" reason.
    sc = make(**WEEK, soft={"lift_to_key_hours": 1}, rules={"lift_to_key_hours": 36})
    reasons = reasons_of(sc, "tue am intervals", "tue pm lower_strength", "wed am tempo")
    assert not any("lift_to_key_hours" in r for r in reasons["tempo"])


def test_pinned_and_preferred_days():
    sc = make(week_start="2027-03-01", sessions={"lower_strength": 1, "tempo": 1},
              fixed=[{"session": "intervals", "day": "tue", "slot": "am"}],
              prefer={"tempo": ["thu"]}, weights={"preferences": 1})
    reasons = reasons_of(sc, *PLAN)
    assert reasons["intervals"][0] == "pinned here by the scenario (fixed)"
    assert "on a preferred day (prefer: thu)" in reasons["tempo"]


def test_bent_soft_rules_come_from_the_result():
    sc = make(week_start="2027-03-01", soft={"lift_to_key_hours": 1},
              rules={"lift_to_key_hours": 48},
              fixed=[{"session": "lower_strength", "day": "tue", "slot": "am"},
                     {"session": "tempo", "day": "wed", "slot": "pm"}])
    result = solve_problem(resolve(sc))
    assert result.soft_violations, "the scenario must force the soft rule to bend"
    lift = next(e for e in result.plan if e.session == "lower_strength")
    assert any(b.startswith("bends lift_to_key_hours (soft):")
               for b in bent_rules(lift, result.soft_violations))
    # from_entries rebuilds the placed plan from the result: same sessions, same places.
    week = PlacedPlan.from_entries(resolve(sc), result.plan)
    assert [(p.day, p.session) for p in week.placed] == [(e.day, e.session) for e in result.plan]


def test_longer_horizons_name_the_day_number():
    sc = make(week_start="2027-03-01", days=14, rules={"lift_to_key_hours": 36},
              sessions={"lower_strength": 1, "tempo": 1})
    reasons = reasons_of(sc, "1 pm lower_strength", "10 am tempo")
    assert "204.33 h after the lower_strength on Tuesday, day 1 (lift_to_key_hours: 36)" in \
        reasons["tempo"]
