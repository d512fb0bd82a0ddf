"""Every rule sees across the edge of the horizon: history before day 0 binds the pair
rules and the 7-day windows of the counting rules, in the solver and in the checker."""

from __future__ import annotations

import pytest
from scenario_kit import check, layout, make, rule_violations, solve

ONE_SLOT = {"am": "07:00"}


def history(*entries: str) -> list[dict]:
    """'-1 am lower_strength' -> history entries."""
    out = []
    for text in entries:
        day, slot, session = text.split()
        out.append({"day": int(day), "slot": slot, "session": session})
    return out


# --- pair rules ---------------------------------------------------------------------------
PAIR_CASES = {
    # rule: (its value, the history session, the horizon's demand, a plan that breaks it)
    "lift_to_key_hours": (24, "-1 am lower_strength", {"tempo": 1}, "0 am tempo"),
    "same_muscle_hours": (36, "-1 am lower_strength", {"lower_strength": 1},
                          "0 am lower_strength"),
    "no_heavy_legs_day_after_key": (True, "-1 am tempo", {"lower_strength": 1},
                                    "0 am lower_strength"),
    "no_back_to_back_hard": (True, "-1 am tempo", {"tempo": 1}, "0 am tempo"),
}


@pytest.mark.parametrize("rule", sorted(PAIR_CASES))
def test_a_history_session_binds_a_pair_rule(rule):
    value, done, sessions, _ = PAIR_CASES[rule]
    # Two days, one slot: only day 1 keeps the rule with the history session.
    sc = make(days=2, slots=ONE_SLOT, sessions=sessions, rules={rule: value},
              history=history(done))
    result = solve(sc)
    assert result.status == "optimal"
    assert {e.day for e in result.plan} == {1}
    # Without the history the first day is as good: the rule alone did it.
    free = solve(make(days=1, slots=ONE_SLOT, sessions=sessions, rules={rule: value}))
    assert free.status == "optimal"


@pytest.mark.parametrize("rule", sorted(PAIR_CASES))
def test_the_checker_flags_a_pair_across_the_edge_and_names_history(rule):
    value, done, sessions, broken = PAIR_CASES[rule]
    sc = make(days=2, slots=ONE_SLOT, sessions=sessions, rules={rule: value},
              history=history(done))
    found = rule_violations(check(sc, broken), rule)
    assert len(found) == 1
    assert "history" in found[0].message
    assert -1 in found[0].days


@pytest.mark.parametrize("rule", sorted(PAIR_CASES))
def test_a_pair_wholly_in_history_counts_nothing(rule):
    value, done, _, broken = PAIR_CASES[rule]
    _, slot, session = done.split()
    # The same pair, both before day 0: the past, not a breach.
    earlier = history(f"-2 {slot} {session}", f"-1 {slot} {broken.split()[2]}")
    sc = make(days=1, slots=ONE_SLOT, sessions={}, rules={rule: value}, history=earlier)
    assert check(sc).ok


def test_history_breach_with_no_way_out_names_the_history_session():
    sc = make(days=1, slots=ONE_SLOT, sessions={}, rules={"lift_to_key_hours": 48},
              fixed=[{"session": "intervals", "day": 0, "slot": "am"}],
              history=history("-1 am lower_strength"))
    result = solve(sc)
    assert result.status == "infeasible"
    members = {c.member for c in result.conflicts}
    assert members == {"history:0", "fixed:0", "rule:lift_to_key_hours"}
    history_line = next(c for c in result.conflicts if c.member == "history:0")
    assert history_line.message.startswith("history: lower_strength on sun -1 am was done")
    # No relaxation may change the past.
    assert all(not r.change.startswith("history") for r in result.relaxations)
    assert result.relaxations


def test_taper_of_a_race_on_day_0_reaches_into_history():
    sc = make(days=1, slots=ONE_SLOT, sessions={}, rules={"taper_days": 3},
              fixed=[{"session": "race", "day": 0, "slot": "am"}],
              history=history("-2 am lower_strength"))
    assert solve(sc).status == "infeasible"
    found = rule_violations(check(sc, "0 am race"), "taper_days")
    assert len(found) == 1 and "history" in found[0].message


# --- counting rules in 7-day windows ------------------------------------------------------
def test_a_window_straddling_day_0_binds_max_hard_days():
    # Three hard days just before day 0: any 7-day window ending on days 0..3 already
    # holds them, so a hard day fits first on day 4 (when the window leaves day -3).
    done = history("-3 am tempo", "-2 am tempo", "-1 am tempo")
    sc = make(days=7, slots=ONE_SLOT, sessions={"tempo": 1}, rules={"max_hard_days": 3},
              history=done)
    result = solve(sc)
    assert result.status == "optimal"
    assert min(e.day for e in result.plan) >= 4
    found = rule_violations(check(sc, "1 am tempo"), "max_hard_days")
    assert found and found[0].amount == 1
    assert "in the 7 days" in found[0].message


def test_a_window_straddling_day_0_binds_min_rest_days():
    # Six busy days before day 0: the window ending on day 0 needs day 0 as its rest day.
    done = history(*(f"{d} am easy_run" for d in range(-6, 0)))
    sc = make(days=2, slots=ONE_SLOT, sessions={"easy_run": 1}, rules={"min_rest_days": 1},
              history=done)
    result = solve(sc)
    assert layout(result) == {"tue am easy_run"}
    found = rule_violations(check(sc, "0 am easy_run"), "min_rest_days")
    assert [v.amount for v in found] == [1]


def test_every_week_of_a_long_horizon_keeps_max_hard_days():
    # 28 days, 8 tempos, at most 2 hard days in any 7: two a week fits, three do not.
    sc = make(days=28, slots=ONE_SLOT, sessions={"tempo": 8}, rules={"max_hard_days": 2})
    result = solve(sc)
    assert result.status == "optimal"
    days = sorted(e.day for e in result.plan)
    assert all(sum(1 for d in days if s <= d < s + 7) <= 2 for s in range(22))
    crowded = make(days=28, slots=ONE_SLOT, sessions={"tempo": 9}, rules={"max_hard_days": 2})
    assert solve(crowded).status == "infeasible"
    # A week holding three hard days is flagged even though the total is within 4 x 2.
    found = rule_violations(check(sc, *(f"{d} am tempo" for d in (0, 1, 2, 14, 15, 21, 22,
                                                                  27))), "max_hard_days")
    assert found
