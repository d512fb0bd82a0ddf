"""Solving the alternatives: the same results as runlift.api.solve, in order, in or out of
process."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from runlift.api import solve
from runlift.compare.alternatives import Alternative, build_alternatives
from runlift.compare.run import POOL_FROM, compare, solve_payloads
from runlift.scenario.model import Scenario

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
MAIN = SCENARIOS / "half-marathon-build.yaml"
# separate is infeasible for the main week (slow: it is explained); any and stack solve.
VARY = "rules.legs_policy=separate,any,stack"


@cache
def alternatives() -> tuple[Alternative, ...]:
    return tuple(build_alternatives([MAIN], [VARY, "weights.spread=1,3"]))


def test_results_equal_a_direct_solve_of_each_alternative():
    comparison = compare(alternatives(), workers=2)
    assert comparison.labels == [a.label for a in alternatives()]
    for alternative, result in zip(alternatives(), comparison.results, strict=True):
        assert result == solve(Scenario.model_validate(alternative.data))


def test_order_and_content_do_not_depend_on_workers():
    # With two workers the fast feasible alternatives finish before the slow infeasible
    # first ones; the output keeps the order of the alternatives anyway.
    assert len(alternatives()) >= POOL_FROM
    pooled = compare(alternatives(), workers=2)
    serial = compare(alternatives(), workers=1)
    assert [r.model_dump_json() for r in pooled.results] == [
        r.model_dump_json() for r in serial.results]
    assert [r.status for r in pooled.results] == ["infeasible"] * 2 + ["optimal"] * 4


def test_payloads_are_plain_data_and_so_are_the_answers():
    (alternative,) = build_alternatives([MAIN])
    (answer,) = solve_payloads([{"scenario": alternative.data, "time_limit": 5.0}], workers=1)
    assert isinstance(answer, dict)
    assert answer["status"] == "optimal"
    assert isinstance(answer["plan"][0], dict)


def test_time_limit_reaches_the_solver(monkeypatch):
    import runlift.api

    seen = []

    def recording_solve(scenario, *, time_limit, **kwargs):
        seen.append(time_limit)
        return solve(scenario, time_limit=time_limit, **kwargs)

    monkeypatch.setattr(runlift.api, "solve", recording_solve)
    compare(alternatives()[2:4], workers=1, time_limit=0.5)
    assert seen == [0.5, 0.5]


def test_labels_must_be_unique():
    one = Alternative(label="same", data={}, source="a.yaml")
    with pytest.raises(ValueError, match="unique"):
        compare([one, one])
