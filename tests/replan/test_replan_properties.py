"""Random small lived weeks: a replan never changes the past, its plan passes the checker
with the log as history, its reasons bind, and on small cases no plan that keeps as much
work makes fewer changes (checked against every possible plan)."""

from __future__ import annotations

import itertools
from collections import Counter
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from replan_kit import log_of, planned_of, problem_of
from test_replan_week import reasons_bind

from runlift.checker import check_plan
from runlift.models.plan import Placement
from runlift.replan.problem import ReplanProblem, build_replan
from runlift.replan.run import replan_week

TYPES = ("easy_run", "tempo", "lower_strength", "core")


@st.composite
def lived_weeks(draw: st.DrawFn, days: int = 5) -> tuple[Any, Any, Any, int]:
    sessions = {t: draw(st.integers(0, 2)) for t in TYPES}
    sessions["easy_run"] = max(1, sessions["easy_run"])
    problem = problem_of(days=days, sessions=sessions, rules={"min_rest_days": 0,
                                                             "max_hard_days": 3})
    planned = planned_of(problem)
    today = draw(st.integers(1, days - 1))
    rows = []
    for p in planned:
        if p.day >= today:
            continue
        status = draw(st.sampled_from(["done", "missed", "none"]))
        if status != "none":
            rows.append({"day": p.day, "slot": p.slot, "session": p.session,
                         "status": status})
    return problem, planned, log_of(*rows), today


def _placed(rp: ReplanProblem, result: Any) -> list[Placement]:
    index = rp.original.slot_index
    return [Placement(e.day - rp.today, index[e.slot], e.session)
            for e in result.plan if e.day >= rp.today]


def _best_by_brute_force(rp: ReplanProblem) -> tuple[int, int]:
    """The most kept work, then the fewest changes, over every plan of the remaining days
    that keeps every hard rule."""
    problem = rp.problem
    pins = [Placement(f.day, f.slot, f.session) for f in problem.fixed]
    pinned = {(p.day, p.slot) for p in pins}
    cells = [c for c in problem.cells if c not in pinned and c not in problem.closed_cells]
    types = sorted(problem.demand)
    best: tuple[int, int] | None = None
    for choice in itertools.product([None, *types], repeat=len(cells)):
        counts = Counter(t for t in choice if t)
        if any(counts[t] > problem.demand[t] for t in counts):
            continue
        plan = pins + [Placement(d, s, t) for (d, s), t in zip(cells, choice, strict=True)
                       if t]
        if not check_plan(problem, plan).ok:
            continue
        kept = sum(rp.weight_of(p.session) for p in plan)
        changes = sum(1 for p in rp.reference if p not in set(plan))
        if best is None or (kept, -changes) > (best[0], -best[1]):
            best = (kept, changes)
    assert best is not None
    return best


SETTINGS = dict(deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow])


@settings(max_examples=25, **SETTINGS)
@given(case=lived_weeks())
def test_the_past_stays_and_the_plan_checks(case: Any) -> None:
    problem, planned, log, today = case
    rp = build_replan(problem, planned, log, today)
    result = replan_week(rp)
    assert result.status == "optimal"
    past = [(e.day, e.slot, e.session) for e in result.plan if e.day < today]
    logged = {(r.day, r.slot, r.session): r.status.value for r in log.entries}
    expected = [(p.day, p.slot, p.session) for p in planned if p.day < today
                and logged.get((p.day, p.slot, p.session)) != "missed"]
    assert sorted(past) == sorted(expected)
    placed = _placed(rp, result)
    assert check_plan(rp.problem, placed).ok
    reasons_bind(rp, placed)
    if not any(r.status.value == "missed" for r in log.entries):
        assert result.counts.changes == 0


@settings(max_examples=12, **SETTINGS)
@given(case=lived_weeks(days=4))
def test_no_plan_keeps_as_much_with_fewer_changes(case: Any) -> None:
    problem, planned, log, today = case
    rp = build_replan(problem, planned, log, max(today, 2))
    result = replan_week(rp)
    kept = sum(rp.weight_of(p.session) for p in _placed(rp, result))
    assert (kept, result.counts.changes) == _best_by_brute_force(rp)
