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
