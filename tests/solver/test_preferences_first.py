"""Preferences come first: by default a stated preference is honoured whenever the hard
rules allow it (a lexicographic objective), a weight makes it one cost among the others,
and 0 turns preferences off. Days and slots can be preferred, and avoided (hard)."""

from __future__ import annotations

import copy
from pathlib import Path

import yaml
from scenario_kit import apply_relaxation, layout, make, placements

from runlift import load_scenario
from runlift.checker import check_plan
from runlift.planning import solve_problem
from runlift.scenario.model import Scenario
from runlift.scenario.resolve import resolve
from runlift.solver.build import build_model
from runlift.solver.joint import JointModel

ADVICE = Path(__file__).resolve().parents[2] / "scenarios" / "advice" / "preferences-honoured.yaml"


def advice(**changes) -> Scenario:
    doc = yaml.safe_load(ADVICE.read_text(encoding="utf-8"))
    doc.update(copy.deepcopy(changes))
    return Scenario.model_validate(doc)


def solved(sc: Scenario):
    return solve_problem(resolve(sc))


def test_the_coaches_week_is_honoured_under_the_default_weights():
    """Legs tue and fri, the long run sat am, tempo thu: all of it, at the cost of a
    heavier Saturday (the long run and an easy run)."""
    result = solved(load_scenario(ADVICE))
    assert result.status == "optimal"
    week = layout(result)
    assert {"tue pm lower_strength", "fri pm lower_strength", "sat am long_run",
            "thu am tempo"} <= week
    assert result.missed_preferences == []
    assert result.objective.terms["preferences"] == 0
    assert result.metrics.peak_daily_load == 765


def test_weighted_one_a_miss_the_same_week_trades_the_long_run_for_balance():
    result = solved(advice(weights={"preferences": 1}))
    assert result.status == "optimal"
    (m,) = result.missed_preferences
    assert (m.session, m.wanted) == ("long_run", "sat am")
    # Saturday morning holds an easy run that has nowhere else to go on its own (easy
    # runs avoid sunday and monday, one a day): honouring the long run takes two moves.
    assert m.because == "sat am: swapping with the easy_run there breaks avoid"
    assert result.metrics.peak_daily_load < 765
    # A weight that outprices the balance honours it again.
    assert solved(advice(weights={"preferences": 100})).missed_preferences == []


def test_preferences_off_are_neither_priced_nor_listed():
    result = solved(advice(weights={"preferences": 0}))
    assert "preferences" not in result.objective.terms
    assert result.missed_preferences == []


def test_a_preferred_slot_puts_the_session_in_that_slot():
    for slot in ("am", "pm"):
        sc = make(week_start="2027-03-01", sessions={"long_run": 1},
                  prefer={"long_run": [f"sat {slot}"]}, weights={"preferences": "first"})
        result = solved(sc)
        assert layout(result) == {f"sat {slot} long_run"}
        assert result.missed_preferences == []


def test_a_preference_a_hard_rule_blocks_is_listed_with_that_rules_name():
    """Legs on Friday and the long run on Saturday morning cannot both be had with 48 h
    between a lift and a key run: the long run keeps its Saturday (the legs miss, and say
    why), and the missed preference is the only one."""
    sc = make(week_start="2027-03-01", slots={"am": "07:00"},
              sessions={"lower_strength": 1, "long_run": 1},
              prefer={"lower_strength": ["fri"], "long_run": ["sat"]},
              rules={"lift_to_key_hours": 48}, weights={"preferences": "first", "balance": 1})
    result = solved(sc)
    assert result.status == "optimal"
    assert result.objective.terms["preferences"] == 1
    (m,) = result.missed_preferences
    assert m.session == "lower_strength"
    assert "lift_to_key_hours" in m.by and "lift_to_key_hours" in m.because


def test_the_ranked_objective_dominates_everything_else_the_week_can_cost():
    problem = resolve(load_scenario(ADVICE))
    built = build_model(problem)
    least, most = built._rest_range
    assert built.rank_weight == most - least + 1
    ranked: dict[int, int] = {}
    for lit, coef in built.ranked_objective:
        ranked[lit] = ranked.get(lit, 0) + coef
    # One unit of the first terms weighs rank_weight: more than the rest can ever vary.
    assert all(ranked[lit] == coef * built.rank_weight for lit, coef in built.first_objective)
    assert built.rank_weight > most - least
    # Bounds come back in units of the total: a ranked bound of rank_weight * 1 + rest
    # with one miss proven is a total of 1 + rest.
    rest = least + 5
    assert built.total_bound(built.rank_weight + rest, 1) == 1 + rest
    # With no miss proven yet, the bound is no more than a plan with none could cost.
    assert built.total_bound(least + 3, 1) == min(least + 3, least + 1)


def test_weeks_planned_together_keep_preferences_first():
    """The joint model (consecutive weeks of a block, a squad's gym) settles the missed
    preferences first when its weighted sum misses one."""
    joint = JointModel([resolve(load_scenario(ADVICE))])
    found = joint.search(10.0)
    assert found.status == "optimal"
    assert found.solutions[0].first_objective == 0
    problem = resolve(advice(weights={"preferences": 1}))
    weighted = JointModel([problem]).search(10.0)
    assert weighted.solutions[0].first_objective is None  # a weighted sum has no first level
    assert check_plan(problem, weighted.solutions[0].placements).costs["preferences"] == 1


# --- avoid: hard, named in checks and explanations -----------------------------------------

def test_the_solver_never_uses_an_avoided_day_or_slot():
    result = solved(load_scenario(ADVICE))
    assert not any(e.session == "easy_run" and e.weekday in ("sun", "mon")
                   for e in result.plan)
    sc = make(days=3, slots={"am": "07:00", "pm": "18:00"}, sessions={"tempo": 1},
              avoid={"tempo": [0, 1, "2 am"]})
    assert layout(solved(sc)) == {"wed pm tempo"}


def test_the_check_flags_a_session_in_an_avoided_slot():
    sc = make(sessions={"long_run": 1}, avoid={"long_run": ["fri pm"]})
    report = check_plan(resolve(sc), placements(sc, "fri pm long_run"))
    assert [v.rule for v in report.violations] == ["avoid"]
    assert report.violations[0].message == (
        "long_run on fri pm is a place its type avoids (avoid: long_run not on fri pm)")


def test_an_explanation_names_the_avoid_entry_and_removing_it_works():
    doc = dict(days=2, slots={"am": "07:00"}, sessions={"lower_strength": 1},
               avoid={"lower_strength": ["mon", "tue"]})
    sc = make(**doc)
    result = solve_problem(resolve(sc), scenario=sc)
    assert result.status == "infeasible"
    assert {c.member for c in result.conflicts} == {"avoid:lower_strength.0",
                                                   "avoid:lower_strength.1",
                                                   "sessions:lower_strength"}
    assert "no lower_strength on mon (avoid)" in [c.message for c in result.conflicts]
    allow = next(r for r in result.relaxations if r.rule == "avoid")
    assert allow.change in ("avoid.lower_strength.0", "avoid.lower_strength.1")
    assert allow.message.startswith("allow lower_strength on ")
    fixed = Scenario.model_validate(apply_relaxation(sc.model_dump(), allow))
    assert solved(fixed).has_plan
