"""`check` grows linearly with the plan: the spread cost from each day's count of a type
(equal to the sum over pairs), repeated rows read once. bench/bench_check.py measures
10^4 to 10^6 rows; here a plan of 20,000 rows, which took 107 s when the spread cost
compared every pair, must take a few seconds of CPU at most."""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from runlift.api import check, load_plan
from runlift.models.plan import PlacedPlan, Placement
from runlift.rules.terms.spread import MEMBER as SPREAD
from runlift.rules.terms.spread import ideal_gap
from runlift.scenario.model import Scenario
from runlift.scenario.resolve import resolve

TYPES = ("easy_run", "core", "tempo")


def pairwise_spread(plan: PlacedPlan) -> int:
    """The definition: over every pair of same-type sessions, gap - days apart, if > 0."""
    placed, total = plan.placed, 0
    for i, a in enumerate(placed):
        for b in placed[i + 1:]:
            if a.session == b.session:
                total += max(0, ideal_gap(plan.problem, a.session) - abs(b.day - a.day))
    return total


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 10), st.lists(st.tuples(st.integers(0, 9), st.sampled_from(TYPES)),
                                    max_size=30), st.dictionaries(st.sampled_from(TYPES),
                                                                  st.integers(0, 3)))
def test_spread_cost_is_the_sum_over_pairs(days, rows, demand):
    problem = resolve(Scenario.model_validate({
        "days": days, "slots": {"am": "07:00", "pm": "18:00", "eve": "21:00"},
        "sessions": {t: min(n, days) for t, n in demand.items()}, "rules": {}}))
    plan = PlacedPlan(problem, [Placement(d % days, d % 3, t) for d, t in rows])
    assert SPREAD.cost(plan) == pairwise_spread(plan)


def test_a_plan_of_20000_rows_is_checked_in_seconds(tmp_path):
    problem = resolve(Scenario.model_validate({
        "days": 28, "slots": {f"s{h}": f"{h:02d}:00" for h in range(24)},
        "sessions": {"easy_run": 2, "core": 2}}))  # an ideal gap of 14 days
    plan = tmp_path / "plan.csv"
    plan.write_text("day,slot,session\n" + "".join(
        f"{i % 28},s{i // 28 % 24},{TYPES[i % 2]}\n" for i in range(20_000)))
    started = time.process_time()
    result = check(problem, load_plan(plan, problem))
    assert time.process_time() - started < 10
    assert len(result.plan) == 20_000
    assert {v.rule for v in result.violations} >= {"one_per_slot", "sessions"}


PAIRED = ("easy_run", "tempo", "lower_strength", "posterior_chain", "mobility", "long_run")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 6), st.integers(0, 2), st.sampled_from(PAIRED)),
                max_size=40),
       st.booleans(), st.randoms(use_true_random=False))
def test_rows_alike_check_alike_shared_or_not_in_any_order(rows, repeat, rnd):
    """A plan file's rows alike are one Placement, counted in runs (runlift.models.plan):
    the same rows in another order are checked the same, and so are distinct objects
    (these types are never both a run and heavy-legs work, which the pair rules tell
    apart by identity: see the test below)."""
    problem = resolve(Scenario.model_validate({
        "days": 7, "slots": {"am": "07:00", "pm": "18:00", "eve": "21:00"},
        "sessions": {"easy_run": 2, "tempo": 1, "lower_strength": 1, "long_run": 1},
        "prefer": {"long_run": ["sun"]}, "avoid": {"tempo": ["mon"]},
        "unavailable": ["wed eve"], "fixed": [{"session": "tempo", "day": "thu", "slot": "am"}],
        "rules": {"stack_with": ["tempo"], "rest_after_stacked": True,
                  "max_gap_days": {"easy_run": 2}},
        **({"repeat": True} if repeat else
           {"history": [{"day": -1, "slot": "pm", "session": "lower_strength"},
                        {"day": -2, "slot": "am", "session": "long_run"}]})}))
    distinct = [Placement(d, s, t) for d, s, t in rows]
    one_of: dict[Placement, Placement] = {}
    shared = [one_of.setdefault(p, p) for p in distinct]
    shuffled = rnd.sample(shared, len(shared))
    expected = check(problem, distinct).to_json()
    assert check(problem, shared).to_json() == expected
    assert check(problem, shuffled).to_json() == expected


def test_a_row_spelled_two_ways_is_two_sessions_in_the_order_of_the_rows(tmp_path):
    """Rows alike are one session, told apart from the others by identity (stack_with's
    'shares its day with'); one spelled two ways ('mon', '0') is two, in the order the
    rows give them: the counted runs keep that order."""
    problem = resolve(Scenario.model_validate({
        "days": 7, "slots": {"am": "07:00", "pm": "18:00"}, "sessions": {"hill_sprints": 2},
        "catalog": {"hill_sprints": {"kind": "run", "intensity": "hard", "minutes": 30,
                                     "rpe": 9, "key": True, "heavy_legs": True}},
        "rules": {"stack_with": []}}))
    plan = tmp_path / "plan.csv"
    plan.write_text("day,slot,session\nmon,am,hill_sprints\n0,am,hill_sprints\n"
                    "mon,am,hill_sprints\nmon,pm,hill_sprints\n")
    result = check(problem, load_plan(plan, problem))
    said = [v.message.split(" shares its day with ")[1].split(";")[0]
            for v in result.violations if v.rule == "stack_with"]
    assert said == ["hill_sprints on mon am, hill_sprints on mon pm",
                    "hill_sprints on mon am, hill_sprints on mon am, hill_sprints on mon pm",
                    "hill_sprints on mon am, hill_sprints on mon pm",
                    "hill_sprints on mon am, hill_sprints on mon am, hill_sprints on mon am"]
